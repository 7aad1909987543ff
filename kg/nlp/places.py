"""A place's name the model read as a person's in one sentence is a place throughout its
article when another sentence writes it as one: 曲靖 of 从曲靖到昆明, where the article
also writes 曲靖市副市长; 达累斯萨拉姆 of 沿岸的达累斯萨拉姆, where it also writes 最大城市
达累斯萨拉姆.

Transliterated places and people are spelt with the same characters, and the model sees
a few characters either side of each mention, so it types the same name differently in
different sentences. One article means one thing by one name, so the clearest sentence
decides for all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from kg.nlp.lexicon import location_label
from kg.nlp.mention import Mention
from kg.nlp.normalize import simplified_in_place
from kg.nlp.spans import place_by_context

# A division's word after a name (曲靖市副市长, 顿涅茨克州); not 市长, 县长 or 市委 after a
# person's name (王伟市长, 王伟市委书记).
_DIVISION_AFTER = re.compile("[市省县州区邦](?![长委])")  # (邦: a state of Myanmar or India, 克伦邦)


def places_throughout(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions typed a person retyped a place where one of the name's occurrences in
    ``text`` is a place's by what is written around it (see :func:`place_by_context`) or
    by a division's word after it; not a name the article gives a person's title."""
    people = {m.text for m in mentions if m.label == "PERSON" and len(m.text) >= 2 and not m.text.isascii()}
    people -= {m.text for m in mentions if m.label == "PERSON" and m.titles}
    folded = simplified_in_place(text)
    others = sorted((m.start, m.end) for m in mentions if m.label not in ("PERSON", "GPE", "LOC", "FAC"))
    places = {
        name
        for name in people
        if any(
            _place_at(text, folded, at.start(), at.end()) and not _inside(others, at.start(), at.end())
            for at in re.finditer(re.escape(name), text)
        )
    }
    if not places:
        return mentions
    return [
        replace(m, label=location_label(m.text), titles=[]) if m.label == "PERSON" and m.text in places else m
        for m in mentions
    ]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span of ``spans`` (names that are no person's or place's) holds
    ``start``–``end`` (澜石 of 杭州澜石机器人有限公司)."""
    i = bisect_right(spans, (start, 1 << 62))
    return any(s <= start and end <= e for s, e in spans[max(0, i - 8) : i])


def _place_at(text: str, folded: str, start: int, end: int) -> bool:
    return place_by_context(text, start, end) or bool(_DIVISION_AFTER.match(folded, end))
