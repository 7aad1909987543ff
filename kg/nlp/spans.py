"""A model's span mended on its own, before it becomes a mention: cut at a space between
two Chinese characters (a headline's separator) or at a verb of meeting (李家超出席立法会),
cut before an idiom it ran into (姆巴佩梅开二度), a part of the organisation it names
(谷歌母公司) or an unnamed place it goes on to (郑州一小区), split where a country's name is
glued to one of its places (美国夏威夷), grown over the Latin words beside it (Counterpoint
Research), and a place by the words around it (抵达曼德勒, 巴赫穆特附近, 哈尔科夫市)."""

from __future__ import annotations

import re

from kg.nlp.countries import opening_country
from kg.nlp.lexicon import FACILITY_ENDS, NAME_KINDS, clause_words_in, institution, lexicon, location_label
from kg.nlp.names import NAME_ENDERS, NAME_SEPARATORS, ORG_WORD_BEFORE
from kg.nlp.normalize import LATIN, LATIN_CAPITALS, T2S
from kg.nlp.products import PRODUCT_AFTER
from kg.transliteration import looks_transliterated

_CJK = "\u3400-\u9fff\uf900-\ufaff"
# Whitespace with a Chinese character on each side: the model never sees it (spaces are
# token whitespace), so it may read two headline phrases as one name.
_CJK_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
# What a region's name ends in: the part after a country's name must end so or be a
# proper name (夏威夷, 达尔富尔, 加州) to be split off.
_REGION_END = tuple("州省县区")
_DIVISION_END = _REGION_END + ("市",)
_NOT_CITY = "超城都股上门夜"  # before 市: a word (超市), no city's name
# What a county's, district's, town's or township's name ends in, after its city's or county's.
_UNDER_CITY = ("县", "区", "镇", "乡", "街道")
# Latin names: capitalised words joined by single spaces, and the last words only an
# organisation's name ends in (Counterpoint Research, Goldman Sachs Group).
_LATIN_WORD = f"[{LATIN}0-9_&.'-]"
_LATIN_NAME = re.compile(f"[{LATIN}]{_LATIN_WORD}*(?: [{LATIN}]{_LATIN_WORD}*)*")
_WORD_BEFORE = re.compile(f"(?<!{_LATIN_WORD})[{LATIN_CAPITALS}]{_LATIN_WORD}* $")
_WORD_AFTER = re.compile(f" [{LATIN_CAPITALS}]{_LATIN_WORD}*(?!{_LATIN_WORD})")
_LATIN_WORDS = 4  # words added on either side, at most
_LATIN_ORG_HEADS = frozenset(
    "research group capital holdings partners labs technologies technology systems bank inc corp corporation "
    "ltd llc co company institute university foundation association media motors airlines ventures".split()
)
_HAN_THEN_CAPITALS = re.compile(f"[{_CJK}]+[A-Z][A-Z0-9]+")
_INNER_CAPITAL = re.compile("[A-Za-z]*[a-z][A-Z][A-Za-z]*")
_ACRONYM = re.compile("[A-Z]{2,6}")  # BBC, AMD: an organisation's initials, no one's name
# Second characters of Japanese given names that open with 和 (和男, 和夫, 和子).
_JAPANESE_AFTER_AND = frozenset("男夫子也彦久人美雄")
SPEECH = re.compile("表示|认为|指出|强调|介绍|透露|宣布|发表")
_DATELINE_AFTER = re.compile(r"报道|报导|(?:\d{1,2}日)?专?电")
# Verbs of meeting and travel, which no name holds (李家超出席立法会 is two names; 晤 is
# Hong Kong headlines' "meets": 特朗普晤泽连斯基, but not in 泰晤士, the Thames).
_MEETING = re.compile("出席|会见|会晤|视察|出访|致电|抵达|离开|设立|成立|(?<!泰)晤(?!士)")
# Verbs of travel: where they lead is a place, never a person (抵达曼德勒, 飞抵贝鲁特);
# not 访问 or 到访, which lead to organisations too.
_TRAVEL = re.compile("(?:抵达|飞抵|前往|途经|过境|到达|赶赴|奔赴)$")
# Words for a place written before its name (南部城市塞格德, 首都加德满都, 巴伊亚州卡马萨里).
_PLACE_BEFORE = re.compile("(?:城市|首都|首府|胜地|小镇|小城|重镇|港口|港城|[州省])$")
# Words of location written after a place (巴赫穆特附近, 加沙地区), never after a person.
_LOCATION_AFTER = re.compile("附近|一带|境内|郊区|市区|周边|以东|以西|以南|以北|地区|自治[区州县]")
# Parts and relations written after an organisation's name (腾讯公司总部, 谷歌母公司).
_ORG_PARTS = ("母公司", "子公司", "总部")
# "A certain" or "one" before a common noun: what follows is no name (郑州一小区,
# 金水区某小区, 南京一家证券机构), what comes before may be.
_ANONYMOUS = re.compile("某|一(?:[家所座栋个名处间]|小区)")


def split_at_spaces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``text[start:end]`` between spaces that stand between
    Chinese characters (皇马逆转拜仁 姆巴佩梅开二度: two phrases of a headline). Latin
    names keep their spaces (Elon Musk)."""
    parts, at = [], start
    for gap in _CJK_SPACE.finditer(text, start, end):
        parts.append((at, gap.start()))
        at = gap.end()
    parts.append((at, end))
    return [(s, e) for s, e in parts if e > s]


def split_at_list_marks(folded: str, start: int, end: int, joiners: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the parts of a span the model read over a list's 、 (长光卫星、时空道宇:
    two names) or a byline's 【】 (【明報專訊】機場管理局), those of two or more characters
    that are no byline's word (专讯); with ``joiners`` (a place's span), over 及 too where
    it begins or ends no word of the dictionary (葡京及新马路; not 埃及), and over 至 (东京站至
    新青森: from one to the other; not 以至). (Not 和: 呼和浩特.)"""
    kinds = lexicon().kinds

    def mark(i: int) -> bool:
        if folded[i] in _MARKS:
            return True
        return joiners and folded[i] in "及至" and not {folded[i - 1 : i + 1], folded[i : i + 2]} & kinds.keys()

    if not _MARKS & set(folded[start:end]) and not (joiners and {"及", "至"} & set(folded[start:end])):
        return [(start, end)]
    parts, s = [], start
    for i in range(start, end + 1):
        if i == end or mark(i):
            if i - s >= 2 and not folded[s:i].endswith("讯"):
                parts.append((s, i))
            s = i + 1
    return parts


_MARKS = frozenset("、【】")


def split_at_verbs(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the parts of ``folded[start:end]`` (text in Simplified, same
    offsets) on either side of a verb of meeting, travel or founding written inside it
    after two or more characters (李家超出席立法会, 亞松森大學設立資訊科技學院,
    a headline the model read as one name: 李家超 and 立法会; 习近平 of 习近平会见), the part
    after it only if it has two or more characters. No name in the training corpora holds
    one of these verbs."""
    match = _MEETING.search(folded[start:end], 2)
    if not match:
        return [(start, end)]
    after = (start + match.end(), end)
    return [(start, start + match.start())] + ([after] if end - after[0] >= 2 else [])


def extend_latin(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """A Latin-script span with the capitalised words written next to it, space-separated
    (Research of Counterpoint Research, Musk of Elon Musk): where the name then ends in a
    word only organisations end in (Research, Group, Capital) it is an organisation, and
    a person's span grows too, over no word in capitals (CEO Elon Musk: Elon Musk); other
    spans stay as they are (Apple of Apple Intelligence)."""
    if not _LATIN_NAME.fullmatch(text, start, end):
        return start, end, label
    grown_start, grown_end = _grow(text, start, end, capitals=True)
    if text[grown_start:grown_end].rsplit(" ", 1)[-1].lower() in _LATIN_ORG_HEADS:
        return grown_start, grown_end, "ORG"
    if label == "PERSON":
        return (*_grow(text, start, end, capitals=False), label)
    return start, end, label


def _grow(text: str, start: int, end: int, capitals: bool) -> tuple[int, int]:
    """Up to ``_LATIN_WORDS`` capitalised words added on either side; ``capitals``: words
    in capitals (CEO, IBM) too."""
    for _ in range(_LATIN_WORDS):
        before = _WORD_BEFORE.search(text, 0, start)
        if not before or (not capitals and before.group().strip().isupper()):
            break
        start = before.start()
    for _ in range(_LATIN_WORDS):
        after = _WORD_AFTER.match(text, end)
        if not after or (not capitals and after.group().strip().isupper()):
            break
        end = after.end()
    return start, end


def cut_idiom_tail(folded: str, start: int, end: int) -> int:
    """Where a person's span (in ``folded``, text in Simplified) ends inside a dictionary
    word of three or more characters that begins within it, after at least two characters
    (姆巴佩梅开 of 姆巴佩梅开二度, 邓超四 of 邓超四大名捕), the span ends where that word
    begins; else ``end``. Two-character words are left alone: they begin with the last
    character of many given names (李强 of 李强调研)."""
    words = lexicon().kinds
    for i in range(start + 2, end):
        for n in range(min(6, len(folded) - i), 2, -1):
            if i + n > end and folded[i : i + n] in words:
                return i
    return end


def split_country_prefix(folded: str, start: int, end: int, place: bool = False) -> int | None:
    """Where a place's span (in ``folded``, text in Simplified) is a country's or a
    region's name and then a place in it (美国夏威夷, 苏丹达尔富尔, 日本东京, 加利福尼亚州库比蒂诺,
    贵州省贵阳市, 海东市民和县, 秀峰区解放西路, 山东青岛), the offset between the two; None
    for one name (中国革命博物馆, 西班牙广场, 几内亚比绍, 台湾海峡). The second part must be
    a proper name in jieba's dictionary, end like a region (州, 省, 市), or, after a
    region, be a transliterated name or a facility's (关丹站); and not two characters
    naming a natural feature (海峡). Without a country or division, in a span typed a
    ``place``, the first part must be a place and the second a proper name in the
    dictionary."""
    name = folded[start:end]
    kinds = lexicon().kinds
    country = opening_country(name)
    if not country:
        region = next((i + 1 for i in range(2, len(name) - 2) if name[i] in "州省"), 0)
        rest = name[region:]
        facility = location_label(rest) == "FAC"  # 彭亨州关丹站
        if region and (
            rest.endswith(_DIVISION_END) or looks_transliterated(rest) or kinds.get(rest) in NAME_KINDS or facility
        ):
            return start + region
        # not 市 of 超市, 城市, 股市 (jieba's kinds do not tell: 城市 and 北京市's 京市 are both ns)
        city = next((i + 1 for i in range(2, len(name) - 2) if _ends_division(name, i)), 0)
        # 海东市民和县: a city and a county of it; 秀峰区解放西路: a district and a street in it
        unnamed = _ANONYMOUS.match(name, city)  # 金水区某小区: an unnamed place, cut later
        if city and not unnamed and (name.endswith(_UNDER_CITY) or location_label(name[city:]) in ("FAC", "LOC")):
            return start + city
        # two names of the dictionary, a place and a place in it (銅鑼灣維多利亞, 山东青岛,
        # as People's Daily marks them), not a name and a word (台湾海峡, 华北平原)
        # (not 巴赫穆特 or 库比蒂诺, one foreign name; not 拉丁美洲 or 中华人民共和国, one name;
        # nor 桂林北站, a facility named by a place and a word)
        if place and (cut := _province_then_city(name)):  # 辽宁大连, 山东海阳, 广东湛江
            return start + cut
        if not place or looks_transliterated(name) or name.endswith(_ONE_PLACE_ENDS) or name in kinds:
            return None
        facility = location_label(name) == "FAC"
        for k in range(2, len(name) - 1):
            if kinds.get(name[:k]) == "ns" and kinds.get(name[k:]) in NAME_KINDS:
                return None if facility and len(name) - k <= 2 else start + k
        return None
    rest = name[len(country) :] if country else ""
    if len(rest) < 2 or (len(rest) == 2 and location_label(rest) == "LOC"):  # 台湾海峡: a feature named after it
        return None
    if kinds.get(rest) in NAME_KINDS or rest.endswith(_DIVISION_END) or (len(rest) <= 4 and looks_transliterated(rest)):
        return start + len(country)  # 巴西贝伦: 贝伦 is in no dictionary
    return None


def place_before_facility(name: str) -> int:
    """Where a country's or city's name written before a facility's own name ends (梵蒂冈 of
    梵蒂冈圣伯多禄广场, 屏东 of 屏东九鹏基地, 新加坡 of 新加坡兀兰北站): the facility's name has
    two characters or more before its word for a facility. 0 where the place is part of
    the name: airports, routes, bridges and international ports (深圳宝安国际机场,
    宜宾五粮液机场, 广州广珠西线高速公路, 上海吴淞口国际邮轮港); a facility named by its
    place and a word alone (北京南站, 香港体育馆) or by its place and a generic word
    (香港会议展览中心, 海南商业航天发射场, 酒泉卫星发射中心); and a feature named after the
    place (东安湖体育公园)."""
    if "·" in name:
        return 0
    kinds = lexicon().kinds
    for k in (4, 3, 2):
        place, rest = name[:k], name[k:]
        if len(rest) < 4 or "国际" in rest or rest.endswith(_NAMED_WITH_PLACE) or rest.startswith(_GENERIC_OPENERS):
            continue
        if rest[0] in "湖山河江海岛" or name[: k + 1] in kinds or location_label(rest) != "FAC":
            continue
        ending = next((e for e in sorted(FACILITY_ENDS, key=len, reverse=True) if rest.endswith(e)), rest[-1])
        if kinds.get(rest[: -len(ending)], "ns") != "ns":
            continue  # 酒泉卫星发射中心: a word of the dictionary, no place's, and the facility's
        country = opening_country(name) == place
        if country or any(place + d in kinds for d in "市县区省"):
            return k
    return 0


# Facilities whose names hold their place's: airports, routes and bridges (广州广珠西线高速公路).
_NAMED_WITH_PLACE = ("机场", "公路", "铁路", "大道", "隧道", "桥", "路", "线", "街")
# Words that open facilities' names in many cities (国家体育馆, 会议展览中心, 人民广场).
_GENERIC_OPENERS = tuple(
    "国家 会议 会展 展览 博览 商业 奥林匹克 体育 公园 人民 世纪 市民 文化 科技 航天 中心 中央 城市 新区 高新区".split()
    + ["湿地", "森林"]
)


def _province_then_city(name: str) -> int:
    """Where a province's short name (one the dictionary knows with 省) or another
    province-level unit's ends, before a city's or district's name that the dictionary
    knows as a place alone or with 市, 县 or 区 (辽宁大连, 上海宝山); or where a city's name
    or county's ends before a natural feature's of three characters or more (阳江海陵岛,
    桃园观音海滩); 0 for none (西藏自治区, 山东半岛, 广西军区, 广州南站, 杭州西湖,
    宜宾五粮液机场, 花莲佳山基地)."""
    kinds = lexicon().kinds
    for k in (2, 3):
        head, rest = name[:k], name[k:]
        if len(rest) < 2 or rest.startswith(("自治", "地区")):
            continue
        if head + "省" in kinds or head in _PROVINCE_LEVEL:
            if kinds.get(rest) == "ns" or any(rest + d in kinds for d in "市县区"):
                return k
        # a city's or county's, and a natural feature of three characters or more in it
        # (桃园观音海滩, 阳江海陵岛); not a lake or hill named after it (东安湖), nor a facility:
        # its name with its city's is one (宜宾五粮液机场, 上海世纪广场, as news and CLUENER
        # write them; 世纪广场 alone would join squares of many cities)
        if any(head + d in kinds for d in "市县") and len(rest) >= 3 and rest[0] not in "市县区湖山河江":
            if name[: k + 1] in kinds:
                continue  # a longer place's name (吉隆坡, not 吉隆)
            if location_label(rest) == "LOC":
                return k
    return 0


# Province-level units whose short names are not written with 省.
_PROVINCE_LEVEL = frozenset("北京 上海 天津 重庆 内蒙古 广西 西藏 宁夏 新疆 香港 澳门".split())


def _ends_division(name: str, i: int) -> bool:
    """Whether ``name[i]`` ends a city's, county's or district's name (not 市 of 超市, nor
    县 of 县城, "the county town")."""
    if name[i : i + 2] in ("县城", "区域"):
        return False
    return name[i] in "县区" or (name[i] == "市" and name[i - 1] not in _NOT_CITY)


# A place's name of two names of the dictionary that is one name (拉丁美洲, 中华人民共和国).
_ONE_PLACE_ENDS = ("洲", "共和国", "王国", "联邦", "帝国", "公国")
# Written before a school's or museum's name, and part of it (國立中山大學).
_ORG_PREFIXES = ("国立", "市立", "省立", "县立", "州立", "私立", "公立")
# What an organisation named after a place ends in, where the model found only the place
# (欧洲 of 欧洲清算银行, 西藏 of 西藏消防救援总队); not 中心 alone (亚洲金融中心 is no body).
_ORG_AFTER_PLACE = re.compile(
    "[\u4e00-\u9fff]{0,6}?(银行|总队|支队|集团|公司|委员会|研究院|研究所|研究中心|政策中心|协会|学会|商会"
    "|基金会|共同体|联盟|大学|学院|医院|法院|检察院|电视台|日报|交易所|管理局|总局)"
)


# What a facility named after a place ends in, where the model found only the place
# (維多利亞 of 維多利亞公園, 桂林 of 桂林水文站).
_FACILITY_AFTER_PLACE = re.compile(
    "[\u4e00-\u9fff]{0,4}?("
    + "|".join(sorted(FACILITY_ENDS + ("主场馆", "篮球中心", "北站", "南站", "东站", "西站"), key=len, reverse=True))
    + ")"
)


def grow_organisation(
    folded: str, start: int, end: int, label: str, others: dict[int, tuple[int, str]] | None = None
) -> tuple[int, int, str]:
    """An organisation's span with 国立 (市立, 私立…) written before it, and a place's span
    that an organisation's or facility's name goes on from (欧洲 of 欧洲清算银行, 維多利亞
    of 維多利亞公園) as that organisation or facility: what follows the place must end like
    one within eight characters, hold no function character, and be no everyday word alone
    (投资银行, 共同体). ``others`` (the model's other spans, start -> (end, label)) may not
    start there (布鲁塞尔智库欧洲…), except the organisation's own name after a place that is
    no country (山东青岛大学, as People's Daily marks it)."""
    if folded[start - 2 : start] in _ORG_PREFIXES and (label == "ORG" or institution(folded[start:end])):
        return start - 2, end, "ORG"
    if label not in ("GPE", "LOC"):
        return start, end, label
    others = others or {}
    opening = opening_country(folded[start:end])
    country = opening == folded[start:end]

    def clear(until: int, grown: str) -> bool:
        inside = [(i, others[i]) for i in range(end, until) if i in others]
        return all(i == end and span == (until, grown) and not country for i, span in inside)

    match = _ORG_AFTER_PLACE.match(folded, end)
    rest = match.group() if match else ""
    if (
        len(rest) >= 2
        and _names_an_organisation(folded, end, match.start(1), match.end())
        and clear(match.end(), "ORG")
    ):
        return start, match.end(), "ORG"
    # a facility named after a city or district, not a country or a place in it (中国公路建设,
    # 中国文昌航天发射场: the country and the facility)
    match = _FACILITY_AFTER_PLACE.match(folded, end)
    if match and not opening and _names_a_facility(folded, end, match.start(1), match.end()):
        if clear(match.end(), "FAC"):
            return start, match.end(), "FAC"
    # a station named after its place, among words of rail travel (红磡站下车, 东京站至新青森
    # 站区间停驶); not a verb's 站 (北京站在), nor a tour's stop (巡演香港站)
    station = folded[end : end + 1] == "站" and folded[end + 1 : end + 2] not in _NOT_STATION
    if station and not opening and _RAIL.search(folded, max(0, start - 30), end + 30) and clear(end + 1, "FAC"):
        return start, end + 1, "FAC"
    return start, end, label


_NOT_STATION = set("在着起出立稳住到上长点台内前了定队")
_RAIL = re.compile(
    "地铁|铁路|高铁|动车|列车|火车|新干线|捷运|轻轨|港铁|[铁号]线|乘坐|乘车|[上下]车|换乘|[出进]站|车站|站台|停驶|停运"
)


def _names_an_organisation(folded: str, start: int, ending: int, end: int) -> bool:
    """Whether ``folded[start:end]``, after a place's name, ending like an organisation's
    from ``ending`` on, may be the rest of that organisation's name: no function character,
    no everyday word alone (投资银行), no longer word at its end (商会 of 政治协商会议, 银行
    of 银行业), no word for a kind of organisation before its ending (金融机构提供银行), and
    no word there that reads as a clause (中国设立分公司, 美国很多大公司), save a verb right
    before the ending (清算银行)."""
    rest, before, kinds = folded[start:end], folded[start:ending], lexicon().kinds
    if NAME_ENDERS & set(rest) or kinds.get(rest) == "w" or folded[end - 1 : end + 1] in kinds:
        return False
    if any(kind in before for kind in ("机构", "企业", "公司", "集团")):
        return False
    return all(tag == "v" and stop == len(before) for stop, tag in clause_words_in(before))


def _names_a_facility(folded: str, start: int, ending: int, end: int) -> bool:
    """Whether ``folded[start:end]``, after a place's name and ending like a facility's
    from ``ending`` on, may be the rest of its name: as ``_names_an_organisation``, but
    the word for the facility alone may be an everyday word (公园, 火车站)."""
    if ending == start:
        return not (NAME_ENDERS & set(folded[start:end])) and folded[end - 1 : end + 1] not in lexicon().kinds
    if folded[start] in _TAKING:  # 杭州坐高铁: a verb of travel, no name
        return False
    return _names_an_organisation(folded, start, ending, end)


_TAKING = frozenset("坐乘搭经去到往来回至")


def is_han(text: str) -> bool:
    """Whether ``text`` is one or more Chinese characters."""
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def extend_over_and(folded: str, start: int, end: int) -> int:
    """The end of a person's span cut before 和 ("and") where 和 opens a Japanese given
    name: 和 and one of its usual second characters, then no more of a word (植田和男1日,
    植田和男在, 植田和男表示; but 植田和男子 is "植田 and a man"), or 和 before punctuation
    (十仓雅和。); else ``end``."""
    if folded[end : end + 1] != "和" or not is_han(folded[end - 1 : end]):
        return end
    after = folded[end + 2 : end + 3]
    if folded[end + 1 : end + 2] in _JAPANESE_AFTER_AND and (
        not is_han(after) or after in NAME_ENDERS or SPEECH.match(folded, end + 2)
    ):
        return end + 2
    return end + 1 if not is_han(folded[end + 1 : end + 2]) else end  # 和 then punctuation: no "and"


def extend_over_separator(folded: str, start: int, end: int) -> int:
    """The end of a person's span that stops at a name separator with more of the name
    after it (哈特穆特 of 哈特穆特·内文对此表示): the Chinese characters after the separator,
    up to one that begins no more of a name (对, 在, 表示) or five of them; else ``end``."""
    sep = end - 1 if NAME_SEPARATORS.fullmatch(folded[end - 1 : end]) else end  # the span may hold it (哈特穆特·)
    if not (NAME_SEPARATORS.fullmatch(folded[sep : sep + 1]) and is_han(folded[sep + 1 : sep + 2])):
        return end
    stop = sep + 1
    while (
        stop < min(len(folded), sep + 6)
        and is_han(folded[stop])
        and folded[stop] not in NAME_ENDERS
        and not SPEECH.match(folded, stop)
    ):
        stop += 1
    return stop if stop - sep >= 3 else end  # two characters or more after the separator


def split_dateline_place(folded: str, start: int, end: int) -> int | None:
    """Where a person's span (in ``folded``, text in Simplified) ends in a place and then
    comes 报道 or (a day and) 电 or 专电, as in a reporter's dateline (记者李四台北报导, 记者王五
    台北26日电, 记者林宏达伊斯坦堡17日专电: the reporter, in 台北), the offset between name
    and place; else None."""
    if not _DATELINE_AFTER.match(folded, end):
        return None
    kinds = lexicon().kinds
    for cut in range(start + 2, min(start + 5, end - 1)):  # a place the dictionary knows, or a country
        place = folded[cut:end]
        if len(place) <= 3 and (kinds.get(place) == "ns" or place == opening_country(place)):
            return cut
    for cut in (start + 3, start + 2):  # a foreign city's name, after a name of three characters first
        if 3 <= end - cut <= 5 and looks_transliterated(folded[cut:end]):
            return cut
    return None


def latin_product(text: str, start: int, end: int) -> bool:
    """Whether a Latin name is a product's by the noun written after it (Blackwell Ultra芯片,
    Mate 70系列, HarmonyOS系统)."""
    return bool(re.fullmatch(r"[A-Za-z][\w .+-]*", text[start:end])) and bool(
        PRODUCT_AFTER.match(T2S.convert(text[end : end + 4]))
    )


def latin_organisation(text: str, start: int, end: int) -> bool:
    """Whether a span the model typed a person is an organisation or a product by how it
    is written or the word before it: a Chinese name ending in Latin capitals (智谱AI; but
    C罗 and 小S are people), one Latin word with a capital inside it (TikTok, xAI,
    DeepSeek; people's names are Svensson, Moon) or in capitals only (BBC, AMD), or a
    Latin name after a word for a company or platform (电商平台Temu)."""
    surface = text[start:end]
    if _HAN_THEN_CAPITALS.fullmatch(surface) or _INNER_CAPITAL.fullmatch(surface) or _ACRONYM.fullmatch(surface):
        return True
    return surface.isascii() and bool(ORG_WORD_BEFORE.search(T2S.convert(text[max(0, start - 3) : start])))


def place_by_context(text: str, start: int, end: int) -> bool:
    """Whether the span ``text[start:end]`` typed a person is a place by what is written
    around it: a verb of travel or a word for a place before it (抵达曼德勒, 首都加德满都,
    巴伊亚州卡马萨里), a word of location after it
    (巴赫穆特附近; no person's span in the training corpora stands before one), or its
    own ending: a province, prefecture, county or district (…州, 省, 县, 区), or a city
    of two characters or with a transliterated name (石卷市, 哈尔科夫市; not 村山富市, a
    Japanese name)."""
    surface = T2S.convert(text[start:end])
    around = T2S.convert(text[max(0, start - 2) : start]), T2S.convert(text[end : end + 3])
    if _TRAVEL.search(around[0]) or _PLACE_BEFORE.search(around[0]) or _LOCATION_AFTER.match(around[1]):
        return True
    if len(surface) >= 3 and surface.endswith(_REGION_END):
        return True
    # a city's 市 after two characters (石卷市) or a transliterated name (哈尔科夫市)
    return len(surface) >= 3 and surface.endswith("市") and (len(surface) == 3 or looks_transliterated(surface[:-1]))


def cut_anonymous(surface: str) -> tuple[str, int]:
    """A place's or organisation's span without an unnamed one it goes on to (郑州 of
    郑州一小区, 招商银行 of 招商银行某分行), where two or more characters are left:
    (name, cut)."""
    match = _ANONYMOUS.search(T2S.convert(surface), 2)
    if match:
        return surface[: match.start()], len(surface) - match.start()
    return surface, 0


def cut_org_part(surface: str) -> tuple[str, int]:
    """An organisation's span without the part or relation written after its name
    (腾讯公司 of 腾讯公司总部, 谷歌 of 谷歌母公司), where two or more characters are left:
    (name, cut)."""
    folded = T2S.convert(surface)
    for part in _ORG_PARTS:
        if folded.endswith(part) and len(surface) - len(part) >= 2:
            return surface[: -len(part)], len(part)
    return surface, 0


# Words for a kind of organisation written before its name and glued into the model's
# span (国企皖城建设集团, 智库欧洲未来政策中心); none opens a name.
_ORG_KIND_BEFORE = re.compile(
    "(?:国企|央企|民企|外企|港企|台企|中企|智库|新股|车企|药企|房企|险企|(?:港股|美股|A股)?上市公司)(?=.{3})"
)


def cut_org_kind(surface: str) -> tuple[str, int]:
    """An organisation's span without the word for its kind before its name, and the
    country before that (皖城建设集团 of 国企皖城建设集团, 太平洋桥梁研究所 of 美国智库太平洋
    桥梁研究所), where three or more characters are left: (name, cut)."""
    folded = T2S.convert(surface)
    country = opening_country(folded) or ""
    kind = _ORG_KIND_BEFORE.match(folded, len(country)) or _ORG_KIND_BEFORE.match(folded)
    return (surface[kind.end() :], kind.end()) if kind else (surface, 0)


def join_name_parts(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two people's spans on either side of a name separator (马修 and ·米勒 of 发言人马修·米勒,
    the second found by the model, the first after the title) as one: a foreign name's
    parts are one person's."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        last = out[-1] if out else None
        if (
            last
            and last[2] == span[2] == "PERSON"
            and NAME_SEPARATORS.fullmatch(text[last[1] : last[1] + 1])
            and span[0] in (last[1], last[1] + 1)
        ):
            out[-1] = (last[0], span[1], "PERSON")
        else:
            out.append(span)
    return out


def without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, label) spans in text order, each overlapping none before it; of two
    starting together the longer (Elon Musk, grown from Elon and from Musk, once)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda x: (x[0], -x[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
