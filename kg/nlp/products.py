"""Products named by how news writes them: a model name after its maker's (华为Mate 70,
英伟达H800; with the maker's where it is a number: 小米15系列), a model name before a word
for what it is (H20芯片, 麒麟9020芯片), and a spacecraft's or rocket's name with its number
(嫦娥六号探测器, 长征五号遥八运载火箭), and a drug's generic name (司美格鲁肽, 奥希替尼).

The corpora the model learnt from mark no products, so it finds none of these, or reads
their Latin letters as a person's name. Each is found once by its pattern; the article's
other mentions of it are then found like any name it writes twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.nlp.lexicon import clause_words_in, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import NAME_ENDERS
from kg.nlp.normalize import simplified_in_place
from kg.transliteration import TRANSLITERATION_CHARS

# A model's name: Latin letters and digits, with more words of the same kind or the
# edition words makers use (Mate 70 Pro+, iPhone 16, H800, A19, Atto 3, 昇腾910B).
_MODEL = re.compile(
    # a line's name of two characters only before a model number (昇腾910B, 骁龙8至尊版; not 也从7)
    r"(?:[\u4e00-\u9fff]{2}(?=\d{3}|\d+[A-Za-z]|\d+[\u4e00-\u9fff]{0,2}版))?"
    r"[A-Za-z]*\d+[A-Za-z]*(?:[ -](?:[A-Z0-9][A-Za-z0-9]*|Pro|Max|Ultra|Plus|mini)\+?)*\+?"
    r"(?:[\u4e00-\u9fff]{0,2}版)?"
)
_LATIN_MODEL = re.compile(r"[A-Za-z]+(?:[ -]?[A-Za-z0-9]+)*\+?")
_HAN_MODEL = re.compile(r"[\u4e00-\u9fff]{2}\d{3,}[A-Za-z]?")  # 麒麟9020, 昇腾910B; not 推出5G
# What follows a number that is no model's (小米2024年, 华为15亿, 苹果3%).
_UNIT_AFTER = set("年月日号时分秒亿万千百元%个家款台部辆名位次倍人层条项只米届期")
# Nouns for what a product is, written after its name (not 汽车: 理想汽车 is a company).
PRODUCT_AFTER = re.compile("芯片|处理器|显卡|手机|系列|系统|大模型|模型|平板|电脑|车型|机型|游戏|软件|操作系统")
# A spacecraft's, satellite's or rocket's name and number: 嫦娥六号, 长征五号遥八运载火箭.
_NUMBERED = re.compile("([\u4e00-\u9fff]{2}[一二三四五六七八九十]{1,3}号)(?:遥[一二三四五六七八九十]{1,3})?")
_CRAFT_AFTER = re.compile("探测器|运载火箭|火箭|飞船|货运飞船|卫星|中继星|空间站|着陆器|巡视器|返回器|轨道器|核心舱")
# A drug's generic name: a transliterated stem, then the ending Chinese gives its class
# (司美格鲁肽, 奥希替尼, 帕博利珠单抗, 瑞德西韦, 阿托伐他汀), after two or more characters of
# the kind transliterations are made of (not 多肽, "peptide"; not 获普利策奖).
_DRUG_END = re.compile("替尼|单抗|[西匹拉他特]韦|沙星|他汀|普利|沙坦|格列净|格列汀|拉唑|昔布|帕利|替康|度胺|霉素|肽")
_DRUG_CHARS = frozenset(TRANSLITERATION_CHARS | set("司美泊仕度替珠伐氟孢酮妥匹非唑来卡奥"))
_DRUG_STEM = (2, 6)  # characters before the ending, at least and at most
# A product's name in quotation marks, right after a word for what it is (旗舰产品“云途X9”,
# 首款车型「遠翔E5」, 抗肿瘤药“正替尼”) or right before one (“澜石S7 Pro”扫地机器人,
# 「天枢-03」光学遥感卫星, “MSC伊琳娜”号): the marks give the name's edges. Quoted names
# in a row closed by 等品牌 are brands (“宁禾”“麦田记”“小满坚果”等品牌).
_QUOTED = re.compile("[“「『]([^“”「」『』，。、；：！？\n]{2,14})[”」』]")
_KIND_BEFORE = re.compile(
    "(?:产品|车型|机型|模型|新药|药物|药|应用|App|APP|操作系统|系统|卫星|星座|品牌|芯片|手机|游戏|软件|小程序|品种|新品)$"
)
_KIND_AFTER = re.compile(f"{PRODUCT_AFTER.pattern}|号|机器人|卫星|品牌|牌")
# ... or a few words before such a noun, for a model's code (“澜石S7 Pro”扫地机器人; not
# scare quotes: 发展“新能源”汽车)
_KIND_AFTER_WORDS = re.compile("[\u4e00-\u9fff]{1,4}(?:机器人|卫星)")


def find_products(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with the products found by their patterns (module docstring); a
    mention inside a product's name gives way to it, one that overlaps it otherwise
    keeps its place."""
    folded = simplified_in_place(text)
    spans: list[tuple[int, int]] = []
    for m in mentions:  # a model's name right after its maker's
        if m.label == "ORG":
            model = _MODEL.match(text, m.end)
            if model and _is_model(folded, model.start(), model.end()):
                # digits alone are no name without the maker's: 小米15
                spans.append((m.start if model.group().isdigit() else model.start(), model.end()))
    for name in _LATIN_MODEL.finditer(text):  # before a word for what it is
        if PRODUCT_AFTER.match(folded, name.end()) and _is_name(text, name.start(), name.end()):
            spans.append((name.start(), name.end()))
    for name in _HAN_MODEL.finditer(text):
        if PRODUCT_AFTER.match(folded, name.end()):
            spans.append((name.start(), name.end()))
    kinds = lexicon().kinds
    for craft in _NUMBERED.finditer(folded):
        if _CRAFT_AFTER.match(folded, craft.end()):
            start, end = craft.span(1)
            if folded[start - 1 : start + 2] in kinds:  # a name of three characters: 谷神星一号
                start -= 1
            spans.append((start, end))
    spans += _drugs(folded) + _quoted(folded)
    if not spans:
        return mentions
    # only the mentions near a product's span are read: a long article has thousands
    ordered = in_text_order(mentions)
    starts = [m.start for m in ordered]
    longest = max((m.end - m.start for m in ordered), default=0)
    dropped: set[int] = set()  # ids of mentions inside a product's name
    added: list[Mention] = []
    for start, end in sorted(set(spans)):
        end = start + len(text[start:end].rstrip(" -"))
        window = ordered[bisect_left(starts, start - longest) : bisect_left(starts, end)]
        near = [m for m in window if id(m) not in dropped and m.start < end and start < m.end]
        near += [m for m in added[-8:] if m.start < end and start < m.end]  # products found just before
        inside = [m for m in near if start <= m.start and m.end <= end]
        if len(inside) < len(near):
            continue  # it would cut another name
        if any(m.label == "PRODUCT" and (m.start, m.end) == (start, end) for m in inside):
            continue
        dropped |= {id(m) for m in inside}
        added = [m for m in added if id(m) not in dropped]
        sentence = sentence_of(sentence_starts, start)
        added.append(Mention(text[start:end], "PRODUCT", start, end, sentence))
    kept = [m for m in ordered if id(m) not in dropped]
    return in_text_order(kept + added)


def _drugs(folded: str) -> list[tuple[int, int]]:
    """Spans of the drugs' generic names in ``folded`` (see ``_DRUG_END``)."""
    spans = []
    kinds = lexicon().kinds
    for end in _DRUG_END.finditer(folded):
        if folded[end.end() - 1 : end.end() + 1] in kinds:
            continue  # a word goes on (特朗普利用, 普利好)
        start = end.start()
        while start > 0 and folded[start - 1] in _DRUG_CHARS and end.start() - start < _DRUG_STEM[1]:
            start -= 1
        if end.start() - start >= _DRUG_STEM[0]:
            spans.append((start, end.end()))
    return spans


def _quoted(folded: str) -> list[tuple[int, int]]:
    """Spans of the products named in quotation marks (see ``_QUOTED``); not a quoted
    phrase (芯片“实现了100%国产化”: a verb, a figure)."""
    spans, run = [], []  # run: quoted names written in a row
    for quote in _QUOTED.finditer(folded):
        start, end = quote.span(1)
        in_row = run and folded[run[-1][1] + 1 : quote.start()] in ("", "、", "和", "及", "与")
        run = [*run, (start, end)] if in_row else [(start, end)]
        before = _KIND_BEFORE.search(folded, max(0, quote.start() - 4), quote.start())
        after = _KIND_AFTER.match(folded, quote.end()) or (
            _KIND_AFTER_WORDS.match(folded, quote.end()) and re.search("[A-Za-z0-9]", folded[start:end])
        )
        if before or after:
            spans.append((start, end))
        elif folded.startswith("等品牌", quote.end()) and len(run) > 1:
            spans += run
    return [(s, e) for s, e in spans if _could_be_product(folded[s:e])]


def _could_be_product(name: str) -> bool:
    """A quoted product's name holds no function character, figure or word that reads as
    a clause (了, %, 实现)."""
    if NAME_ENDERS & set(name) or "了" in name or "%" in name:
        return False
    return not any(clause_words_in(name))


def _is_model(folded: str, start: int, end: int) -> bool:
    """A model's name after its maker's holds a digit, and is no count or date (小米2024年);
    a number alone only before a word for a product (小米15系列; not 欧盟27国, 南斯拉夫队1∶0
    or the title 《美国陆军3》)."""
    name = folded[start:end]
    if not any(ch.isdigit() for ch in name) or folded[end : end + 1] in _UNIT_AFTER:
        return False
    return not name.isdigit() or bool(PRODUCT_AFTER.match(folded, end))


def _is_name(text: str, start: int, end: int) -> bool:
    """A Latin product's name holds a digit or is a word of four letters or more with
    small letters in it (HarmonyOS, Blackwell Ultra): AI, GPU or CPU before 芯片 name a
    kind of product, not one. It starts no more of a Latin word (the G of 5G)."""
    name = text[start:end]
    if start and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    return any(ch.isdigit() for ch in name) or (len(name) >= 4 and any(ch.islower() for ch in name))
