"""The alias table: names that stand for one entity, each under one entity type.

Rows come from CLDR's country names, the shipped ``kg/data/aliases.csv`` and the user's own
files in the same format; a row whose alias starts with ``!`` keeps two names apart.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from kg.nlp.countries import country_names
from kg.nlp.normalize import normalize


@dataclass(frozen=True)
class AliasEntry:
    canonical: str
    type: str
    alias: str
    source: str
    split: bool = False


@dataclass
class AliasTable:
    """Alias rows keyed by (type, normal form of the alias)."""

    merges: dict[tuple[str, str], str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # normal form -> type, for names of one type only
    splits: set[tuple[str, str, str]] = field(default_factory=set)  # (type, alias key, canonical key)
    canonical_names: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, entry: AliasEntry) -> None:
        ckey = normalize(entry.canonical)
        akey = normalize(entry.alias.lstrip("!"))
        if entry.split:
            self.splits.add((entry.type, akey, ckey))
            self.merges.pop((entry.type, akey), None)
            return
        self.canonical_names[(entry.type, ckey)] = entry.canonical
        self.merges[(entry.type, akey)] = ckey
        self.merges.setdefault((entry.type, ckey), ckey)
        for key in (akey, ckey):
            # a name listed under two types tells nothing about its type
            self.types[key] = entry.type if self.types.get(key, entry.type) == entry.type else ""

    def lookup(self, etype: str, key: str) -> str | None:
        return self.merges.get((etype, key))


def read_alias_rows(text: str) -> list[AliasEntry]:
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        canonical = (row.get("canonical") or "").strip()
        if not canonical or canonical.startswith("#") or not row.get("alias"):
            continue
        alias = row["alias"].strip()
        rows.append(
            AliasEntry(
                canonical, row["type"].strip().upper(), alias, (row.get("source") or "").strip(), alias.startswith("!")
            )
        )
    return rows


def load_alias_table(extra: Iterable[str | Path] = ()) -> AliasTable:
    """Country names (CLDR), the shipped table (kg/data/aliases.csv) and user files in
    the same format, each able to override the ones before it."""
    table = AliasTable()
    for canonical, variants in country_names().items():
        for alias in (canonical, *variants):
            table.add(AliasEntry(canonical, "GPE", alias, "CLDR territory names (Babel)"))
    for entry in read_alias_rows(resources.files("kg.data").joinpath("aliases.csv").read_text(encoding="utf-8")):
        table.add(entry)
    for path in extra:
        for entry in read_alias_rows(Path(path).read_text(encoding="utf-8-sig")):
            table.add(entry)
    return table
