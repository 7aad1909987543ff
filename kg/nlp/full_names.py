"""An organisation's full name, written before its short name in brackets, where the model
found none of it or only the place that opens it: 中国物流与采购联合会（中物联）,
香港社會服務聯會（社聯）, 美国商务部工业与安全局（BIS）.

The brackets say where the full name ends, and the short name, made of its characters in
their order, says where it starts: at the last character before the brackets that opens
the short name and leaves the rest of it to be found in order. A place the model found
right before that is part of the name (香港 of 香港社會服務聯會), as news writes it. A
Latin short name in capitals says nothing of the start: the full name, ending like an
organisation's, runs back to the clause's start or a 的.
"""

from __future__ import annotations

import re

from kg.nlp.lexicon import ORG_END, clause_words_in
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import NAME_ENDERS, NOT_SHORT_NAMES
from kg.nlp.normalize import simplified_in_place

# A short name in brackets: two to five Chinese characters (not a note: 化名, 音译).
_SHORT = re.compile(r"[（(](?:以下简称|下称|简称)?[“「\"]?([\u4e00-\u9fff]{2,5})[”」\"]?[）)]")
# ... or a Latin one, in capitals (BIS, BGF): the full name then runs back to its clause's start.
_LATIN_SHORT = re.compile(r"[（(]([A-Z][A-Z&]{1,6})[）)]")
# What a full name holds none of: a clause's marks, or characters that end names.
_NOT_IN_NAME = re.compile("[，。、；：！？“”「」《》（）()\\s的在是和及等为对将被把从]")
_LONGEST = 20  # characters of a full name, at most
_OPENERS = frozenset("据由向对经被让给将把从为以获")  # words opening a clause before a name


def full_names_before_brackets(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with each organisation's full name found before its short name in
    brackets (see the module docstring); what the model found inside it gives way."""
    folded = simplified_in_place(text)
    by_end: dict[int, list[Mention]] = {}
    for m in mentions:
        by_end.setdefault(m.end, []).append(m)
    inner = {i for m in mentions for i in range(m.start + 1, m.end)}  # inside a name, not at its edge
    dropped: set[int] = set()
    added = []

    def add(start: int, end: int) -> None:  # what the model found inside gives way
        dropped.update(id(m) for i in range(start + 1, end + 1) for m in by_end.get(i, []) if m.start >= start)
        added.append(Mention(text[start:end], "ORG", start, end, sentence_of(sentence_starts, start)))

    for bracket in _SHORT.finditer(folded):
        short = bracket.group(1)
        end = bracket.start()
        if short in NOT_SHORT_NAMES or folded[end - 1 : end] not in ORG_END:
            continue
        ending = by_end.get(end, [])
        if any(m.label == "ORG" and short[0] in simplified_in_place(m.text) for m in ending):
            continue  # the model found it: the short name is joined to it later (not 联合会 alone)
        start = _start_of(folded, end, short)
        if start is None:
            continue
        place = next((m for m in by_end.get(start, []) if m.label in ("GPE", "LOC")), None)
        if place:
            start = place.start
        if start in inner or end in inner:
            continue  # it would cut another name
        add(start, end)
    for bracket in _LATIN_SHORT.finditer(folded):
        end = bracket.start()
        if folded[end - 1 : end] not in ORG_END:
            continue
        start = end  # back to the clause's start: 美国商务部工业与安全局（BIS）, 的克伦边防军（BGF）
        while start > max(0, end - _LONGEST) and _in_latin_named(folded[start - 1]):
            start -= 1
        if start > 0 and _in_latin_named(folded[start - 1]):
            continue  # longer than a name
        # after the verb or preposition that opens the clause (根据日本政府观光局, 据路透社)
        start += max((stop for stop, _ in clause_words_in(folded[start:end]) if stop < end - start - 2), default=0)
        while start < end and folded[start] in _OPENERS:
            start += 1
        # the model's name of five characters or more stands (美国食品药品监督管理局), a shorter
        # one may be the end of the full name (安全局 of 美国商务部工业与安全局)
        found = any(m.label == "ORG" and (m.start <= start or m.end - m.start >= 5) for m in by_end.get(end, []))
        if not found and end - start >= 3 and start not in inner:
            add(start, end)
    if not added:
        return mentions
    return in_text_order([m for m in mentions if id(m) not in dropped] + added)


def _start_of(folded: str, end: int, short: str) -> int | None:
    """Where the full name ending at ``end`` starts: the last place before it that opens
    ``short`` and holds the rest of its characters in order, within a clause."""
    for start in range(end - len(short) - 1, max(0, end - _LONGEST) - 1, -1):
        if _NOT_IN_NAME.match(folded, start):
            return None
        if folded[start] == short[0] and _in_order(short[1:], folded[start + 1 : end]):
            return start
    return None


def _in_latin_named(ch: str) -> bool:
    """Whether ``ch`` may be part of a full name before a Latin short name: a Chinese
    character that ends no name and opens no clause (not 已 of 已获美国食品药品监督管理局)."""
    return "\u4e00" <= ch <= "\u9fff" and not _NOT_IN_NAME.match(ch) and (ch == "与" or ch not in NAME_ENDERS)


def _in_order(chars: str, text: str) -> bool:
    rest = iter(text)
    return all(ch in rest for ch in chars)
