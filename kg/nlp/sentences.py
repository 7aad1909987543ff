"""Sentence splitting on Chinese and Latin terminators, with exact character offsets."""

from __future__ import annotations

import re

MAX_SENTENCE = 300  # characters; longer stretches are cut at commas (never mid-word)

_END = re.compile(
    r"""(?:[。！？!?…]+|；|;|\.(?=\s)|\.$)[”’"'」』）)\]】]*"""  # terminators and closing quotes
    r"""|\n+""",
)
_SOFT = re.compile(r"[，,、：:]\s*|\s+")


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        window = text[start : start + MAX_SENTENCE]
        cut = None
        for match in _SOFT.finditer(window):
            if match.end() > MAX_SENTENCE // 3:
                cut = match.end()
        cut = cut or MAX_SENTENCE
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, whitespace trimmed, none empty."""
    spans = []
    start = 0
    for match in _END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.extend(_cut_long(text, s, e))
    return out
