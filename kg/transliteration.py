"""Matching foreign names transliterated differently (泽连斯基 / 泽伦斯基, 马克龙 / 马克宏).

Mainland, Taiwan and Hong Kong media pick different characters for the same sounds.
Two names match when both look transliterated, start with the same pinyin
initial, and their toneless pinyin, with near-homophones folded together, is
within an edit-distance ratio. The threshold was chosen on labelled pairs
(tests/data/transliteration_pairs.csv) by ``python -m kg.train.resolution``;
resolution adds two more guards (same type, a shared neighbour in the graph).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Chosen by `python -m kg.train.resolution`: the best F0.5 on the labelled pairs
# (tests/test_resolution_pairs.py checks that it still is).
THRESHOLD = 0.80

# Characters that Xinhua-style and Taiwan/Hong Kong transliterations of foreign names
# are mostly made of. A name counts as transliterated when most of its characters are here.
TRANSLITERATION_CHARS = set(
    "阿埃艾爱安昂奥澳巴拔芭白拜班邦保鲍贝本比彼毕别宾波伯勃博布查柴彻楚茨达戴丹道德登迪蒂"
    "丁东杜敦多厄俄鄂恩尔法凡菲斐费芬丰夫福弗盖甘冈高戈哥格根古瓜圭哈海汉豪赫黑亨洪胡华怀霍"
    "基吉加迦贾杰金卡凯坎康柯科克肯库夸奎昆拉莱兰朗劳勒雷蕾里利莉列林琳隆卢鲁路伦罗洛吕玛马麦"
    "曼梅门蒙孟米密明摩莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕潘庞佩彭皮珀普齐奇恰乔切琼丘屈让热"
    "荣瑞若萨塞赛桑瑟森沙莎山尚舍圣施史士舒斯松苏索塔泰坦汤唐特提汀图托瓦万旺威韦维温沃乌伍"
    "西希锡夏谢辛休雅亚扬耶叶伊易因英尤于约泽扎詹蕊朔兹宏蓬庞裴歐爾蘭羅維諾茲"
)
# Russian and other feminine name endings: Peskov and Peskova are two people.
_FEMININE_ENDINGS = set("娃娅娜莎妮丝")
_FOLD = [
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("ng", "n"),
    ("r", "l"),
    ("ei", "e"),
    ("ou", "o"),
    ("uo", "o"),
    ("ui", "i"),
]


def looks_transliterated(name: str) -> bool:
    """True for 马克龙 or 科林·卡尔, false for 王建国: at least two thirds of the Han
    characters are common transliteration characters, and there are at least two."""
    chars = [c for c in name if "\u4e00" <= c <= "\u9fff"]
    if len(chars) < 2:
        return False
    return sum(c in TRANSLITERATION_CHARS for c in chars) * 3 >= len(chars) * 2


@lru_cache(maxsize=50_000)
def pinyin_key(name: str) -> tuple[str, str]:
    """(folded first initial, folded toneless pinyin) of the Han characters in ``name``."""
    han = "".join(c for c in name if "\u4e00" <= c <= "\u9fff")
    syllables = lazy_pinyin(han)
    first = (lazy_pinyin(han[:1], style=Style.INITIALS, strict=False) or [""])[0] or (
        syllables[0][:1] if syllables else ""
    )
    text = "".join(syllables)
    for a, b in _FOLD:
        text = text.replace(a, b)
        first = first.replace(a, b)
    return re.sub(r"[^a-z]", "", first), text


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """0..1 likeness of two names' folded pinyin (1 - edit distance / longer length);
    0 when their first initials differ."""
    (ia, pa), (ib, pb) = pinyin_key(a), pinyin_key(b)
    if ia != ib or not pa or not pb:
        return 0.0
    if (a[-1] in _FEMININE_ENDINGS) != (b[-1] in _FEMININE_ENDINGS):
        return 0.0
    return 1 - _levenshtein(pa, pb) / max(len(pa), len(pb))


def same_transliteration(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    """Do two transliterated names plausibly write the same foreign name?"""
    return looks_transliterated(a) and looks_transliterated(b) and similarity(a, b) >= threshold
