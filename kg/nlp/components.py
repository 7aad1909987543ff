"""spaCy registry entries that the shipped NER pipeline is built from.

Importing this module registers them; the pipeline's config names them, so the
model on disk can only be loaded after ``import kg.nlp``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, List

import numpy
from spacy.attrs import NORM, SHAPE
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
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

from kg.nlp.lexicon import NAME_KINDS, ORG_END, lexicon, lexicon_columns
from kg.nlp.normalize import simplified
from kg.nlp.titles import title_at

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


@registry.misc("kg.known_names_filter.v1")
def make_known_names_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    return known_names_filter


def known_names_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """The model's entities with the names that ``kg/data/entity_patterns.jsonl`` lists
    (``span_ruler``'s ``ents_filter``): a listed name replaces the model's entities inside
    it (长江 of 长江存储) or across its edges (用星 of 用星链), and gives way to one
    that holds it (中国移动通信集团, 丰田章男). A Latin name counts only as the file spells
    it (LINE, not line). A listed name glued to the word before or
    after it is none (京东 of 北京东路, 京东方; 华为 of 中华为)."""
    entities = list(entities)
    added: list[Span] = []
    taken: set[int] = set()
    for span in sorted(map(_with_kind_word, spans), key=lambda s: (s.end - s.start, -s.start), reverse=True):
        if taken.intersection(range(span.start, span.end)) or _glued(span):
            continue
        if span.text.isascii() and span.text not in _latin_spellings():
            continue  # the phrase matcher reads lower case: not line of LINE
        if span.label_ == "GPE" and span.text in ("内地", "內地") and not _HONG_KONG.search(span.doc.text):
            continue  # the mainland where Hong Kong, Macao or Taiwan is written; else inland
        if any(e.start <= span.start and span.end <= e.end and len(e) > len(span) for e in entities):
            continue
        entities = [e for e in entities if not (e.start < span.end and span.start < e.end)]
        added.append(span)
        taken.update(range(span.start, span.end))
    return entities + added


PATTERNS = "entity_patterns.jsonl"


@lru_cache(maxsize=1)
def listed_names() -> tuple[dict, ...]:
    """The entity ruler's patterns from ``kg/data/entity_patterns.jsonl`` (label and pattern)."""
    text = resources.files("kg.data").joinpath(PATTERNS).read_text(encoding="utf-8")
    rows = (json.loads(line) for line in text.splitlines() if line.strip())
    return tuple({"label": row["label"], "pattern": row["pattern"]} for row in rows)


@lru_cache(maxsize=1)
def _latin_spellings() -> frozenset[str]:
    """The Latin-script names of the pattern file as written there."""
    return frozenset(p["pattern"] for p in listed_names() if isinstance(p["pattern"], str) and p["pattern"].isascii())


def _with_kind_word(span: Span) -> Span:
    """A listed organisation's name with the word for its kind or business line written
    right after it (阿里巴巴集团, 淘宝闪购, 腾讯体育, 华为商城): one name."""
    doc = span.doc
    if span.label_ != "ORG" or span.end >= len(doc) or _KIND_END.search(doc[span.end - 1].norm_ + "|" + span.text):
        return span  # (not 中信证券银行, 商务部新闻 of 中信证券银行业, 商务部新闻发言人)
    after = "".join(t.norm_ for t in doc[span.end : span.end + 7])
    word = _KIND_AFTER.match(after)
    if not word or len(doc[span.end : span.end + len(word.group())].text) != len(word.group()):
        return span  # (a Latin word is one token: the word must be Chinese characters)
    return Span(doc, span.start, span.end + len(word.group()), label=span.label)


# Words for an organisation's kind or business line that may follow a listed name.
_KIND_AFTER = re.compile(
    "(?:集团|控股)?(?:股份)?有限公司|集团|控股|公司|科技|汽车|银行|证券|资本|地产|医药|航空|物流"
    "|商城|闪购|电商|体育|电竞|音乐|视频|研究院|基金会"
)
# A name that already ends in a kind's word or a body's last character (not 团 of 美团).
_BODY_END = "党部院会委局厅署办处司府"
_KIND_END = re.compile(f"^[{_BODY_END}]|(?:{_KIND_AFTER.pattern})$")


def _glued(span: Span) -> bool:
    """Whether a Chinese name's first character ends a proper name of the dictionary begun
    before it (京东 of 北京东路, 华为 of 中华为), or the name's end begins a longer word: the
    dictionary has one that opens with the name (京东方, 小米粥) or with its last characters
    (大学生 of 香港大学生, 石油价格 of 英国石油价格; not 来自 of 蔚来自研, a word of its last
    character alone), or a body's name ends in the first character of 部门 or of a title
    (自然资源部门, 公安部长; not 立法会 of 立法会议员)."""
    doc, words = span.doc, lexicon().kinds
    if not span.text[0].isascii() and span.start > 0:
        before = doc[span.start - 1].norm_ + doc[span.start].norm_
        # (any word before a name of two characters: 台大 of 平台大; a proper name's before a
        # longer one: 京东 of 北京东路, not 支付宝 of 打开支付宝)
        kind = words.get(before)
        if kind and (kind in NAME_KINDS or len(span) == 2) and before[0] not in _FUNCTION_BEFORE:
            return True
    if span.text[-1].isascii():
        return False
    name = "".join(t.norm_ for t in span)
    after = "".join(t.norm_ for t in doc[span.end : span.end + 2])
    if any(name + after[:n] in words or name[-2:] + after[:n] in words for n in (1, 2) if len(after) >= n):
        return True
    # a body's last character may open a word: 部门 of 自然资源部门, the title 部长 of 公安部长
    rest = name[-1] + "".join(t.norm_ for t in doc[span.end : span.end + 4])
    return name[-1] in ORG_END and (rest.startswith("部门") or title_at(rest, 0) is not None)


_HONG_KONG = re.compile("[港澳台]")
_FUNCTION_BEFORE = "在和与及到从向对把被给让为是的了由跟同"
