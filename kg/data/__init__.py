"""Editable data files shipped with kg (aliases, titles, triggers, entity patterns)."""
