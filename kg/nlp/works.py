"""Names inside the title of a work: 《哪吒之魔童闹海》, 《美国队长4》.

A film's, book's or law's title holds words the model reads as names. People's Daily
marks the names inside titles (毛泽东 of 《毛泽东和他的儿子》, 中国 of 《中国妇女发展纲要》),
and kg keeps them; but the model also finds pieces of a title that name nothing:
美国队 of 美国队长 (an organisation: 队长, "captain", is cut in two) and 魔童闹海 (a
place: no dictionary knows it, and it ends like no place or organisation). Those are
dropped, unless the article writes the same name outside any title.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.nlp.lexicon import lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.normalize import simplified_in_place
from kg.nlp.titles import PLACE_OR_ORG_END

_TITLE = re.compile(r"《([^《》\n]{1,60})》")
# How the names of organisations and places end: such a piece of a title may be one.
_NAME_ENDS = PLACE_OR_ORG_END + ("洲",)


def without_title_pieces(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions less the pieces of works' titles in 《》 (see the module's docstring)."""
    titles = [m.span(1) for m in _TITLE.finditer(text)]
    if not titles:
        return mentions
    starts = [s for s, _ in titles]
    kinds = lexicon().kinds

    def piece(m: Mention) -> bool:
        i = bisect_right(starts, m.start) - 1
        if i < 0 or m.end > titles[i][1] or (m.start, m.end) == titles[i]:
            return False
        folded = simplified_in_place(text[m.start : m.end + 1])  # the name and the character after it
        name = folded[: m.end - m.start]
        if m.end < titles[i][1] and folded[-2:] in kinds:
            return True  # 美国队|长: a word cut in two
        return m.label != "PERSON" and len(name) >= 3 and name not in kinds and not name.endswith(_NAME_ENDS)

    pieces = {id(m) for m in mentions if piece(m)}
    outside = {m.text for m in mentions if id(m) not in pieces}
    return [m for m in mentions if id(m) not in pieces or m.text in outside]


# Words that say a title in 《》 is a film's, a show's, a game's, a book's or a song's,
# written just before the title or right after it (电影《哪吒之魔童闹海》, 《哪吒2》票房).
_WORK_BEFORE = re.compile(
    "(?:电影|影片|动画|纪录片|电视剧|剧集|综艺|游戏|小说|新书|专辑|歌曲|话剧|歌剧|舞剧|作品|(?:出品|主演|执导)的?)$"
)
_WORK_AFTER = re.compile("的?(?:票房|上映|续集|主演|导演|编剧|剧组|片方|定档|排片|首映|播出|开播|热映)")


def titled_works(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with the works whose titles in 《》 the article says are films, shows,
    games, books or songs (``_WORK_BEFORE``, ``_WORK_AFTER``) as ``WORK_OF_ART``. The
    names inside a title stay, as People's Daily marks them (毛泽东 of 纪录片《毛泽东》)."""
    folded = simplified_in_place(text)
    works = []
    for title in _TITLE.finditer(folded):
        start, end = title.span(1)
        named = _WORK_BEFORE.search(folded, max(0, title.start() - 4), title.start())
        if (named or _WORK_AFTER.match(folded, title.end())) and not re.search("[，。；：！？]", folded[start:end]):
            works.append((start, end))  # (a title, not a sentence quoted)
    if not works:
        return mentions
    # a span the model found over the whole title is the work (电影《长津湖》: not a place)
    kept = [m for m in mentions if (m.start, m.end) not in set(works)]
    added = [Mention(text[s:e], "WORK_OF_ART", s, e, sentence_of(sentence_starts, s)) for s, e in works]
    return in_text_order(kept + added)


def split_at_title(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """An organisation's span that runs into a title in 《》 (英国《每日邮报》, People's
    Daily's way of marking a newspaper with its country) as (start, end, label) parts:
    the country before it, a place, and the newspaper inside the marks."""
    opening = text.find("《", start, end)
    if opening < 0:
        return [(start, end, "ORG")]
    closing = text.find("》", opening, end + 1)
    closing = closing if closing > opening else end
    parts = [(opening + 1, closing, "ORG")]
    if opening > start:
        parts.insert(0, (start, opening, "GPE"))
    return [(s, e, label) for s, e, label in parts if e > s]
