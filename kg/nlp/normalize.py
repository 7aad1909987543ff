"""Script and width folding shared by the tokenizer, the word features and resolution,
and the key and display form of a name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

T2S = opencc.OpenCC("t2s")  # shared by every stage that folds Traditional to Simplified
_S2T = opencc.OpenCC("s2t")
_SEPARATORS = re.compile(r"\s*[·•∙・．‧⋅•\u00b7\u2027\u30fb.]\s*")
_HAN_HYPHEN = re.compile("(?<=[\u4e00-\u9fff])-(?=[\u4e00-\u9fff])")  # 亚历山大-阿诺德
_SPACE = re.compile(r"\s+")
# Latin letters, accented ones included (Peña, Arévalo, Müller), for regular expressions.
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
LATIN_CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de"


@lru_cache(maxsize=65536)
def simplified(token: str) -> str:
    """The Simplified, NFKC-folded, lower-cased form of one token.

    Used as the token's NORM, so the model sees 馬 and 马, ＳｐａｃｅＸ and spacex alike
    while ``doc.text`` and every offset keep the original characters.
    """
    folded = unicodedata.normalize("NFKC", token).lower()
    converted = T2S.convert(folded)
    return converted if converted else folded


def simplified_in_place(text: str) -> str:
    """``text`` in Simplified script where that keeps its length, so offsets into it
    still hold; otherwise ``text`` as it is."""
    if text.isascii():
        return text
    folded = T2S.convert(text)
    return folded if len(folded) == len(text) else text


@lru_cache(maxsize=100_000)
def normalize(surface: str) -> str:
    """The key two spellings of one name share: 馬斯克 = 马斯克, ＳｐａｃｅＸ = Space X = spacex,
    科林•卡尔 = 科林．卡尔 = 科林·卡尔, 亚历山大-阿诺德 = 亚历山大·阿诺德. Idempotent."""
    text = unicodedata.normalize("NFKC", surface).strip()
    text = T2S.convert(text)
    text = _SEPARATORS.sub("·", _HAN_HYPHEN.sub("·", text)).strip("·")
    text = _SPACE.sub("", text).lower()
    # removing spaces and lower-casing can leave combining marks to compose
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=100_000)
def display(surface: str, script: str = "simplified") -> str:
    """A surface form as shown on a node: width-folded, one separator, in the chosen script."""
    text = unicodedata.normalize("NFKC", surface).strip()
    text = _SEPARATORS.sub("·", text) if not text.isascii() else _SPACE.sub(" ", text)
    text = T2S.convert(text)
    return _S2T.convert(text) if script == "traditional" else text
