"""The NLP stage: the shipped spaCy pipeline and what kg reads from its Docs."""

from kg.nlp import components, entity_tagger  # noqa: F401  (spaCy registry entries)
