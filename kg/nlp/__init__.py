"""The NLP stage: the shipped spaCy pipeline and what kg reads from its Docs."""

from kg.nlp import components, entity_tagger, ops  # noqa: F401  (spaCy and thinc registry entries)
