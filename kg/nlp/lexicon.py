"""Dictionary-word features for the character model (SoftLexicon-style).

For each token: the longest word of jieba's dictionary that starts at it, the longest
that ends at it, and the part of speech and length of both, as hashes the model
embeds. Words are found by hashing every 2-6 character n-gram of a batch at once and
looking the 64-bit hashes up in sorted arrays of the words' hashes (a false match would
need a hash collision among 335,000 words): an Aho-Corasick automaton over the words
finds the same words as fast but takes about a second to build at every start.
"""

from __future__ import annotations

import csv
import io
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc

from kg.nlp.countries import country_names, opening_country
from kg.nlp.normalize import T2S
from kg.transliteration import looks_transliterated

MAX_WORD = 6
_COARSE_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz"}
_KINDS = ("-", "nr", "ns", "nt", "nz", "w")  # "-": no word
_PRIME = numpy.uint64(0x100000001B3)
# jieba's parts of speech of words that read as a clause, not a name: verbs, adjectives,
# numerals, pronouns, adverbs, prepositions, conjunctions (设立, 知名, 很多).
_CLAUSE_TAGS = frozenset({"v", "a", "m", "r", "d", "p", "c"})


def _crc(text: str, salt: int) -> int:
    return zlib.crc32(text.encode("utf-8"), salt) + 1  # 0 means "no feature"


@dataclass(frozen=True)
class Lexicon:
    """jieba's 2-6 character words (jieba package data, MIT licence; jieba itself is
    never imported), in Simplified script, with what the model reads of each."""

    kinds: dict[str, str]  # word -> nr person, ns place, nt organisation, nz other proper noun, w other
    clause: dict[str, str]  # word of up to four characters -> its part of speech, if in _CLAUSE_TAGS
    by_length: dict[int, tuple[numpy.ndarray, numpy.ndarray]]  # length -> (sorted n-gram hashes, word ids)
    begin_hash: numpy.ndarray  # word id -> feature hash as "the word starting here"
    end_hash: numpy.ndarray  # word id -> feature hash as "the word ending here"
    kind_code: numpy.ndarray  # word id -> kind index * 8 + length
    pair_hash: numpy.ndarray  # (kind code of the starting word, of the ending word) -> feature hash


def _ngram_hashes(codes: numpy.ndarray, longest: int) -> list[numpy.ndarray]:
    """Hashes of the 1..longest-grams of a code-point array (uint64 arithmetic wraps)."""
    out = [codes]
    with numpy.errstate(over="ignore"):
        for k in range(2, longest + 1):
            out.append(out[-1][:-1] * _PRIME + codes[k - 1 :])
    return out


def kind_corrections() -> dict[str, str]:
    """Word kinds from ``kg/data/word_kinds.txt`` that replace jieba's tags."""
    text = resources.files("kg.data").joinpath("word_kinds.txt").read_text(encoding="utf-8")
    fixes = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            word, kind = T2S.convert(parts[0]), parts[-1]
            if len(parts) != 2 or kind not in _KINDS[1:] or not 2 <= len(word) <= MAX_WORD:
                raise ValueError(
                    f"kg/data/word_kinds.txt: bad line {line!r} (a 2-6 character word and one of nr ns nt nz w)"
                )
            fixes[word] = kind
    return fixes


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, str]]:
    """``kg/data/abbreviations.csv``: short forms (中, 俄, 北约) -> (expansion, type)."""
    text = resources.files("kg.data").joinpath("abbreviations.csv").read_text(encoding="utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["abbreviation"] and not row["abbreviation"].startswith("#"):
            out[row["abbreviation"]] = (row["expansion"], row["type"])
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word list and its lookup tables, built once per process (about a second)."""
    words: dict[str, str] = {}
    # one OpenCC call for the whole file: much faster than one per word, same result
    text = T2S.convert(resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8"))
    clause: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and 2 <= len(parts[0]) <= MAX_WORD:
            words[parts[0]] = _COARSE_TAGS.get(parts[2], "w")
            if parts[2] in _CLAUSE_TAGS and len(parts[0]) <= 4:
                clause[parts[0]] = parts[2]
    # jieba files many countries under people (黎巴嫩, 伊拉克 nr); CLDR's names are places
    countries = [name for main, others in country_names().items() for name in (main, *others)]
    words.update({name: "ns" for name in countries if 2 <= len(name) <= MAX_WORD})
    words.update(kind_corrections())
    listed = list(words)
    lengths = numpy.array([len(w) for w in listed])
    padded = "".join(w.ljust(MAX_WORD, "\x00") for w in listed).encode("utf-32-le")
    codes = numpy.frombuffer(padded, dtype=numpy.uint32).reshape(-1, MAX_WORD).astype(numpy.uint64)
    by_length = {}
    with numpy.errstate(over="ignore"):
        running = numpy.zeros(len(listed), dtype=numpy.uint64)
        for k in range(1, MAX_WORD + 1):
            running = running * _PRIME + codes[:, k - 1]  # the same hash as _ngram_hashes
            if k == 1:
                continue  # no one-character words
            ids = numpy.flatnonzero(lengths == k)
            order = numpy.argsort(running[ids])
            by_length[k] = (running[ids][order], ids[order])
    pair_hash = numpy.zeros((len(_KINDS) * 8, len(_KINDS) * 8), dtype=numpy.uint64)
    for a in range(pair_hash.shape[0]):
        for b in range(pair_hash.shape[1]):
            if a or b:  # (0, 0), no word either way, stays 0: no feature
                pair_hash[a, b] = _crc(f"{_KINDS[a // 8]}{a % 8}|{_KINDS[b // 8]}{b % 8}", 3)
    return Lexicon(
        kinds=words,
        clause=clause,
        by_length=by_length,
        begin_hash=numpy.array([_crc(w, 1) for w in listed], dtype=numpy.uint64),
        end_hash=numpy.array([_crc(w, 2) for w in listed], dtype=numpy.uint64),
        kind_code=numpy.array([_KINDS.index(words[w]) * 8 + len(w) for w in listed], dtype=numpy.int64),
        pair_hash=pair_hash,
    )


def lexicon_columns(docs: list[Doc]) -> list[numpy.ndarray]:
    """Per document, per token (uint64, three columns): the longest dictionary word
    starting at the token, the longest ending at it, and the part of speech and length
    of both. A Latin token takes part as one opaque symbol, so no word spans it."""
    lex = lexicon()
    parts = []
    for doc in docs:
        norms = map(doc.vocab.strings.__getitem__, doc.to_array(NORM).tolist())
        parts.append("".join([t if len(t) == 1 else "\x00" for t in norms]))
    chars = "\x00".join(parts)  # one pass over the batch; no word contains \x00
    n = len(chars)
    codes = numpy.frombuffer(chars.encode("utf-32-le"), dtype=numpy.uint32).astype(numpy.uint64)
    begin = numpy.full(n, -1, dtype=numpy.int64)
    end = numpy.full(n, -1, dtype=numpy.int64)
    grams = _ngram_hashes(codes, min(MAX_WORD, n))
    for k in range(len(grams), 1, -1):  # longest first: a position keeps the first word it gets
        hashes, ids = lex.by_length[k]
        where = numpy.searchsorted(hashes, grams[k - 1])
        where[where == len(hashes)] = 0
        starts = numpy.flatnonzero(hashes[where] == grams[k - 1])
        found = ids[where[starts]]
        free = begin[starts] < 0
        begin[starts[free]] = found[free]
        ends = starts + k - 1
        free = end[ends] < 0
        end[ends[free]] = found[free]
    columns = numpy.zeros((n, 3), dtype=numpy.uint64)
    has_begin, has_end = begin >= 0, end >= 0
    columns[has_begin, 0] = lex.begin_hash[begin[has_begin]]
    columns[has_end, 1] = lex.end_hash[end[has_end]]
    columns[:, 2] = lex.pair_hash[
        numpy.where(has_begin, lex.kind_code[begin], 0), numpy.where(has_end, lex.kind_code[end], 0)
    ]
    out, offset = [], 0
    for part in parts:
        out.append(columns[offset : offset + len(part)])
        offset += len(part) + 1
    return out


# What an organisation's name ends in (国民党, 外交部, 国务院, 乌军).
ORG_END = tuple("党部院会委局厅署办处社团队司行校府宫军")
# jieba's proper-noun kinds: it files some foreign leaders under places (普京 ns), so all three.
NAME_KINDS = ("nr", "ns", "nz")

# People's Daily and CLUENER have one place type; kg splits it as OntoNotes does:
# LOC for natural features, GPE for countries, provinces and cities.
# 球, 星 and 极: the Moon, planets and poles (月球, 火星, 南极) are places, but no country's.
_NATURAL_SUFFIXES = tuple("山峰岭河江湖海洋湾岛峡原漠谷川溪泉洲礁球星") + (
    "盆地",
    "沙漠",
    "森林",
    "大陆",
    "运河",
    "极",
    "瀑布",
    "江口",  # a river's mouth (珠江口)
    "河口",
    "盐沼",
    "山脉",
    "雨林",
    "池",  # a lake (滇池, 天池)
    "海滩",
    "沙滩",
)
_DIVISIONS = ("省", "市", "县")


# Regions of several countries (中东, 东南亚, 北美, 亚太), of China (华南, 东北, 江南) or of
# cities (珠三角, 粤港澳大湾区, 京津冀, 北部都会区), LOC as OntoNotes types them.
_REGIONS = re.compile(
    "(?:东南|东北|西南|西北|中东|[东西南北中])[亚欧非美]|中东|亚太|印太|拉美|远东|近东|加勒比|巴尔干|高加索"
    "|(?:华[东南西北中]|东北|西北|西南|江南|闽南|岭南|中原)(?:地区)?"  # China's regions
    "|[\u4e00-\u9fff]{0,4}(?:三角|湾区|都会区)|京津冀"
)
# What the names of buildings, venues and routes end in (OntoNotes' FAC): 虹桥火车站,
# 法兰西体育场, 钓鱼台国宾馆, 港珠澳大桥. Not 宫 (克里姆林宫 stands for a government).
FACILITY_ENDS = (
    *(
        "机场",
        "火车站",
        "高铁站",
        "地铁站",
        "水文站",
        "车站",
        "航站楼",
        "码头",
        "大桥",
        "隧道",
        "公路",
        "铁路",
        "步行街",
        "大道",
    ),
    *("体育场", "体育馆", "体育园", "竞技场", "综艺馆", "巨蛋", "球场", "场馆", "广场", "公园", "大会堂", "宾馆"),
    *("酒店", "饭店", "大厦", "铁塔", "发射场", "发射中心", "会展中心", "展览中心", "体育中心", "水库"),
    *("大楼", "口岸", "遗址", "铁矿", "渔港", "软件园", "科技城", "基地"),
    # parks of industry and free zones, power plants, prisons, malls, landing sites
    *("工业区", "开发区", "高新区", "自由区", "自贸区", "保税区", "文化区", "科学园", "产业园", "工业园"),
    *("核电站", "核电厂", "电站", "电厂", "看守所", "监狱", "购物中心", "着陆场"),
)
# Shorter ends, for names of three characters or more: a station (桂林站), a port (巴生港;
# not a city named after one, 连云港), a street (滨江路), a line (东涌线), a temple, grotto,
# pagoda or hall (佛光寺, 莫高窟, 应县木塔, 太和殿).
_FACILITY_LAST = tuple("站港路线寺窟塔殿")
# An institution the model typed a place (上海博物馆, 苏州大学): an organisation.
_INSTITUTION_ENDS = ("博物馆", "美术馆", "图书馆", "纪念馆", "大学", "学院", "研究院", "研究所")


def location_label(surface: str) -> str:
    """FAC for a place whose name ends like a building's, venue's, route's or port's
    (虹桥火车站, 巴生港), unless a city has that name (连云港);
    LOC for a region of several countries (中东) and for a place whose name ends like a
    natural feature (黄河, 泰山, 太平洋); GPE for the rest, and for a name that ends like
    a feature but is also the name of a province, city or county (上海 上海市, 四川 四川省,
    台湾 台湾省, 旧金山 旧金山市: the dictionary has the division's full name), and for a
    country's mainland (中国大陆)."""
    name = T2S.convert(surface)
    country = opening_country(name) or ""
    in_country = country and lexicon().kinds.get(name[len(country) :]) == "ns"  # 中国香港: no port
    short = name.endswith(_FACILITY_LAST) and len(name) > 2 and not in_country
    if short and name[-1] in "塔寺" and looks_transliterated(name[:-1]):
        short = False  # a city's transliterated name (阿尔伯塔, 瓦莱塔)
    if (name.endswith(FACILITY_ENDS) and len(name) > 3) or short:
        kinds = lexicon().kinds
        return "GPE" if any(name + d in kinds for d in _DIVISIONS) else "FAC"
    if _REGIONS.fullmatch(name) and name not in country_names():
        return "LOC"
    if not name.endswith(_NATURAL_SUFFIXES) or (name.endswith("大陆") and (opening_country(name) or name == "大陆")):
        return "GPE"  # (大陆 alone: the mainland, as Taiwan's news write it; 非洲大陆 is a continent)
    kinds = lexicon().kinds
    return "GPE" if any(name + d in kinds for d in _DIVISIONS) else "LOC"


def data_words(filename: str) -> frozenset[str]:
    """The words of a package data file of whitespace-separated words (``#`` opens a
    comment line): kg/data/surnames.txt, kg/data/tibetan_name_parts.txt."""
    text = resources.files("kg.data").joinpath(filename).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def clause_words_in(text: str) -> Iterator[tuple[int, str]]:
    """(end, part of speech) of each word of ``lexicon().clause`` (verbs, adjectives,
    numerals, …: 设立, 很多) written in ``text``."""
    clause = lexicon().clause
    for n in (2, 3, 4):
        for i in range(len(text) - n + 1):
            tag = clause.get(text[i : i + n])
            if tag:
                yield i + n, tag


def institution(surface: str) -> bool:
    """Whether a name the model typed a place names an institution, an organisation
    (上海博物馆, 苏州大学). Extraction only: the training corpora's places keep their type."""
    name = T2S.convert(surface)
    return name.endswith(_INSTITUTION_ENDS) and len(name) > 3


def two_everyday_words(word: str) -> bool:
    """Whether ``word`` is an everyday word and another dictionary word, of two or more
    characters each (今天+下午, 应邀+出席, 法律+顾问): jieba files some such phrases under
    people's names, and 顾问 too. Not 马丁+路德, where the first is a name as well."""
    kinds = lexicon().kinds
    return any(kinds.get(word[:i]) == "w" and word[i:] in kinds for i in range(2, len(word) - 1))
