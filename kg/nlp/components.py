"""spaCy registry entries that the shipped NER pipeline is built from.

Importing this module registers them; the pipeline's config names them, so the
model on disk can only be loaded after ``import kg.nlp``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, List

import numpy
import opencc
from spacy.attrs import NORM, SHAPE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def simplified(token: str) -> str:
    """The Simplified, NFKC-folded, lower-cased form of one token.

    Used as the token's NORM, so the model sees 馬 and 马, ＳｐａｃｅＸ and spacex alike
    while ``doc.text`` and every offset keep the original characters.
    """
    folded = unicodedata.normalize("NFKC", token).lower()
    converted = _T2S.convert(folded)
    return converted if converted else folded


def _is_word_char(ch: str) -> bool:
    """Latin letters and digits (any width) group into one token; CJK does not."""
    if ch.isascii():
        return ch.isalnum()
    name = unicodedata.category(ch)
    if name.startswith("L") or name == "Nd":
        return "FULLWIDTH" in unicodedata.name(ch, "") or ("LATIN" in unicodedata.name(ch, ""))
    return False


def split_tokens(text: str) -> tuple[list[str], list[bool]]:
    """One token per CJK character or symbol, one per run of Latin letters/digits."""
    words: list[str] = []
    spaces: list[bool] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            # Whitespace after a token becomes its trailing space (one ' ' only);
            # anything else is kept as a whitespace token so offsets stay exact.
            j = i
            while j < n and text[j].isspace():
                j += 1
            run = text[i:j]
            if words and not spaces[-1] and run.startswith(" "):
                spaces[-1] = True
                run = run[1:]
            if run:
                words.append(run)
                spaces.append(False)
            i = j
            continue
        j = i + 1
        if _is_word_char(ch):
            while j < n and _is_word_char(text[j]):
                j += 1
        words.append(text[i:j])
        spaces.append(False)
        i = j
    return words, spaces


class ZhCharTokenizer:
    """Character tokenizer for Chinese news, with Simplified norms.

    spaCy's own ``char`` segmenter splits Latin words into letters (``S p a c e X``),
    which the NER then has to stitch back together; this keeps them whole.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = split_tokens(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            norm = simplified(token.text)
            if norm != token.text:
                token.norm_ = norm
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "ZhCharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "ZhCharTokenizer":
        return self


@registry.tokenizers("kg.zh_char_tokenizer.v1")
def create_zh_char_tokenizer() -> Callable[[Language], ZhCharTokenizer]:
    def make(nlp: Language) -> ZhCharTokenizer:
        return ZhCharTokenizer(nlp.vocab)

    return make


_MIX = numpy.uint64(0x9E3779B97F4A7C15)


def _ngram_features(bigrams: bool) -> Model[List[Doc], List[Ints2d]]:
    """Columns: NORM, SHAPE and, if asked, the NORM bigrams to the left and right."""

    def forward(model: Model, docs: List[Doc], is_train: bool):
        out = []
        for doc in docs:
            cols = doc.to_array([NORM, SHAPE]).astype("uint64")
            if bigrams:
                norms = cols[:, 0]
                pad = numpy.zeros(1, dtype="uint64")
                prev = numpy.concatenate([pad, norms[:-1]])
                nxt = numpy.concatenate([norms[1:], pad])
                with numpy.errstate(over="ignore"):
                    left = prev * _MIX ^ norms
                    right = norms * _MIX ^ (nxt + numpy.uint64(1))
                cols = numpy.column_stack([cols, left, right])
            out.append(model.ops.asarray2i(cols, dtype="uint64"))
        return out, lambda d_features: []

    return Model("kg_ngram_features", forward)


@registry.architectures("kg.CharNgramEmbed.v1")
def char_ngram_embed(
    width: int, char_rows: int, bigram_rows: int, bigrams: bool
) -> Model[List[Doc], List[Floats2d]]:
    """Hashed embeddings of each character's Simplified norm and shape, plus,
    optionally, of the character bigrams it starts and ends (a cheap stand-in for
    word information, which Chinese NER lacks with one character per token)."""
    tables = [
        HashEmbed(width, char_rows, column=0, seed=11),
        HashEmbed(width, 64, column=1, seed=12),
    ]
    if bigrams:
        tables += [
            HashEmbed(width, bigram_rows, column=2, seed=13),
            HashEmbed(width, bigram_rows, column=3, seed=14),
        ]
    return chain(
        _ngram_features(bigrams),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
