"""Routes and modules named by how news writes them, which the model, trained on corpora
that mark few facilities, often misses: a metro line by its number (地铁18号线), a railway
or expressway by the short names of the places it joins (坦赞铁路, 京礼高速, 中老铁路), and
a space station's module (问天实验舱). Each is a facility (``FAC``).
"""

from __future__ import annotations

import re

from kg.nlp.lexicon import NAME_KINDS, clause_words_in, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.normalize import simplified_in_place

# A metro or light-rail line by its number: 地铁18号线, 轨道交通3号线, 捷运5号线.
_NUMBERED_LINE = re.compile(r"(?:地铁|轨道交通|捷运|轻轨)?(?<!\d)\d{1,2}号线(?!索)")  # not 第3号线索
# A railway or expressway named by two places' one-character short names (京礼, 坦赞), after
# a word or mark that ends the clause before it; not 这条铁路, nor 高速 of 高速发展 ("rapid
# growth").
_JOINED = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff]|[的在经沿乘坐搭从往至到和与及、条是]))"
    r"((?![这那此该本每各一两全新老])[\u4e00-\u9fff]{2}"
    r"(?:高速铁路|城际铁路|铁路|高铁|高速公路|(高速)(?!发展|增长|运转|运行|推进|扩张|成长|前进|行驶|列车|旋转|公路)))"
    r"(?!站)"  # 重庆高铁站: a station
)
# A space station's module: 天和核心舱, 问天实验舱.
_MODULE = re.compile("[\u4e00-\u9fff]{2}(?:核心舱|实验舱)")


def find_routes(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with the routes and modules found by their patterns (see the module
    docstring); a mention inside one gives way, and none is found that would cut another."""
    folded = simplified_in_place(text)
    spans = [m.span() for m in (*_NUMBERED_LINE.finditer(folded), *_MODULE.finditer(folded))]
    kinds = lexicon().kinds
    for joined in _JOINED.finditer(folded):
        places = joined.group(1)[:2]
        # an expressway's short names are no dictionary word (京礼; not 冬季); a railway's may
        # be (京沪铁路)
        listed = joined.group(2) and kinds.get(places, "ns") not in NAME_KINDS
        if not listed and not any(clause_words_in(places)):
            spans.append(joined.span(1))
    if not spans:
        return mentions
    starts = {}
    for m in mentions:
        starts.setdefault(m.start, []).append(m)
    inner = {i for m in mentions for i in range(m.start + 1, m.end)}
    dropped: set[int] = set()
    added = []
    for start, end in sorted(set(spans)):
        if start in inner or end in inner:
            continue  # it would cut another name
        dropped.update(id(m) for i in range(start, end) for m in starts.get(i, []) if m.end <= end)
        added.append(Mention(text[start:end], "FAC", start, end, sentence_of(sentence_starts, start)))
    return in_text_order([m for m in mentions if id(m) not in dropped] + added)
