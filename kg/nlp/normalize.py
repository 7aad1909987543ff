"""Script and width folding shared by the tokenizer, the word features and resolution."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

T2S = opencc.OpenCC("t2s")  # shared by every stage that folds Traditional to Simplified


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
