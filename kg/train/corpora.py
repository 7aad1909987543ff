"""Read the shared NER corpora and map their labels to kg's OntoNotes-style labels.

Each reader yields ``Example(text, spans, missing)`` records with character offsets
(end exclusive). The label map is documented in docs/MODEL_CARD.md; keep the two in step.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ahocorasick_rs import AhoCorasick, MatchKind
from spacy.tokens import DocBin
from spacy.training import Corpus
from spacy.util import registry

from kg.nlp.components import CONVENTION
from kg.nlp.entity_tagger import TEACHER
from kg.nlp.lexicon import location_label

Span = tuple[int, int, str]


def _place_label(surface: str) -> str:
    """GPE or LOC for a corpus's place, by its name (``location_label``). A facility is LOC
    here: the shipped model has no FAC tags, and kg's extraction types facilities by their
    names' endings whatever place type the model gives them."""
    label = location_label(surface)
    return "LOC" if label == "FAC" else label


PEOPLES_DAILY_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": _place_label}
WEIBO_MAP = {"PER.NAM": "PERSON", "ORG.NAM": "ORG", "GPE.NAM": "GPE", "LOC.NAM": "LOC"}
CLUENER_MAP = {
    "name": "PERSON",
    "company": "ORG",
    "organization": "ORG",
    "government": "ORG",
    "address": _place_label,
    "game": "PRODUCT",
    "book": "WORK_OF_ART",
    "movie": "WORK_OF_ART",
    # scene (景点) mixes FAC and LOC; mark it unknown so the model learns neither way.
    "scene": None,
    # position (总统, 次长) is a title, not a name: kg reads titles in resolution.
    "position": "O",
}

# Coarse types used to score every split the same way (see evaluate.py).
COARSE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class Example:
    text: str
    spans: list[Span]
    missing: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""


def _map(label: str, surface: str, table: dict) -> str | None:
    """Mapped label, "O" for not-an-entity, None for unknown (missing in training)."""
    target = table.get(label, "O")
    if callable(target):
        return target(surface)
    return target


def _bio_blocks(path: Path) -> Iterator[list[tuple[str, str]]]:
    block: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
                continue
            if "\t" in line:
                char, tag = line.split("\t", 1)
            else:
                char, _, tag = line.rpartition(" ")
            yield_char = char if char else " "
            block.append((yield_char, tag.strip()))
    if block:
        yield block


def _bio_to_example(block: list[tuple[str, str]], table: dict, source: str) -> Example:
    text = "".join(c for c, _ in block)
    raw: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, (_, tag) in enumerate(block + [("", "O")]):
        inside = tag.startswith("I-") and label == tag[2:] and start >= 0
        if inside:
            continue
        if start >= 0:
            raw.append((start, i, label))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    ex = Example(text, [], source=source)
    for s, e, lab in raw:
        mapped = _map(lab, text[s:e], table)
        if mapped is None:
            ex.missing.append((s, e))
        elif mapped != "O":
            ex.spans.append((s, e, mapped))
    return ex


def read_peoples_daily(path: Path) -> list[Example]:
    return [_bio_to_example(b, PEOPLES_DAILY_MAP, "peoples_daily") for b in _bio_blocks(path)]


def read_weibo(path: Path) -> list[Example]:
    """Weibo CoNLL: each character carries a segment-position digit (科0), dropped here."""
    examples = []
    for block in _bio_blocks(path):
        chars = [(c[:-1] if len(c) > 1 and c[-1].isdigit() else c, t) for c, t in block]
        examples.append(_bio_to_example(chars, WEIBO_MAP, "weibo"))
    return examples


def read_cluener(path: Path) -> list[Example]:
    examples = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            ex = Example(text, [], source="cluener")
            for label, surfaces in record.get("label", {}).items():
                for surface, offsets in surfaces.items():
                    for start, end_incl in offsets:
                        mapped = _map(label, surface, CLUENER_MAP)
                        if mapped is None:
                            ex.missing.append((start, end_incl + 1))
                        elif mapped != "O":
                            ex.spans.append((start, end_incl + 1, mapped))
            examples.append(ex)
    return examples


@dataclass
class Splits:
    train: list[Example]
    dev: list[Example]
    eval: dict[str, list[Example]]


SOURCES = ("peoples_daily", "weibo", "cluener")


def name_like(examples: list[Example], min_share: float = 0.5) -> set[str]:
    """Entity surfaces (two characters or more) that the corpora mark as a name in at
    least ``min_share`` of the places they occur."""
    surfaces = {ex.text[s:e] for ex in examples for s, e, _ in ex.spans if e - s >= 2}
    if not surfaces:
        return set()
    matcher = AhoCorasick(sorted(surfaces), matchkind=MatchKind.LeftmostLongest)
    seen: Counter = Counter()
    marked: Counter = Counter()
    for ex in examples:
        spans = {(s, e) for s, e, _ in ex.spans}
        for _, start, end in matcher.find_matches_as_indexes(ex.text):
            seen[ex.text[start:end]] += 1
            marked[ex.text[start:end]] += (start, end) in spans
    return {name for name in surfaces if marked[name] >= min_share * seen[name]}


def mark_unannotated(examples: list[Example], names: set[str]) -> list[Example]:
    """Copies of the examples in which each unannotated occurrence of a name in ``names``
    is marked unknown (missing) instead of "not an entity".

    CLUENER marks 中国 in about half the sentences it occurs in and leaves it plain in
    the rest; trained as written, those sentences teach the model not to tag it, which
    costs recall on fully annotated news. Unknown tokens are neither rewarded nor
    punished, so the model learns these names from the sentences that do mark them."""
    if not names:
        return list(examples)
    matcher = AhoCorasick(sorted(names), matchkind=MatchKind.LeftmostLongest)
    out = []
    for ex in examples:
        taken = [(s, e) for s, e, _ in ex.spans] + ex.missing
        extra = [
            (start, end)
            for _, start, end in matcher.find_matches_as_indexes(ex.text)
            if not any(start < e and s < end for s, e in taken)
        ]
        out.append(Example(ex.text, ex.spans, ex.missing + extra, ex.source) if extra else ex)
    return out


def load_splits(
    data_dir: Path,
    peoples_daily_weight: int = 1,
    sources: tuple[str, ...] = SOURCES,
    weibo_weight: int = 1,
    unknown_names: bool = False,
) -> Splits:
    """The fixed splits. Held-out evaluation sets are never trained on:
    the last 1,000 sentences of People's Daily test.bio, Weibo test, CLUENER dev.
    ``dev`` (for choosing checkpoints) is carved from the training sources.
    ``unknown_names``: in Weibo and CLUENER (annotated less completely than People's
    Daily), unannotated occurrences of names the training corpora usually mark are
    unknown rather than "not an entity" (:func:`mark_unannotated`)."""
    pd_test = read_peoples_daily(data_dir / "peoples_daily" / "test.bio")
    pd_dev = read_peoples_daily(data_dir / "peoples_daily" / "dev.bio")
    weibo_train = read_weibo(data_dir / "weibo" / "train.conll")
    weibo_dev = read_weibo(data_dir / "weibo" / "dev.conll")
    cluener_train = read_cluener(data_dir / "cluener" / "train.json")
    held_out = {
        "peoples_daily": pd_test[-1000:],
        "weibo": read_weibo(data_dir / "weibo" / "test.conll"),
        "cluener": read_cluener(data_dir / "cluener" / "dev.json"),
    }
    # Weibo repeats some posts across its splits: a text in any held-out set is
    # dropped from training and dev, so no held-out sentence is ever trained on.
    seen = {ex.text for examples in held_out.values() for ex in examples}

    def fresh(examples: list[Example]) -> list[Example]:
        return [ex for ex in examples if ex.text not in seen]

    pd_pool = fresh(pd_test[:-1000] + pd_dev)
    weibo_train, weibo_dev, cluener_train = fresh(weibo_train), fresh(weibo_dev), fresh(cluener_train)
    if unknown_names:
        names = name_like(pd_pool + weibo_train + weibo_dev + cluener_train)
        weibo_train, weibo_dev = mark_unannotated(weibo_train, names), mark_unannotated(weibo_dev, names)
        cluener_train = mark_unannotated(cluener_train, names)

    def use(source: str, examples: list[Example]) -> list[Example]:
        return examples if source in sources else []

    dev = use("peoples_daily", pd_pool[-400:]) + use("weibo", weibo_dev[-100:]) + use("cluener", cluener_train[-500:])
    train = (
        use("peoples_daily", pd_pool[:-400] * peoples_daily_weight)
        + use("weibo", (weibo_train + weibo_dev[:-100]) * weibo_weight)
        + use("cluener", cluener_train[:-500])
    )
    return Splits(train=train, dev=dev, eval=held_out)


def convention(source: str) -> str:
    """The annotation convention a corpus's texts are tagged with: People's Daily's is
    the unmarked one, the one kg reads news with (and so the one silver text, labelled
    by models reading it as kg does, follows)."""
    return "" if source in ("peoples_daily", "silver") else source


def to_docbin(examples: Iterable[Example], nlp, teacher: tuple[tuple[str, ...], dict] | None = None) -> DocBin:
    """Tokenise with the pipeline's own tokenizer, attach the entity spans and tag each
    doc with its corpus's annotation convention (read by ``kg.CharNgramEmbed.v1`` when
    its ``conventions`` is on, ignored otherwise). ``teacher``: tags and, by text and
    convention, tag probabilities to distil from (:func:`kg.train.teachers.teacher_marginals`)."""
    db = DocBin(store_user_data=True)
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        if tag := convention(ex.source):
            doc.user_data[CONVENTION] = tag
        if teacher and (ex.text, tag) in teacher[1]:
            doc.user_data[TEACHER] = (list(teacher[0]), teacher[1][ex.text, tag].tobytes())
        ents, missing = [], []
        for start, end, label in sorted(ex.spans):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or (ents and span.start < ents[-1].end):
                continue
            ents.append(span)
        for start, end in ex.missing:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
                missing.append(span)
        doc.set_ents(ents, missing=missing, default="outside")
        db.add(doc)
    return db


@registry.readers("kg.ConventionCorpus.v1")
def convention_corpus(
    path: Path | None, max_length: int = 0, gold_preproc: bool = False, limit: int = 0, augmenter=None
):
    """spaCy's corpus reader, except that each text the model reads carries its
    corpus's annotation convention (spaCy re-tokenises the text and drops user data)."""
    corpus = Corpus(path, max_length=max_length, gold_preproc=gold_preproc, limit=limit, augmenter=augmenter)

    def read(nlp):
        for eg in corpus(nlp):
            if CONVENTION in eg.reference.user_data:
                eg.predicted.user_data[CONVENTION] = eg.reference.user_data[CONVENTION]
            yield eg

    return read
