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
_NUMBERED_LINE = re.compile(r"(?:地铁|轨道交通|捷运|轻轨)?\d{1,2}号线")
# A railway or expressway named by two places' one-character short names (京礼, 坦赞), after
# a word or mark that ends the clause before it; not 这条铁路, nor 高速 of 高速发展 ("rapid
# growth").
_JOINED = re.compile(
    r"(?<=[^\u4e00-\u9fff]|[的在经沿乘坐搭从往至到和与及、条是])"
    r"((?![这那此该本每各一两全新老])[\u4e00-\u9fff]{2}"
    r"(?:高速铁路|城际铁路|铁路|高铁|高速公路|高速(?!发展|增长|运转|运行|推进|扩张|成长|前进|行驶|列车|旋转|公路)))"
)
# A space station's module: 天和核心舱, 问天实验舱.
_MODULE = re.compile("[\u4e00-\u9fff]{2}(?:核心舱|实验舱)")


def find_routes(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with the routes and modules found by their patterns (see the module
    docstring); a mention inside one gives way, one that overlaps it otherwise keeps its
    place."""
    folded = simplified_in_place(text)
    spans = [m.span() for m in (*_NUMBERED_LINE.finditer(folded), *_MODULE.finditer(folded))]
    kinds = lexicon().kinds
    spans += [
        joined.span(1)
        for joined in _JOINED.finditer(folded)  # short names no dictionary joins (京礼; not 冬季)
        if kinds.get(joined.group(1)[:2], "ns") in NAME_KINDS and not any(clause_words_in(joined.group(1)[:2]))
    ]
    if not spans:
        return mentions
    out = list(mentions)
    for start, end in sorted(set(spans)):
        near = {id(m): m for m in out if m.start < end and start < m.end}
        if any(m.start < start or m.end > end for m in near.values()):
            continue  # it would cut another name
        out = [m for m in out if id(m) not in near]
        out.append(Mention(text[start:end], "FAC", start, end, sentence_of(sentence_starts, start)))
    return in_text_order(out)
