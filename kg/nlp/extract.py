"""Run the NER pipeline over documents and return plain mention records.

:func:`extract_documents` is a pure function of the documents and the pipeline, so
any engine (one process, a pool, Dask: see kg/engines.py) can run it and the results
merge the same.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from thinc.api import use_ops

import kg.nlp  # noqa: F401  (registers kg's spaCy components)
from kg.ingest import Document
from kg.nlp.components import listed_names
from kg.nlp.countries import opening_country
from kg.nlp.employers import bodies_before_speech, companies_after_kind_words, investors, type_employers
from kg.nlp.family_names import family_name_references
from kg.nlp.full_names import full_names_before_brackets
from kg.nlp.handles import commenters, social_handles
from kg.nlp.lexicon import FACILITY_ENDS, ORG_END, abbreviations, institution, lexicon, location_label
from kg.nlp.lists import cut_list_head, fill_counted_lists, fill_list_items, split_conjoined, type_counted_lists
from kg.nlp.makers import makers_of_products
from kg.nlp.mention import Mention
from kg.nlp.names import (
    bracketed_short_names,
    complete_cut_names,
    is_place_name,
    latin_companies,
    split_joined_persons,
)
from kg.nlp.normalize import T2S, simplified_in_place
from kg.nlp.ops import BACKEND
from kg.nlp.outlets import name_outlets
from kg.nlp.places import places_throughout
from kg.nlp.products import find_products
from kg.nlp.propagate import bracketed_latin, propagate
from kg.nlp.routes import find_routes
from kg.nlp.sentences import split_sentences
from kg.nlp.sides import country_sides
from kg.nlp.spans import (
    cut_anonymous,
    cut_idiom_tail,
    cut_org_kind,
    cut_org_part,
    extend_latin,
    extend_over_and,
    extend_over_separator,
    grow_organisation,
    join_name_parts,
    latin_organisation,
    latin_product,
    place_before_facility,
    place_by_context,
    split_at_list_marks,
    split_at_spaces,
    split_at_verbs,
    split_country_prefix,
    split_dateline_place,
    without_overlaps,
)
from kg.nlp.tibetan import complete_tibetan_names
from kg.nlp.titles import (
    army_or_person,
    cut_trailing_title,
    join_family_names,
    name_start_after_title,
    names_after_titles,
    person_after_title,
    strip_titles,
    title_at,
    titles_before,
)
from kg.nlp.works import split_at_title, titled_works, without_title_pieces
from kg.transliteration import looks_transliterated

MODEL_DIR = Path(__file__).resolve().parent.parent / "model"

# Characters that may cling to a span's edges but are never part of a name.
_EDGE = "“”\"'‘’「」『』《》〈〉()（）[]【】<>,，。.、:：;；!！?？·•∙・．-—_↳└ \t\n"
_JUNK = re.compile(r"^(?:[\W\d_]+|[A-Za-z]|https?.*|www\..*|.*\.(?:com|cn|fr|net|org|jpg|png|gif).*)$", re.I)
_CURRENCY = re.compile("(?:韩元|美元|日元|欧元|英镑|卢布|澳元|港元|港币|台币|人民币|澳门元|比索|令吉)$")


def load_pipeline(*, patterns: bool = True, model: str | Path | None = None) -> Language:
    """kg's Chinese NER pipeline (spaCy ``Language``, lang ``zh``), loaded from package data.

    ``patterns=False`` leaves out the entity ruler fed from ``kg/data/entity_patterns.jsonl``
    (products and Latin-script organisations the training corpora lack), giving the
    trained model's own predictions.
    """
    path = Path(model) if model else MODEL_DIR
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(f"no trained model at {path}; train one with `python -m kg.train --install`")
    with use_ops(BACKEND):  # the models are built with the ops current at load time
        nlp = spacy.load(path)
    if patterns:
        ruler = nlp.add_pipe(
            "span_ruler",
            name="entity_ruler",
            after="ner",
            config={
                "spans_key": None,
                "annotate_ents": True,
                "ents_filter": {"@misc": "kg.known_names_filter.v1"},
                "overwrite": False,  # the model's entities go to the filter
                "phrase_matcher_attr": "NORM",
            },
        )
        ruler.add_patterns(list(listed_names()))
    return nlp


@dataclass
class Extraction:
    """Everything later stages need from one document (and nothing from spaCy)."""

    doc_id: str
    path: str
    digest: str
    title: str | None
    date: str | None
    sentences: list[tuple[int, int, str]]  # (start, end, text)
    paragraphs: list[int]  # paragraph number of each sentence
    mentions: list[Mention]


_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "《": "》", "「": "」", "『": "』", "“": "”"}


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


_CLAUSE_END = re.compile("[，。；！？]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without edge punctuation, and cut before a bracket it opens but does not close
    (奥斯汀（Lloyd Austin: the bracket is a gloss, not part of the name). A span over a
    clause's end (台，拜會交通部) is no name: (start, start)."""
    start, end = _strip_edges(text, start, end)
    if _CLAUSE_END.search(text, start, end):
        return start, start
    for i in range(start + 1, end):
        close = _BRACKETS.get(text[i])
        if close and close not in text[i + 1 : end]:
            return _strip_edges(text, start, i)
    return start, end


def _cut_direction(surface: str) -> tuple[str, int]:
    """A place's part named by direction (加沙地带南部, 乌克兰东部) is that place for the
    graph, as People's Daily marks it whole, and so is what lies to one side of it
    (穆扎法拉巴德以北) and its centre or town (东涌市中心, 郸城县城): (name, cut)."""
    match = _DIRECTION.search(simplified_in_place(surface))
    cut = match.start() if match else 0
    while cut and surface[cut - 1] == "的":  # 北海道的西南部
        cut -= 1
    if cut >= 2:
        return surface[:cut], len(surface) - cut
    return surface, 0


def _is_junk(surface: str, label: str) -> bool:
    if _JUNK.match(surface) or _CURRENCY.search(T2S.convert(surface)):
        return True  # (an amount's currency: 兆韩元, 澳门元)
    norm = unicodedata.normalize("NFKC", surface)
    # 某 stands for a withheld name (被告人张某某): one such node would join every 张某 of the corpus
    return label == "PERSON" and (len(norm) == 1 or "某" in norm)


def _cut_from_foreign_name(text: str, start: int, end: int, label: str) -> bool:
    """A one-character place (英, 美) that begins a transliterated name the model cut
    (英伟达): not the country. A following place character (美英法) is a fused list."""
    if label not in ("GPE", "LOC") or end - start != 1 or end >= len(text) or text[end] in abbreviations():
        return False
    window = text[start : start + 3]
    return len(window) == 3 and all("\u4e00" <= ch <= "\u9fff" for ch in window) and looks_transliterated(window)


def mentions_from_doc(
    sdoc, offset: int, text: str, sentences: list[tuple[int, int, str]], starts: list[int] | None = None
) -> list[Mention]:
    """Mentions from one spaCy Doc of ``text[offset:...]``, each tagged with the index of
    its sentence; a span that runs over a sentence end is dropped."""
    starts = starts if starts is not None else [s for s, _, _ in sentences]
    out = []
    chunk = sdoc.text  # spaCy joins its tokens again on every read
    folded = simplified_in_place(chunk)  # once per chunk, not once per span
    spans = []
    others = {ent.start_char: (ent.end_char, ent.label_) for ent in sdoc.ents}
    for ent in sdoc.ents:
        spaced = split_at_spaces(chunk, ent.start_char, ent.end_char)
        place = ent.label_ in ("GPE", "LOC")
        listed = [part for span in spaced for part in split_at_list_marks(folded, *span, joiners=place)]
        parts = [(s, e, ent.label_) for span in listed for s, e in split_at_verbs(folded, *span)]
        if ent.label_ == "ORG":  # 英国《每日邮报》: a country and a newspaper
            parts = [part for s, e, _ in parts for part in split_at_title(chunk, s, e)]
        for s, e, label in parts:
            s, e, label = extend_latin(chunk, s, e, label)
            if label == "PERSON":
                s = name_start_after_title(folded, s)  # 让- of 发言人让-皮埃尔
                e = extend_over_separator(folded, s, extend_over_and(folded, s, cut_idiom_tail(folded, s, e)))
                cut = split_dateline_place(folded, s, e)
                if cut:
                    spans += [(s, cut, label), (cut, e, "GPE")]
                    continue
                # a country's or region's name glued before it (顿涅茨克州阿夫迪伊夫卡): a place,
                # then a place in the region or a person of the country
                cut = split_country_prefix(folded, s, e)
                person = cut and opening_country(folded[s:e]) and not is_place_name(folded[cut:e])
                rest = "PERSON" if person else "GPE"
                spans += [(s, cut, "GPE"), (cut, e, rest)] if cut else [(s, e, label)]
                continue
            # a reporter's name and dateline place read as one place (记者林宏达伊斯坦堡17日专电)
            cut = split_dateline_place(folded, s, e) if folded[s - 2 : s] == "记者" else None
            if cut:
                spans += [(s, cut, "PERSON"), (cut, e, "GPE")]
                continue
            # a place that opens an organisation's or facility's name is part of it (山东青岛大学);
            # others may be several places (each part may hold another: 桂林市 | 秀峰区 | 解放西路)
            place = label in ("GPE", "LOC")
            of = folded.find("的", s + 2, e - 3) if place and e - s > 5 else -1
            if of > 0 and folded[s:e] not in lexicon().kinds:
                e = of  # 山东海阳的东方航天港: the place before 的; not 波罗的海
            grown = grow_organisation(folded, s, e, label, others)
            while grown == (s, e, label) and place and (cut := split_country_prefix(folded, s, e, place=True)):
                spans.append((s, cut, label))
                s = cut  # the last part may open a facility's name (中国 | 文昌航天发射场)
                grown = grow_organisation(folded, s, e, label, others)
            spans.append(grown)
    spans = without_overlaps(spans)  # Latin names grown over their neighbours (Elon, Musk)
    taken = [(s, e) for s, e, _ in spans]
    spans += [(s, e, "PERSON") for s, e in names_after_titles(chunk, taken)]
    spans = join_family_names(chunk, join_name_parts(chunk, spans))
    for ent_start, ent_end, ent_label in spans:
        start, end = _trim(text, offset + ent_start, offset + ent_end)
        surface = text[start:end]
        titles: list[str] = []
        if ent_label == "PERSON":
            surface, titles, cut = strip_titles(surface)
            start += cut
            titles = titles_before(text, start) + titles
        label = ent_label
        if person_after_title(text, start, end, label) or (label == "ORG" and army_or_person(surface)):
            label = "PERSON"
            titles = titles_before(text, start)
        if not surface or _is_junk(surface, label) or _cut_from_foreign_name(text, start, end, label):
            continue
        surface, cut = cut_list_head(surface)  # 中远海运集运等公司
        end -= cut
        if label in ("ORG", "GPE", "LOC"):
            surface, cut = cut_anonymous(surface)
            end -= cut
            if cut and label == "ORG" and is_place_name(surface):
                label = "GPE"  # 南京 of 南京一家证券机构
        if label == "ORG":
            surface, cut = cut_trailing_title(surface)
            end -= cut
            surface, cut = cut_org_part(surface)
            end -= cut
            cut = _field_before_title(text, start, end)
            surface, end = surface[: len(surface) - cut], end - cut
            surface, cut = cut_org_kind(surface)
            start += cut
        elif (
            label == "PERSON"
            and looks_transliterated(T2S.convert(surface))
            and (feature := _FEATURE_AFTER.match(T2S.convert(text[end : end + 3])))
            and (len(feature.group()) > 1 or _lone_feature(text, start, end))
        ):
            end += feature.end()  # 潘帕斯草原: one name
            surface, label, titles = text[start:end], "LOC", []
        elif label == "PERSON" and _natural_feature(T2S.convert(surface)):
            label, titles = "LOC", []  # 马德雷山脉, 佩尼亚戈洛萨山: a feature's word ends it
        elif label == "PERSON" and place_by_context(text, start, end):
            label, titles = "GPE", []  # 抵达曼德勒, 巴赫穆特附近: typed GPE or LOC below
            if (division := _DIVISION_AFTER.match(T2S.convert(text[end : end + 3]))) is not None:
                end += division.end()  # 阿拉贡自治区: the division's word is the name's
                surface = text[start:end]
        if label in ("GPE", "LOC"):
            surface, cut = _cut_direction(surface)
            end -= cut
            if text[end - 1 : end + 1] == "山脉":
                end += 1  # the model's 马德雷山 of 马德雷山脉
                surface = text[start:end]
            head = T2S.convert(text[end - 1 : end + 2])
            if len(surface) >= 3 and head[:2] in _HEAD_OF_DIVISION and head[1:] not in lexicon().kinds:
                surface, end = surface[:-1], end - 1  # 塔里哈市長: the mayor of 塔里哈; not 新区长期
            if T2S.convert(surface + text[end : end + 2]) == "中国大陆":
                surface, end = text[start : end + 2], end + 2  # the mainland, the model's 中国 of it
            # a rule on the name (models trained before it typed 上海 LOC); an institution the
            # model typed a place is an organisation (上海博物馆)
            label = "ORG" if institution(surface) else location_label(surface)
        elif label == "PERSON" and latin_product(text, start, end):
            label, titles = "PRODUCT", []  # Blackwell Ultra芯片
        elif label == "PERSON" and len(surface) > 3 and T2S.convert(surface).endswith(FACILITY_ENDS):
            label, titles = "FAC", []  # 溫布萊競技場: a transliterated name, and a venue's word
        elif label == "PERSON" and (
            (len(surface) >= 3 and T2S.convert(surface).endswith(_ORG_ONLY_END))
            or T2S.convert(surface) in _ARMS
            or latin_organisation(text, start, end)
        ):
            label, titles = "ORG", []  # 彭博社: transliterated, but no person's name ends like this
        sentence = bisect_right(starts, start) - 1
        if sentence < 0 or end > sentences[sentence][1]:
            continue
        # a country or city written before an institution's or facility's own name: a place
        # of its own (日本 | 东京大学, 屏东 | 九鹏基地)
        split = {"ORG": foreign_country_before, "FAC": place_before_facility}.get(label)
        if split and (cut := split(T2S.convert(surface))):
            out.append(Mention(surface[:cut], "GPE", start, start + cut, sentence))
            surface, start = surface[cut:], start + cut
        out.append(Mention(surface, label, start, end, sentence, titles, bracketed_latin(text, end)))
    return out


# Only organisations end like this (彭博社, 鸿海集团), whatever the model typed them.
_ORG_ONLY_END = ("社", "公司", "集团", "银行", "大学", "协会", "委员会")
_ARMS = frozenset({"陆军", "海军", "空军", "火箭军", "海军陆战队"})  # no person's name
# A natural feature's word after a transliterated name the model read as a person's
# (潘帕斯草原, 佩尼亚戈洛萨山; not 张伟高原反应, a Chinese name, nor 山区 or 河流).
_FEATURE_AFTER = re.compile("草原|山脉|沙漠|平原|高原|盆地|半岛|群岛|海峡|河谷|雨林|盐沼|[山河湖岛](?![区庄村寨流])")
_DIVISION_AFTER = re.compile("自治[区州县]")


def _field_before_title(text: str, start: int, end: int) -> int:
    """How many characters of a field or department the organisation's span ``text[start:
    end]`` took in before a title (内分泌科 of 北京协和医院内分泌科主任, 经济学 of 圣保罗大学
    经济学教授, 半导体 of 中金公司半导体分析师): up to five after a university's, hospital's
    or company's word; 0 for none, and for a school, department or institute, a name of its
    own (浙江大学经济学院院长, 国立台湾大学物理学系教授)."""
    folded = T2S.convert(text[start:end])
    if not title_at(T2S.convert(text[end : end + 6]), 0):
        return 0
    if folded.endswith(_UNIT_ENDS + _BODY_ENDS):
        return 0  # a school, department or institute of it is a name (浙江大学经济学院)
    for i in range(len(folded) - 1, max(1, len(folded) - 6), -1):
        if folded[:i].endswith(_BODY_ENDS):
            tail = folded[i:]  # a field: no body's character, no 业 of 银行业协会
            if set(tail) & (set(ORG_END) | {"校"}) or tail[0] in "业生附分学":
                return 0
            return len(folded) - i
    return 0


_UNIT_ENDS = ("院", "系", "所", "中心", "部", "处", "室", "局", "组")
# Where an institution's name ends, before a department or field of it.
_BODY_ENDS = ("大学", "学院", "医院", "公司", "集团", "研究院", "研究所", "电台", "银行", "证券")


def foreign_country_before(name: str) -> int:
    """Where a foreign country's name written before a university's, museum's, institute's
    or group's own name ends (日本 of 日本东京大学, 英国 of 英国克拉克森研究公司, 俄罗斯 of
    俄罗斯铀一集团; not a company's, 美国摩托罗拉公司, as the corpora write it, nor a name
    opening with an everyday word, 美国国际集团): 0 for a
    government's body, whose name holds its country's (日本经济产业省, 巴西外贸秘书处), for a
    name that opens with a word of state (新加坡国立大学, 阿根廷国家统计与普查研究所), and for
    China's, Hong Kong's, Macao's and Taiwan's names (中国人民大学, 香港中文大学)."""
    country = opening_country(name)
    rest = name[len(country) :] if country else ""
    if not country or country in _HOME or len(rest) < 3 or not rest.endswith(_INSTITUTION_ENDS):
        return 0
    if rest.startswith(_COMPANY_OPENERS):
        return 0  # a name opening with a generic word holds its country's (美国国际集团, 美国企业研究所)
    if rest.endswith(("科学院", "有限公司")):
        return 0  # an academy, a registered company: as the corpora write them (美国艺术与科学院)
    return 0 if rest.startswith(_STATE_WORDS) else len(country)


_COMPANY_OPENERS = tuple("国际 企业 空军 海军 陆军 航空 铝业 钢铁 石油 电力 银行 证券 保险 投资 联合 全国".split())
_HOME = frozenset({"中国", "中华", "香港", "澳门", "台湾", "中国香港", "中国澳门", "中国台湾"})
# What the names of universities, museums, institutes and groups end in.
_INSTITUTION_ENDS = (
    *("大学", "学院", "博物馆", "美术馆", "图书馆", "研究所", "研究院", "研究中心", "医院"),
    *("研究公司", "集团", "基金", "乐队", "娱乐", "电子", "航运"),
)
_STATE_WORDS = ("国立", "国家", "国民", "中央", "联邦", "皇家", "国会", "国防", "政府")


def _lone_feature(text: str, start: int, end: int) -> bool:
    """Whether 山, 河, 湖 or 岛 after a name of four characters or more is a feature's word
    of it: it opens no word (not 泽连斯基岛内, 内塔尼亚胡山东), or a foot or side of the
    feature follows (佩尼亚戈洛萨山南麓)."""
    after = T2S.convert(text[end : end + 3])
    if end - start < 4:
        return False
    return after[:2] not in lexicon().kinds or after[1:2] in _FOOT or after[1:3] in _SIDES


_FOOT = set("麓脚顶坡腰畔岸边")
_SIDES = {"南麓", "北麓", "东麓", "西麓", "南岸", "北岸", "东岸", "西岸", "南坡", "北坡"}


def _natural_feature(name: str) -> bool:
    """Whether a name typed a person ends in a natural feature's word: one of two
    characters (马德雷山脉), or 山, 河, 湖 or 岛 after a transliterated name of four characters
    or more (佩尼亚戈洛萨山; not 艾江山, a Chinese name)."""
    feature = _FEATURE_AFTER.search(name)
    if feature and feature.end() == len(name) and feature.start() >= 2 and len(feature.group()) > 1:
        return True
    return len(name) >= 5 and name[-1] in "山河湖岛" and looks_transliterated(name[:-1])


_DIRECTION = re.compile("(?:[东西][南北]|[东南西北中])部$|以[东南西北]$|市中心$|(?<=县)城$")
_HEAD_OF_DIVISION = ("市长", "县长", "省长", "州长", "区长")
CHUNK_CHARS = 1000  # sentences of one paragraph are sent to the model together, up to this size


def _chunks(sentences: list[tuple[int, int, str]], paragraphs: list[int]) -> list[tuple[int, int]]:
    """(start, end) document offsets of model inputs: whole paragraphs, or runs of their
    sentences when a paragraph is long. Fewer, longer inputs than one per sentence keep
    spaCy's per-document overhead small; entities never cross a chunk edge."""
    chunks: list[list[int]] = []
    for (start, end, _), para in zip(sentences, paragraphs):
        last = chunks[-1] if chunks else None
        if last and last[2] == para and end - last[0] <= CHUNK_CHARS:
            last[1] = end
        else:
            chunks.append([start, end, para])
    return [(s, e) for s, e, _ in chunks]


def _sentence_table(doc: Document) -> tuple[list[tuple[int, int, str]], list[int]]:
    sentences, paragraphs = [], []
    para, last_end = 0, 0
    for start, end in split_sentences(doc.text):
        if "\n\n" in doc.text[last_end:start]:
            para += 1
        sentences.append((start, end, doc.text[start:end]))
        paragraphs.append(para)
        last_end = end
    return sentences, paragraphs


@dataclass
class _Pending:
    doc: Document
    sentences: list[tuple[int, int, str]]
    paragraphs: list[int]
    mentions: list[Mention] = field(default_factory=list)
    remaining: int = 0
    number: int = 0
    starts: list[int] = field(default_factory=list)

    def extraction(self) -> Extraction:
        d = self.doc
        mentions = fill_list_items(d.text, name_outlets(d.text, self.mentions, self.starts), self.starts)
        mentions = type_counted_lists(d.text, fill_counted_lists(d.text, mentions, self.starts))
        mentions = companies_after_kind_words(d.text, type_employers(d.text, mentions, self.starts), self.starts)
        mentions = investors(d.text, bodies_before_speech(d.text, mentions, self.starts), self.starts)
        mentions = split_joined_persons(complete_cut_names(d.text, mentions))
        mentions = bracketed_short_names(d.text, full_names_before_brackets(d.text, mentions, self.starts))
        mentions = makers_of_products(d.text, find_products(d.text, mentions, self.starts), self.starts)
        mentions = complete_tibetan_names(d.text, find_routes(d.text, mentions, self.starts))
        mentions = places_throughout(d.text, propagate(d.text, self.sentences, self.starts, mentions))
        mentions = family_name_references(d.text, mentions, self.starts)
        mentions = country_sides(d.text, mentions, self.starts)
        mentions = latin_companies(d.text, without_title_pieces(d.text, split_conjoined(mentions)))
        mentions = social_handles(d.text, titled_works(d.text, mentions, self.starts), self.starts)
        mentions = commenters(d.text, mentions, self.starts)
        # names the steps above found keep the Latin name in brackets after them too
        mentions = [m if m.bracketed else replace(m, bracketed=bracketed_latin(d.text, m.end)) for m in mentions]
        return Extraction(d.id, d.path, d.digest, d.title, d.date, self.sentences, self.paragraphs, mentions)


# Bumped whenever the extraction logic changes, so cached extractions are redone.
EXTRACTION_VERSION = 21


def extract_documents(
    docs: Iterable[Document], nlp: Language, *, batch_size: int = 64, n_process: int = 1
) -> Iterator[Extraction]:
    """Stream of extractions, one per document, in input order. Paragraphs from many
    documents share ``nlp.pipe`` batches; memory stays flat for any corpus size."""
    queue: deque[_Pending] = deque()
    by_number: dict[int, _Pending] = {}

    def inputs():
        # contexts are plain numbers: with n_process > 1 spaCy ships them to workers
        for number, doc in enumerate(docs):
            sentences_, paragraphs = _sentence_table(doc)
            item = _Pending(doc, sentences_, paragraphs, number=number, starts=[s for s, _, _ in sentences_])
            chunks = _chunks(sentences_, paragraphs)
            item.remaining = len(chunks)
            queue.append(item)
            by_number[number] = item
            for start, end in chunks:
                yield doc.text[start:end], (number, start)

    def finished():
        while queue and queue[0].remaining == 0:
            done = queue.popleft()
            del by_number[done.number]
            yield done.extraction()

    for sdoc, (number, start) in nlp.pipe(inputs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        item = by_number[number]
        item.mentions.extend(mentions_from_doc(sdoc, start, item.doc.text, item.sentences, item.starts))
        item.remaining -= 1
        yield from finished()
    yield from finished()
