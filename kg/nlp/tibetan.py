"""Tibetan names the model cut (泽措姆 of 降泽措姆, 索朗 of 索朗旺堆): a Tibetan given name is
most often two parts of two characters each, from a small set (``kg/data/tibetan_name_parts.txt``),
and the model, which saw few of them, stops inside one. A person's span of two or three
characters that, with the characters beside it, makes two such parts is grown to them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kg.nlp.lexicon import data_words
from kg.nlp.mention import Mention
from kg.nlp.normalize import simplified_in_place


@lru_cache(maxsize=1)
def name_parts() -> frozenset[str]:
    """The parts of Tibetan given names (in Simplified), from the package's data file."""
    return data_words("tibetan_name_parts.txt")


def complete_tibetan_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each person's span of two or three characters grown to the four
    characters around it that make two parts of a Tibetan name, where no other name's span
    stands in the way."""
    parts = name_parts()
    folded = simplified_in_place(text)
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    out = []
    for m in mentions:
        if m.label == "PERSON" and 2 <= m.end - m.start <= 3:
            for start in range(m.end - 4, m.start + 1):  # four characters holding the span
                end = start + 4
                if start < 0 or end > len(text):
                    continue
                if folded[start : start + 2] in parts and folded[start + 2 : end] in parts:
                    if (start == m.start or start not in ends) and (end == m.end or end not in starts):
                        m = replace(m, text=text[start:end], start=start, end=end)
                        break
        out.append(m)
    return out
