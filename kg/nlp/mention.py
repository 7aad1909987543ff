"""One name found in a document: the record every extraction step reads and writes."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable


@dataclass(slots=True)  # hundreds of thousands are held at once
class Mention:
    text: str  # surface form exactly as in the document
    label: str
    start: int  # character offsets in the document text
    end: int
    sentence: int  # index into Extraction.sentences
    titles: list[str] = field(default_factory=list)
    bracketed: str | None = None  # a Latin name, or an organisation's short name, in brackets after it


def sentence_of(sentence_starts: list[int], pos: int) -> int:
    """The index of the sentence that holds offset ``pos`` (the first, before any)."""
    return max(bisect_right(sentence_starts, pos) - 1, 0)


def sentence_around(text: str, sentence_starts: list[int], pos: int) -> str:
    """The sentence of ``text`` that holds offset ``pos``."""
    index = sentence_of(sentence_starts, pos)
    end = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else len(text)
    return text[sentence_starts[index] if sentence_starts else 0 : end]


def in_text_order(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions sorted by where they start, then end."""
    return sorted(mentions, key=lambda m: (m.start, m.end))
