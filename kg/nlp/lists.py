"""Names listed together and counted share a type: 顿涅茨克、卢甘斯克、赫尔松和扎波罗热4州;
and two names the model read as one across 和 or 与 are two (宁德时代与特斯拉).

The count after a list says what its items are (4州: four places, 两人: two people,
三家: three organisations), and so does 等 with a head noun (江苏、浙江等地), which the
model, seeing a few characters either side of each name, cannot know for the first items
of a long list. Transliterated names are where that matters most: the same characters
spell people and places.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import replace

from kg.nlp.employers import could_be_company
from kg.nlp.lexicon import ORG_END, clause_words_in, lexicon, location_label
from kg.nlp.mention import Mention, in_text_order
from kg.nlp.names import is_place_name
from kg.nlp.normalize import simplified_in_place
from kg.nlp.spans import is_han

# What a count's measure word says its items are.
_HEADS = {
    "GPE": "州|省|市(?!场)|县|区|国(?![内外际企产有营])|城|地|城市|国家|地区",  # not 国内厂商, 市场
    "PERSON": "人|位|名",
    "ORG": "家",
}
_NUMBER = r"(?:\d{1,2}|[两二三四五六七八九十几数多]{1,2})"
_COUNT = re.compile(rf"等?({_NUMBER})个?(?:({_HEADS['GPE']})|({_HEADS['PERSON']})|({_HEADS['ORG']}))")
# A list closed by 等 and a head noun, uncounted, says the same: 上海、江苏、浙江等地,
# 李强、王五等人, 华为、小米等企业, 比亚迪、国轩高科等国内厂商.
# Before an organisations' head noun, up to four characters may describe them (等明星公司,
# 等互联网大厂).
_ORG_HEADS = "|".join(
    ("公司", "企业", "机构", "部门", "单位", "组织", "团体", "银行", "媒体", "高校", "大学", "院校", "医院")
    + ("厂商", "厂家", "车企", "券商", "合作伙伴", "大厂", "巨头", "品牌", "平台", "航司")
    + ("矿商", "矿企", "房企", "药企", "险企", "展商", "运营商", "开发商", "供应商", "零售商", "服务商", "船厂")
)
# Divisions a list closed by 等 may count (色达、石渠等县).
_DIVISION_HEADS = frozenset({"州", "省", "市", "县", "区"})
_NOT_DIVISION = re.compile("[场域民委长城级内外政属块间值]")
# ... and before a word for products, they are products (微信、支付宝、淘宝等常用应用, T03和C10等车型).
_PRODUCT_HEADS = "车型|机型|手机|应用|软件|游戏|芯片|药物|新药|App|APP"
_ETC = re.compile(
    f"等(?:国内|海外|国际|主要|知名|大型)?()(?:({_HEADS['GPE']})|(人)|[\u4e00-\u9fffA-Za-z]{{0,4}}?({_ORG_HEADS})"
    f"|[\u4e00-\u9fff]{{0,2}}?({_PRODUCT_HEADS}))"
)
# ... though with a word for people after it, they may be people (张三、李四等公司高管)
_PEOPLE_AFTER = re.compile("高管|员工|负责人|人士|代表|老板|创始人|高层|职员|领导|股东")
_GLUED_COUNT = re.compile(rf"(.{{2,}}?)({_NUMBER}个?(?:{'|'.join(_HEADS.values())}))$")
# What may stand between two items of a list.
_JOINERS = frozenset({"、", "和", "及", "与", "以及", "跟", "同"})
_DIGITS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count(number: str) -> int | None:
    return int(number) if number.isdigit() else _DIGITS.get(number)


def _label(match: re.Match) -> str:
    if match.re is _ETC and match.group(5):
        return "PRODUCT"
    return "GPE" if match.group(2) else "PERSON" if match.group(3) else "ORG"


# Where a clause starts: a list closed by 等 is looked for back to there.
_CLAUSE_START = re.compile(r"[，。；：！？,;:!?\n（(“”「」]")
_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,8}")
# A model's code ending an item (T03, YU7; not hone16 of iPhone16)
_MODEL_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,4}\d{1,4}[A-Za-z]{0,3}$")
_NOT_IN_ITEM = set("的了在是由被把给说称据这那其")
# What opens a clause before the list's first name (目前已在吉利汽车、…, 包括华为、…).
_BEFORE_LIST = _NOT_IN_ITEM | set("而与和及对向从为如像括有将已也都还")
# Words a clause may open with that no name holds (今年以来苹果、华为等公司).
_NOT_A_NAME = re.compile("今年|去年|明年|以来|目前|此前|近日|日前|昨天|今天|明天|当天|本周|上周|一家|某")


def cut_list_head(surface: str) -> tuple[str, int]:
    """A span that swallowed the 等 closing its list and what follows (中远海运集运等公司,
    高雄等国际机场) without them, where two or more characters are left; not where 等 is
    part of a word (北京高等法院, 中国科学院等离子体物理研究所): (name, cut)."""
    folded = simplified_in_place(surface)
    i = folded.find("等", 2)
    kinds = lexicon().kinds
    words = (folded[i - 1 : i + 1], *(folded[i : i + n] for n in (2, 3, 4)))  # 高等, 等离子
    if i > 0 and not any(w in kinds for w in words):
        return surface[:i], len(surface) - i
    return surface, 0


def _split_at_yiji(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An item of a list as two where 以及 ("as well as") joins two names in it."""
    at = text.find("以及", start, end)
    return [(start, at), (at + 2, end)] if at > start and end - at > 2 else [(start, end)]


def _could_be_division(item: str) -> bool:
    """An item of a list of counties, cities or provinces the model found none of: two to
    four Chinese characters that read as no clause."""
    folded = simplified_in_place(item)
    return 2 <= len(folded) <= 4 and is_han(folded) and not any(clause_words_in(folded))


def _could_be_company(item: str) -> bool:
    """An item of an uncounted list of companies: a name of two to eight characters and
    no place's name or word of the dictionary's (电子、汽车等企业 lists trades)."""
    folded = simplified_in_place(item)
    return (
        bool(_ITEM.fullmatch(item))
        and not _NOT_IN_ITEM & set(item)
        and could_be_company(folded)
        and not is_place_name(folded)
    )


def fill_list_items(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with the items of a list closed by 等 and a head noun (比亚迪、中国建筑、华为
    等企业) that the model missed, where it found another item of the list: each item
    after the first, between 、 (or 和, 及 before the last), is a name of two to eight
    characters, and takes the place of parts of it the model found. Before a word for
    companies, so is the first, from after the words that open its clause (与北京的月之暗面、
    智谱等明星公司), and where the model found no item, the list gives its items if each
    after the first could be a company's name (吉利汽车、海康威视等企业).
    Before a division's word (等县, 等市), so are the first and the rest where each could
    be a division's name (由于色达、石渠等县). :func:`type_counted_lists` then types the
    whole list."""
    spans = sorted((m.start, m.end) for m in mentions)
    found, ends = set(spans), {e for _, e in spans}
    longest = max((e - s for s, e in spans), default=0)
    added, dropped = [], set()
    for etc in _ETC.finditer(text):
        items = _list_items(text, etc.start(), 60)
        # (A和B等 alone only for models' codes, below)
        listed = any(text[a - 1] == "、" or text[a - 2 : a] == "以及" for a, _ in items[1:])
        found_one = items[0][1] in ends or any(item in found for item in items[1:])
        fill = items[1:]
        codes = [_MODEL_CODE.search(text, a, b) for a, b in items]
        if (
            etc.group(5)
            and len(items) >= 2
            and all(codes)
            and all(c.start() == a for c, (a, _) in zip(codes[1:], items[1:]))
        ):
            fill = [c.span() for c in codes]  # T03和C10等车型: models' codes, the first after its clause's words
            listed = found_one = True
        if not listed:
            continue
        companies = etc.group(4) and not _PEOPLE_AFTER.match(text, etc.end())
        # 色达、石渠等县; not 等市场, 等区域
        divisions = etc.group(2) in _DIVISION_HEADS and not _NOT_DIVISION.match(text, etc.end())
        could_be = _could_be_company if companies else _could_be_division
        if (companies or divisions) and items[0][1] not in ends:
            # the first name too, after the words opening its clause: a verb or preposition
            # (通过钱大妈, 由于色达), then a character that opens no name (已在吉利汽车)
            a, b = _first_item(text, *items[0])
            if could_be(text[a:b]) and not _NOT_A_NAME.search(simplified_in_place(text[a:b])):
                fill = [(a, b), *fill]
        # where the model found no item, only a list of companies' or divisions' names,
        # every item after the first one
        if not found_one and not ((companies or divisions) and all(could_be(text[a:b]) for a, b in fill)):
            continue
        for a, b in fill:
            near = spans[bisect_left(spans, (a - longest, 0)) : bisect_left(spans, (b, 0))]
            inside = {(s, e) for s, e in near if a < e}
            # a part the model found (中国 of 中国建筑, 华 of 华为) gives way to the whole item
            if (a, b) in inside or any(s < a or e > b for s, e in inside):
                continue
            if (_ITEM.fullmatch(text, a, b) or _MODEL_CODE.fullmatch(text, a, b)) and not _NOT_IN_ITEM & set(text[a:b]):
                sentence = bisect_right(sentence_starts, a) - 1
                added.append(Mention(text[a:b], "ORG", a, b, max(sentence, 0)))
                dropped |= inside
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + added)


def _list_items(text: str, end: int, reach: int) -> list[tuple[int, int]]:
    """(start, end) of the items of a list ending at ``end``, back to its clause's start (up
    to ``reach`` characters): between 、, 以及 inside an item (盒马以及美团), and 和, 及 or 与
    before the last (A、B和C)."""
    since = max(0, end - reach)
    clause = max((c.end() for c in _CLAUSE_START.finditer(text, since, end)), default=since)
    bounds = [clause] + [i + 1 for i in range(clause, end) if text[i] == "、"]
    items = [(a, b - 1 if b < end else b) for a, b in zip(bounds, bounds[1:] + [end])]
    items = [part for a, b in items for part in _split_at_yiji(text, a, b)]
    last_start, last_end = items[-1]
    joined = _JOINED.search(text, last_start, last_end)
    if joined:
        items[-1:] = [(last_start, joined.start()), (joined.end(), last_end)]
    return items


def _first_item(text: str, start: int, end: int) -> tuple[int, int]:
    """The first item of a list without the words that open its clause: a verb or
    preposition (通过钱大妈, 由于色达, 分布在登加), then a character that opens no name (已在吉利汽车)."""
    opening = clause_words_in(simplified_in_place(text[start:end]))
    start += max((stop for stop, _ in opening if stop < end - start - 1), default=0)
    return max((i + 1 for i in range(start, end) if text[i] in _BEFORE_LIST), default=start), end


_JOINED = re.compile("[和及与]")


def fill_counted_lists(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with the items the model missed of a list closed by a count that is the
    number of its items (登加、淡滨尼、兀兰、榜鹅、大巴窑和女皇镇六个市镇: six towns, two of
    them found): each item, between 、 (or 和, 及, 与 before the last), a name of two to
    eight characters, the first from after the words that open its clause. The count must
    match: an item more or fewer, and the list is no list of names."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found = {(m.start, m.end) for m in mentions}
    added = []
    for count in _COUNT.finditer(text):
        number = _count(count.group(1))
        if not number or number < 2 or text[count.start()] == "等":
            continue
        items = _list_items(text, count.start(), 80)
        if len(items) != number:
            continue
        items[0] = _first_item(text, *items[0])  # after its clause's opening words (分布在登加)
        if not all(_ITEM.fullmatch(text, a, b) and not _NOT_IN_ITEM & set(text[a:b]) for a, b in items):
            continue
        if not any((a, b) in found for a, b in items):
            continue  # the model found none of them: no telling it is a list of names
        words = lexicon().kinds
        if any((a, b) not in found and words.get(simplified_in_place(text[a:b])) == "w" for a, b in items):
            continue  # an everyday word among them (张三与妻子两人)
        label = _label(count)
        for a, b in items:
            if (a, b) not in found and not covered & set(range(a, b)):
                typed = location_label(text[a:b]) if label == "GPE" else label
                added.append(Mention(text[a:b], typed, a, b, max(bisect_right(sentence_starts, a) - 1, 0)))
    return in_text_order(mentions + added) if added else mentions


def type_counted_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with every list of names that ends in a count (A、B和C三国) or in 等 and
    a head noun (A、B等地) typed by the count's measure word or the noun. A count glued
    into a name's span (扎波罗热4州), or its number alone (纪玉堂四 of 纪玉堂四人), is cut
    off it, and a name the model cut one character short after the joiner before it
    (、札波羅熱) gets the character back. A list has two
    names or more, and no more names than its count says."""
    out = in_text_order(mentions)
    for i, m in enumerate(out):
        glued = _GLUED_COUNT.match(m.text)
        if glued:
            out[i] = replace(m, text=glued.group(1), end=m.start + len(glued.group(1)))
        elif len(m.text) >= 4 and m.text[-1] in _DIGITS and _COUNT.match(m.text[-1] + text[m.end : m.end + 3]):
            out[i] = replace(m, text=m.text[:-1], end=m.end - 1)  # 纪玉堂四 of 纪玉堂四人
    run: list[int] = []
    cut_short: set[int] = set()  # items the model cut one character short after the joiner
    for i, m in enumerate(out):
        gap = simplified_in_place(text[out[run[-1]].end : m.start]) if run else ""
        if run and gap in _JOINERS:
            run.append(i)
        elif run and len(gap) == 2 and gap[0] in _JOINERS and "\u4e00" <= gap[1] <= "\u9fff":
            run.append(i)  # 、札波羅熱, where the model found 波羅熱
            cut_short.add(i)
        else:
            run = [i]
        last = out[run[-1]]
        match = _COUNT.match(text, last.end) or _ETC.match(text, last.end)
        if not match:
            continue
        following = out[i + 1].start if i + 1 < len(out) else len(text)
        if match.end() > following:
            continue
        count = _count(match.group(1))
        if len(run) < 2 or (count is not None and count < len(run)):
            continue
        label = _label(match)
        for j in run:
            if j in cut_short:
                start = out[j].start - 1
                out[j] = replace(out[j], text=text[start : out[j].end], start=start)
            # places by their names' kind (东南亚、中东等地: regions)
            typed = location_label(out[j].text) if label == "GPE" else label
            if out[j].label != typed:
                out[j] = replace(out[j], label=typed, titles=[] if typed != "PERSON" else out[j].titles)
        run = []
    return out


_CONJUNCTIONS = "和与及、"
_ORG_NAME_END = ORG_END + ("大学",)


def split_conjoined(mentions: list[Mention]) -> list[Mention]:
    """Mentions with a span that is two names joined by 和, 与, 及 or 、 (宁德时代与特斯拉 in
    a headline, 索尼集团和软银集团) split into the two, where each is a name the article
    has elsewhere, or both end like an organisation's name. Each part takes the type the
    article gives it elsewhere. Names holding 和 stay whole (中华人民共和国, 工业和信息化部:
    their parts are no names)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        votes[m.text][m.label] += 1
    out = []
    for m in mentions:
        folded = simplified_in_place(m.text)
        cut = next(
            (
                k
                for k in range(2, len(folded) - 2)
                if folded[k] in _CONJUNCTIONS
                and (
                    (m.text[:k] in votes and m.text[k + 1 :] in votes)
                    or (folded[:k].endswith(_ORG_NAME_END) and folded[k + 1 :].endswith(_ORG_NAME_END))
                )
            ),
            None,
        )
        if cut is None:
            out.append(m)
            continue
        for start, end in ((0, cut), (cut + 1, len(m.text))):
            part = m.text[start:end]
            label = votes[part].most_common(1)[0][0] if part in votes else "ORG"
            titles = m.titles if start == 0 and label == "PERSON" else []
            out.append(replace(m, text=part, label=label, start=m.start + start, end=m.start + end, titles=titles))
    return out
