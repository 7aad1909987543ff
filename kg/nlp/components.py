"""spaCy registry entries that the shipped NER pipeline is built from.

Importing this module registers them; the pipeline's config names them, so the
model on disk can only be loaded after ``import kg.nlp``.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
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


# One token: a run of Latin letters/digits (ASCII, full-width or accented), a run
# of whitespace, or any other single character (each Chinese character).
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+|\s+|.", re.S)


def split_tokens(text: str) -> tuple[list[str], list[bool]]:
    """One token per CJK character or symbol, one per run of Latin letters/digits.
    A single space after a token becomes its trailing space; other whitespace stays
    a token of its own, so ``doc.text`` is always the input."""
    words: list[str] = []
    spaces: list[bool] = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece[0].isspace():
            if words and not spaces[-1] and piece[0] == " ":
                spaces[-1] = True
                piece = piece[1:]
            if not piece:
                continue
        words.append(piece)
        spaces.append(False)
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
        for i, word in enumerate(words):
            norm = simplified(word)
            if norm != word:
                doc[i].norm_ = norm
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
_LEX_MAX = 6
_COARSE_TAGS = {"nr": "nr", "nrt": "nr", "nrfg": "nr", "ns": "ns", "nt": "nt", "nz": "nz"}


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, int]]:
    """Word -> coarse part of speech (nr person, ns place, nt organisation, nz other
    proper noun, w any other word) for the 2-6 character words of jieba's dictionary
    (jieba package data, MIT licence; jieba itself is never imported), and for each
    pair of first two characters the length of the longest word that starts with it
    (to skip positions where no word starts, and lengths no word has)."""
    from importlib import resources

    words: dict[str, str] = {}
    # one OpenCC call for the whole file: much faster than one per word, same result
    text = T2S.convert(resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8"))
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and 2 <= len(parts[0]) <= _LEX_MAX:
            words[parts[0]] = _COARSE_TAGS.get(parts[2], "w")
    longest: dict[str, int] = {}
    for w in words:
        longest[w[:2]] = max(longest.get(w[:2], 0), len(w))
    return words, longest


def _crc(text: str, salt: int) -> int:
    return zlib.crc32(text.encode("utf-8"), salt) + 1  # 0 means "no feature"


@lru_cache(maxsize=200_000)
def _word_features(begin: str, end: str) -> tuple[int, int, int]:
    """Hashes of the longest words starting and ending at a token, and of their kinds."""
    lex = lexicon()[0]
    return (
        _crc(begin, 1) if begin else 0,
        _crc(end, 2) if end else 0,
        _crc(f"{lex.get(begin, '-')}{len(begin)}|{lex.get(end, '-')}{len(end)}", 3) if begin or end else 0,
    )


def clear_caches() -> None:
    """Forget the word list and the per-token caches (tens of MB once a large corpus has
    gone through); they fill again on the next use."""
    lexicon.cache_clear()
    _word_features.cache_clear()
    simplified.cache_clear()


def lexicon_columns(doc: Doc) -> numpy.ndarray:
    """Per token: the longest dictionary word starting at it, the longest ending at it,
    and the part of speech and length of both (SoftLexicon-style word information for
    a character model). Latin tokens take part as one opaque symbol."""
    lex, longest = lexicon()
    strings = doc.vocab.strings
    norms = [strings[h] for h in doc.to_array(NORM).tolist()]
    chars = "".join(t if len(t) == 1 else "\x00" for t in norms)
    n = len(chars)
    begin = [""] * n
    end = [""] * n
    for i in range(n - 1):
        top = longest.get(chars[i : i + 2])
        if top is None:
            continue
        for k in range(min(top, n - i), 1, -1):
            word = chars[i : i + k]
            if word in lex:
                if not begin[i]:
                    begin[i] = word
                if len(word) > len(end[i + k - 1]):
                    end[i + k - 1] = word
    if n == 0:
        return numpy.zeros((0, 3), dtype="uint64")
    return numpy.array([_word_features(b, e) for b, e in zip(begin, end)], dtype="uint64")


def _ngram_features(bigrams: bool, use_lexicon: bool) -> Model[List[Doc], List[Ints2d]]:
    """Columns: NORM, SHAPE; if asked, the NORM bigrams to the left and right; if
    asked, the three lexicon columns of :func:`lexicon_columns`."""

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
            if use_lexicon:
                cols = numpy.column_stack([cols, lexicon_columns(doc)])
            out.append(model.ops.asarray2i(cols, dtype="uint64"))
        return out, lambda d_features: []

    return Model("kg_ngram_features", forward)


@registry.architectures("kg.CharNgramEmbed.v1")
def char_ngram_embed(
    width: int,
    char_rows: int,
    bigram_rows: int,
    bigrams: bool,
    lexicon: bool = False,
    lexicon_rows: int = 20000,
    feature_width: int = 0,
) -> Model[List[Doc], List[Floats2d]]:
    """Hashed embeddings of each character's Simplified norm and shape, plus, as asked,
    of the character bigrams it starts and ends and of the dictionary words around it
    (cheap stand-ins for the word information a one-character-per-token model lacks).
    ``feature_width`` (0: ``width``) sets the width of the bigram and lexicon tables."""
    aux = feature_width or width
    tables = [
        HashEmbed(width, char_rows, column=0, seed=11),
        HashEmbed(aux, 64, column=1, seed=12),
    ]
    if bigrams:
        tables += [
            HashEmbed(aux, bigram_rows, column=2, seed=13),
            HashEmbed(aux, bigram_rows, column=3, seed=14),
        ]
    if lexicon:
        first = len(tables)
        tables += [
            HashEmbed(aux, lexicon_rows, column=first, seed=15),
            HashEmbed(aux, lexicon_rows, column=first + 1, seed=16),
            HashEmbed(aux, 2000, column=first + 2, seed=17),
        ]
    n_in = width + aux * (len(tables) - 1)
    return chain(
        _ngram_features(bigrams, lexicon),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, n_in, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
