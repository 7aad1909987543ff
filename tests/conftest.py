from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.extract import Extraction, Mention
from kg.nlp.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    import kg

    return kg.load_pipeline()


@pytest.fixture(scope="session")
def seed_graph(nlp):
    import kg

    return kg.build([SEEDS], nlp=nlp)


def make_extraction(doc_id: str, text: str, mentions: list[tuple[str, str]], date: str | None = None) -> Extraction:
    """An Extraction built by hand: each (surface, label) is found in order in ``text``,
    so resolution and graph tests do not depend on the trained model."""
    sentences = [(s, e, text[s:e]) for s, e in split_sentences(text)]
    found, pos = [], 0
    for surface, label in mentions:
        start = text.index(surface, pos)
        end = start + len(surface)
        sentence = next(i for i, (s, e, _) in enumerate(sentences) if s <= start < e)
        bracket = None
        rest = text[end : end + 40]
        if rest.startswith(("（", "(")) and ("）" in rest or ")" in rest):
            inner = rest[1:].split("）")[0].split(")")[0]
            bracket = inner if inner.isascii() else None
        found.append(Mention(surface, label, start, end, sentence, [], bracket))
        pos = end
    return Extraction(doc_id, f"{doc_id}.txt", doc_id, None, date, sentences, [0] * len(sentences), found)
