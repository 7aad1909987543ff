"""A product's maker, named before 的 and the product: 天兵科技的天龙三号, 寒武纪的思元590.

News names a company's product as the company's own, so the name right before 的 and a
product's name is most often a company's, and the model, which learnt from no corpus with
products in it, misses many new companies' names there.
"""

from __future__ import annotations

from dataclasses import replace

from kg.nlp.employers import could_be_company
from kg.nlp.lexicon import clause_words_in, lexicon
from kg.nlp.mention import Mention, in_text_order, sentence_of
from kg.nlp.names import is_place_name
from kg.nlp.normalize import simplified_in_place
from kg.nlp.titles import surnames

_LONGEST = 6  # characters of a maker's name, at most
_NOT_IN_NAME = frozenset("，。、；：！？（）()“”「」《》 \t\n\u3000的了在是和与及对从向由被把给说称据")


def makers_of_products(text: str, mentions: list[Mention], sentence_starts: list[int]) -> list[Mention]:
    """``mentions`` with an organisation added for each name of two to six characters
    written between a clause's start and 的 before a product's name, where the model found
    nothing and the name could be a company's: no place's, no everyday word's, no clause's
    (今年发布的Mavic 4 Pro). A name there the model typed a person, before a model's code,
    is the maker's, an organisation, throughout the article, where it may be (see
    ``_could_be_maker``)."""
    folded = simplified_in_place(text)
    kinds = lexicon().kinds
    covered = {i for m in mentions for i in range(m.start, m.end)}
    by_end = {m.end: m for m in mentions}
    titled = {m.text for m in mentions if m.titles}
    longer = [m.text for m in mentions if m.label == "PERSON" and "·" in m.text]
    added, companies = [], set()
    for product in mentions:
        end = product.start - 1
        if product.label != "PRODUCT" or folded[end : end + 1] != "的":
            continue
        if folded[end - 2 : end] == "旗下":
            end -= 2  # 字节跳动旗下的豆包: the company that owns it
        maker = by_end.get(end)
        if maker is not None and maker.label == "PERSON":
            # a model's code after it (寒武纪的思元590): not a person's account (C罗的Instagram)
            if any(ch.isdigit() for ch in product.text) and _could_be_maker(maker.text, titled, longer):
                companies.add(maker.text)
            continue
        start = end
        while start > max(0, end - _LONGEST) and folded[start - 1] not in _NOT_IN_NAME:
            start -= 1
        name = folded[start:end]
        if start == end - _LONGEST and start > 0 and folded[start - 1] not in _NOT_IN_NAME:
            continue  # longer than a name: a clause
        if len(name) < 2 or covered & set(range(start, end)):
            continue
        if kinds.get(name) in ("w", "nr") or not could_be_company(name) or is_place_name(name):
            continue  # (老王 of 老王的微信: a person's)
        if any(clause_words_in(name)):
            continue
        added.append(Mention(text[start:end], "ORG", start, end, sentence_of(sentence_starts, start)))
        covered.update(range(start, end))
    if companies:
        mentions = [replace(m, label="ORG", titles=[]) if m.text in companies else m for m in mentions]
    return in_text_order(mentions + added) if added else mentions


def _could_be_maker(name: str, titled: set[str], longer: list[str]) -> bool:
    """Whether a name the model typed a person, before 的 and a product, may be its maker:
    the article gives it no title anywhere (``titled``), no longer name holds it (马斯克 of
    埃隆·马斯克, in ``longer``), it holds no separator, and it reads as no Chinese full
    name (雷军的小米SU7). (The dictionary files 寒武纪 as a person's.)"""
    folded = simplified_in_place(name)
    chinese = 2 <= len(folded) <= 3 and (folded[0] in surnames() or folded[:2] in surnames())
    if chinese or "·" in name or name in titled:
        return False
    return not any(name in other for other in longer)
