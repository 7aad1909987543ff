"""Titles and roles written before a name (总统普京, 国防部次长科林·卡尔): found, cut off
the name and kept for the node, and read as the context that makes the next characters a
person's name. The titles are ``kg/data/titles.txt``, which users may edit.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources

from ahocorasick_rs import AhoCorasick, MatchKind

from kg.nlp.lexicon import NAME_KINDS, ORG_END, abbreviations, lexicon, two_everyday_words
from kg.nlp.normalize import T2S, simplified_in_place

# Ranks written before a title (副校长, 总队长, 代总统).
_RANKS = "副总代"

# A place or organisation word never ends like this, a transliterated name may.
PLACE_OR_ORG_END = ORG_END + tuple("国省市县州区镇村城港湾山河湖岛")


@lru_cache(maxsize=1)
def title_words() -> tuple[str, ...]:
    """Titles from ``kg/data/titles.txt``, longest first."""
    text = resources.files("kg.data").joinpath("titles.txt").read_text(encoding="utf-8")
    words = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_lengths() -> tuple[tuple[int, frozenset[str]], ...]:
    """Title words grouped by length, longest first: a suffix test is a set lookup."""
    by_length: dict[int, set[str]] = defaultdict(set)
    for word in title_words():
        by_length[len(word)].add(word)
    return tuple((n, frozenset(words)) for n, words in sorted(by_length.items(), reverse=True))


def titles_before(text: str, start: int) -> list[str]:
    """Titles written right before a name (俄罗斯总统普京, 國防部次長的科林·卡爾), in Simplified,
    with a rank written before the title (副校长, 副总队长, 代总统: not 校长 of 副校长朱晓波)."""
    before = text[max(0, start - 12) : start]
    if not before.isascii():
        before = T2S.convert(before)
    before = before.rstrip("的 ")
    for n, words in _title_lengths():
        if before[-n:] in words:
            k = len(before) - n
            while k > 0 and before[k - 1] in _RANKS and len(before) - k < n + 2:
                k -= 1
            return [before[k:]]
    return []


def strip_titles(surface: str) -> tuple[str, list[str], int]:
    """A leading title glued into the span (总统普京) is cut off: (name, titles, cut)."""
    for word in title_words():
        if surface.startswith(word) and len(surface) > len(word) + 1:
            return surface[len(word) :], [word], len(word)
    return surface, [], 0


def cut_trailing_title(surface: str) -> tuple[str, int]:
    """An organisation's span that swallowed the title after it (国民党立委, 外交部发言人)
    loses the title, where what is left ends like an organisation: (name, cut)."""
    folded = simplified_in_place(surface)
    for word in title_words():
        rest = len(surface) - len(word)
        if folded.endswith(word) and rest >= 2 and folded[rest - 1] in ORG_END:
            return surface[:rest], len(word)
    return surface, 0


@lru_cache(maxsize=1)
def _title_matcher() -> AhoCorasick:
    return AhoCorasick(list(title_words()), matchkind=MatchKind.LeftmostLongest)


def names_after_titles(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of dictionary proper names written right after a person's title
    (美国总统拜登) where the model found nothing: the title is the context, the word list
    (jieba's, which the model reads too) says the next characters form a name."""
    folded = T2S.convert(text) if not text.isascii() else text
    if len(folded) != len(text):
        return []
    lex = lexicon().kinds
    found = []
    for _, _, start in _title_matcher().find_matches_as_indexes(folded):
        if any(s <= start < e for s, e in taken):
            continue
        for n in (4, 3, 2):
            word = folded[start : start + n]
            if (
                len(word) == n
                and lex.get(word) in NAME_KINDS
                and not word.endswith(PLACE_OR_ORG_END)
                and not two_everyday_words(word)
            ):
                found.append((start, start + n))
                break
    return found


def person_after_title(text: str, start: int, end: int, label: str) -> bool:
    """A short span right after a person's title is a person, whatever the model said:
    俄罗斯总统普京, 外交部发言人扎哈罗娃."""
    surface = text[start:end]
    if label == "PERSON" or not 2 <= len(surface) <= 5:
        return False
    # 乌军 is Ukraine's army, but after a title two characters ending like an organisation
    # are a given name (创始人雷军, 市长李军) unless the first stands for a country.
    if surface.endswith(PLACE_OR_ORG_END) and (len(surface) > 2 or surface[0] in abbreviations()):
        return False
    return bool(titles_before(text, start)) and not text[max(0, start - 1) : start] == "的"
