"""A product's maker, named before 的 and the product: 天兵科技的天龙三号, 优必选的Walker S2.

News names a company's product as the company's own, so the name right before 的 and a
product's name is most often a company's, and the model, which learnt from no corpus with
products in it, misses many new companies' names there.
"""

from __future__ import annotations

from kg.nlp.employers import could_be_company
from kg.nlp.lexicon import clause_words_in, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import is_place_name
from kg.nlp.normalize import simplified_in_place

_LONGEST = 6  # characters of a maker's name, at most
_NOT_IN_NAME = frozenset("，。、；：！？（）()“”「」《》 \t\n\u3000的了在是和与及对从向由被把给说称据")


def makers_of_products(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with an organisation added for each name of two to six characters
    written between a clause's start and 的 before a product's name, where the model found
    nothing and the name could be a company's: no place's, no everyday word's, no clause's
    (今年发布的Mavic 4 Pro)."""
    folded = simplified_in_place(text)
    kinds = lexicon().kinds
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for product in mentions:
        end = product.start - 1
        if product.label != "PRODUCT" or folded[end : end + 1] != "的":
            continue
        start = end
        while start > max(0, end - _LONGEST) and folded[start - 1] not in _NOT_IN_NAME:
            start -= 1
        name = folded[start:end]
        if start == end - _LONGEST and start > 0 and folded[start - 1] not in _NOT_IN_NAME:
            continue  # longer than a name: a clause
        if len(name) < 2 or any(s < end and start < e for s, e in taken):
            continue
        if not could_be_company(name) or is_place_name(name) or kinds.get(name) == "w" or any(clause_words_in(name)):
            continue
        added.append(Mention(text[start:end], "ORG", start, end, sentence_of(sentence_starts, start)))
        taken.append((start, end))
    return in_text_order(mentions + added) if added else mentions
