"""Products named by how news writes them: a model name after its maker's, the two one
name (华为Mate 70, 英伟达H800, 小米15系列; a line's own name alone: 骁龙8至尊版), a model name before a word
for what it is (H20芯片, 麒麟9020芯片), and a spacecraft's or rocket's name with its number
(嫦娥六号探测器, 长征五号遥八运载火箭), and a drug's generic name (司美格鲁肽, 奥希替尼);
weapons' codes (殲-10C), a line's name and a model's code (问界M9), a Latin model after its
maker's 的 (优必选的Walker S2), a Weibo post's device, the apps a post is on, trade names.

The corpora the model learnt from mark no products, so it finds none of these, or reads
their Latin letters as a person's name. Each is found once by its pattern; the article's
other mentions of it are then found like any name it writes twice.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.nlp.lexicon import ORG_END, clause_words_in, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_around, sentence_of
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
# A model's number and edition words after a line's Latin name (iPhone 17 Pro Max, iPad Air).
_EDITION_WORDS = "Pro|Max|Ultra|Plus|mini|Mini|Air|SE|Lite|Fold|Flip|Neo|Turbo|NEXT"
# (one number of up to three digits, no count or date: not iPhone 5000万部, iPad 2025年)
_EDITION = re.compile(
    rf"(?: (?:{_EDITION_WORDS})(?![A-Za-z0-9]))*(?: \d{{1,3}}(?:\.\d+)?[A-Za-z]?(?![\d.年月日万亿元部台%]))?"
    rf"(?: (?:{_EDITION_WORDS})(?![A-Za-z0-9]))*\+?"
)
# A Latin model's name of several words after its maker's (Mate 80 Pro, Model Y L, Osmo
# Pocket 3, MateBook X Pro 2026款).
_MAKERS_MODEL = re.compile(
    r"[A-Za-z][A-Za-z0-9]*(?:[ -](?:[A-Z][A-Za-z0-9]*|\d{1,4}(?:\.\d+)?[A-Za-z]?(?![\d万亿元台部年月日%]))){0,4}\+?"
    r"(?:(?<=\d{4})款)?"
)
_HAN_MODEL = re.compile(r"[\u4e00-\u9fff]{2}\d{3,}[A-Za-z]?")  # 麒麟9020, 昇腾910B; not 推出5G
# A line's name of two characters (three where the dictionary has them) and a model's code
# of letters and digits (问界M9, 理想i8, 蔚来ES8, 神玑NX9031, 比亚迪e2), where the model found
# no maker there; not after a clause's or time's word (采用A100, 今年Q3).
_BRAND_CODE = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z]{1,3}\d{1,5}[A-Za-z]?(?![A-Za-z0-9])")
_HAN = re.compile("[\u4e00-\u9fff]+")  # (spans.is_han: spans imports this module)
_NOT_BRAND = re.compile("今年|去年|明年|全年|同期|季度|年度|上半|下半|前三|第")
# What follows a number that is no model's (小米2024年, 华为15亿, 苹果3%).
_UNIT_AFTER = set("年月日号时分秒亿万千百元%个家款台部辆名位次倍人层条项只米届期")
# Nouns for what a product is, written after its name (not 汽车: 理想汽车 is a company).
PRODUCT_AFTER = re.compile(
    "芯片|处理器|显卡|手机|系列|系统|大模型|模型|平板|电脑|车型|机型|游戏|软件|操作系统"
    "|战机|战斗机|导弹|发动机|无人机|直升机|运输机|轰炸机|坦克|机器人|航空器|球拍"
)
# A spacecraft's, satellite's or rocket's name and number (嫦娥六号, 长征五号遥八运载火箭,
# 长征十二号甲, 长征二号F, 猎鹰9号), written before a word for what it is or in a sentence that names one
# (天兵科技的天龙三号、星河动力的智神星一号等新型火箭); not a line, building or signal
# (三号线, 十号风球).
_NUMBERED = re.compile(
    "([\u4e00-\u9fff]{2}(?:[一二三四五六七八九十]{1,3}|\\d{1,2})号(?:[甲乙丙丁]|[A-Z](?![A-Za-z]))?)"
)
_CRAFT_AFTER = re.compile("探测器|运载火箭|火箭|飞船|货运飞船|卫星|中继星|空间站|着陆器|巡视器|返回器|轨道器|核心舱")
# Characters no name opens or holds: they join or open clauses (由长征二号F, 用的A19).
_FUNCTION = NAME_ENDERS | set("了或用着过又却而成、")
_NOT_CRAFT_AFTER = re.compile("线|楼|门|文件|令|风球|病|床|馆|位|桥|仓|库|码头|机位|公路|地铁|台风|演习|演练|军演")
# A warship named after a province or city, in a sentence about navies (航空母舰福建舰).
_SHIP = re.compile("([\u4e00-\u9fff]{2})舰(?![队长船艇载])")
_NAVY = re.compile("航母|航空母舰|驱逐舰|护卫舰|舰艇|海军|两栖攻击舰|下水|服役")
# A weapon's or engine's name and number, joined by a dash (殲-10C戰機, 霹靂-15導彈,
# 天鹊-12A液氧甲烷发动机): one or two characters, then a word for what it is within a few.
_DASH_CODE = re.compile(f"([\u4e00-\u9fff]{{1,2}})-\\d+[A-Za-z]*(?=[\u4e00-\u9fff]{{0,4}}?(?:{PRODUCT_AFTER.pattern}))")
# A Latin model's name after its maker's 的 or a verb of launching (特斯拉的Optimus,
# 今年发布的Mavic 4 Pro), or after a word for what it is (农业无人机T100); one with a digit
# after any 的 (优必选的Walker S2), unless it names a group, a meeting, a flight or a road
# (出席的G20峰会, 乘坐的CA981航班), or a pair of molecules (GLP-1/GIP).
_LAUNCHED = re.compile("(?:发布|推出|发售|研发|研制|打造|量产|上市)的$")
_NOT_PRODUCT_AFTER = re.compile(
    "/|峰会|会议|大会|论坛|赛|集团|成员|国家|组织|标准|协议|航班|次|高速|国道|病毒|毒株|[年月日号]"
)
_NOUN_BEFORE = re.compile(f"(?:{PRODUCT_AFTER.pattern})$")
# A Weibo post's device line: 来自 iPhone 16 Pro Max, 来自 HUAWEI Mate 70 Pro.
_POSTED_FROM = re.compile(r"来自 ([A-Za-z][A-Za-z0-9+]*(?: [A-Za-z0-9+]+)*)")
# A trade name the text calls one (以穆峰达为商品名, 商品名为“信尔美”).
_TRADE_NAME = re.compile(
    "以([\u4e00-\u9fff]{2,6})为(?:商品名|品牌名|商标)"
    "|(?:商品名|品牌名)(?:为|是)[“「]?([\u4e00-\u9fff]{2,6})[”」]?(?=[，。、；）\\s])"
)
# Apps and platforms a post or a release is on (在Instagram發文, 在Spotify及KKBOX上架).
_PLATFORM = r"[A-Za-z][A-Za-z0-9]*+(?: \d+)?"
_ON_PLATFORM = re.compile(
    rf"在({_PLATFORM}(?:(?:、|和|及|与){_PLATFORM})*)(?:平台)?(?:上|发文|发帖|直播|上架|开设|同步)"
)
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
        if m.label == "PRODUCT" and m.text.isascii() and (edition := _EDITION.match(text, m.end)):
            spans.append((m.start, edition.end()))  # a line's model: iPhone 17 Pro Max, AirPods Pro
        elif m.label == "PRODUCT" and (model := _MODEL.match(text, m.end)) and _is_model(folded, *model.span()):
            spans.append((m.start, model.end()))  # 昇腾910C
        if m.label != "ORG":
            continue
        model = _MODEL.match(text, m.end)
        if model and _is_model(folded, model.start(), model.end()):
            # the maker's name and a Latin model's or a number are one name (华为Mate 70,
            # 小米15); a line's own name needs no maker's (骁龙8至尊版 of 高通骁龙8至尊版)
            spans.append((model.start() if _HAN.match(model.group()) else m.start, model.end()))
        elif _HAN.fullmatch(m.text) and len(m.text) <= 5 and (latin := _MAKERS_MODEL.match(text, m.end)):
            if _is_name(text, latin.start(), latin.end()) and not _NOT_PRODUCT_AFTER.match(folded, latin.end()):
                spans.append((m.start, latin.end()))  # 华为MateBook X Pro 2026款, 特斯拉Model Y L
    for name in _LATIN_MODEL.finditer(text):  # before a word for what it is
        if PRODUCT_AFTER.match(folded, name.end()) and _is_name(text, name.start(), name.end()):
            spans.append((name.start(), name.end()))
    kinds = lexicon().kinds
    for name in _HAN_MODEL.finditer(text):
        # or after 的 or a list's mark, a line's name no dictionary has (寒武纪的思元590)
        coined = (
            folded[name.start() - 1 : name.start()] in ("的", "、")
            and folded[name.start() : name.start() + 2] not in kinds
        )
        if PRODUCT_AFTER.match(folded, name.end()) or (
            coined and folded[name.end() : name.end() + 1] not in _UNIT_AFTER
        ):
            spans.append((name.start(), name.end()))
    spans += _numbered(folded, sentence_starts) + _codes(folded, mentions) + _platforms(folded)
    spans += _brand_codes(folded, mentions) + [m.span(m.lastindex) for m in _TRADE_NAME.finditer(folded)]
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
        near += [m for m in added[-8:] if id(m) not in dropped and m.start < end and start < m.end]  # just before
        inside = [m for m in near if start <= m.start and m.end <= end]
        if len(inside) < len(near):
            continue  # it would cut another name
        if any(m.label == "PRODUCT" and (m.start, m.end) == (start, end) for m in inside):
            continue
        dropped |= {id(m) for m in inside}
        sentence = sentence_of(sentence_starts, start)
        added.append(Mention(text[start:end], "PRODUCT", start, end, sentence))
    kept = [m for m in ordered if id(m) not in dropped]
    return in_text_order(kept + [m for m in added if id(m) not in dropped])


def _numbered(folded: str, sentence_starts: list[int]) -> list[tuple[int, int]]:
    """Spans of spacecraft, rockets and warships named with their number or place (see
    ``_NUMBERED`` and ``_SHIP``)."""
    spans = []
    kinds = lexicon().kinds
    for craft in _NUMBERED.finditer(folded):
        start, end = craft.span(1)
        if _NOT_CRAFT_AFTER.match(folded, craft.end()) or any(clause_words_in(folded[start : start + 2])):
            continue
        if folded[start + 2].isdigit() and (
            folded[start + 1] in "天月日周" or _NOT_BRAND.search(folded, start, start + 2)
        ):
            continue  # a date (今天9号), no craft
        if not _CRAFT_AFTER.search(sentence_around(folded, sentence_starts, start)):
            continue
        # a name of three characters: 谷神星一号, or 智神星一号 after a 的 or a list's mark
        # (not 由 of 由长征二号F, 是 of 的是嫦娥六号)
        after_mark = start >= 2 and folded[start - 2] in "的、，和与及“「" and folded[start - 1] not in _FUNCTION
        if folded[start - 1 : start + 2] in kinds or after_mark:
            start -= 1
        spans.append((start, end))
    for ship in _SHIP.finditer(folded):
        if kinds.get(ship.group(1)) == "ns" and _NAVY.search(sentence_around(folded, sentence_starts, ship.start())):
            spans.append(ship.span())
    return spans


def _codes(folded: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans of weapons' and engines' names with a dash (see ``_DASH_CODE``), of Latin
    models' names after their maker's 的 or a verb of launching (see ``_LAUNCHED``), and of
    the devices a Weibo post was sent from (see ``_POSTED_FROM``)."""
    spans = []
    for code in _DASH_CODE.finditer(folded):
        start = code.start() + (len(code.group(1)) == 2 and code.group(1)[0] in _FUNCTION)
        spans.append((start, code.end()))
    org_ends = {m.end for m in mentions if m.label == "ORG"}
    for name in _LATIN_MODEL.finditer(folded):
        start, end = name.span()
        if not _is_name(folded, start, end) or (start and folded[start - 1] == " "):
            continue
        digits = any(ch.isdigit() for ch in folded[start:end])
        if folded[start - 1 : start] == "的":
            maker = start - 1 in org_ends or _LAUNCHED.search(folded, max(0, start - 3), start)
            if (maker or digits) and not _NOT_PRODUCT_AFTER.match(folded, end):
                spans.append((start, end))
        elif digits and (  # 无人机T100; not 品牌Nike
            _KIND_BEFORE.search(folded, max(0, start - 4), start)
            or _NOUN_BEFORE.search(folded, max(0, start - 3), start)
        ):
            spans.append((start, end))
    for device in _POSTED_FROM.finditer(folded):
        if any(ch.isdigit() for ch in device.group(1)):
            spans.append(device.span(1))
    return spans


def _brand_codes(folded: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans of models named by their line and code (see ``_BRAND_CODE``)."""
    kinds = lexicon().kinds
    covered = {i for m in mentions if m.label != "PRODUCT" for i in range(m.start, m.end)}
    companies = {simplified_in_place(m.text) for m in mentions if m.label == "ORG"}
    spans = []
    for code in _BRAND_CODE.finditer(folded):
        at, end = code.span()
        start = at - 3 if folded[at - 3 : at] in kinds and _HAN.fullmatch(folded[at - 3 : at]) else at - 2
        brand = folded[start:at]
        if start < 0 or not _HAN.fullmatch(brand) or covered & set(range(start, at)) or _FUNCTION & set(brand):
            continue
        if _NOT_BRAND.search(brand) or any(clause_words_in(brand)) or folded[end : end + 1] in _UNIT_AFTER:
            continue
        if brand.endswith("航"):
            continue  # an airline's flight (东航MU5417)
        # a word of the dictionary (小米, 理想; but 销售, 生产, 巴士 of 空中巴士) only as a
        # company the article names, or opening an item of a list of models (：小米YU7、问界M9)
        opens = start == 0 or not _HAN.match(folded, start - 1) or folded[start - 1] == "的"
        listed = opens and (folded[end : end + 1] in "、和与及" or folded[start - 1 : start] == "、")
        if brand in kinds and brand not in companies and not listed:
            continue
        spans.append((start, end))
    return spans


def _platforms(folded: str) -> list[tuple[int, int]]:
    """Spans of the Latin-named apps and platforms something is posted or sold on (see
    ``_ON_PLATFORM``)."""
    spans = []
    for run in _ON_PLATFORM.finditer(folded):
        for item in re.finditer(_PLATFORM, run.group(1)):
            # a name of four letters or more, or with a digit: not 在AI上 (a field)
            if len(item.group()) >= 4 or any(ch.isdigit() for ch in item.group()):
                spans.append((run.start(1) + item.start(), run.start(1) + item.end()))
    return spans


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
    or the title 《美国陆军3》), or a number of up to three digits before a list's mark or a
    stop (小米17和小米YU7)."""
    name = folded[start:end]
    if not any(ch.isdigit() for ch in name) or folded[end : end + 1] in _UNIT_AFTER:
        return False
    listed = len(name) <= 3 and folded[end : end + 1] in "、和与及，。）"  # 小米17和小米YU7
    listed = listed and folded[start - 1 : start] not in ORG_END  # not seats: 国民党52、
    return not name.isdigit() or listed or bool(PRODUCT_AFTER.match(folded, end))


def _is_name(text: str, start: int, end: int) -> bool:
    """A Latin product's name holds a digit or is a word of four letters or more with
    small letters in it (HarmonyOS, Blackwell Ultra): AI, GPU or CPU before 芯片 name a
    kind of product, not one. It starts no more of a Latin word (the G of 5G)."""
    name = text[start:end]
    if start and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    return any(ch.isdigit() for ch in name) or (len(name) >= 4 and any(ch.islower() for ch in name))
