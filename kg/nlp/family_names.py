"""A family name before a title or a form of address (罗教授, 岑行长, 赖总统, 林博士, 杜指导)
stands for the one person of that family name the article names in full (罗世杰). News in
Hong Kong, Taiwan and Singapore refer back to people this way all the time. Where the
article names no one of that family in full, or several, it is a person all the same
(黄科长, 王指导 beside 王楚钦 and 王皓), named by both."""

from __future__ import annotations

from kg.nlp.lexicon import lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.normalize import T2S, simplified_in_place
from kg.nlp.titles import surnames, title_at

# Forms of address that are no title of kg/data/titles.txt; 总 and 董 are the boss's
# (陈总, 王董), 指导 a coach's.
_ADDRESS = ("先生", "女士", "小姐", "太太", "老师", "师傅", "医师", "指导", "总", "董")


def chinese_full_name(name: str) -> bool:
    """Whether ``name`` may be a person's full name in Chinese: two to four Chinese
    characters, no separator. (Whether it is transliterated is not asked: 罗世杰 reads like
    a foreign name to that test, and no one writes 马总统 for 马克龙.)"""
    return 2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def _people_by_family(mentions: list[Mention]) -> dict[str, set[str]]:
    """Full names typed PERSON (in Simplified), by their first character."""
    by_family: dict[str, set[str]] = {}
    for m in mentions:
        # (not the model's 林博士: a family name and a title)
        name = T2S.convert(m.text)
        if m.label == "PERSON" and chinese_full_name(name) and not _address_after(name, 1, {}):
            by_family.setdefault(name[0], set()).add(name)
    return by_family


def _address_after(folded: str, end: int, words: dict[str, str]) -> str | None:
    """The title or form of address written at ``end``, longest first; a one-character one
    only where it begins no word (陈总, not 陈总结说)."""
    title = title_at(folded, end)
    if title:
        return title
    for word in _ADDRESS:
        if folded.startswith(word, end) and (len(word) > 1 or folded[end : end + 2] not in words):
            return word
    return None


def family_name_references(text: str, mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """Mentions with every family name written before a title or form of address where the
    article names exactly one person of that family in full, as that person: the mention is
    both (罗教授, with 教授 among its titles), as news writes it and as a reader would look
    for it, and resolution keys it by the family name. A span the model found over both
    (林博士) gives way. Where the article names no one of that family in full, or several,
    the mention has no titles, so resolution keys it by both (黄科长). Not where the family
    name ends a word begun before it (森林局长, 感谢女士), nor an anonymised name (陈某华)."""
    by_family = _people_by_family(mentions)
    folded = simplified_in_place(text)
    words = lexicon().kinds
    taken = {(m.start, m.end): m for m in mentions}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added: list[Mention] = []
    dropped: set[tuple[int, int]] = set()
    for family, fulls in by_family.items():
        if len(fulls) != 1:
            continue
        pos = folded.find(family)
        while pos >= 0:
            end = pos + 1
            title = _address_after(folded, end, words)
            glued = pos > 0 and folded[pos - 1 : end] in words  # 森林 of 森林局长
            if title and not glued and not folded.startswith(next(iter(fulls)), pos):
                # the model's span over both (林博士) or over the family name alone gives way
                span = taken.get((pos, end + len(title))) or taken.get((pos, end))
                clear = all(i not in covered for i in range(pos, end + len(title)))
                if clear or (span is not None and span.label == "PERSON"):
                    if span is not None:
                        dropped.add((span.start, span.end))
                    sentence = sentence_of(starts, pos)
                    stop = end + len(title)
                    added.append(Mention(text[pos:stop], "PERSON", pos, stop, sentence, [title]))
            pos = folded.find(family, pos + 1)
    # a family name and a title of no one the article names in full, or of one of several
    # (王指导 beside 王楚钦 and 王皓): a person of that name, keyed by both
    # (not 任, "to serve as": 任主任; nor 方, "side": 被告方律师)
    family_names = {name for name in surnames() if len(name) == 1} - {"任", "方"}
    for pos, ch in enumerate(folded):
        if ch not in family_names or len(by_family.get(ch, ())) == 1:
            continue
        title = _address_after(folded, pos + 1, words)
        if not title or (pos > 0 and folded[pos - 1 : pos + 1] in words) or folded[pos + 1 : pos + 2] == "某":
            continue
        stop = pos + 1 + len(title)
        if folded[stop - 1 : stop + 1] in words:
            continue  # the title's last character opens a word: 庄园长期, 包机长途
        span = taken.get((pos, stop))
        if all(i not in covered for i in range(pos, stop)) or (span is not None and span.label == "PERSON"):
            if span is not None:
                dropped.add((span.start, span.end))
            added.append(Mention(text[pos:stop], "PERSON", pos, stop, sentence_of(starts, pos)))
    if not added:
        return mentions
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + added)
