"""spaCy registry entries that the shipped NER pipeline is built from.

Importing this module registers them; the pipeline's config names them, so the
model on disk can only be loaded after ``import kg.nlp``.
"""

from __future__ import annotations

import re
from typing import Callable, List

import numpy
from spacy.attrs import NORM, SHAPE
from spacy.language import Language
from spacy.strings import get_string_id
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

from kg.nlp.lexicon import lexicon, lexicon_columns
from kg.nlp.normalize import simplified

# One token: a run of Latin letters/digits (ASCII, full-width or accented), a run
# of whitespace, or any other single character (each Chinese character).
_TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+|\s+|.", re.S)
_SPACE = re.compile(r"\s")


def split_tokens(text: str) -> tuple[list[str], list[bool]]:
    """One token per CJK character or symbol, one per run of Latin letters/digits.
    A single space after a token becomes its trailing space; other whitespace stays
    a token of its own, so ``doc.text`` is always the input."""
    pieces = _TOKEN.findall(text)
    if not _SPACE.search(text):  # most sentences: every piece is a token
        return pieces, [False] * len(pieces)
    words: list[str] = []
    spaces: list[bool] = []
    for piece in pieces:
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
        for i, norm in [(i, norm) for i, (word, norm) in enumerate(zip(words, map(simplified, words))) if norm != word]:
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


def clear_caches() -> None:
    """Forget the word list and the per-token cache (tens of MB once a large corpus has
    gone through); they fill again on the next use."""
    lexicon.cache_clear()
    simplified.cache_clear()


_MIX = numpy.uint64(0x9E3779B97F4A7C15)

# ``doc.user_data`` key naming the annotation convention a training text follows
# (its corpus). Unset, as in every text kg reads, means People's Daily's: news.
CONVENTION = "kg_convention"


def _ngram_features(bigrams: bool, use_lexicon: bool, conventions: bool = False) -> Model[List[Doc], List[Ints2d]]:
    """Columns: NORM, SHAPE; if asked, the NORM bigrams to the left and right; if
    asked, the three dictionary-word columns of :func:`kg.nlp.lexicon.lexicon_columns`;
    if asked, the document's annotation convention (:data:`CONVENTION`)."""

    def forward(model: Model, docs: List[Doc], is_train: bool):
        words = lexicon_columns(docs) if use_lexicon else [None] * len(docs)
        out = []
        for doc, word_cols in zip(docs, words):
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
                cols = numpy.column_stack([cols, word_cols])
            if conventions:
                convention = numpy.uint64(get_string_id(doc.user_data.get(CONVENTION, "")))
                cols = numpy.column_stack([cols, numpy.full(len(doc), convention, dtype="uint64")])
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
    conventions: bool = False,
) -> Model[List[Doc], List[Floats2d]]:
    """Hashed embeddings of each character's Simplified norm and shape, plus, as asked,
    of the character bigrams it starts and ends and of the dictionary words around it
    (cheap stand-ins for the word information a one-character-per-token model lacks).
    ``feature_width`` (0: ``width``) sets the width of the bigram and lexicon tables.
    ``conventions``: also embed the annotation convention of the document's corpus, so
    corpora that mark names differently (CLUENER's whole addresses, People's Daily's
    parts) teach one model without contradicting each other; unmarked text is read
    with People's Daily's convention."""
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
    if conventions:
        tables.append(HashEmbed(aux, 16, column=len(tables), seed=18))
    n_in = sum(table.get_dim("nO") for table in tables)
    return chain(
        _ngram_features(bigrams, lexicon, conventions),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, n_in, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
