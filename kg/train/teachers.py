"""Learning from trained models ("teachers"): self-training and distillation.

The annotated People's Daily-style text here is small (about 5,500 sentences), and the
model learns its names by heart. An ensemble of trained models (the mean of their tag
log-probabilities) scores higher than any one of its members. Two ways to pass that on:

- silver text (:func:`label_texts`): raw news text with the names the ensemble finds,
  trained on like annotated text;
- distillation (:func:`teacher_marginals`): for each text, the ensemble's probability
  of every tag at every token (forward-backward over the BILUO rules), which the CRF
  loss of ``kg_entity_tagger`` mixes into its target (its ``distill`` setting).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy

from kg.nlp.components import CONVENTION
from kg.nlp.entity_tagger import _log_partition, decode_batch, transition_mask
from kg.nlp.extract import load_pipeline
from kg.train.corpora import Example, convention


def _tag_log_probs(nlp, texts: list[str], conventions: list[str]) -> list[numpy.ndarray]:
    docs = [nlp.make_doc(text) for text in texts]
    for doc, tag in zip(docs, conventions):
        if tag:
            doc.user_data[CONVENTION] = tag
    for name, proc in nlp.pipeline:
        if name == "ner":
            return [numpy.log(s + 1e-9) for s in proc.predict(docs)]
        docs = list(proc.pipe(docs))
    raise ValueError("pipeline has no 'ner' component")


def ensemble_scores(
    texts: list[str], teachers: list[Path], conventions: list[str] | None = None, batch_size: int = 512
) -> tuple[tuple[str, ...], list[numpy.ndarray]]:
    """The teachers' tags and, for each text, their mean tag log-probabilities
    (tokens x tags), reading it with its annotation convention (default: People's
    Daily's, as kg reads news)."""
    conventions = conventions or [""] * len(texts)
    total: list[numpy.ndarray] = []
    tags: tuple[str, ...] = ()
    for path in teachers:
        nlp = load_pipeline(model=path, patterns=False)
        labels = tuple(nlp.get_pipe("ner").labels)
        if tags and labels != tags:
            raise ValueError(f"teacher {path} has tags {labels}, not {tags}")
        tags = labels
        scores = [
            s
            for i in range(0, len(texts), batch_size)
            for s in _tag_log_probs(nlp, texts[i : i + batch_size], conventions[i : i + batch_size])
        ]
        total = [a + b for a, b in zip(total, scores)] if total else scores
    return tags, [score / len(teachers) for score in total]


def label_texts(texts: list[str], teachers: Iterable[Path]) -> list[Example]:
    """Each text with the names the teachers' ensemble finds (its best tag path)."""
    teachers = list(teachers)
    tags, scores = ensemble_scores(texts, teachers)
    tokenizer = load_pipeline(model=teachers[0], patterns=False).tokenizer
    examples = []
    for text, spans in zip(texts, decode_batch([numpy.exp(s) for s in scores], tags)):
        doc = tokenizer(text)
        names = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label) for s, e, label in spans]
        examples.append(Example(text, names, source="silver"))
    return examples


def other_convention_texts(examples: Iterable[Example]) -> list[str]:
    """The distinct texts of the examples annotated by other rules than People's
    Daily's (Weibo, CLUENER): added unannotated, the teachers read them as kg reads
    news, so the student learns that reading of them too."""
    return list(dict.fromkeys(ex.text for ex in examples if convention(ex.source)))


def teacher_marginals(
    examples: Iterable[Example], teachers: Iterable[Path], group: int = 256
) -> tuple[tuple[str, ...], dict[tuple[str, str], numpy.ndarray]]:
    """The teachers' tags and, for each distinct (text, annotation convention) of the
    examples, the ensemble's probability of each tag at each token (tokens x tags,
    float16) over the valid BILUO paths, reading the text with that convention."""
    keys = sorted({(ex.text, convention(ex.source)) for ex in examples}, key=lambda k: len(k[0]))
    texts = [text for text, _ in keys]  # similar lengths together: little padding
    tags, scores = ensemble_scores(texts, list(teachers), [tag for _, tag in keys])
    masks = transition_mask(tags)
    out: dict[tuple[str, str], numpy.ndarray] = {}
    for i in range(0, len(texts), group):
        batch = scores[i : i + group]
        lengths = numpy.array([len(s) for s in batch])
        padded = numpy.zeros((len(batch), max(lengths.max(initial=0), 1), len(tags)))
        for j, s in enumerate(batch):
            padded[j, : len(s)] = s
        _, log_marginals = _log_partition(padded, lengths, masks)
        for j, key in enumerate(keys[i : i + group]):
            out[key] = numpy.exp(log_marginals[j, : lengths[j]]).astype(numpy.float16)
    return tags, out
