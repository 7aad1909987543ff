"""Self-training: raw news text labelled by trained models ("teachers"), added to training.

The annotated People's Daily-style text here is small (about 5,500 sentences), and the
model learns its names by heart. Raw news text labelled by an ensemble of trained
models (the mean of their tag log-probabilities, decoded as one) adds sentences whose
names the student must find from context, and carries the ensemble's agreement, which
scores higher than any one of its members.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy

from kg.nlp.entity_tagger import decode_batch
from kg.nlp.extract import load_pipeline
from kg.train.corpora import Example

SIGHAN_TEXTS = ("pku_test_gold.utf8", "msr_test_gold.utf8")


def sighan_texts(data_dir: Path, exclude: set[str], max_length: int = 500) -> list[str]:
    """The running text of the SIGHAN 2005 test sets (spaces between words removed),
    distinct lines of at most ``max_length`` characters, less any text in ``exclude``."""
    texts: dict[str, None] = {}
    for name in SIGHAN_TEXTS:
        path = data_dir / "sighan2005" / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                text = "".join(line.split())
                if 0 < len(text) <= max_length and text not in exclude:
                    texts.setdefault(text)
    return list(texts)


def _tag_log_probs(nlp, texts: list[str]) -> list[numpy.ndarray]:
    docs = [nlp.make_doc(text) for text in texts]
    for name, proc in nlp.pipeline:
        if name == "ner":
            return [numpy.log(s + 1e-9) for s in proc.predict(docs)]
        docs = list(proc.pipe(docs))
    raise ValueError("pipeline has no 'ner' component")


def label_texts(texts: list[str], teachers: Iterable[Path], batch_size: int = 512) -> list[Example]:
    """Each text with the names the teachers' ensemble finds, read with People's
    Daily's annotation convention (the one kg reads news with)."""
    teachers = list(teachers)
    total: list[numpy.ndarray] = []
    tags: tuple[str, ...] = ()
    for path in teachers:
        nlp = load_pipeline(model=path, patterns=False)
        labels = tuple(nlp.get_pipe("ner").labels)
        if tags and labels != tags:
            raise ValueError(f"teacher {path} has tags {labels}, not {tags}")
        tags = labels
        scores = [s for i in range(0, len(texts), batch_size) for s in _tag_log_probs(nlp, texts[i : i + batch_size])]
        total = [a + b for a, b in zip(total, scores)] if total else scores
    if not total:
        return []
    paths = decode_batch([numpy.exp(score / len(teachers)) for score in total], tags)
    examples = []
    for text, spans in zip(texts, paths):
        doc = nlp.make_doc(text)
        examples.append(
            Example(
                text, [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label) for s, e, label in spans], source="silver"
            )
        )
    return examples
