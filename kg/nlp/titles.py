"""Titles and roles written before a name (总统普京, 国防部次长科林·卡尔): found, cut off
the name and kept for the node, and read as the context that makes the next characters a
person's name. The titles are ``kg/data/titles.txt``, which users may edit.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources

from ahocorasick_rs import AhoCorasick, MatchKind

from kg.nlp.lexicon import NAME_KINDS, ORG_END, abbreviations, data_words, lexicon, two_everyday_words
from kg.nlp.names import NAME_ENDERS
from kg.nlp.normalize import T2S, simplified_in_place
from kg.nlp.spans import SPEECH, is_han
from kg.transliteration import looks_transliterated

# Ranks written before a title (副校长, 总队长, 代总统).
_RANKS = "副总代"
# Characters that end a name or stand for nothing in one: after 王毅 in 王毅在, 李强说;
# 某 stands for a name withheld (张某某).
_NOT_GIVEN = NAME_ENDERS | {"某"}

# A place or organisation word never ends like this, a transliterated name may.
_PLACE_END = tuple("国省市县州区镇村城港湾山河湖岛")
PLACE_OR_ORG_END = ORG_END + _PLACE_END


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


def title_at(folded: str, pos: int) -> str | None:
    """The longest title written at ``pos`` of ``folded`` (text in Simplified), if any."""
    for n, words in _title_lengths():
        if folded[pos : pos + n] in words:
            return folded[pos : pos + n]
    return None


def titles_before(text: str, start: int) -> list[str]:
    """Titles written right before a name (俄罗斯总统普京, 國防部次長的科林·卡爾), in Simplified,
    with a rank written before the title (副校长, 副总队长, 代总统: not 校长 of 副校长朱晓波)."""
    before = text[max(0, start - 12) : start]
    if not before.isascii():
        before = T2S.convert(before)
    before = before.rstrip("的 ")
    if before.endswith(("记者：", "记者:")):  # a byline: 記者：蘇樂言
        before = before[:-1]
    for n, words in _title_lengths():
        if before[-n:] in words:
            k = len(before) - n
            while k > 0 and len(before) - k < n + 2 and _rank_at(before, k):
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


def _ends_word(text: str, end: int) -> bool:
    """Whether a word of the dictionary that is no run of ranks (副总) ends at ``end``."""
    return any(lexicon().kinds.get(text[end - n : end]) and text[end - n] not in _RANKS for n in (2, 3) if end >= n)


def _rank_at(before: str, k: int) -> bool:
    """Whether ``before[k - 1]`` is a rank of the title at ``k``: not the end of a word
    before it (宁德时代董事长: no 代董事长), unless a country's or an organisation's name
    ends right before the rank (韩国代总统: 国代 is a word too)."""
    if before[k - 1] not in _RANKS:
        return False
    return not _ends_word(before, k) or before[k - 2 : k - 1] in PLACE_OR_ORG_END


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Family names from ``kg/data/surnames.txt`` (one or two characters)."""
    return data_words("surnames.txt")


# What Japanese given names of three characters end in (健太郎, 由美子, 亚希子).
_JAPANESE_GIVEN_ENDS = frozenset("郎子美男夫雄彦介也助之江代")


def unlisted_name(folded: str, start: int) -> int:
    """The end of a Chinese name no dictionary lists (周受资), read at ``start`` right
    after a title: a family name, then a given name of two characters, or of one where
    the second would open a word (王毅表示, 李强调研) or cannot be part of a name (李强在);
    0 if the characters there do not read as a name (总统高度评价, 市长任期内)."""
    kinds = lexicon().kinds
    family = next((f for f in (folded[start : start + 2], folded[start : start + 1]) if f in surnames()), "")
    given_at = start + len(family)
    if not family or not is_han(folded[given_at : given_at + 1]) or folded[given_at] in _NOT_GIVEN:
        return 0
    second = folded[given_at + 1 : given_at + 2]
    two = is_han(second) and second not in _NOT_GIVEN and not kinds.get(folded[given_at + 1 : given_at + 3])
    end = given_at + (2 if two else 1)
    if len(family) >= 2 and is_han(folded[given_at : given_at + 3]) and folded[given_at + 2] in _JAPANESE_GIVEN_ENDS:
        end = given_at + 3  # a Japanese given name of three characters (中村健太郎)
    name = folded[start:end]
    if kinds.get(name) in ("w", "ns", "nt"):
        return 0
    # 高度, 任期: an everyday word, not a name; but a family name and a given name of two
    # that ends before speech or a stop may open with one (许家 of 主任许家豪表示)
    if kinds.get(folded[start : given_at + 1]) == "w" and not (two and _name_ends_at(folded, end)):
        return 0
    # a place's ending rules it out, not an organisation's: given names end in 军 (杜合军)
    return 0 if name.endswith(_PLACE_END) else end


def _name_ends_at(folded: str, end: int) -> bool:
    """Whether a name of three characters ending at ``end`` is followed by speech, a
    character that ends names or a stop, and ends in no particle or word of place
    (高兴地说, 任期内)."""
    if folded[end - 1] in "地得着了过们内外中上下前后间里":
        return False
    return bool(SPEECH.match(folded, end)) or folded[end : end + 1] in NAME_ENDERS | set("，。、；：）")


def _transliterated_name(folded: str, start: int) -> int:
    """The end of a foreign name no dictionary lists, read at ``start`` right after a title
    (基民盟主席默茨为…): two to five Chinese characters up to one that ends a name (为, 在,
    表示), which read as a transliteration; else 0."""
    end = start
    while end < min(len(folded), start + 5) and is_han(folded[end]) and folded[end] not in _NOT_GIVEN:
        if SPEECH.match(folded, end):
            break
        end += 1
    name = folded[start:end]
    everyday = lexicon().kinds.get(name) == "w"  # an everyday word is no name, however it sounds
    return end if end - start >= 2 and not everyday and looks_transliterated(name) else 0


@lru_cache(maxsize=1)
def _title_matcher() -> AhoCorasick:
    return AhoCorasick(list(title_words()), matchkind=MatchKind.LeftmostLongest)


def names_after_titles(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of names written right after a person's title (美国总统拜登) where the
    model found nothing: the title is the context, and the word list (jieba's, which the
    model reads too) says the next characters form a name or, failing that, they read as
    a Chinese name (:func:`unlisted_name`) or a transliteration (默茨 of 主席默茨为…)."""
    folded = T2S.convert(text) if not text.isascii() else text
    if len(folded) != len(text):
        return []
    lex = lexicon().kinds
    found = []
    titles = _title_matcher().find_matches_as_indexes(folded)
    title_starts = {start for _, start, _ in titles}
    for _, _, start in titles:
        if any(s <= start < e for s, e in taken) or folded[start : start + 1] in _NOT_GIVEN:
            continue  # 和 of 主席和普京总统 (jieba lists 和普京) opens no name
        if start in title_starts:
            continue  # another title: 顾问 of 总统顾问梅丁斯基
        listed = next(
            (
                start + n
                for n in (4, 3, 2)
                if len(word := folded[start : start + n]) == n
                and lex.get(word) in NAME_KINDS
                and not word.endswith(PLACE_OR_ORG_END)
                and not two_everyday_words(word)
            ),
            0,
        )
        if not listed or folded[start:listed] in surnames():  # 欧阳 of 欧阳娜娜 is listed alone
            listed = max(listed, unlisted_name(folded, start), _transliterated_name(folded, start))
        if listed and not any(start < s < listed for s, _ in taken):
            found.append((start, listed))
    return found


def name_start_after_title(folded: str, start: int) -> int:
    """Where a person's name that the model found from after a hyphen (皮埃尔 of
    发言人让-皮埃尔) starts: at the end of a title one to four Chinese characters before the
    hyphen; else ``start``."""
    if folded[start - 1 : start] != "-" or not is_han(folded[start - 2 : start - 1]):
        return start
    window = max(0, start - 1 - 4 - max(map(len, title_words())))
    for _, _, title_end in _title_matcher().find_matches_as_indexes(folded[window : start - 1]):
        begin = window + title_end
        if 1 <= start - 1 - begin <= 4 and is_han(folded[begin : start - 1]):
            return begin
    return start


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


def army_or_person(surface: str) -> bool:
    """Whether an organisation's span of two characters ending in 军 ("army": 乌军, 俄军) is
    a person's name (雷军): it opens with a family name that stands for no country and is no
    everyday word (红军, 联军). Not three characters: 莫陆军 is Moscow's army club."""
    folded = T2S.convert(surface)
    return (
        len(folded) == 2
        and folded.endswith("军")
        and folded[0] in surnames()
        and folded[0] not in abbreviations()
        and lexicon().kinds.get(folded) != "w"
    )


def join_family_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A span of a two-character family name (typed anything: 中村 reads as a place) and a
    person's span of one to three Chinese characters right after it as one person
    (中村健太郎): the model split a name it does not know."""
    folded = simplified_in_place(text)
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        last = out[-1] if out else None
        if (
            last
            and span[2] == "PERSON"
            and span[0] == last[1]
            and last[1] - last[0] == 2
            and folded[last[0] : last[1]] in surnames()
            and 1 <= span[1] - span[0] <= 3
            and is_han(folded[span[0] : span[1]])
        ):
            out[-1] = (last[0], span[1], "PERSON")
        else:
            out.append(span)
    return out
