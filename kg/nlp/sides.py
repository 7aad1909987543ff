"""A country's side in talks or a dispute, written as its one-character name and 方 (中方,
美方, 马方 beside 马来西亚): news speaks of governments this way, and the model, which
learnt from corpora that rarely mark it, mostly leaves it out."""

from __future__ import annotations

from kg.nlp.lexicon import abbreviations, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import countries_named
from kg.nlp.normalize import normalize, simplified_in_place

# What 方 begins a word with (方案, 方面, 方才): jieba's list holds odd ones too (方合).
_WORDS_OF_FANG = frozenset("案面才便向式法针略位言程阵舟圆块形格剂能显可知始")  # and 方能, "only then"


def country_sides(text: str, mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """Mentions with every X方 added as a place where X is a country's one-character name
    (kg's table of them, or the first character of a country the article names) and
    nothing else is found there. Not where X ends a word begun before it (所以方便, 昨日方才)
    or 方 begins one (中方案)."""
    folded = simplified_in_place(text)
    named = {normalize(m.text) for m in mentions if m.label == "GPE"}
    words = lexicon().kinds
    # the model's span over the country's character (中) or the whole (马方, as a person) gives way
    spans = {(m.start, m.end) for m in mentions}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    added, dropped = [], set()
    pos = folded.find("方", 1)
    while pos > 0:
        ch = folded[pos - 1]
        country = ch in abbreviations() or bool(countries_named(ch, named))
        glued = folded[pos - 2 : pos] in words or folded[pos + 1 : pos + 2] in _WORDS_OF_FANG
        found = {(pos - 1, pos), (pos - 1, pos + 1)} & spans
        if country and not glued and (found or (pos - 1 not in covered and pos not in covered)):
            dropped |= found
            added.append(Mention(text[pos - 1 : pos + 1], "GPE", pos - 1, pos + 1, sentence_of(starts, pos - 1)))
        pos = folded.find("方", pos + 1)
    if not added:
        return mentions
    kept = [m for m in mentions if (m.start, m.end) not in dropped]
    return in_text_order(kept + added)
