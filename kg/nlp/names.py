"""Names mended within one article: two people's names written together (习近平普京),
a character glued after a name (普京曾, 陈茂波亦), a name's last character cut off by the
model (萨巴伦 of 萨巴伦卡, 叶玉 of 葉玉如); and the short forms of an organisation's name
(华为 of 华为公司, 真主党 of 黎巴嫩真主党, 工信部 of 工业和信息化部, 湖人 of 洛杉矶湖人队)
and a foreign person's last name (詹姆斯 of 勒布朗·詹姆斯); an organisation's short name given
in brackets (中国石油 of 中国石油天然气集团有限公司（中国石油）); and a Latin name the article
writes after a word for a company (电商平台Temu) is an organisation's wherever it stands."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from functools import lru_cache

from kg.nlp.countries import countries_starting_with, opening_country
from kg.nlp.lexicon import NAME_KINDS, abbreviations, lexicon, two_everyday_words
from kg.nlp.mention import Mention, in_text_order
from kg.nlp.normalize import T2S, simplified_in_place
from kg.transliteration import TRANSLITERATION_CHARS, looks_transliterated


def split_joined_persons(mentions: list[Mention]) -> list[Mention]:
    """A span that is two people's names written together (习近平普京通话) becomes those
    two people: one of them found on its own elsewhere in the article, the other too or
    a person's name in jieba's dictionary (习近平, where every 习近平 of the article is
    written next to 普京). Only people: a place and an organisation written together
    (美国 + 国务院) are often one name. Then a person's name found alone at least twice
    as often as with one more character after it (普京曾自称) loses that character, and
    so does a name with an adverb glued to it (陈茂波亦指出)."""
    people = _people(mentions)
    kinds = lexicon().kinds

    def person(name: str) -> bool:
        return name in people or kinds.get(T2S.convert(name)) == "nr"

    split = []
    for m in mentions:
        text = m.text
        cuts = [
            k
            for k in range(2, len(text) - 1)
            if (text[:k] in people or text[k:] in people) and person(text[:k]) and person(text[k:])
        ]
        if not cuts:
            split.append(m)
            continue
        cut = m.start + cuts[0]
        split.append(replace(m, text=text[: cuts[0]], label="PERSON", end=cut, bracketed=None))
        split.append(replace(m, text=text[cuts[0] :], label="PERSON", start=cut, titles=[], bracketed=None))
    counts = Counter((m.text, m.label) for m in split)
    out = []
    for m in split:
        short = m.text[:-1]
        if (
            m.label == "PERSON"
            and len(short) >= 2
            and (counts[(short, "PERSON")] >= 2 * counts[(m.text, "PERSON")] or _ends_in_adverb(m.text))
        ):
            m = replace(m, text=short, end=m.end - 1, bracketed=None)
        out.append(m)
    return out


# Characters that follow a name and begin no more of it (植田和男在, 十仓雅和说, 王毅表示).
NAME_ENDERS = frozenset("在说称表是的和与及也曾已对向于则等指都就还并将为被把从以由")
# ... and more that follow a name and end none, for a name the model cut short.
_AFTER_NAME = NAME_ENDERS | set("认同跟给让又亦便即却仍到因而但所之会要能")


# Characters that, after a name, open a clause on their own: adverbs and verbs.
_CLAUSE_CHARS = frozenset("正率偕携赴访均皆再刚才拟须需应可想更共总")
_RANKS = {"上将", "中将", "少将", "大将", "上校", "中校", "少校", "大校"}
# What a byline writes after a reporter's name (记者王五摄, 记者李四讯), and when (黃彥男昨在).
_NOT_NAME_TAIL = set("摄讯电文图报昨今前明")


def complete_cut_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names the model cut one character short: every occurrence of the name in the
    article goes on with the same character, one that may end a name and starts no word
    with the character after it. A person's Chinese name of two or three characters takes
    it where the article writes the name twice or more (葉玉如, 高市早苗), or once after a
    title and before a stop, a word that ends a name or a word of the dictionary (教授山崎敏行是,
    记者扎西平措）, 首相高市早苗上任, 站长肖雨晴一早); a transliterated
    name, a person's or a place's, takes a transliteration character, also where it is
    written once, if a word or a stop follows (萨巴伦卡。, 雷蒙多此前, 阿夫迪伊夫卡附近)."""
    folded = simplified_in_place(text)
    kinds = lexicon().kinds
    starts = {m.start for m in mentions}

    def ends_after(i: int) -> bool:  # a stop or a character that ends a name at i
        return not "\u4e00" <= folded[i : i + 1] <= "\u9fff" or folded[i] in _AFTER_NAME

    def ends_before(i: int) -> bool:
        return ends_after(i) or folded[i : i + 2] in kinds

    titled = {m.text for m in mentions if m.label == "PERSON" and m.titles}
    grown: dict[str, str] = {}
    for name, label in {(m.text, m.label) for m in mentions if m.label in ("PERSON", "GPE", "LOC")}:
        at = [i + len(name) for i in occurrences(text, name)]
        nexts = {folded[e : e + 1] for e in at}
        if len(nexts) != 1 or any(e in starts for e in at):
            continue
        ch = nexts.pop()
        if not "\u4e00" <= ch <= "\u9fff" or ch in _AFTER_NAME:
            continue
        # 李强调研: 调研 is a word; but not 多此 of 雷蒙多此前, where 此前 is one too, nor
        # 安和 of 埃尔多安和, where 和 ends the name; a preposition always is (杨林兴关于)
        clause = lexicon().clause
        if any(
            folded[e : e + 2] in kinds
            and folded[e + 1 : e + 3] not in kinds
            and (folded[e + 1] not in NAME_ENDERS or clause.get(folded[e : e + 2]) == "p")
            for e in at
        ):
            continue
        base = T2S.convert(name)
        # a name the dictionary knows is whole (澳门 of 澳门雷阵雨), unless a person's name
        # is cut to one it files as a person's (卢比 of 卢比欧)
        if base in kinds and (label != "PERSON" or kinds[base] != "nr"):
            continue
        # a transliterated name takes a transliteration character; a person's Chinese name
        # (not a place's: 北京 of 北京人) one written twice, or once after a title and
        # before a stop or a word ending a name
        fits = looks_transliterated(base) and ch in TRANSLITERATION_CHARS and (len(at) >= 2 or ends_before(at[0] + 1))
        if not fits and label == "PERSON" and 2 <= len(base) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in base):
            after = folded[at[0] : at[0] + 2]  # not 共同 or a rank (张万年上将)
            word = (after in kinds and after[1] not in NAME_ENDERS) or after in _RANKS
            # before a word, not a character that opens a clause itself (特朗普正推动, 刘忠义率工作组)
            stop = ends_after(at[0] + 1) or (ch not in _CLAUSE_CHARS and ends_before(at[0] + 1))
            once = name in titled and ch not in _NOT_NAME_TAIL and not word and stop
            fits = (len(at) >= 2 and not looks_transliterated(base)) or once
        if fits:
            grown[name] = text[at[0] : at[0] + 1]
    return [
        replace(m, text=m.text + grown[m.text], end=m.end + 1, bracketed=None)
        if m.label in ("PERSON", "GPE", "LOC") and m.text in grown
        else m
        for m in mentions
    ]


def occurrences(text: str, name: str) -> list[int]:
    """Where ``name`` starts in ``text``, occurrences not overlapping."""
    found, at = [], text.find(name)
    while at >= 0:
        found.append(at)
        at = text.find(name, at + len(name))
    return found


# Adverbs that follow a name as the subject (陈茂波亦指出, 李强则表示) and end no name;
# not 曾 or 均, which end given names too (唐师曾, 金泰均).
_ADVERBS = set("亦则又还已并却仍便即也都就")


def _ends_in_adverb(name: str) -> bool:
    """A three- or four-character Chinese name with an adverb glued to its end."""
    folded = T2S.convert(name)
    return 3 <= len(folded) <= 4 and folded[-1] in _ADVERBS and all("\u4e00" <= ch <= "\u9fff" for ch in folded)


def _people(mentions: list[Mention]) -> set[str]:
    """Names of two or more characters that the article's mentions mostly type as people."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        votes[m.text][m.label] += 1
    return {name for name, c in votes.items() if len(name) >= 2 and c.most_common(1)[0][0] == "PERSON"}


# What a company's full name ends in and its short form leaves off (华为公司: 华为).
_COMPANY_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "控股集团", "集团", "公司", "控股")


def company_short_form(name: str) -> str | None:
    """What a company's full name is shortened to (华为 of 华为公司), or None: for names
    that are no company's, and where one character is left."""
    for form in _COMPANY_FORMS:
        if name.endswith(form):
            short = name[: -len(form)]
            return short if len(short) >= 2 else None
    return None


# Words for a company's trade written between its brand and 有限公司 (北京字节跳动科技有限公司).
_TRADES = ("网络技术", "信息技术", "新能源科技", "科技", "技术", "网络", "信息", "电子", "软件", "传媒", "文化", "智能")


def brand_name(name: str) -> str | None:
    """A Chinese company's registered name without its place and trade (字节跳动 of
    北京字节跳动科技有限公司, 宁德时代 of 宁德时代新能源科技股份有限公司): what news calls it.
    None where the name has neither, or two characters would not be left."""
    short = company_short_form(name)
    if not short or short == name:
        return None
    place = next((n for n in (3, 2) if len(short) - n >= 2 and is_place_name(short[:n])), 0)
    trade = next((t for t in _TRADES if short.endswith(t) and len(short) - place - len(t) >= 2), "")
    brand = short[place : len(short) - len(trade)]
    if not (place or trade) or len(brand) < 2:
        return None
    folded = T2S.convert(brand)
    # not 汽车 of 上海汽车集团, nor 石油天然气 of 中国石油天然气集团: the trade itself, unless a
    # trade word follows it (字节跳动科技: 字节 and 跳动 are everyday words too)
    everyday = lexicon().kinds.get(folded) == "w" or (not trade and two_everyday_words(folded))
    return None if everyday else brand


def is_brand_of(short: str, full: str) -> bool:
    """Whether ``short`` is a company's name as written inside its registered ``full``
    name, after at most three characters of place and before a word for its trade, if any
    (字节跳动 of 北京字节跳动科技有限公司; not 石油 of 中国石油天然气集团公司). No dictionary:
    resolution joins the two only within one article."""
    rest = company_short_form(full)
    at = rest.find(short) if rest and len(short) >= 2 else -1
    trade = rest[at + len(short) :] if at >= 0 else ""
    return 0 <= at <= 3 and (trade in _TRADES or (not trade and at > 0))


def without_former(key: str, known: set[str]) -> str:
    """An organisation's name without 前 ("former") written right after the one-character
    name of the country that opens it (美前国防部 -> 美国防部), or after its full name where
    ``known`` holds what is left (美国前国防部 -> 美国国防部; not 中国前沿科技公司): a former
    official's body is the body. In Simplified."""
    if key[1:2] == "前" and key[0] in abbreviations() and len(key) >= 4:
        return key[0] + key[2:]
    country = opening_country(key)
    rest = key[len(country) + 1 :] if country and key[len(country) : len(country) + 1] == "前" else ""
    return country + rest if rest and country + rest in known else key


def team_short_forms(key: str, org_keys: set[str]) -> list[str]:
    """Of a team's full name, the short forms that are organisations' names in ``org_keys``
    (湖人 of 洛杉矶湖人队, 国安 and 国安队 of 北京国安队): only then is the dictionary read (it
    is let go after the NER)."""
    if not key.endswith("队") or not any(key[n:-1] in org_keys or key[n:] in org_keys for n in (2, 3, 4)):
        return []
    short = team_short_form(key)
    return [form for form in (short, f"{short}队") if form in org_keys] if short else []


def team_short_form(name: str) -> str | None:
    """A team's name without its city and 队 (湖人 of 洛杉矶湖人队, 勇士 of 金州勇士队), where
    it opens with a proper name of jieba's dictionary and two or more characters are left
    that are not two everyday words; else None (国家队, 中国队, 中国女子排球队)."""
    folded = T2S.convert(name)
    if not folded.endswith("队") or len(folded) != len(name):
        return None
    kinds = lexicon().kinds
    for n in range(min(4, len(folded) - 3), 1, -1):
        if kinds.get(folded[:n]) in NAME_KINDS:
            return None if two_everyday_words(folded[n:-1]) else name[n:-1]  # not 女子排球 of 中国女子排球队
    return None


# Words for a company or platform, after which a Latin name is the company's (电商平台Temu).
ORG_WORD_BEFORE = re.compile("(?:平台|公司|品牌|企业|集团|应用|软件|网站|旗下)$")

# What separates the parts of a foreign name (勒布朗·詹姆斯, 勒布朗•詹姆斯), and a hyphen
# between Chinese characters (亚历山大-阿诺德).
NAME_SEPARATORS = re.compile("[·•∙・．‧]|(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")


def last_name(name: str) -> str | None:
    """The last part of a foreign name written with a separator (詹姆斯 of 勒布朗·詹姆斯),
    two or more characters, or None: news names people by it after the first mention."""
    parts = NAME_SEPARATORS.split(name)
    return parts[-1] if len(parts) > 1 and len(parts[-1]) >= 2 else None


# An organisation's Chinese short name in brackets right after its full name:
# 中国石油天然气集团有限公司（中国石油）, 沙特阿拉伯国家石油公司（以下简称“沙特阿美”）.
_BRACKETED_SHORT = re.compile('[（(](?:以下简称|下称|简称)?[“「"]?([\u3400-\u9fff]{2,8})[”」"]?[）)]')
NOT_SHORT_NAMES = {"化名", "音译", "下同", "暂名", "筹"}
_BRACKET_WINDOW = 16  # （以下简称“…”） around the longest short name
_CAPITALS = re.compile("[A-Z]{2,6}")


def bracketed_short_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with an organisation's short name given in brackets after its full name
    (沙特阿美 of 沙特阿拉伯国家石油公司（沙特阿美）) kept on the full name's ``bracketed``, so
    resolution joins them; the short name is an organisation wherever the article writes
    it, whatever the model typed it (沙特阿美 as a place), and found in the brackets where
    the model found nothing. It opens with a character of the full name (证监会 of
    中国证券监督管理委员会) and is no note such as 化名. A Latin name in brackets after a
    name (以色列议会（Knesset）) takes that name's type."""
    out = in_text_order(mentions)
    at = {(m.start, m.end): i for i, m in enumerate(out)}
    added, shorts = [], set()
    for i, m in enumerate(list(out)):
        if m.label != "ORG" or m.bracketed:
            continue
        match = _BRACKETED_SHORT.match(simplified_in_place(text[m.end : m.end + _BRACKET_WINDOW]))
        if not match:
            continue
        short, start, end = match.group(1), m.end + match.start(1), m.end + match.end(1)
        full = simplified_in_place(m.text)
        if short in NOT_SHORT_NAMES or short[0] not in full or short == full:
            continue
        out[i] = replace(m, bracketed=text[start:end])
        shorts.add(text[start:end])
        if (start, end) not in at and not any(o.start < end and start < o.end for o in out):
            added.append(replace(m, text=text[start:end], start=start, end=end, titles=[], bracketed=None))
    # a name the model typed a person, with capitals only in brackets after it, is an
    # organisation's (阿斯麦（ASML）, 科磊（KLA）): people's Latin names are words (Colin Kahl)
    shorts |= {
        m.text
        for m in out
        if m.label == "PERSON" and m.bracketed and _CAPITALS.fullmatch(m.bracketed) and "·" not in m.text
    }  # (not 约翰·肯尼迪（JFK）: a person's full name)
    out = [replace(m, label="ORG", titles=[]) if m.text in shorts and m.label != "ORG" else m for m in out]
    # a name the model found inside the brackets is the one before them, of its type
    # (以色列议会（Knesset）: not a person Knesset)
    latin = {m.end + 1: m for m in out if m.bracketed and m.bracketed.isascii()}
    out = [
        replace(o, label=latin[o.start].label, titles=[])
        if o.start in latin and o.end <= o.start + len(latin[o.start].bracketed) and o.label != latin[o.start].label
        else o
        for o in out
    ]
    return in_text_order(out + added)


def without_country(name: str) -> str | None:
    """``name`` without the country name that opens it, where three or more characters are
    left (真主党 of 黎巴嫩真主党), else None; in the name's own script. No dictionary."""
    folded = T2S.convert(name)
    country = opening_country(folded)
    if not country or len(folded) != len(name) or len(folded) - len(country) < 3:
        return None
    return name[len(country) :]


def country_rest(name: str) -> str | None:
    """An organisation's name without the country that opens it (真主党 of 黎巴嫩真主党,
    塔利班 of 阿富汗塔利班), where jieba does not file what is left as a body every country
    has (财政部, 国防部, 共产党: in Chinese news alone they are China's); else None."""
    rest = without_country(name)
    return rest if rest and lexicon().kinds.get(T2S.convert(rest)) != "nt" else None


_PLACE_ENDS = tuple("省市县区州国")


def is_place_name(name: str) -> bool:
    """A place name by its suffix, jieba's dictionary or the abbreviation table (北京 of
    北京公司 is a place, not a company's short form)."""
    return name.endswith(_PLACE_ENDS) or name in abbreviations() or lexicon().kinds.get(T2S.convert(name)) == "ns"


# Words a full name may open with that its abbreviation leaves off (证监会 of 中国证券监督
# 管理委员会, 发改委 of 国家发展和改革委员会), and endings of names that are whole, not
# abbreviated (中国银行 is not 中国工商银行, 中国队 not 中国女子排球队).
_FULL_NAME_OPENINGS = ("中华人民共和国", "中国", "国家", "全国")
_WHOLE_NAME_ENDS = ("银行", "大学", "学院", "学校", "公司", "集团", "医院", "协会", "中心", "队")


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an abbreviation of the organisation name ``full``: three to
    six of its characters in order, its first (after an opening such as 中国) and its
    last (委 standing for 委员会, 大 for 大学), and not a stretch of it (国务院 of 国务院
    办公厅 is another body): 工信部 of 工业和信息化部, 中科院 of 中国科学院, 证监会 of 中国证券
    监督管理委员会, 金融监管总局 of 国家金融监督管理总局, 上海交大 of 上海交通大学. A country
    that opens one opens the other (印度海军 is not 印度尼西亚海军's).
    Two characters abbreviate a name of four to six whose first they are and a later
    word's opening (东航 of 中国东方航空公司, 北大 of 北京大学, 乌军 of 乌克兰军队)."""
    if not 2 <= len(short) <= 6 or short in full or short.endswith(_WHOLE_NAME_ENDS):
        return False
    if not all("\u4e00" <= ch <= "\u9fff" for ch in short):
        return False
    body = next((full[len(o) :] for o in ("", *_FULL_NAME_OPENINGS) if full.startswith(o + short[0])), None)
    if body is None or not len(short) + 2 <= len(body) <= 3 * len(short):
        return False
    if len(short) == 2:  # its second character opens a later word, not the first's (北京 of 北大)
        return body.find(short[1], 2) >= 2 and _same_country(short, body)
    if not (
        body.endswith(short[-1])
        or (short[-1], body[-3:]) == ("委", "委员会")
        or (short[-1], body[-2:]) == ("大", "大学")
    ):
        return False
    rest = iter(body)
    in_order = all(ch in rest for ch in short)  # each search goes on from the last match
    return in_order and _same_country(short, body)


def _same_country(short: str, full: str) -> bool:
    country = opening_country(full)
    if not country:
        return True
    abbreviation = next((a for a, (name, _) in abbreviations().items() if name == country and len(a) == 1), None)
    return short.startswith(country) or (abbreviation is not None and short.startswith(abbreviation))


@lru_cache(maxsize=100_000)
def _abbreviated(key: str) -> tuple[tuple[str, str], ...] | None:
    """Members of a key made only of known abbreviations (俄乌), or None."""
    table = abbreviations()
    if len(key) == 1:
        return (table[key],) if key in table else ()
    if 2 <= len(key) <= 3 and all(ch in table for ch in key):
        return tuple(table[ch] for ch in key)
    return None


def expand_fused(key: str, doc_people: dict[str, set[str]], doc_keys: set[str]) -> list[tuple[str, str]] | None:
    """(surface, type) members of a fused abbreviation (normal form) such as 俄乌 or 习普, or
    None. A character stands for the one country it opens that the article names, if any
    (巴 is 巴基斯坦 in 印巴 beside 巴基斯坦, and the table's 巴勒斯坦 elsewhere), and so may
    one the table lacks, beside one it has (新 of 中新 beside 新加坡)."""
    if len(key) == 3 and key.endswith("港"):
        return None  # a port's name (台中港), not Taiwan, China and Hong Kong
    if len(key) >= 2 and any(key + division in lexicon().kinds for division in ("市", "县")):
        return None  # a city's name (台中, 台中市 in the dictionary), not Taiwan and China
    known = _abbreviated(key)
    if known is not None:
        return [_named_country(ch, member, doc_keys) for ch, member in zip(key, known)]
    if 2 <= len(key) <= 3 and any(ch in abbreviations() for ch in key) and opening_country(key) != key:
        # 中新 beside 新加坡: a character the table lacks stands for the one country it opens
        # there (北韩 is a country's own name: no such pair)
        members = [_named_country(ch, abbreviations().get(ch, ("", "")), doc_keys) for ch in key]
        if all(surface for surface, _ in members):
            return members
    if len(key) == 2 and key[0] in doc_people and key[1] in doc_people:
        # 习普: each character starts exactly one other person named in the document
        members = [doc_people.get(ch, set()) - {key} for ch in key]
        if all(len(names) == 1 for names in members) and members[0] != members[1]:
            return [(next(iter(names)), "PERSON") for names in members]
    return None


def countries_named(ch: str, doc_keys: set[str]) -> list[str]:
    """The countries an article names (``doc_keys``) whose name opens with ``ch``."""
    return [c for c in countries_starting_with(ch) if c in doc_keys]


def _named_country(ch: str, member: tuple[str, str], doc_keys: set[str]) -> tuple[str, str]:
    named = countries_named(ch, doc_keys)
    return (named[0], "GPE") if len(named) == 1 else member


def latin_companies(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with a Latin name typed a person retyped an organisation throughout the
    article where one of its occurrences follows a word for a company or platform
    (跨境电商平台Temu上线…Temu将在圣保罗设仓: the model typed only the second, a person)."""
    people = {m.text for m in mentions if m.label == "PERSON" and m.text.isascii()}
    companies = {
        name
        for name in people
        if any(
            ORG_WORD_BEFORE.search(T2S.convert(text[max(0, at.start() - 3) : at.start()]))
            for at in re.finditer(re.escape(name), text)
        )
    }
    return [replace(m, label="ORG", titles=[]) if m.text in companies and m.label == "PERSON" else m for m in mentions]
