"""The name before a company role and a person is the company (鸿海董事长刘扬伟), and so
is the name before a stock code (贵州茅台（600519）) and an office's name before its
spokesperson or head (行政院发言人李慧芝).

News introduces executives as organisation, role, person (鸿海董事长刘扬伟, 英伟达首席执行官
黄仁勋). A short company name with no company word in it (鸿海, 比亚迪) looks like a
person's name to the model, or like nothing it knows (台积电, 字节跳动); the role between
two names says which one is the company. Roles that only companies and institutions have
are used, not 总统 or 主席, which follow countries and parties too. Some words follow
only organisations (哈马斯领导人, 哈马斯武装): a name the model typed a person before one
of them is an organisation as well. And news names a little-known company right after
a word for its kind (设备厂晶瀚精密, 零部件企业远驰精密的负责人).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import accumulate

from kg.nlp.countries import opening_country
from kg.nlp.lexicon import ORG_END, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import is_place_name
from kg.nlp.normalize import simplified_in_place
from kg.transliteration import looks_transliterated

_ROLE = re.compile(
    "(?:副|轮值)?董事长|董事会主席|(?:常务|执行|独立)?董事(?:总经理)?|首席[\u4e00-\u9fff]{2}官|首席(?:经济学家|科学家|分析师)"
    "|执行长|(?:执行)?副?总裁|副?总经理|副?行长|副?社长|(?:联合)?创始人|(?:创始|管理)?合伙人|分析师|CEO"
)
_WINDOW = 7  # the longest role
# Roles in a government office or a party: before one, a name ending like an
# organisation's is one (行政院发言人李慧芝); 外交部长王毅 holds none (外交 ends no name).
_OFFICE_ROLE = re.compile("发言人|副?院长|副?部长|副?局长|副?署长|主任委员|主委|检察[官员]|法官|审判长|副?庭长")
# Between two roles of one person: 联合创始人、董事长陈磊, 董事长兼总裁.
_ROLE_JOINERS = ("、", "兼", "及", "和")
_LIST_JOINERS = "及和与"
# A listed company's stock code in brackets after its name: 贵州茅台（600519）, 招商银行
# （600036.SH）, 腾讯控股（00700.HK）, 中芯国际（0981）, 蔚来（NYSE: NIO). Not a year (2023).
_STOCK_CODE = re.compile(
    r"[（(](?:(?:nasdaq|nyse|纳斯达克|纽交所|港交所)[:：]\s*[a-z]{1,5}|\d{6}(?:\.(?:sh|sz|bj))?|\d{4,5}\.hk|\d{5}"
    r"|(?!19|20)\d{4})[）)]",  # Hong Kong's four digits (0981, 1299), not a year
    re.IGNORECASE,
)
# The model's spans that may open a company's name: 小鹏 of 小鹏汽车, 贵州 of 贵州茅台.
_NAME_PARTS = ("PERSON", "GPE", "LOC")
# Words that follow an organisation and never a person's name (no person's span in the
# training corpora stands before one): 哈马斯领导人, 哈马斯武装, 真主党成员. Not 政权,
# 当局 or 发言人, which news writes after leaders too (阿萨德政权, 普京发言人).
_ORG_ONLY_AFTER = re.compile("领导人|领导层|武装|组织|成员|总部|官员")
# Where a clause starts: the company before a role is looked for from there only.
_CLAUSE_START = re.compile(r"[\s，。；：、！？“”‘’「」《》（）()【】,;:!?]")
# A name never holds these (会议由董事长…, 他说总经理…), nor starts like 该公司, 其总裁,
# 与总经理 (华为 holds 为, 中和 和: only as first characters do those rule a name out).
_NOT_IN_NAME = set("的了在是由被把给说称据")
_NOT_FIRST = set("该本其这那此各我你他她它贵原前现新副和与及对将为从向")
_GENERIC = {"上市公司", "母公司", "子公司", "分公司", "合资公司", "控股公司"}  # nt in jieba, yet no name
_LONGEST_NAME = 6
_LATIN_SLACK = 16  # a Latin word in a company's name is one unit, of up to this many more letters
_LONGEST_OFFICE = 12  # 南京市人民检察院, 广东省应急管理厅, and a company's name in words
_COMPANY_WORDS = ("公司", "集团", "银行")
# What a long clause before a role holds where it is no company's name (昨天一家国有公司董事长).
_NOT_IN_LONG_NAME = re.compile("一家|某|该|这|那|其|昨天|今天|明天|上午|下午|晚上|日前|近日|当天|本周|上周")


def _clause_before(text: str, end: int, longest: int = _LONGEST_NAME) -> int | None:
    """Start of the clause that runs up to ``end``, if it holds 2 to ``longest`` characters,
    a Latin word counting as one (DeepSeek创始人)."""
    units = 0
    for start in range(end - 1, max(-2, end - longest - _LATIN_SLACK - 2), -1):
        if start < 0 or _CLAUSE_START.match(text[start]):
            return start + 1 if end - start - 1 >= 2 and units <= longest else None
        if not (text[start].isascii() and text[start].isalnum() and text[start + 1 : start + 2].isascii()):
            units += 1  # a Latin word counts once, at its last letter
        if units > longest:
            return None
    return None


def could_be_company(name: str, listed: bool = False, text: str = "") -> bool:
    """A clause opening that may be a company's name: no function word or digit, no
    pronoun first, and not an everyday word of the dictionary (公司, 集团, 会上) unless
    ``text`` also writes it before 公司 or 集团 (苹果 of 苹果公司). Before a stock code
    (``listed``) it is a company's name unless it holds a function word or a digit:
    brands are everyday words too (五粮液, 茅台)."""
    if any(ch in _NOT_IN_NAME for ch in name):
        return False
    if not all(ch.isalnum() and not ch.isdigit() for ch in name):  # 2023年总经理…
        return False
    if listed:
        return True
    everyday = lexicon().kinds.get(name) == "w" and not any(name + word in text for word in ("公司", "集团"))
    return name[0] not in _NOT_FIRST and name not in _GENERIC and not everyday


def _country_arm(parts: list[Mention], start: int, anchor: int) -> bool:
    """The model's only span in a clause before a role is a country's name that ends it,
    after more of the name: a company's arm in that country (红杉中国)."""
    if len(parts) != 1 or parts[0].end != anchor or parts[0].start == start:
        return False
    name = simplified_in_place(parts[0].text)
    return opening_country(name) == name


def _could_be_office(name: str) -> bool:
    """A clause opening before a government role that names the office: three or more
    characters ending like an organisation's name (行政院, 国台办), with no function word,
    pronoun or bare level of government first (该部, 市政府)."""
    return (
        len(name) >= 3
        and name.endswith(ORG_END)
        and could_be_company(name, listed=True)
        and name[0] not in _NOT_FIRST
        and name[0] not in "市省县区"
    )


def _roles_before(role: re.Pattern, folded: str, people: dict[int, Mention]) -> list[int]:
    """Starts of the roles a person's span follows, directly or after more roles of the
    same person (拼多多联合创始人、董事长陈磊): the first role of such a run only, since
    what comes before a later one (董事长兼 of 董事长兼首席执行官) is no company."""
    matches = list(role.finditer(folded))
    by_start = {r.start(): r for r in matches}
    reaching: set[int] = set()  # ends of roles that reach a person
    later: set[int] = set()  # starts of roles that continue a run
    found = []
    for r in reversed(matches):
        joined = folded[r.end() : r.end() + 1] in _ROLE_JOINERS and by_start.get(r.end() + 1)
        if r.end() in people or (joined and joined.end() in reaching):
            reaching.add(r.end())
            found.append(r.start())
            if joined:
                later.add(joined.start())
        elif folded[r.end() : r.end() + 1] == "、" and _next_employer_role(role, folded, r.end() + 1, reaching):
            reaching.add(r.end())  # 华为常务董事、终端BG董事长余承东: a role at each of two employers
            found.append(r.start())
    return [start for start in found[::-1] if start not in later]


_NEXT_ROLE = 40  # characters of an employer's name and a role, at most


def _next_employer_role(role: re.Pattern, folded: str, start: int, reaching: set[int]) -> bool:
    """Whether, from ``start``, another employer's name and a role that reaches a person
    follow, within ``_NEXT_ROLE`` characters (a long document has thousands of roles)."""
    for end in reaching:
        if start < end <= start + _NEXT_ROLE:
            later = next((r for r in role.finditer(folded, start, end) if r.end() == end), None)
            if later and later.start() > start and _clause_before(folded, later.start()) == start:
                return True
    return False


def type_employers(text: str, mentions: list[Mention], sentence_starts: list[int] | None = None) -> list[Mention]:
    """Mentions with the name before a company role that a person's span follows
    (鸿海 in 鸿海董事长刘扬伟), before a stock code (贵州茅台（600519）) or before a
    government role and a person (行政院发言人李慧芝) typed as an organisation, whether
    the model typed it otherwise, found nothing there (台积电董事长魏哲家, where the
    clause begins with the name) or only a person or place opening it (小鹏 of
    小鹏汽车董事长何小鹏, 贵州 of 贵州茅台), and so is a person's span before a word only
    organisations take (哈马斯领导人). An organisation found so is one wherever the
    article writes it alone. ``sentence_starts`` gives new mentions their sentence."""
    out = in_text_order(mentions)
    people = {m.start: m for m in out if m.label == "PERSON"}
    folded = simplified_in_place(text)
    companies = set()
    for m in (m for m in out if m.label == "PERSON"):
        role = _ROLE.match(folded[m.end : m.end + _WINDOW])
        if (role and m.end + role.end() in people) or _ORG_ONLY_AFTER.match(folded, m.end):
            companies.add(m.text)  # retyped below, with every other mention of the name
    starts = [m.start for m in out]
    reach = list(accumulate((m.end for m in out), max))  # the furthest end of any mention so far
    ends = {m.end: i for i, m in enumerate(out)}
    anchors = [(start, "role") for start in _roles_before(_ROLE, folded, people)]
    anchors += [(start, "office") for start in _roles_before(_OFFICE_ROLE, folded, people)]
    for code in _STOCK_CODE.finditer(folded):
        if code.start() in ends:  # the model's span before a stock code is the company's name
            companies.add(out[ends[code.start()]].text)
        else:
            anchors.append((code.start(), "listed"))
    found, replaced = [], set()
    for anchor, kind in sorted(anchors):
        start = _clause_before(folded, anchor, _LONGEST_OFFICE if kind == "office" else _LONGEST_NAME)
        if start is None and folded.endswith(_COMPANY_WORDS, 0, anchor):
            start = _clause_before(folded, anchor, _LONGEST_OFFICE)  # 太空探索技术公司首席执行官
        if start is None:
            continue
        if kind == "listed" and folded[start] in _LIST_JOINERS and anchor - start > 2:
            start += 1  # 中芯国际（0981）及华虹半导体（1347）
        inside = bisect_left(starts, anchor)  # out[first:inside] start in the clause
        first = inside
        while first and starts[first - 1] >= start:
            first -= 1
        if first and reach[first - 1] > start:  # a mention from before runs into the clause
            continue
        # Mentions in the clause already: only people and places that open it and stop
        # short of the anchor are parts of the company's name (小鹏 of 小鹏汽车董事长何小鹏,
        # 贵州 of 贵州茅台（600519）).
        parts = out[first:inside]
        if anchor - start > _LONGEST_NAME and (
            (kind == "office" and not parts) or _NOT_IN_LONG_NAME.search(folded, start, anchor)
        ):
            continue  # a long office name only where the model's place opens it (南京市 of 南京市人民检察院)
        # a place's span that is the whole opening before a company role is the company's
        # name the model mistyped (輝達執行長黃仁勳), unless it is a country's
        whole = len(parts) == 1 and (parts[0].start, parts[0].end) == (start, anchor)
        mistyped = (
            kind == "role"
            and whole
            and parts[0].label in ("GPE", "LOC")
            and opening_country(folded[start:anchor]) != folded[start:anchor]
        )
        if (
            parts
            and not mistyped
            and not (
                all(m.label in _NAME_PARTS for m in parts)
                and ((parts[0].start == start and reach[inside - 1] < anchor) or _country_arm(parts, start, anchor))
            )
        ):
            continue
        name = text[start:anchor]
        opening = folded[start:anchor]
        if (
            _could_be_office(opening)
            if kind == "office"
            else could_be_company(opening, listed=kind == "listed", text=folded)
        ):
            sentence = bisect_right(sentence_starts, start) - 1 if sentence_starts else 0
            found.append(Mention(name, "ORG", start, anchor, sentence))
            companies.add(name)
            replaced.update(range(first, inside))
    out = [m for i, m in enumerate(out) if i not in replaced]
    out = [replace(m, label="ORG", titles=[]) if m.label != "ORG" and m.text in companies else m for m in out]
    return in_text_order(out + found)


# A word for a kind of company, then the company's name up to where the clause goes on:
# 设备厂晶瀚精密今年…, 零部件企业——远驰精密的负责人, 合资公司零跑国际，.
_KINDS = "企业|公司|厂商|厂|平台|智库|机构|品牌|供应商|服务商|运营商|开发商|零售商|国企|央企|车企|药企|矿商|券商|老股东"
_KIND = re.compile(_KINDS)
_KIND_THEN_NAME = re.compile(
    f"(?:{_KINDS})(?:——|—)?"
    "([\u4e00-\u9fff]{2,6}?)(?=的|[，。、；：（(“”「」\\s]|今年|近日|此前|日前|目前|近期|继续|再次|也|已|将|正|则|于|在|还)"
)


def companies_after_kind_words(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with a company's name written right after a word for its kind, where the
    model found nothing there or read a person or place in it (设备厂晶瀚精密今年): two
    to six characters up to where the clause goes on that read as no clause (企业纷纷表示,
    企业工作才算就业), and no longer word with the kind word (企业家精神)."""
    folded = simplified_in_place(text)
    kinds = lexicon().kinds
    taken = sorted((m.start, m.end) for m in mentions)
    parts = {(m.start, m.end) for m in mentions if m.label in _NAME_PARTS}
    people = {(m.start, m.end) for m in mentions if m.label == "PERSON"}
    found, dropped = [], set()
    for match in _KIND_THEN_NAME.finditer(folded):
        start, end = match.span(1)
        name = folded[start:end]
        kind_end = start
        while folded[kind_end - 1] == "—":
            kind_end -= 1
        if any(w in kinds for w in (folded[match.start() : start + 1], folded[match.start() - 1 : kind_end])):
            continue  # 企业家, 工厂: the kind word is part of another word
        other = _KIND.match(folded, kind_end - 1)
        if other and other.end() > kind_end:
            continue  # 国企 of 外国企业签署: its last character opens another kind word
        # an everyday word or a place is no company's name; a name the dictionary files as a
        # person's or an organisation's may be (西班牙企业埃布罗)
        if not could_be_company(name) or kinds.get(name) in ("w", "ns") or _reads_as_a_clause(name, kinds):
            continue
        if len(name) == 2 and folded[end : end + 1] not in "的，。、；":
            continue  # two characters before more of a clause (平台大呻「…」, Cantonese "complained")
        i = bisect_left(taken, (start, 0))
        overlaps = [(s, e) for s, e in taken[max(0, i - 1) : i + 2] if s < end and start < e]
        # a person's or place's name the model read in its opening, or over all of it,
        # gives way (设备厂晶瀚精密: 晶瀚; 西班牙企业埃布罗; 老股东中科创星), not a known place's
        # or a Chinese person's (公司孙祥树: the company's man)
        if any((s, e) not in parts or s != start or e > end for s, e in overlaps) or is_place_name(name):
            continue
        if (start, end) in people and not looks_transliterated(name):
            continue
        dropped.update(overlaps)
        sentence = sentence_of(sentence_starts, start)
        found.append(Mention(text[start:end], "ORG", start, end, sentence))
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + found)


# Characters that a clause holds and a company's name hardly does (企业都不利, 公司会让我).
_CLAUSE_CHARS = set("都也不没会让来于与和及在是有把被将才就又还很更最已曾正则并而且要能可")


def _reads_as_a_clause(name: str, kinds: dict[str, str]) -> bool:
    """Whether the characters after a kind word read as the clause going on: a function
    character, or an everyday word before the last two characters (工作才算就业, 大量提供
    原料); a company's name may end in one (晶瀚精密, 零跑国际)."""
    if _CLAUSE_CHARS & set(name):
        return True
    return any(kinds.get(name[i : i + 2]) == "w" for i in range(len(name) - 2))


# A body speaking or acting at the head of a clause (疾病管制署今天表示, 运输署则表示).
_SPEAKS = re.compile(
    "(?:则|也|亦|已|还|今天|今日|昨天|昨日|日前|近日|周[一二三四五六日])?"
    "(?:表示|指出|宣布|要求|发布|通报|证实|回应|强调|透露|呼吁|公布|称)"
)
_BODY_END = (*"署局部院委办厅处", "委员会", "协会", "总会", "基金会")
# Prepositions and the like that put a body in a clause, not in its name (伤者经医院证实).
_NOT_IN_BODY = set("经向从让")  # (not 者 or 自: 消费者委员会, 自然资源部)
# Words ending in 部 that name no body (让嘴馋干部称称, 公司内部表示).
_NOT_A_BODY = re.compile("(?:干|全|内|外|局|总|本|[东西南北中]|俱乐)部$")


def bodies_before_speech(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with a government body or association that opens a clause and speaks or
    acts in it (疾病管制署今天表示, 運輸署則表示) added where the model found nothing there:
    an office's name by ``_could_be_office``, ending in ``_BODY_END``, no everyday word
    (俱乐部, 总部), and no date, pronoun or preposition inside (昨天该局, 伤者经医院)."""
    folded = simplified_in_place(text)
    kinds = lexicon().kinds
    taken = sorted((m.start, m.end) for m in mentions)
    found = []
    for speech in _SPEAKS.finditer(folded):
        end = speech.start()
        start = _clause_before(folded, end, _LONGEST_OFFICE)
        if start is None:
            continue
        name = folded[start:end]
        if not (name.endswith(_BODY_END) and _could_be_office(name)) or kinds.get(name) == "w":
            continue
        if _NOT_IN_LONG_NAME.search(name) or _NOT_IN_BODY & set(name) or _NOT_A_BODY.search(name):
            continue
        i = bisect_left(taken, (start, 0))
        if any(s < end and start < e for s, e in taken[max(0, i - 1) : i + 2]):
            continue
        sentence = sentence_of(sentence_starts, start)
        found.append(Mention(text[start:end], "ORG", start, end, sentence))
    return in_text_order(mentions + found) if found else mentions


# Investors in a funding round: 由深创投领投, 红杉中国、钧源资本跟投.
_INVESTS = re.compile("(?:领投|跟投|参投|联合领投|独家投资)")
_INVESTOR = re.compile("[\u4e00-\u9fffA-Za-z]{2,8}$")


def investors(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """Mentions with the investors named before 领投 or 跟投 (由深创投领投, 红杉中国、钧源资本
    跟投) added where the model found nothing there, or a place or person in them (中国 of
    红杉中国): the clause's opening after 由, and each name before it joined by 、, where it
    could be a company's name."""
    folded = simplified_in_place(text)
    taken = sorted((m.start, m.end) for m in mentions)
    parts = {(m.start, m.end) for m in mentions if m.label in _NAME_PARTS}
    found, dropped = [], set()
    for verb in _INVESTS.finditer(folded):
        end = verb.start()
        start = _clause_before(folded, end, _LONGEST_NAME + 2)
        while start is not None:
            start = max(start, folded.find("由", start, end) + 1)  # 本轮融资由深创投; 由自由资本
            name = folded[start:end]
            place = lexicon().kinds.get(name) == "ns" or opening_country(name) == name  # (not 红杉中国)
            if not (_INVESTOR.match(name) and could_be_company(name)) or place:
                break
            i = bisect_left(taken, (start, 0))
            overlaps = [(s, e) for s, e in taken[max(0, i - 1) : i + 3] if s < end and start < e]
            if any((s, e) not in parts or s < start or e > end for s, e in overlaps):
                break
            dropped.update(overlaps)
            sentence = sentence_of(sentence_starts, start)
            found.append(Mention(text[start:end], "ORG", start, end, sentence))
            if start < 1 or folded[start - 1] != "、":  # the name before it in a list, too
                break
            end = start - 1
            start = _clause_before(folded, end, _LONGEST_NAME + 2)
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + found) if found else mentions
