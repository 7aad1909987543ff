from __future__ import annotations

import itertools
import time

import numpy
import pytest
from thinc.api import NumpyOps

from kg.ingest import Document
from kg.nlp.countries import country_names
from kg.nlp.extract import extract_documents, load_pipeline
from kg.nlp.lexicon import lexicon
from kg.nlp.ops import NumpyBlasOps

LABELS = {"PERSON", "ORG", "GPE", "LOC", "PRODUCT"}


def test_nlp_pipeline_is_chinese_spacy_with_ontonotes_labels(nlp):
    assert nlp.lang == "zh"
    assert {"tok2vec", "ner", "entity_ruler"} <= set(nlp.pipe_names)
    labels = {lab.split("-", 1)[1] for lab in nlp.get_pipe("ner").labels if lab != "O"}
    assert {"PERSON", "ORG", "GPE", "LOC"} <= labels


def test_nlp_model_loads_fast():
    start = time.perf_counter()
    load_pipeline()
    assert time.perf_counter() - start < 30  # generous: the 3 s target is measured by the eval script


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("use_out", [False, True])
def test_blas_backend_multiplies_like_thinc(trans1, trans2, use_out):
    rng = numpy.random.default_rng(0)
    x = rng.random((7, 5) if not trans1 else (5, 7), dtype="float32")
    y = rng.random((5, 3) if not trans2 else (3, 5), dtype="float32")
    out = numpy.zeros((7, 3), dtype="float32") if use_out else None
    got = NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.dtype == numpy.float32
    numpy.testing.assert_allclose(got, want, rtol=1e-5)
    if use_out:
        assert got is out


def test_loaded_pipeline_runs_on_the_blas_backend(nlp):
    ops = {type(node.ops) for name in ("tok2vec", "ner") for node in nlp.get_pipe(name).model.walk()}
    assert ops == {NumpyBlasOps}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hello world, no Chinese here.", "１２３４５", "？！。"])
def test_nlp_odd_input_does_not_crash(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert all(ent.label_ in LABELS | {"FAC", "NORP", "EVENT", "WORK_OF_ART"} for ent in doc.ents)


def test_nlp_keeps_latin_words_whole(nlp):
    doc = nlp("为此美国防部与SpaceX签订合同。")
    assert "SpaceX" in [t.text for t in doc]
    assert [e.text for e in doc.ents if e.label_ == "ORG"].count("SpaceX") == 1


def test_nlp_finds_names_in_no_list(nlp):
    # invented names: the model, not a list, has to find them
    doc = nlp("记者王建华报道，浙江省杭州市的李明德昨天会见了来访的张晓峰。")
    people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert len(people & {"王建华", "李明德", "张晓峰"}) >= 2
    assert any(e.label_ == "GPE" and "杭州" in e.text for e in doc.ents)


def test_nlp_traditional_script_keeps_offsets(nlp):
    text = "俄羅斯總統普京會見中國國家主席習近平。"
    doc = nlp(text)
    found = {(e.text, e.label_) for e in doc.ents}
    assert {("俄羅斯", "GPE"), ("中國", "GPE")} <= found  # read through Simplified norms
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("副校长朱晓波", "朱晓波", "副校长"),  # not 校长
        ("刑侦总队副总队长陈宏", "陈宏", "副总队长"),
        ("韩国代总统崔相穆", "崔相穆", "代总统"),
        ("美国总统拜登", "拜登", "总统"),
        ("宁德时代董事长曾毓群", "曾毓群", "董事长"),  # 代 ends 时代: no 代董事长
    ],
)
def test_titles_keep_the_rank_written_before_them(text, name, title):
    from kg.nlp.titles import titles_before as _titles_before

    assert _titles_before(text, text.rindex(name)) == [title]


def test_nlp_extraction_types_names_after_titles():
    text = "俄羅斯總統普京會見中國國家主席習近平。"
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], load_pipeline()))
    people = {(m.text, tuple(m.titles)) for m in ex.mentions if m.label == "PERSON"}
    assert ("普京", ("总统",)) in people


@pytest.mark.parametrize(
    "text, span, label, expected",
    [
        ("据彭博社报导，台积电", "彭博社", "PERSON", ("彭博社", "ORG")),  # no person's name ends in 社
        ("據彭博社報導", "彭博社", "PERSON", ("彭博社", "ORG")),
        ("马斯克说", "马斯克", "PERSON", ("马斯克", "PERSON")),
        ("英伟达首席执行官", "英", "GPE", None),  # cut from a transliterated name: dropped
        ("國民黨立委表示", "國民黨立委", "ORG", ("國民黨", "ORG")),  # a title swallowed after an organisation
        ("外交部发言人说", "外交部发言人", "ORG", ("外交部", "ORG")),
        ("伟业顾问公告", "伟业顾问", "ORG", ("伟业顾问", "ORG")),  # a consultancy's name: 业 ends no organisation
        ("以军在加沙地带南部行动", "加沙地带南部", "GPE", ("加沙地带", "GPE")),  # a part by direction is the place
        ("烏克蘭東北部", "烏克蘭東北部", "GPE", ("烏克蘭", "GPE")),
        ("中部地区", "中部", "GPE", ("中部", "GPE")),  # nothing left before the direction
        ("被告人张某某受贿", "张某某", "PERSON", None),  # a withheld name
        ("雷军在发布会上表示", "雷军", "ORG", ("雷军", "PERSON")),  # a family name and 军: a person
        ("乌军在前线", "乌军", "ORG", ("乌军", "ORG")),  # 乌 stands for Ukraine: its army
        ("莫陆军拿到6分", "莫陆军", "ORG", ("莫陆军", "ORG")),  # Moscow's army club
    ],
)
def test_mentions_from_the_models_spans(nlp, text, span, label, expected):
    from spacy.tokens import Span

    from kg.nlp.extract import mentions_from_doc

    doc = nlp.make_doc(text)
    start = text.index(span)
    doc.ents = [Span(doc, start, start + len(span), label=label)]
    mentions = mentions_from_doc(doc, 0, text, [(0, len(text), text)])
    assert [(m.text, m.label) for m in mentions] == ([expected] if expected else [])


def test_latin_names_grown_from_two_spans_are_one_mention(nlp):
    from kg.nlp.extract import mentions_from_doc

    text = "特斯拉CEO Elon Musk说"
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(w), text.index(w) + len(w), label="PERSON") for w in ("Elon", "Musk")]
    mentions = mentions_from_doc(doc, 0, text, [(0, len(text), text)])
    assert [(m.text, m.label) for m in mentions] == [("Elon Musk", "PERSON")]


@pytest.mark.parametrize(
    "text, span, label, expected",
    [
        # a headline's two phrases, which the model reads without the space between them
        ("皇马逆转拜仁 姆巴佩梅开二度", "拜仁 姆巴佩梅开", "PERSON", [("拜仁", "PERSON"), ("姆巴佩", "PERSON")]),
        ("Elon Musk said", "Elon Musk", "PERSON", [("Elon Musk", "PERSON")]),  # Latin names keep theirs
        # Latin names grow over the capitalised words beside them
        ("分析机构Counterpoint Research的数据", "Research", "PERSON", [("Counterpoint Research", "ORG")]),
        ("特斯拉CEO Elon Musk说", "Musk", "PERSON", [("Elon Musk", "PERSON")]),  # not over CEO
        ("新的Apple Intelligence功能", "Apple", "ORG", [("Apple", "ORG")]),
        # a headline run into one name: cut at the verb of meeting
        ("李家超出席立法會答問會", "李家超出席立法會", "ORG", [("李家超", "ORG"), ("立法會", "ORG")]),
        ("习近平会见了他", "习近平会见", "PERSON", [("习近平", "PERSON")]),
        ("特朗普晤澤連斯基", "特朗普晤澤連斯基", "PERSON", [("特朗普", "PERSON"), ("澤連斯基", "PERSON")]),
        ("英国星期日泰晤士报称", "星期日泰晤士报", "ORG", [("星期日泰晤士报", "ORG")]),  # the Thames
        ("邓超四大名捕", "邓超四", "PERSON", [("邓超", "PERSON")]),  # cut before the idiom it ran into
        ("李强调研时说", "李强", "PERSON", [("李强", "PERSON")]),  # a two-character word: 强 ends the name
        ("过境美国夏威夷", "美国夏威夷", "GPE", [("美国", "GPE"), ("夏威夷", "GPE")]),  # a country, then its place
        ("蘇丹達爾富爾地區", "蘇丹達爾富爾", "GPE", [("蘇丹", "GPE"), ("達爾富爾", "GPE")]),
        ("美国加州", "美国加州", "GPE", [("美国", "GPE"), ("加州", "GPE")]),
        # a region's name, then a place in it
        ("在加利福尼亚州库比蒂诺", "加利福尼亚州库比蒂诺", "GPE", [("加利福尼亚州", "GPE"), ("库比蒂诺", "GPE")]),
        ("贵州省贵阳市", "贵州省贵阳市", "GPE", [("贵州省", "GPE"), ("贵阳市", "GPE")]),
        (
            "广州天河区",
            "广州天河区",
            "GPE",
            [("广州", "GPE"), ("天河区", "GPE")],
        ),  # two names, as People's Daily marks them
        ("漓江桂林", "漓江桂林", "LOC", [("漓江", "LOC"), ("桂林", "GPE")]),
        ("台湾海峡", "台湾海峡", "LOC", [("台湾海峡", "LOC")]),  # a name and a word
        ("苏州工业园区", "苏州工业园区", "GPE", [("苏州工业园区", "GPE")]),
        # a province's short name, then a city's (not a city's facility, a command, or a sea's 的)
        ("在辽宁大连，", "辽宁大连", "GPE", [("辽宁", "GPE"), ("大连", "GPE")]),
        ("广州南站停运", "广州南站", "GPE", [("广州南站", "FAC")]),
        ("广西军区司令员", "广西军区", "LOC", [("广西军区", "GPE")]),
        ("在山东海阳的东方航天港", "山东海阳的东方航天港", "LOC", [("山东", "GPE"), ("海阳", "GPE")]),
        ("在波罗的海上空", "波罗的海", "LOC", [("波罗的海", "LOC")]),
        # the mayor's 市, a side of a place, and the mainland
        ("曾任塔里哈市長。", "塔里哈市", "GPE", [("塔里哈", "GPE")]),
        ("北京市市长说", "北京市", "GPE", [("北京市", "GPE")]),
        ("擊中穆扎法拉巴德以北的", "穆扎法拉巴德以北", "GPE", [("穆扎法拉巴德", "GPE")]),
        ("中國大陸有超過130所", "中國", "GPE", [("中國大陸", "GPE")]),
        # a city's island split off; a facility after a city grown; not over a verb of travel
        ("在阳江海陵岛登陆", "阳江海陵岛", "LOC", [("阳江", "GPE"), ("海陵岛", "LOC")]),
        ("在桃園觀音海灘", "桃園觀音海灘", "GPE", [("桃園", "GPE"), ("觀音海灘", "LOC")]),
        # a place before a facility's own name is a name of its own; not where the place is
        # part of the name (an airport's, a route's) or the rest is a word and a facility's
        ("自花蓮佳山基地起飛", "花蓮佳山基地", "GPE", [("花蓮", "GPE"), ("佳山基地", "FAC")]),
        ("梵蒂冈圣伯多禄广场", "梵蒂冈圣伯多禄广场", "LOC", [("梵蒂冈", "GPE"), ("圣伯多禄广场", "FAC")]),
        ("从深圳宝安国际机场起飞", "深圳宝安国际机场", "LOC", [("深圳宝安国际机场", "FAC")]),
        ("宜宾五粮液机场", "宜宾五粮液机场", "LOC", [("宜宾五粮液机场", "FAC")]),
        ("称广州广珠西线高速公路", "广州广珠西线高速公路", "LOC", [("广州广珠西线高速公路", "FAC")]),
        ("在酒泉卫星发射中心", "酒泉卫星发射中心", "LOC", [("酒泉卫星发射中心", "FAC")]),
        ("香港会议展览中心", "香港会议展览中心", "LOC", [("香港会议展览中心", "FAC")]),
        ("在吉隆坡巫统大厦", "吉隆坡巫统大厦", "LOC", [("吉隆坡巫统大厦", "FAC")]),  # a place with no division
        # a foreign country before a university's, museum's or group's own name; not before a
        # government's body, a name opening with a word of state, a company's, or China's
        ("与日本东京大学合作", "日本东京大学", "ORG", [("日本", "GPE"), ("东京大学", "ORG")]),
        ("俄罗斯铀一集团收购", "俄罗斯铀一集团", "ORG", [("俄罗斯", "GPE"), ("铀一集团", "ORG")]),
        ("新加坡国立大学教授", "新加坡国立大学", "ORG", [("新加坡国立大学", "ORG")]),
        ("会见美国摩托罗拉公司董事长", "美国摩托罗拉公司", "ORG", [("美国摩托罗拉公司", "ORG")]),
        ("巴西外贸秘书处数据", "巴西外贸秘书处", "ORG", [("巴西外贸秘书处", "ORG")]),
        ("香港中文大学", "香港中文大学", "ORG", [("香港中文大学", "ORG")]),
        # a field or department taken in before a title; not a school or institute
        ("圣保罗大学经济学教授认为", "圣保罗大学经济学", "ORG", [("圣保罗大学", "ORG")]),
        ("北京协和医院内分泌科主任", "北京协和医院内分泌科", "ORG", [("北京协和医院", "ORG")]),
        ("浙江大学经济学院院长", "浙江大学经济学院", "ORG", [("浙江大学经济学院", "ORG")]),
        # an amount's currency is no name; an army is no person
        ("投入约1兆韩元支持", "兆韩元", "PERSON", []),
        ("（澳門元，下同）", "澳門元", "GPE", []),
        ("陸軍表示", "陸軍", "PERSON", [("陸軍", "ORG")]),
        ("潘帕斯草原上的风电", "潘帕斯", "PERSON", [("潘帕斯草原", "LOC")]),  # a feature's word after it
        ("沿佩尼亚戈洛萨山南麓蔓延", "佩尼亚戈洛萨", "PERSON", [("佩尼亚戈洛萨山", "LOC")]),
        ("马德雷山脉的山口", "马德雷山脉", "PERSON", [("马德雷山脉", "LOC")]),  # one that ends it
        ("工厂位于马德雷山脉脚下", "马德雷山", "LOC", [("马德雷山脉", "LOC")]),
        ("与阿拉贡自治区交界", "阿拉贡", "PERSON", [("阿拉贡自治区", "GPE")]),  # a division's word after it
        ("石卷市和女川町停电", "石卷市", "PERSON", [("石卷市", "GPE")]),  # a city of two characters
        ("武官艾江山准将参加", "艾江山", "PERSON", [("艾江山", "PERSON")]),  # a Chinese name
        ("队员张伟高原反应强烈", "张伟", "PERSON", [("张伟", "PERSON")]),  # a Chinese name: no feature's
        ("浦东新区长期以来", "浦东新区", "GPE", [("浦东新区", "GPE")]),  # 长期, no mayor
        # two places read as one over 及; a city's centre and a county's town are the places
        ("在葡京及新马路一带", "葡京及新马路", "GPE", [("葡京", "GPE"), ("新马路", "FAC")]),
        ("新干线东京站至新青森停驶", "东京站至新青森", "GPE", [("东京站", "FAC"), ("新青森", "GPE")]),  # 至
        ("乘坐东铁线到红磡站下车", "红磡", "GPE", [("红磡站", "FAC")]),  # a station, among words of rail
        ("今届香港站由国际排联主办", "香港", "GPE", [("香港", "GPE")]),  # a tour's stop
        ("北京站在地铁旁", "北京", "GPE", [("北京", "GPE")]),  # a verb's 站
        ("埃及总统", "埃及", "GPE", [("埃及", "GPE")]),
        ("呼和浩特多云", "呼和浩特", "LOC", [("呼和浩特", "GPE")]),
        ("东涌市中心人流", "东涌市中心", "GPE", [("东涌", "GPE")]),
        ("郸城县城的街道", "郸城县城", "GPE", [("郸城县", "GPE")]),
        ("约翰·肯尼迪（JFK）遇刺", "约翰·肯尼迪", "PERSON", [("约翰·肯尼迪", "PERSON")]),
        ("对手是比利亚雷亚尔", "比利亚雷亚尔", "ORG", [("比利亚雷亚尔", "ORG")]),
        ("东安湖体育公园多功能体育馆", "东安湖体育公园多功能体育馆", "LOC", [("东安湖体育公园多功能体育馆", "FAC")]),
        ("途经深圳北站的列车", "深圳", "GPE", [("深圳北站", "FAC")]),
        ("经霍尔果斯口岸出境", "霍尔果斯口岸", "GPE", [("霍尔果斯口岸", "FAC")]),
        ("从杭州坐高铁到", "杭州", "GPE", [("杭州", "GPE")]),
        ("北京市大兴县", "北京市大兴县", "GPE", [("北京市", "GPE"), ("大兴县", "GPE")]),  # a city, a county of it
        # a person's span with a region's name before it is two places
        ("在顿涅茨克州赫尔松", "顿涅茨克州赫尔松", "PERSON", [("顿涅茨克州", "GPE"), ("赫尔松", "GPE")]),
        ("俄罗斯普京说", "俄罗斯普京", "PERSON", [("俄罗斯", "GPE"), ("普京", "PERSON")]),
        ("在美国加州", "美国加州", "PERSON", [("美国", "GPE"), ("加州", "GPE")]),
        ("在巴西贝伦开幕", "巴西贝伦", "GPE", [("巴西", "GPE"), ("贝伦", "GPE")]),  # a transliterated place
        ("恒晟超市福建区", "恒晟超市福建区", "GPE", [("恒晟超市福建区", "GPE")]),  # 超市 is a word
        ("中国革命博物馆", "中国革命博物馆", "LOC", [("中国革命博物馆", "ORG")]),  # one name, an institution's
        # an organisation's name the model read only the place of, or without 国立
        ("金融机构欧洲清算银行的资产", "欧洲", "LOC", [("欧洲清算银行", "ORG")]),
        ("西藏消防救援总队赶赴灾区", "西藏", "GPE", [("西藏消防救援总队", "ORG")]),
        ("和國立中山大學合作", "中山大學", "ORG", [("國立中山大學", "ORG")]),
        ("香港作为亚洲金融中心", "香港", "GPE", [("香港", "GPE")]),  # a hub, no body
        # a facility's name after the place the model found; not after a country
        ("终点设于維多利亞公園", "維多利亞", "GPE", [("維多利亞公園", "FAC")]),
        ("从中国文昌航天发射场升空", "中国文昌", "GPE", [("中国", "GPE"), ("文昌航天发射场", "FAC")]),
        ("中国公路建设", "中国", "GPE", [("中国", "GPE")]),
        # a province and a county, two names of the dictionary; not one name
        ("河北博野县农民", "河北博野县", "LOC", [("河北", "GPE"), ("博野县", "GPE")]),
        ("中华人民共和国成立", "中华人民共和国", "GPE", [("中华人民共和国", "GPE")]),
        ("拉丁美洲国家", "拉丁美洲", "LOC", [("拉丁美洲", "LOC")]),
        ("美国投资银行高盛", "美国", "GPE", [("美国", "GPE")]),  # an everyday word
        ("美国在联合国大会", "美国", "GPE", [("美国", "GPE")]),  # a function character
        # a division, then a facility in it; each part may hold another
        (
            "暴雨淹没桂林市秀峰区解放西路",
            "桂林市秀峰区解放西路",
            "GPE",
            [("桂林市", "GPE"), ("秀峰区", "GPE"), ("解放西路", "FAC")],
        ),
        ("列车驶入彭亨州关丹站", "彭亨州关丹站", "GPE", [("彭亨州", "GPE"), ("关丹站", "FAC")]),
        # a district and a town or street office in it
        ("来到南溪区仙临镇", "南溪区仙临镇", "GPE", [("南溪区", "GPE"), ("仙临镇", "GPE")]),
        ("宣威市板桥街道居民", "宣威市板桥街道", "GPE", [("宣威市", "GPE"), ("板桥街道", "GPE")]),
        ("西班牙广场", "西班牙广场", "LOC", [("西班牙广场", "FAC")]),  # a square: a facility
        ("几内亚比绍", "几内亚比绍", "GPE", [("几内亚比绍", "GPE")]),  # a country's whole name
        ("登陆月球背面", "月球", "GPE", [("月球", "LOC")]),  # no country's place
        ("在台湾海峡演习", "台湾海峡", "GPE", [("台湾海峡", "LOC")]),  # a feature named after it
        ("救援队抵达曼德勒", "曼德勒", "PERSON", [("曼德勒", "GPE")]),  # travel leads to places
        ("他会见曼德勒", "曼德勒", "PERSON", [("曼德勒", "PERSON")]),
        ("匈牙利南部城市塞格德的工厂", "塞格德", "PERSON", [("塞格德", "GPE")]),  # a word for a place before it
        ("尼泊尔首都加德满都", "加德满都", "PERSON", [("加德满都", "GPE")]),
        ("乌军在巴赫穆特附近受损", "巴赫穆特", "PERSON", [("巴赫穆特", "GPE")]),  # a word of location after it
        ("烏軍在巴赫穆特一帶", "巴赫穆特", "PERSON", [("巴赫穆特", "GPE")]),
        ("导弹袭击了哈尔科夫市", "哈尔科夫市", "PERSON", [("哈尔科夫市", "GPE")]),  # a city's transliterated name
        ("首相村山富市表示", "村山富市", "PERSON", [("村山富市", "PERSON")]),  # a Japanese name ending in 市
        ("谷歌母公司Alphabet", "谷歌母公司", "ORG", [("谷歌", "ORG")]),  # a relation after the name
        ("腾讯公司总部", "腾讯公司总部", "ORG", [("腾讯公司", "ORG")]),
        ("引入国企皖城建设集团", "国企皖城建设集团", "ORG", [("皖城建设集团", "ORG")]),  # its kind before it
        ("收购港股上市公司康屿生物科技", "港股上市公司康屿生物科技", "ORG", [("康屿生物科技", "ORG")]),
        ("協助亞松森大學設立資訊學院", "亞松森大學設立資訊學院", "ORG", [("亞松森大學", "ORG"), ("資訊學院", "ORG")]),
        ("訪問團抵台，拜會交通部觀光署", "台，拜會交通部", "ORG", []),  # over a clause's end: no name
        ("同赛道的长光卫星、时空道宇也在", "长光卫星、时空道宇", "ORG", [("长光卫星", "ORG"), ("时空道宇", "ORG")]),
        ("【明報專訊】機場管理局昨日", "明報專訊】機場管理局", "ORG", [("機場管理局", "ORG")]),
        ("桃園、高雄等國際機場", "高雄等國際機場", "GPE", [("高雄", "GPE")]),  # 等 and what follows a place
        ("美国智库太平洋桥梁研究所", "美国智库太平洋桥梁研究所", "ORG", [("太平洋桥梁研究所", "ORG")]),
        ("券商中国报道", "券商中国", "ORG", [("券商中国", "ORG")]),  # an outlet's name
        ("北海道的西南部", "北海道的西南部", "LOC", [("北海道", "GPE")]),  # a direction's part, and 的
        ("郑州市金水区某小区", "郑州市金水区某小区", "GPE", [("郑州市", "GPE"), ("金水区", "GPE")]),  # an unnamed place
        ("河南郑州一小区发生火灾", "郑州一小区", "GPE", [("郑州", "GPE")]),
        ("南京一家证券机构称", "南京一家证券机构", "ORG", [("南京", "GPE")]),
        ("招商银行某分行", "招商银行某分行", "ORG", [("招商银行", "ORG")]),
        ("上海一中", "上海一中", "ORG", [("上海一中", "ORG")]),  # a school's name
        # how a name is written in Latin letters says it is an organisation's
        ("月之暗面和智谱AI发布", "智谱AI", "PERSON", [("智谱AI", "ORG")]),
        ("据TikTok称", "TikTok", "PERSON", [("TikTok", "ORG")]),
        ("马斯克旗下xAI完成融资", "xAI", "PERSON", [("xAI", "ORG")]),
        ("跨境电商平台Temu上线", "Temu", "PERSON", [("Temu", "ORG")]),
        ("Svensson在接受采访时表示", "Svensson", "PERSON", [("Svensson", "PERSON")]),
        ("C罗梅开二度", "C罗", "PERSON", [("C罗", "PERSON")]),
        ("发布了Blackwell Ultra芯片", "Blackwell Ultra", "PERSON", [("Blackwell Ultra", "PRODUCT")]),
        # a reporter's dateline: the reporter, then the place
        ("（聯合報記者李四台北報導）", "李四台北", "PERSON", [("李四", "PERSON"), ("台北", "GPE")]),
        ("本报记者张三北京报道", "张三北京", "PERSON", [("张三", "PERSON"), ("北京", "GPE")]),
        ("（中央社记者王五台北26日电）", "王五台北", "PERSON", [("王五", "PERSON"), ("台北", "GPE")]),
        # a foreign city, a special dispatch, and the whole typed a place
        (
            "（中央社記者林宏達伊斯坦堡17日專電）",
            "林宏達伊斯坦堡",
            "GPE",
            [("林宏達", "PERSON"), ("伊斯坦堡", "GPE")],
        ),
        # a Japanese given name that opens with 和 ("and"), which the model cut off
        ("行长植田和男1日表示", "植田", "PERSON", [("植田和男", "PERSON")]),
        ("植田和男在记者会上说", "植田", "PERSON", [("植田和男", "PERSON")]),
        ("会长十仓雅和。", "十仓雅", "PERSON", [("十仓雅和", "PERSON")]),
        ("他和植田和男子一起去", "植田", "PERSON", [("植田", "PERSON")]),  # "and a man"
        ("拜登和马克龙表示", "拜登", "PERSON", [("拜登", "PERSON")]),
        # a foreign name's part after the separator, which the model left out
        ("负责人哈特穆特·内文对此表示", "哈特穆特·", "PERSON", [("哈特穆特·内文", "PERSON")]),
        ("埃隆·马斯克表示", "埃隆·马斯克", "PERSON", [("埃隆·马斯克", "PERSON")]),
        ("白宫发言人让-皮埃尔表示", "皮埃尔", "PERSON", [("让-皮埃尔", "PERSON")]),  # from the title on
        ("一对一-皮埃尔说", "皮埃尔", "PERSON", [("皮埃尔", "PERSON")]),  # no title before the hyphen
        # a newspaper marked with its country: the country and the newspaper
        ("据英国《每日邮报》报道", "英国《每日邮报》", "ORG", [("英国", "GPE"), ("每日邮报", "ORG")]),
    ],
)
def test_model_spans_are_mended_on_their_own(nlp, text, span, label, expected):
    from kg.nlp.extract import mentions_from_doc

    doc = nlp.make_doc(text)
    start = text.index(span)
    doc.ents = [doc.char_span(start, start + len(span), label=label)]
    mentions = mentions_from_doc(doc, 0, text, [(0, len(text), text)])
    assert [(m.text, m.label) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_nlp_long_document_is_split_not_rejected(nlp):
    text = "美国总统拜登与乌克兰总统泽连斯基通话，" * 10_000  # 190,000 characters, no full stop
    doc = Document(id="long", path="long.txt", text=text)
    (ex,) = list(extract_documents([doc], nlp))
    assert ex.sentences[-1][1] == len(text)
    assert len(ex.mentions) > 5_000
    for m in ex.mentions[:50]:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text, taken, expected",
    [
        ("美国总统拜登与乌克兰总统通话", [], ["拜登"]),
        ("美國總統拜登與烏克蘭總統通話", [], ["拜登"]),  # Traditional script, same offsets
        ("美国总统拜登与乌克兰总统通话", [(4, 6)], []),  # the model's own span stands
        ("总统表示，发言人介绍说", [], []),  # a title followed by ordinary words
        ("国防部长迟浩田上将今天下午在", [(4, 7)], []),  # jieba files 今天下午 under people
        ("首席法律顾问孙健红称", [(6, 9)], []),  # 法律顾问 too: two everyday words
        # a family name and a given name no dictionary lists
        ("TikTok首席执行官周受资周三在国会作证", [(0, 6)], ["周受资"]),
        ("董事长王小明表示", [], ["王小明"]),
        ("副总裁欧阳娜娜表示", [], ["欧阳娜娜"]),
        ("总经理张三在会上说", [], ["张三"]),  # 在 is no part of a name
        ("董事长刘强调研时说", [], ["刘强"]),  # 调研 is a word: the given name stops before it
        ("美国总统高度评价", [], []),  # 高度 is an everyday word
        ("市长任期内完成", [], []),
        ("总统于周二发表讲话", [], []),  # 于 is left out of the family names
        ("主席曾亲临视察", [], []),
        ("被告人、市长张某某受贿", [], []),  # a withheld name
        ("研究所所长杜合军说", [], ["杜合军"]),  # given names end in 军, as organisations do
        ("和上单Flandre（李玄君）", [], []),  # an esports role is a title: the name is Latin
        # a given name of two after a family name that opens an everyday word, before speech
        ("政策研究主任許家豪表示，", [], ["許家豪"]),
        ("特別檢察官閔中基在記者會上表示", [], ["閔中基"]),  # a Korean family name
        ("总统高兴地说，部长高度评价，总统任期内，", [], []),
        ("基民盟主席默茨为新总理", [], ["默茨"]),  # a transliteration no dictionary lists
        ("在首相官邸前", [], []),
        ("在习近平主席和普京总统的引领下", [(1, 4), (7, 9)], []),  # jieba lists 和普京: 和 opens no name
        ("由总统顾问梅丁斯基率领", [(5, 9)], []),  # a second title (顾问) is no name
    ],
)
def test_dictionary_names_right_after_titles(text, taken, expected):
    from kg.nlp.titles import names_after_titles

    assert [text[s:e] for s, e in names_after_titles(text, taken)] == expected


def test_entities_never_start_or_end_with_whitespace(nlp):
    from tests.conftest import SEEDS

    doc = nlp(sorted(SEEDS.glob("*"))[0].read_text(encoding="utf-8")[:3000])
    assert doc.ents
    assert all(ent.text == ent.text.strip() for ent in doc.ents)


def _longest_words(chars: str, kinds: dict[str, str]) -> tuple[list[str], list[str]]:
    """The longest dictionary word starting and ending at each position, by brute force."""
    begin, end = [""] * len(chars), [""] * len(chars)
    for i in range(len(chars)):
        for k in range(2, 7):
            word = chars[i : i + k]
            if len(word) == k and word in kinds:
                begin[i] = word if k > len(begin[i]) else begin[i]
                end[i + k - 1] = word if k > len(end[i + k - 1]) else end[i + k - 1]
    return begin, end


def test_dictionary_word_columns_match_a_brute_force_search(nlp):
    from kg.nlp.lexicon import _crc, lexicon, lexicon_columns

    kinds = lexicon().kinds
    texts = ["中华人民共和国主席习近平在北京会见美国总统拜登", "SpaceX的星链卫星", "國務院總理李強", "人民", "民"]
    docs = [nlp.make_doc(t) for t in texts]
    words_seen = 0
    for doc, cols in zip(docs, lexicon_columns(docs)):  # one batch: no word may run from one doc into the next
        chars = "".join(t.norm_ if len(t.norm_) == 1 else "\x00" for t in doc)
        begin, end = _longest_words(chars, kinds)
        assert cols.shape == (len(doc), 3)
        assert cols[:, 0].tolist() == [_crc(w, 1) if w else 0 for w in begin]
        assert cols[:, 1].tolist() == [_crc(w, 2) if w else 0 for w in end]
        pairs = [f"{kinds.get(b, '-')}{len(b)}|{kinds.get(e, '-')}{len(e)}" for b, e in zip(begin, end)]
        assert cols[:, 2].tolist() == [_crc(p, 3) if p != "-0|-0" else 0 for p in pairs]
        words_seen += sum(map(bool, begin))
    assert words_seen > 10


def _valid_paths(n, masks):
    """Every tag sequence of length n (n > 0) that the BILUO rules allow."""
    allowed, first, last = masks
    return [
        p
        for p in itertools.product(range(len(first)), repeat=n)
        if first[p[0]] and last[p[-1]] and all(allowed[a, b] for a, b in zip(p, p[1:]))
    ]


def test_batch_decoder_finds_each_documents_best_valid_path():
    from kg.nlp.entity_tagger import decode_batch, transition_mask

    tags = ("O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-PERSON", "I-PERSON", "L-PERSON", "U-PERSON")
    allowed, first, last = transition_mask(tags)
    rng = numpy.random.default_rng(0)
    docs = [rng.dirichlet(numpy.full(len(tags), 0.3), size=n).astype("float32") for n in (0, 1, 2, 3, 5, 5, 4)]
    for probs, spans in zip(docs, decode_batch(docs, tags)):
        valid = _valid_paths(len(probs), (allowed, first, last)) if len(probs) else [()]
        best = max(valid, key=lambda p: sum(numpy.log(probs[t, tag] + 1e-9) for t, tag in enumerate(p)))
        expected, start = [], 0
        for k, tag in enumerate(best):
            move, _, label = tags[tag].partition("-")
            start = k if move in ("B", "U") else start
            if move in ("L", "U"):
                expected.append((start, k + 1, label))
        assert spans == expected
    assert any(spans for spans in decode_batch(docs, tags))


def test_batch_decoder_groups_documents_by_length(monkeypatch):
    import kg.nlp.entity_tagger as tagger

    tags = ("O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-PERSON", "I-PERSON", "L-PERSON", "U-PERSON")
    rng = numpy.random.default_rng(2)
    docs = [rng.dirichlet(numpy.full(len(tags), 0.3), size=n).astype("float32") for n in (300, 3, 0, 40, 7, 120, 2)]
    together = tagger.decode_batch(docs, tags)
    alone = [tagger.decode_batch([doc], tags)[0] for doc in docs]
    monkeypatch.setattr(tagger, "_DECODE_CELLS", 64)  # many small groups, and the long one on its own
    assert tagger.decode_batch(docs, tags) == together == alone
    assert sum(map(len, together)) > 20


def _all_paths_crf(log_probs, truth, masks):
    """The CRF's loss and gradient by listing every tag path (tiny inputs only)."""
    n = log_probs.shape[0]
    paths = _valid_paths(n, masks)
    scores = numpy.array([sum(log_probs[t, p[t]] for t in range(n)) for p in paths])
    gold = numpy.array([all(tag is None or tag == p[t] for t, tag in enumerate(truth)) for p in paths])

    def expected_counts(weights):
        counts = numpy.zeros_like(log_probs)
        for w, p in zip(weights / weights.sum(), paths):
            counts[numpy.arange(n), list(p)] += w
        return counts

    loss = numpy.log(numpy.exp(scores).sum()) - numpy.log(numpy.exp(scores[gold]).sum())
    return loss, expected_counts(numpy.exp(scores)) - expected_counts(numpy.exp(scores) * gold)


def test_crf_loss_matches_a_sum_over_every_tag_path():
    from kg.nlp.entity_tagger import crf_loss, transition_mask

    tags = ("O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-PERSON", "I-PERSON", "L-PERSON", "U-PERSON")
    masks = transition_mask(tags)
    rng = numpy.random.default_rng(1)
    log_probs = [rng.normal(size=(n, len(tags))) for n in (4, 1, 3, 5)]
    # known tags, unknown (None) tokens, and a gold path the BILUO rules forbid (I after O)
    truths = [[1, 2, 3, 0], [8], [None, None, 4], [0, 2, None, None, 0]]
    loss, d_scores = crf_loss(log_probs, truths, masks)
    expected_loss = 0.0
    for lp, truth, d in zip(log_probs[:3], truths, d_scores):
        want_loss, want_d = _all_paths_crf(lp, truth, masks)
        expected_loss += want_loss
        assert numpy.allclose(d, want_d, atol=1e-5)
        assert numpy.allclose(d.sum(axis=1), 0.0, atol=1e-5)  # marginals on both sides sum to one
    assert not d_scores[3].any()  # the impossible gold path adds no loss and no gradient
    assert loss == pytest.approx(expected_loss, rel=1e-6)
    assert loss > 0


def test_crf_loss_moves_towards_a_teachers_tag_probabilities():
    from kg.nlp.entity_tagger import crf_loss, transition_mask

    tags = ("O", "B-ORG", "I-ORG", "L-ORG", "U-ORG")
    masks = transition_mask(tags)
    rng = numpy.random.default_rng(2)
    log_probs = [rng.normal(size=(n, len(tags))) for n in (4, 3)]
    teachers = [rng.dirichlet(numpy.ones(len(tags)), size=n) for n in (4, 3)]
    truths = [[1, 2, 3, 0], [None, None, None]]  # annotated, and raw text
    _, gold = crf_loss(log_probs, truths, masks)
    _, pure = crf_loss(log_probs, truths, masks, teachers, weight=1.0)
    _, mixed = crf_loss(log_probs, truths, masks, teachers, weight=0.25)
    # the model's marginals minus the target, so the targets mix linearly
    assert numpy.allclose(mixed[0], 0.75 * gold[0] + 0.25 * pure[0], atol=1e-6)
    assert not numpy.allclose(mixed[0], gold[0])
    # raw text has no gold tags: its target is the teacher's alone, whatever the weight
    assert numpy.allclose(mixed[1], pure[1]) and not gold[1].any()
    marginals = pure[1] + teachers[1]
    assert numpy.allclose(marginals.sum(axis=1), 1.0, atol=1e-5)
    _, none = crf_loss(log_probs, truths, masks, [None, marginals], weight=0.25)
    assert numpy.allclose(none[1], 0.0, atol=1e-6)  # a teacher that agrees teaches nothing


@pytest.mark.parametrize("loss", ["crf", "softmax"])
def test_entity_tagger_learns_names_with_either_loss(loss):
    import spacy
    from spacy.training import Example

    import kg.nlp  # noqa: F401  (registers kg_entity_tagger)

    nlp = spacy.blank("zh")
    nlp.add_pipe("kg_entity_tagger", name="ner", config={"loss": loss})
    data = [
        ("王小明在北京工作", [(0, 3, "PERSON"), (4, 6, "GPE")]),
        ("李华去了上海", [(0, 2, "PERSON"), (4, 6, "GPE")]),
    ]
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents}) for text, ents in data]
    optimizer = nlp.initialize(lambda: examples)
    losses = [nlp.update(examples, sgd=optimizer, losses={})["ner"] for _ in range(40)]
    assert losses[-1] < losses[0] / 10
    for text, ents in data:
        assert [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents] == ents
    with pytest.raises(ValueError, match="loss"):
        nlp.add_pipe("kg_entity_tagger", name="other", config={"loss": "hinge"})


def test_word_kind_corrections_replace_jiebas_tags():
    from importlib import resources

    from kg.nlp.lexicon import _COARSE_TAGS, kind_corrections, lexicon

    jieba_kinds = {}
    for line in resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8").splitlines():
        word, _, tag = line.split()[:3]
        jieba_kinds[word] = _COARSE_TAGS.get(tag, "w")
    fixes = kind_corrections()
    assert fixes and all(lexicon().kinds[word] == kind for word, kind in fixes.items())
    # the shipped lines correct words jieba has with another kind (普京 is a place there)
    assert any(word in jieba_kinds and jieba_kinds[word] != kind for word, kind in fixes.items())


def test_two_peoples_names_written_together_become_two_people():
    from kg.nlp.extract import Mention
    from kg.nlp.names import split_joined_persons

    text = "习近平与普京通话。习近平普京两人上次通话。美国国务院和国务院。"
    mentions = [
        Mention("习近平", "PERSON", 0, 3, 0),
        Mention("普京", "PERSON", 4, 6, 0),
        Mention("习近平普京", "GPE", 9, 14, 1),
        Mention("美国国务院", "ORG", 21, 26, 2),
        Mention("国务院", "ORG", 27, 30, 2),
        Mention("美国", "GPE", 21, 23, 2),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    out = split_joined_persons(mentions)
    assert [(m.text, m.label, m.start, m.end) for m in out[2:4]] == [
        ("习近平", "PERSON", 9, 12),
        ("普京", "PERSON", 12, 14),
    ]
    # a place and an organisation written together stay one name
    assert [m.text for m in out[4:]] == ["美国国务院", "国务院", "美国"]


def test_joined_names_split_with_the_dictionary_and_glued_characters_cut():
    from kg.nlp.extract import Mention
    from kg.nlp.names import split_joined_persons

    # 习近平 is never found alone, but jieba's dictionary has it as a person's name
    text = "普京说。习近平普京通话。普京曾自称。普京表示。"
    mentions = [
        Mention("普京", "PERSON", 0, 2, 0),
        Mention("习近平普京", "PERSON", 4, 9, 1),
        Mention("普京曾", "PERSON", 12, 15, 2),
        Mention("普京", "PERSON", 18, 20, 3),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    out = split_joined_persons(mentions)
    assert [(m.text, m.start, m.end) for m in out] == [
        ("普京", 0, 2),
        ("习近平", 4, 7),
        ("普京", 7, 9),
        ("普京", 12, 14),  # found alone three times, once with 曾 after it
        ("普京", 18, 20),
    ]
    # a name as often written whole as its first part is a name of its own
    text = "王毅说。王毅军说。王毅军表示。"
    mentions = [
        Mention("王毅", "PERSON", 0, 2, 0),
        Mention("王毅军", "PERSON", 4, 7, 1),
        Mention("王毅军", "PERSON", 9, 12, 2),
    ]
    assert [m.text for m in split_joined_persons(mentions)] == ["王毅", "王毅军", "王毅军"]
    # an adverb glued to a name found once (陳茂波亦指出); 曾 and 均 end given names too
    text = "陳茂波亦指出。李强则表示。唐师曾拍摄。金泰均说。"
    mentions = [
        Mention("陳茂波亦", "PERSON", 0, 4, 0),
        Mention("李强则", "PERSON", 7, 10, 1),
        Mention("唐师曾", "PERSON", 13, 16, 2),
        Mention("金泰均", "PERSON", 19, 22, 3),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    out = split_joined_persons(mentions)
    assert [(m.text, m.end) for m in out] == [("陳茂波", 3), ("李强", 9), ("唐师曾", 16), ("金泰均", 22)]


def test_names_cut_one_character_short_are_completed_where_the_article_always_writes_it():
    from kg.nlp.names import complete_cut_names

    def completed(text, spans):
        return [(m.text, m.label) for m in complete_cut_names(text, _mentions(text, spans))]

    # a transliterated name, once, before a word or a stop; a Chinese name written twice
    text = "名将萨巴伦卡。部长雷蒙多此前表示。收复阿夫迪伊夫卡附近村庄。局长葉玉如说，葉玉如指出。"
    spans = [("萨巴伦", "PERSON"), ("雷蒙", "PERSON"), ("阿夫迪伊夫", "GPE"), ("葉玉", "PERSON"), ("葉玉", "PERSON")]
    assert completed(text, spans) == [
        ("萨巴伦卡", "PERSON"),
        ("雷蒙多", "PERSON"),
        ("阿夫迪伊夫卡", "GPE"),
        ("葉玉如", "PERSON"),
        ("葉玉如", "PERSON"),
    ]
    # once after a title, before a stop or a word ending a name; a transliterated name the
    # dictionary files as a person's (卢比), or before a word ended by 和 (安和)
    text = "教授山崎敏行是专家。（记者扎西平措）国务卿盧比歐（Marco Rubio）说。总统埃尔多安和他"
    spans = [("山崎敏", "PERSON"), ("扎西平", "PERSON"), ("盧比", "PERSON"), ("埃尔多", "PERSON")]
    mentions = _mentions(text, spans)
    for m in mentions[:2]:
        m.titles = ["教授"]
    assert [m.text for m in complete_cut_names(text, mentions)] == ["山崎敏行", "扎西平措", "盧比歐", "埃尔多安"]
    # once after a title and before a word; not a character that opens a clause (正, 率)
    text = "首相高市早苗上任。总统特朗普正推动和谈。副部长刘忠义率工作组。"
    spans = [("高市早", "PERSON"), ("特朗普", "PERSON"), ("刘忠义", "PERSON")]
    mentions = _mentions(text, spans)
    for m in mentions:
        m.titles = ["首相"]
    assert [m.text for m in complete_cut_names(text, mentions)] == ["高市早苗", "特朗普", "刘忠义"]
    # not a byline's word or a time after a name, nor a transliterated name before a word
    text = "记者王五摄。部长黄彦男昨在。总统塞西共同主持。副主席张万年上将今天。书记杨林兴关于治理。记者沈卓然则"
    people = ["王五", "黄彦男", "塞西", "张万年", "杨林兴", "沈卓"]  # nor before a preposition (关于)
    mentions = _mentions(text, [(name, "PERSON") for name in people])
    for m in mentions:
        m.titles = ["记者"]
    assert [m.text for m in complete_cut_names(text, mentions)] == people[:5] + ["沈卓然"]
    # not: a word goes on (调研, 多次), a function word or verb follows, the character differs,
    # a Chinese name is written once with no title, or a place's Chinese name
    for text, spans in [
        ("总理李强调研企业。李强调研。", [("李强", "PERSON"), ("李强", "PERSON")]),
        ("普京多次访问。", [("普京", "PERSON")]),
        ("普京曾说。普京曾表示。", [("普京", "PERSON"), ("普京", "PERSON")]),
        ("王毅晤美方。王毅谈。", [("王毅", "PERSON"), ("王毅", "PERSON")]),
        ("局长葉玉如指出。", [("葉玉", "PERSON")]),
        ("北京人说。北京人表示。", [("北京", "GPE"), ("北京", "GPE")]),
        ("澳门雷阵雨。", [("澳门", "GPE")]),  # a name the dictionary knows is whole
    ]:
        assert completed(text, spans) == spans, text


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("国防部长奥斯汀（Lloyd Austin）发起", (4, 18), "奥斯汀"),
        ("《华盛顿邮报》报道", (0, 7), "华盛顿邮报"),
        ("“星链”系统", (0, 3), "星链"),
        ("北京大学（北大）", (0, 8), "北京大学"),
        ("中国（上海）自由贸易试验区", (0, 13), "中国（上海）自由贸易试验区"),
    ],
)
def test_mention_edges_are_trimmed_and_unclosed_brackets_cut(text, span, expected):
    from kg.nlp.extract import _trim

    start, end = _trim(text, *span)
    assert text[start:end] == expected


def _mentions(text, spans):
    from kg.nlp.extract import Mention

    out, pos = [], 0
    for surface, label in spans:  # in text order
        start = text.index(surface, pos)
        out.append(Mention(surface, label, start, start + len(surface), 0))
        pos = start + len(surface)
    return out


def test_counted_lists_give_their_names_the_counts_type():
    from kg.nlp.lists import type_counted_lists

    text = "马斯克提议顿涅茨克、卢甘斯克、赫尔松和扎波罗热4州在联合国监督下公投"
    spans = [("马斯克", "PERSON"), ("顿涅茨克", "PERSON"), ("卢甘斯克", "PERSON"), ("赫尔松", "PERSON")]
    out = type_counted_lists(text, _mentions(text, spans + [("扎波罗热4州", "GPE"), ("联合国", "ORG")]))
    assert [(m.text, m.label) for m in out] == [
        ("马斯克", "PERSON"),
        ("顿涅茨克", "GPE"),
        ("卢甘斯克", "GPE"),
        ("赫尔松", "GPE"),
        ("扎波罗热", "GPE"),  # the count is cut off the span
        ("联合国", "ORG"),
    ]
    assert all(text[m.start : m.end] == m.text for m in out)
    text = "开拓东南亚、中东等海外市场，辽宁、吉林等地，东欧、中东等地"  # 市场 is no city; regions stay regions
    spans = [("东南亚", "LOC"), ("中东", "LOC"), ("辽宁", "PERSON"), ("吉林", "GPE"), ("东欧", "PERSON")]
    spans.append(("中东", "LOC"))
    labels = ["LOC", "LOC", "GPE", "GPE", "LOC", "LOC"]
    assert [m.label for m in type_counted_lists(text, _mentions(text, spans))] == labels
    text = "林徽因、莫宗江和纪玉堂四人绘图"  # the count's number alone glued into the span
    spans = [("林徽因", "PERSON"), ("莫宗江", "PERSON"), ("纪玉堂四", "PERSON")]
    assert [m.text for m in type_counted_lists(text, _mentions(text, spans))] == ["林徽因", "莫宗江", "纪玉堂"]
    text = "叶真、福缘二人著录相同"
    assert [m.label for m in type_counted_lists(text, _mentions(text, [("叶真", "PERSON"), ("福缘", "GPE")]))] == [
        "PERSON",
        "PERSON",
    ]
    # 等 and a head noun, uncounted
    text = "上海、江苏、浙江、安徽等地负责同志参加"
    spans = [("上海", "GPE"), ("江苏", "ORG"), ("浙江", "ORG"), ("安徽", "GPE")]
    assert [m.label for m in type_counted_lists(text, _mentions(text, spans))] == ["GPE"] * 4
    text = "华为、小米等企业和王五等人"
    spans = [("华为", "ORG"), ("小米", "PERSON"), ("王五", "PERSON")]
    assert [m.label for m in type_counted_lists(text, _mentions(text, spans))] == ["ORG", "ORG", "PERSON"]
    text = "微信、支付宝、淘宝等常用应用"  # products
    spans = [("微信", "ORG"), ("支付宝", "ORG"), ("淘宝", "ORG")]
    assert [m.label for m in type_counted_lists(text, _mentions(text, spans))] == ["PRODUCT"] * 3
    # Traditional joiners; a name the model cut one character short after a joiner
    text = "撤出頓內茨克、盧甘斯克、札波羅熱與赫松等4州"
    spans = [("頓內茨克", "PERSON"), ("盧甘斯克", "PERSON"), ("波羅熱", "PERSON"), ("赫松", "PERSON")]
    out = type_counted_lists(text, _mentions(text, spans))
    assert [(m.text, m.label) for m in out] == [(n, "GPE") for n in ("頓內茨克", "盧甘斯克", "札波羅熱", "赫松")]
    assert all(text[m.start : m.end] == m.text for m in out)


@pytest.mark.parametrize(
    "text, spans",
    [
        ("普京、拜登在会上发言", [("普京", "PERSON"), ("拜登", "GPE")]),  # no count
        ("中国在3国中排第一", [("中国", "GPE")]),  # one name is no list
        # more names than the count: the count is of something else
        ("北京、上海、广州、深圳两市", [("北京", "PERSON"), ("上海", "GPE"), ("广州", "GPE"), ("深圳", "GPE")]),
    ],
)
def test_lists_without_a_fitting_count_are_left_alone(text, spans):
    from kg.nlp.lists import type_counted_lists

    mentions = _mentions(text, spans)
    assert [(m.text, m.label) for m in type_counted_lists(text, mentions)] == spans


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("红星新闻记者 郑直", [("红星", "GPE"), ("郑直", "PERSON")], [("红星新闻", "ORG"), ("郑直", "PERSON")]),
        ("據環球時報報導，北京", [("環球", "LOC"), ("北京", "GPE")], [("環球時報", "ORG"), ("北京", "GPE")]),
        ("他接受扬州网采访", [("扬州", "GPE")], [("扬州网", "ORG")]),
        ("北京日报发表文章", [("北京日报", "GPE")], [("北京日报", "ORG")]),  # the span has the outlet word
        # no source cue, a press conference, a person's press secretary: left alone
        ("美国新闻自由受到关注", [("美国", "GPE")], [("美国", "GPE")]),
        ("白宫新闻记者会上", [("白宫", "ORG")], [("白宫", "ORG")]),
        ("拜登新闻秘书称", [("拜登", "PERSON")], [("拜登", "PERSON")]),
        ("北京新闻", [("北京", "GPE")], [("北京", "GPE")]),
        # an outlet opening a byline that the model found nothing of; not a kind of news
        ("界面新闻记者｜孟可欣", [("孟可欣", "PERSON")], [("界面新闻", "ORG"), ("孟可欣", "PERSON")]),
        ("（新华社讯）北京", [("北京", "GPE")], [("新华社", "ORG"), ("北京", "GPE")]),
        ("。体育新闻记者王五", [("王五", "PERSON")], [("王五", "PERSON")]),
        ("。本报记者王五", [("王五", "PERSON")], [("王五", "PERSON")]),
        # a masthead: the outlet alone on a line, or before a date or its Latin name
        ("标题\n聯合早報 2024年10月28日\n正文", [], [("聯合早報", "ORG")]),
        ("标题\n自由時報 2025/11/30", [("時報", "ORG")], [("自由時報", "ORG")]),  # the model's part gives way
        ("星島日報 Sing Tao Daily\n", [], [("星島日報", "ORG")]),
        ("南方周末记者 曾若愚", [("南方周末", "WORK_OF_ART")], [("南方周末", "ORG")]),
        ("这个周末\n北京 2025年", [("北京", "GPE")], [("北京", "GPE")]),
    ],
)
def test_names_of_cited_news_outlets_become_organisations(text, spans, expected):
    from kg.nlp.outlets import name_outlets

    out = name_outlets(text, _mentions(text, spans))
    assert [(m.text, m.label) for m in out] == expected
    assert all(text[m.start : m.end] == m.text for m in out)


def test_a_bylines_colon_stands_between_title_and_name():
    from kg.nlp.titles import titles_before

    assert titles_before("版　記者：蘇樂言", 5) == ["记者"]
    assert titles_before("主持人：京城有很多楼盘", 4) == []  # a speaker's line, not a byline


@pytest.mark.parametrize(
    "text, span, label, expected",
    [
        ("小米集团创始人雷军表示", "雷军", "ORG", True),  # a given name ending in 军
        ("外交部发言人扎哈罗娃说", "扎哈罗娃", "GPE", True),
        ("总司令乌军", "乌军", "ORG", False),  # 乌 stands for Ukraine: its army
        ("国防部长国防部", "国防部", "ORG", False),  # three characters ending like an organisation
        ("他们说雷军表示", "雷军", "ORG", False),  # no title before it
    ],
)
def test_short_spans_after_titles_are_people(text, span, label, expected):
    from kg.nlp.titles import person_after_title

    start = text.index(span, 2)
    assert person_after_title(text, start, start + len(span), label) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("英伟达首席执行官黄仁勋", True),  # the first character of a transliterated name
        ("美英法三国外长", False),  # a fused list of places
        ("英方表示", False),
        ("中美关系", False),
    ],
)
def test_one_character_places_cut_from_foreign_names_are_dropped(text, expected):
    from kg.nlp.extract import _cut_from_foreign_name

    assert _cut_from_foreign_name(text, 0, 1, "GPE") is expected
    assert _cut_from_foreign_name(text, 0, 1, "PERSON") is False


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("鸿海董事长刘扬伟表示", [("鸿海", "PERSON"), ("刘扬伟", "PERSON")], ["ORG", "PERSON"]),
        ("鴻海董事長劉揚偉表示", [("鴻海", "PERSON"), ("劉揚偉", "PERSON")], ["ORG", "PERSON"]),
        ("马云董事长表示", [("马云", "PERSON")], ["PERSON"]),  # no person after the role
        ("俄罗斯总统普京", [("俄罗斯", "PERSON"), ("普京", "PERSON")], ["PERSON", "PERSON"]),  # not a company role
        ("哈马斯领导人表示，哈马斯将", [("哈马斯", "PERSON"), ("哈马斯", "PERSON")], ["ORG", "ORG"]),
        ("哈马斯武装人员", [("哈马斯", "PERSON")], ["ORG"]),
        ("阿萨德政权倒台", [("阿萨德", "PERSON")], ["PERSON"]),  # a regime follows leaders too
    ],
)
def test_the_name_before_a_company_role_and_a_person_is_the_company(text, spans, expected):
    from kg.nlp.employers import type_employers

    assert [m.label for m in type_employers(text, _mentions(text, spans))] == expected


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("与此同时，台积电董事长魏哲家表示", [("魏哲家", "PERSON")], [("台积电", "ORG"), ("魏哲家", "PERSON")]),
        ("小米集团创始人雷军说", [("雷军", "PERSON")], [("小米集团", "ORG"), ("雷军", "PERSON")]),
        ("据悉，华为总裁任正非表示", [("任正非", "PERSON")], [("华为", "ORG"), ("任正非", "PERSON")]),  # 为 inside
        ("他说与总经理李四", [("李四", "PERSON")], [("李四", "PERSON")]),  # 与 opens no name
        ("英偉達執行長黃仁勳", [("黃仁勳", "PERSON")], [("英偉達", "ORG"), ("黃仁勳", "PERSON")]),
        # an everyday word, a pronoun, a function word or a date opens the clause: no company
        ("他说，公司首席执行官梁汝波表示", [("梁汝波", "PERSON")], [("梁汝波", "PERSON")]),
        ("该行行长张三表示", [("张三", "PERSON")], [("张三", "PERSON")]),
        ("会议由董事长王五主持", [("王五", "PERSON")], [("王五", "PERSON")]),
        ("2023年总经理李四离职", [("李四", "PERSON")], [("李四", "PERSON")]),
        ("上市公司董事长赵六", [("赵六", "PERSON")], [("赵六", "PERSON")]),
        # a person's or place's name that opens the company's (小鹏 of 小鹏汽车) gives way
        # to it; not one after the clause's first characters
        (
            "小鹏汽车董事长何小鹏表示",
            [("小鹏", "PERSON"), ("何小鹏", "PERSON")],
            [("小鹏汽车", "ORG"), ("何小鹏", "PERSON")],
        ),
        ("昨天马云集团董事长王五", [("马云", "PERSON"), ("王五", "PERSON")], [("马云", "PERSON"), ("王五", "PERSON")]),
        ("美国银行行长王五", [("美国", "GPE"), ("王五", "PERSON")], [("美国银行", "ORG"), ("王五", "PERSON")]),
        (
            "美国总统王五",
            [("美国", "GPE"), ("王五", "PERSON")],
            [("美国", "GPE"), ("王五", "PERSON")],
        ),  # no company role
        # a government office before its spokesperson or head: three characters or more,
        # ending like an organisation's name
        ("行政院發言人李慧芝表示", [("李慧芝", "PERSON")], [("行政院", "ORG"), ("李慧芝", "PERSON")]),
        # the rank belongs to the role: 招商银行, not 招商银行副
        ("据悉，招商银行副行长王五称", [("王五", "PERSON")], [("招商银行", "ORG"), ("王五", "PERSON")]),
        # an everyday word is a company's name where the article writes it before 公司
        (
            "苹果公司发布新机。苹果首席执行官库克说",
            [("库克", "PERSON")],
            [("苹果", "ORG"), ("库克", "PERSON")],
        ),
        ("华为轮值董事长徐直军说", [("徐直军", "PERSON")], [("华为", "ORG"), ("徐直军", "PERSON")]),
        ("华为常务董事余承东说", [("余承东", "PERSON")], [("华为", "ORG"), ("余承东", "PERSON")]),
        # a role at each of two employers; a company's arm in a country; a Latin name counts as one
        (
            "华为常务董事、终端BG董事长余承东说",
            [("余承东", "PERSON")],
            [("华为", "ORG"), ("终端BG", "ORG"), ("余承东", "PERSON")],
        ),
        (
            "红杉中国董事总经理潘晓岚说",
            [("中国", "GPE"), ("潘晓岚", "PERSON")],
            [("红杉中国", "ORG"), ("潘晓岚", "PERSON")],
        ),
        ("中国董事长王五说", [("中国", "GPE"), ("王五", "PERSON")], [("中国", "GPE"), ("王五", "PERSON")]),
        ("。DeepSeek创始人梁文锋说", [("梁文锋", "PERSON")], [("DeepSeek", "ORG"), ("梁文锋", "PERSON")]),
        # a company's name in words may be long; not a clause that names none
        (
            "太空探索技术公司首席执行官马斯克说",
            [("马斯克", "PERSON")],
            [("太空探索技术公司", "ORG"), ("马斯克", "PERSON")],
        ),
        ("昨天一家大型国有公司董事长张三说", [("张三", "PERSON")], [("张三", "PERSON")]),
        # a place's span that is the whole opening before a company role: the company, mistyped
        ("輝達執行長黃仁勳說", [("輝達", "GPE"), ("黃仁勳", "PERSON")], [("輝達", "ORG"), ("黃仁勳", "PERSON")]),
        ("日本董事长李四说", [("日本", "GPE"), ("李四", "PERSON")], [("日本", "GPE"), ("李四", "PERSON")]),
        # a person's roles one after the other (联合创始人、董事长)
        ("拼多多联合创始人、董事长陈磊说", [("陈磊", "PERSON")], [("拼多多", "ORG"), ("陈磊", "PERSON")]),
        (
            "小米集团创始人、董事长兼首席执行官雷军说",  # not 董事长兼, before the run's last role
            [("雷军", "PERSON")],
            [("小米集团", "ORG"), ("雷军", "PERSON")],
        ),
        # an office's name may be long, and may open with a place the model found
        (
            "公诉人、南京市人民检察院检察员王丽说",
            [("南京市", "GPE"), ("王丽", "PERSON")],
            [("南京市人民检察院", "ORG"), ("王丽", "PERSON")],
        ),
        ("外交部长王毅表示", [("王毅", "PERSON")], [("王毅", "PERSON")]),  # 外交 ends no name
        ("他说，该部发言人张三称", [("张三", "PERSON")], [("张三", "PERSON")]),
        ("市政府发言人李四说", [("李四", "PERSON")], [("李四", "PERSON")]),
        # a listed company's stock code
        ("周三，贵州茅台（600519）上涨", [("贵州", "GPE")], [("贵州茅台", "ORG")]),
        ("五粮液（000858.SZ）、腾讯控股(00700.HK)", [("腾讯控股", "PERSON")], [("五粮液", "ORG"), ("腾讯控股", "ORG")]),
        ("会议（2023）召开", [], []),  # a year
        # Hong Kong's four digits, and the second of two listed companies joined by 及
        (
            "晶片股方面，中芯国际（0981）及华虹半导体（1347）下跌",
            [],
            [("中芯国际", "ORG"), ("华虹半导体", "ORG")],
        ),
        # a company found so is one wherever the article names it alone
        (
            "比亚迪宣布合作。比亚迪执行副总裁李柯出席。",
            [("比亚迪", "PERSON"), ("比亚迪", "PERSON"), ("李柯", "PERSON")],
            [("比亚迪", "ORG"), ("比亚迪", "ORG"), ("李柯", "PERSON")],
        ),
    ],
)
def test_the_clause_before_a_company_role_and_a_person_is_the_company(text, spans, expected):
    from kg.nlp.employers import type_employers

    found = type_employers(text, _mentions(text, spans))
    assert [(m.text, m.label) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("台系封装设备厂晶瀚精密今年订单", ["晶瀚精密"]),
        ("零部件企业——远驰精密的负责人说", ["远驰精密"]),
        ("与Stellantis集团的合资公司零跑国际，在欧洲", ["零跑国际"]),
        ("电商平台拼多多的用户", ["拼多多"]),
        # the clause goes on, or the kind word is part of another word
        ("企业纷纷表示，", []),
        ("只有在国有企业工作才算就业的观念", []),
        ("我公司经营下的项目", []),
        ("弘扬企业家精神的", []),
        ("工厂排产优化。", []),
        ("歌迷在社交平台大呻「买唔到」", []),  # two characters before more of the clause
    ],
)
def test_a_companys_name_after_a_word_for_its_kind_is_found(text, expected):
    from kg.nlp.employers import companies_after_kind_words

    found = companies_after_kind_words(text, [], [0])
    assert [m.text for m in found] == expected and all(m.label == "ORG" for m in found)
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_person_the_model_read_in_a_companys_name_after_its_kind_gives_way():
    from kg.nlp.employers import companies_after_kind_words

    text = "台系设备厂晶瀚精密今年订单，企业家张三说。"
    found = companies_after_kind_words(text, _mentions(text, [("晶瀚", "PERSON"), ("张三", "PERSON")]), [0])
    assert [(m.text, m.label) for m in found] == [("晶瀚精密", "ORG"), ("张三", "PERSON")]
    # a name that runs past the company's keeps its place
    found = companies_after_kind_words(text, _mentions(text, [("晶瀚精密今", "PERSON")]), [0])
    assert [(m.text, m.label) for m in found] == [("晶瀚精密今", "PERSON")]


def test_names_found_by_rules_keep_the_latin_name_in_brackets_after_them(nlp):
    text = "杭州人工智能公司深度求索（DeepSeek）发布新模型。"
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], nlp))
    assert ("深度求索", "ORG", "DeepSeek") in {(m.text, m.label, m.bracketed) for m in ex.mentions}


def test_an_organisations_name_without_its_country_is_found_in_the_article():
    from kg.nlp.names import country_rest
    from kg.nlp.propagate import propagate

    assert country_rest("黎巴嫩真主党") == "真主党" and country_rest("黎巴嫩真主黨") == "真主黨"
    assert country_rest("美国财政部") is None and country_rest("以色列国防军") is None  # every country has one
    assert country_rest("日本银行") is None  # two characters left: no name
    assert country_rest("阿富汗塔利班") == "塔利班"
    text = "黎巴嫩真主党发表声明。以色列将打击真主党。"
    found = propagate(
        text, [(0, 11, text[:11]), (11, len(text), text[11:])], [0, 11], _mentions(text, [("黎巴嫩真主党", "ORG")])
    )
    assert [(m.text, m.label, m.start) for m in found] == [("黎巴嫩真主党", "ORG", 0), ("真主党", "ORG", 17)]
    # only where what is left ends like an organisation's name
    text = "中国革命博物馆开放。革命博物馆藏品多。"
    found = propagate(text, [(0, len(text), text)], [0], _mentions(text, [("中国革命博物馆", "ORG")]))
    assert [m.text for m in found] == ["中国革命博物馆"]


def test_teams_short_forms_and_foreign_last_names_are_found_in_the_article():
    from kg.nlp.names import last_name, team_short_form
    from kg.nlp.propagate import propagate

    assert team_short_form("洛杉矶湖人队") == "湖人" and team_short_form("金州勇士队") == "勇士"
    assert team_short_form("国家队") is None and team_short_form("中国女子排球队") is None
    assert last_name("勒布朗·詹姆斯") == "詹姆斯" and last_name("斯蒂芬•库里") == "库里" and last_name("马斯克") is None
    text = "詹姆斯砍下30分，湖人击败勇士。洛杉矶湖人队击败金州勇士队，勒布朗·詹姆斯得30分。"
    spans = [("洛杉矶湖人队", "ORG"), ("金州勇士队", "ORG"), ("勒布朗·詹姆斯", "PERSON")]
    cut = text.index("。") + 1
    found = propagate(text, [(0, cut, text[:cut]), (cut, len(text), text[cut:])], [0, cut], _mentions(text, spans))
    assert [(m.text, m.label) for m in found][:3] == [("詹姆斯", "PERSON"), ("湖人", "ORG"), ("勇士", "ORG")]


def test_a_persons_name_cut_short_gives_way_to_the_whole_name():
    from kg.nlp.propagate import propagate

    text = "美国财政部长贝森特和代表会谈。贝森特对记者说。"
    spans = [("美国财政部", "ORG"), ("贝森特", "PERSON"), ("贝森", "PERSON")]
    found = propagate(text, [(0, 15, text[:15]), (15, len(text), text[15:])], [0, 15], _mentions(text, spans))
    assert [(m.text, m.start) for m in found if m.label == "PERSON"] == [("贝森特", 6), ("贝森特", 15)]
    # only a person's name gives way so (马云 stays a person before 集团 here)
    text = "马云集团称。马云集团说。"
    found = propagate(text, [(0, len(text), text)], [0], _mentions(text, [("马云集团", "ORG"), ("马云", "PERSON")]))
    assert [(m.text, m.label, m.start) for m in found] == [("马云集团", "ORG", 0), ("马云", "PERSON", 6)]


def test_company_short_forms_are_found_and_replace_single_characters():
    from kg.nlp.extract import Mention
    from kg.nlp.names import company_short_form
    from kg.nlp.propagate import propagate

    assert company_short_form("华为公司") == "华为"
    assert company_short_form("苹果股份有限公司") == "苹果"
    assert company_short_form("美国") is None
    text = "华为公司今天发布新机。华为表示，华为的芯片自研。"
    sentences = [(0, 11, text[:11]), (11, len(text), text[11:])]
    # the model read the third 华为 as the place 华
    model = [Mention("华为公司", "ORG", 0, 4, 0), Mention("华", "GPE", 16, 17, 1)]
    out = propagate(text, sentences, [0, 11], model)
    assert [(m.text, m.label, m.start) for m in out] == [
        ("华为公司", "ORG", 0),
        ("华为", "ORG", 11),
        ("华为", "ORG", 16),
    ]


@pytest.mark.parametrize(
    "name, label",
    [("黄河", "LOC"), ("泰山", "LOC"), ("太平洋", "LOC"), ("北京", "GPE"), ("乌克兰", "GPE")]
    + [("上海", "GPE"), ("四川", "GPE"), ("台灣", "GPE"), ("旧金山", "GPE")]
    # regions of several countries; a country's mainland; buildings, venues and routes
    + [("中东", "LOC"), ("东南亚", "LOC"), ("北美", "LOC"), ("亚太", "LOC"), ("南非", "GPE"), ("美", "GPE")]
    + [("中国大陆", "GPE"), ("台湾海峡", "LOC"), ("大陆", "GPE"), ("非洲大陆", "LOC")]  # the mainland; a continent
    + [("虹桥火车站", "FAC"), ("法兰西体育场", "FAC"), ("人民大会堂", "FAC"), ("广场", "GPE")]
    # stations, ports and streets of three characters; not a city named after its port
    + [("桂林站", "FAC"), ("巴生港", "FAC"), ("滨江路", "FAC"), ("连云港", "GPE"), ("香港", "GPE")]
    + [("黄果树瀑布", "LOC")]
    # regions of cities, lakes and river mouths; cities named so
    + [("珠三角", "LOC"), ("粤港澳大湾区", "LOC"), ("京津冀", "LOC"), ("北部都會區", "LOC")]
    + [("滇池", "LOC"), ("珠江口", "LOC"), ("盐池", "GPE"), ("张家口", "GPE"), ("海口", "GPE")]
    + [("东涌线", "FAC")]  # a line
    + [("佛光寺", "FAC"), ("莫高窟", "FAC"), ("应县木塔", "FAC"), ("太和殿", "FAC")]  # temples, grottoes, halls
    # China's regions; parks of industry, free zones, power plants, malls (not a new district)
    + [("华南", "LOC"), ("东北", "LOC"), ("江南", "LOC"), ("东北地区", "LOC")]
    + [("圣尼古拉斯工业区", "FAC"), ("女川核电厂", "FAC"), ("梦时代购物中心", "FAC"), ("浦东新区", "GPE")],
)
def test_places_are_natural_features_unless_a_province_city_or_county(name, label):
    from kg.nlp.lexicon import location_label

    assert location_label(name) == label


def test_institutions_the_model_typed_places_are_organisations_in_extraction_only():
    from kg.nlp.lexicon import institution, location_label
    from kg.train.corpora import PEOPLES_DAILY_MAP

    assert institution("上海博物馆") and institution("蘇州大學") and not institution("上海")
    # the training corpora's places keep their place type: People's Daily's gold does not
    # change; a facility is a LOC there, as the model has no FAC tags
    assert location_label("上海博物馆") == "GPE" and PEOPLES_DAILY_MAP["LOC"]("上海博物馆") == "GPE"
    assert location_label("首都机场") == "FAC" and PEOPLES_DAILY_MAP["LOC"]("首都机场") == "LOC"


def test_country_names_come_from_cldr_in_three_usages():
    names = country_names()
    assert "澳洲" in names["澳大利亚"] and "寮国" in names["老挝"] and "北韩" in names["朝鲜"]
    assert "联合国" not in names and "欧盟" not in names  # CLDR lists them, but they are not places
    assert "黑山" not in names and all("乔治亚" not in forms for forms in names.values())  # ambiguous in news
    # the model's word features read them as places, where jieba filed some under people
    assert all(lexicon().kinds[name] == "ns" for name in ("黎巴嫩", "伊拉克", "澳洲"))


def test_an_organisations_bracketed_short_name_is_kept_and_typed():
    from kg.nlp.names import bracketed_short_names

    text = "沙特阿拉伯国家石油公司（沙特阿美）签约。沙特阿美总裁出席。中国石油天然气集团（以下简称“中国石油”）称。"
    spans = [("沙特阿拉伯国家石油公司", "ORG"), ("沙特阿美", "GPE"), ("沙特阿美", "GPE"), ("中国石油天然气集团", "ORG")]
    found = bracketed_short_names(text, _mentions(text, spans))
    assert [(m.text, m.label, m.bracketed) for m in found] == [
        ("沙特阿拉伯国家石油公司", "ORG", "沙特阿美"),
        ("沙特阿美", "ORG", None),
        ("沙特阿美", "ORG", None),
        ("中国石油天然气集团", "ORG", "中国石油"),
        ("中国石油", "ORG", None),  # found in the brackets, where the model found nothing
    ]
    # a Latin name the model found in the brackets takes the type of the name before them
    text = "以色列议会（Knesset）通过。"
    mentions = _mentions(text, [("以色列议会", "ORG"), ("Knesset", "PERSON")])
    mentions[0].bracketed = "Knesset"
    assert [(m.text, m.label) for m in bracketed_short_names(text, mentions)] == [
        ("以色列议会", "ORG"),
        ("Knesset", "ORG"),
    ]
    # a note in brackets, or a person's name, is left alone
    text = "张某（化名）说。某公司（化名）称。"
    spans = [("张某", "PERSON"), ("某公司", "ORG")]
    assert [(m.text, m.bracketed) for m in bracketed_short_names(text, _mentions(text, spans))] == [
        ("张某", None),
        ("某公司", None),
    ]


def test_two_names_read_as_one_across_a_conjunction_are_two():
    from kg.nlp.lists import split_conjoined

    text = (
        "宁德时代与特斯拉续签协议。宁德时代称，特斯拉是客户。索尼集团和软银集团上涨。中华人民共和国和工业和信息化部。"
    )
    spans = [
        ("宁德时代与特斯拉", "GPE"),
        ("宁德时代", "ORG"),
        ("特斯拉", "ORG"),
        ("索尼集团和软银集团", "ORG"),
        ("中华人民共和国", "GPE"),
        ("工业和信息化部", "ORG"),
    ]
    found = split_conjoined(_mentions(text, spans))
    assert [(m.text, m.label) for m in found] == [
        ("宁德时代", "ORG"),  # each part known alone in the article, with its type there
        ("特斯拉", "ORG"),
        ("宁德时代", "ORG"),
        ("特斯拉", "ORG"),
        ("索尼集团", "ORG"),  # both parts end like organisations' names
        ("软银集团", "ORG"),
        ("中华人民共和国", "GPE"),  # names that hold 和
        ("工业和信息化部", "ORG"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_pieces_of_a_works_title_are_dropped_and_names_in_it_kept():
    from kg.nlp.works import without_title_pieces

    text = "电影《哪吒之魔童闹海》和《美国队长4》上映。《毛泽东和他的儿子》《人民日报》《纽约时报》。"
    spans = [
        ("魔童闹海", "LOC"),  # names nothing a dictionary knows, ends like no place
        ("美国队", "ORG"),  # 队长 cut in two
        ("毛泽东", "PERSON"),  # People's Daily marks names inside titles
        ("人民日报", "ORG"),  # the whole title
        ("纽约", "GPE"),
    ]
    found = without_title_pieces(text, _mentions(text, spans))
    assert [m.text for m in found] == ["毛泽东", "人民日报", "纽约"]
    # a piece the article also writes outside any title is kept
    text = "美国队输了。他演过《美国队长》。"
    found = without_title_pieces(text, _mentions(text, [("美国队", "ORG"), ("美国队", "ORG")]))
    assert [m.start for m in found] == [0, text.rindex("美国队")]


def test_a_name_found_again_keeps_the_latin_name_in_brackets_after_it(nlp):
    text = "杭州人工智能公司深度求索（DeepSeek）27日发布新模型。深度求索创始人梁文锋说。"
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], nlp))
    assert ("深度求索", "ORG", "DeepSeek") in {(m.text, m.label, m.bracketed) for m in ex.mentions}


def test_a_foreign_names_parts_found_apart_are_one_person():
    from kg.nlp.spans import join_name_parts

    text = "发言人马修·米勒表示，普京与泽连斯基"
    spans = [(3, 5, "PERSON"), (5, 8, "PERSON"), (11, 13, "PERSON"), (14, 18, "PERSON")]
    assert [text[s:e] for s, e, _ in join_name_parts(text, spans)] == ["马修·米勒", "普京", "泽连斯基"]


def test_the_items_of_a_list_closed_by_a_head_noun_are_found_and_typed():
    from kg.nlp.lists import fill_list_items, type_counted_lists

    text = "代表团包括比亚迪、中国建筑、华为等企业负责人。他喜欢吃饭、睡觉等事情。比亚迪、国轩高科等国内厂商。"
    spans = [("比亚迪", "PERSON"), ("中国", "GPE"), ("华", "GPE"), ("比亚迪", "PERSON"), ("国轩高科", "ORG")]
    found = type_counted_lists(text, fill_list_items(text, _mentions(text, spans), [0]))
    assert [(m.text, m.label) for m in found] == [
        ("比亚迪", "ORG"),
        ("中国建筑", "ORG"),  # the whole item, not the place the model found in it
        ("华为", "ORG"),
        ("比亚迪", "ORG"),  # 等国内厂商: a modifier before the head noun
        ("国轩高科", "ORG"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
    # no item is a name the model found: nothing is added, unless every item after the first
    # could be a company's name before a word for companies; the first from after the words
    # opening its clause, if no time word is left in it
    assert fill_list_items("吃饭、睡觉等事情。", [], [0]) == []
    assert fill_list_items("用于电子、汽车等企业。", [], [0]) == []  # trades, not names
    # counties the model found none of, the first after the words opening its clause
    text = "由于色达、石渠等县不设考点"
    assert [(m.text, m.label) for m in type_counted_lists(text, fill_list_items(text, [], [0]))] == [
        ("色达", "GPE"),
        ("石渠", "GPE"),
    ]
    assert fill_list_items("他喜欢吃饭、睡觉等事情", [], [0]) == []
    # 以及 joins two names inside an item; shipyards are companies; the first name after
    # the verb or preposition opening its clause
    text = "通过钱大妈、盒马以及美团、饿了么等平台销售。江南造船、外高桥造船、沪东中华等骨干船厂"
    found = type_counted_lists(text, fill_list_items(text, _mentions(text, [("美团", "ORG"), ("沪东", "GPE")]), [0]))
    assert [(m.text, m.label) for m in found] == [
        ("钱大妈", "ORG"),
        ("盒马", "ORG"),
        ("美团", "ORG"),
        ("江南造船", "ORG"),
        ("外高桥造船", "ORG"),
        ("沪东中华", "ORG"),
    ]
    # models' codes before a word for products, the first after its clause's words
    text = "在欧洲销售T03和C10等车型，推出A和B等产品"
    found = type_counted_lists(text, fill_list_items(text, [], [0]))
    assert [(m.text, m.label) for m in found] == [("T03", "PRODUCT"), ("C10", "PRODUCT")]
    for text, names in [
        ("目前已在吉利汽车、海康威视等企业试点。", ["吉利汽车", "海康威视"]),
        ("与北京的月之暗面、智谱等明星公司相比", ["月之暗面", "智谱"]),
        ("而阿里巴巴、字节跳动等大厂同样在加码", ["阿里巴巴", "字节跳动"]),
        ("今年以来苹果、华为等公司的股价大涨", ["华为"]),
        ("应急管理部、中国地震局等部门启动响应", ["应急管理部", "中国地震局"]),
    ]:
        spans = [("北京", "GPE")] if "北京" in text else []
        found = fill_list_items(text, _mentions(text, spans), [0])
        assert [m.text for m in found if m.label == "ORG"] == names, text
        assert all(text[m.start : m.end] == m.text for m in found)


def test_japanese_names_are_read_by_their_family_names():
    from kg.nlp.titles import join_family_names, unlisted_name

    # after a title: a Japanese family name and a given name of one to three characters
    for text, name in [("知事木村敬今天", "木村敬"), ("教授中村健太郎说", "中村健太郎"), ("主席王毅表示", "王毅")]:
        start = 2
        assert text[start : unlisted_name(text, start)] == name
    # the model's family name read as a place, then the given name: one person
    text = "中村健太郎教授合作，北京李四说"
    spans = [(0, 2, "GPE"), (2, 5, "PERSON"), (10, 12, "GPE"), (12, 14, "PERSON")]
    assert join_family_names(text, spans) == [(0, 5, "PERSON"), (10, 12, "GPE"), (12, 14, "PERSON")]


def test_products_are_found_by_how_news_writes_them():
    from kg.nlp.products import find_products

    def products(text, spans=()):
        found = find_products(text, _mentions(text, list(spans)), [0])
        assert all(text[m.start : m.end] == m.text for m in found)
        return [m.text for m in found if m.label == "PRODUCT"]

    # a model's name after its maker's, or before a word for what it is
    # (the maker's and a Latin model's or a number are one name; a line's own name needs none)
    assert products("英伟达H800芯片与华为昇腾910B", [("英伟达", "ORG"), ("华为", "ORG")]) == ["英伟达H800", "昇腾910B"]
    assert products("华为MateBook X Pro 2026款开售", [("华为", "ORG")]) == ["华为MateBook X Pro 2026款"]
    assert products("特斯拉Model Y L、理想i8", [("特斯拉", "ORG")]) == ["特斯拉Model Y L", "理想i8"]
    assert products("英伟达CEO黄仁勋，特斯拉Model 3", [("英伟达", "ORG"), ("特斯拉", "ORG")]) == ["特斯拉Model 3"]
    # a listed line's model and edition (iPhone 17 Pro Max, 昇腾910C); a number before a list's mark
    text = "iPhone 17 Pro Max、HarmonyOS 4.3和昇腾910C"
    spans = [("iPhone", "PRODUCT"), ("HarmonyOS", "PRODUCT"), ("昇腾", "PRODUCT")]
    assert products(text, spans) == ["iPhone 17 Pro Max", "HarmonyOS 4.3", "昇腾910C"]
    assert products("小米17和小米YU7同台", [("小米", "ORG"), ("小米", "ORG")]) == ["小米17", "小米YU7"]
    assert products("欧盟27国和小米2024年", [("欧盟", "ORG"), ("小米", "ORG")]) == []
    # a rocket's number in digits; not a date, nor an exercise
    assert products("猎鹰9号火箭今天发射，今天9号。汉光42号演习中的火箭") == ["猎鹰9号"]
    assert products("高通骁龙8至尊版发布，小米15系列", [("高通", "ORG"), ("小米", "ORG")]) == [
        "骁龙8至尊版",
        "小米15",
    ]
    assert products("发布Mate 70系列手机，麒麟9020芯片和HarmonyOS NEXT系统") == [
        "Mate 70",
        "麒麟9020",
        "HarmonyOS NEXT",
    ]
    # a spacecraft's or rocket's name and number before a word for what it is
    assert products("嫦娥六号探测器由长征五号遥八运载火箭发射") == ["嫦娥六号", "长征五号"]
    assert products("谷神星一号运载火箭发射") == ["谷神星一号"]  # a name of three characters
    # a drug's generic name: a transliterated stem and its class's ending
    assert products("司美格鲁肽与替尔泊肽竞争，奥希替尼和帕博利珠单抗", [("司美格鲁", "PERSON")]) == [
        "司美格鲁肽",
        "替尔泊肽",
        "奥希替尼",
        "帕博利珠单抗",
    ]
    assert products("多肽药物，他获普利策奖") == []  # "peptide"; the Pulitzer
    # a name in quotation marks after or before a word for what it is, or quoted brands in a row
    assert products("旗舰产品“云途X9”与涉案“澜石S7 Pro”扫地机器人，首款車型「遠翔E5」", [("澜石", "PERSON")]) == [
        "云途X9",
        "澜石S7 Pro",
        "遠翔E5",
    ]
    assert products("旗下“宁禾”“麦田记”“小满坚果”等品牌，“MSC伊琳娜”号") == ["宁禾", "麦田记", "小满坚果", "MSC伊琳娜"]
    assert products("芯片“实现了100%国产化”，他说“很好”，“宁禾”品牌") == ["宁禾"]  # a quoted phrase
    # not a count, a date, a kind of product, or a number without a word for a product
    assert products("欧盟27国与小米2024年营收", [("欧盟", "ORG"), ("小米", "ORG")]) == []
    assert products("自民党也从7席增至9席", [("自民党", "ORG")]) == []
    assert products("南斯拉夫队1∶0胜，《美国陆军3》", [("南斯拉夫队", "ORG"), ("美国陆军", "ORG")]) == []
    assert products("推出5G手机和AI芯片，今年AI大模型，一号文件，二号楼") == []
    # a name the model found inside the product's gives way; a maker's name before it stays
    found = find_products("搭载Mate 70系列", _mentions("搭载Mate 70系列", [("Mate", "PERSON")]), [0])
    assert [(m.text, m.label) for m in found] == [("Mate 70", "PRODUCT")]


def test_products_named_by_number_code_maker_or_platform():
    from kg.nlp.products import find_products

    def products(text, spans=(), starts=(0,)):
        found = find_products(text, _mentions(text, list(spans)), list(starts))
        assert all(text[m.start : m.end] == m.text for m in found)
        return [m.text for m in found if m.label == "PRODUCT"]

    # rockets named in a sentence about rockets; a variant's 甲; a three-character name after 的
    text = "天兵科技的天龙三号、星河动力的智神星一号等新型火箭。此前研制的朱雀二号已将卫星送入轨道，长征十二号甲首飞"
    assert products(text, starts=(0, text.index("此前"))) == ["天龙三号", "智神星一号", "朱雀二号", "长征十二号甲"]
    # no craft without a sentence about craft; not a line or a signal even beside one
    assert products("中央一号文件发布。地铁三号线和卫星") == []
    assert products("天文台挂起十号风球，卫星云图显示") == []
    # a warship named after a province, in a sentence about navies; a place's name elsewhere
    assert products("航空母舰福建舰下水", [("福建", "GPE")]) == ["福建舰"]
    assert products("福建舰船企业增多") == []
    # weapons and engines with a dash before a word for what they are (Traditional script too)
    assert products("殲-10C戰機及霹靂-15導彈，9台天鹊-12A液氧甲烷发动机") == ["殲-10C", "霹靂-15", "天鹊-12A"]
    assert products("营收同比-10%，京-沪线") == []
    # Latin models after their maker's 的, a verb of launching, or a word for what they are
    text = "特斯拉的Optimus和优必选的Walker S2，今年发布的Mavic 4 Pro和农业无人机T100"
    assert products(text, [("特斯拉", "ORG"), ("Walker", "PERSON")]) == ["Optimus", "Walker S2", "Mavic 4 Pro", "T100"]
    assert products("出席的G20峰会，乘坐的CA981航班，他的Facebook，每周一次的GLP-1/GIP激动剂") == []
    # a Weibo post's device line; apps and platforms something is posted or sold on
    assert products("9-24 18:10 来自 HUAWEI Mate 70 Pro　回复 563\n来自 微博 weibo.com") == ["HUAWEI Mate 70 Pro"]
    assert products("她在Instagram發文，專輯在Spotify及KKBOX上架", [("Instagram", "PERSON")]) == [
        "Instagram",
        "Spotify",
        "KKBOX",
    ]
    assert products("在Steam、PlayStation 5和WeGame平台同步发售，在NBA效力") == ["Steam", "PlayStation 5", "WeGame"]
    # a line's name and a model's code; a word of the dictionary only as a company named or
    # opening a list's item; not a verb's, a time's or an airline's
    text = "横评：小米YU7、问界M9、理想i8和蔚来ES8，搭载神玑NX9031芯片"
    assert products(text) == ["小米YU7", "问界M9", "理想i8", "蔚来ES8", "神玑NX9031"]
    assert products("在欧洲销售T03，今年Q3营收，东航MU5417航班，采用A100") == []
    # a line's name no dictionary has and a number, after 的
    assert products("寒武纪的思元590正在测试，公司的营收1000万元") == ["思元590"]
    # a trade name the text calls one
    assert products("替尔泊肽以穆峰达为商品名上市，商品名为“信尔美”。") == ["替尔泊肽", "穆峰达", "信尔美"]


def test_a_companys_registered_name_gives_the_name_news_calls_it():
    from kg.nlp.names import brand_name

    assert brand_name("北京字节跳动科技有限公司") == "字节跳动"
    assert brand_name("宁德时代新能源科技股份有限公司") == "宁德时代"
    assert brand_name("杭州阿里巴巴网络技术有限公司") == "阿里巴巴"
    assert brand_name("上海汽车集团") is None  # 汽车 is the trade itself
    assert brand_name("中国石油天然气集团公司") is None
    assert brand_name("腾讯公司") is None  # no place, no trade: the company short form does it
    text = "北京字节跳动科技有限公司起诉。判令字节跳动赔偿。"
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], load_pipeline()))
    assert ("字节跳动", "ORG") in {(m.text, m.label) for m in ex.mentions}


def test_a_chinese_name_is_found_again_beside_latin_letters_a_latin_one_not_inside_a_word():
    from kg.nlp.propagate import propagate

    text = "华为宣布。华为Mate80开售。Space合作，SpaceX发射。"
    mentions = _mentions(text, [("华为", "ORG"), ("Space", "ORG")])
    found = propagate(text, [(0, len(text), text)], [0], mentions)
    assert [(m.text, m.start) for m in found] == [("华为", 0), ("华为", 5), ("Space", text.index("Space"))]


def test_a_latin_name_after_a_word_for_a_platform_is_an_organisation_throughout():
    from kg.nlp.names import latin_companies

    text = "跨境电商平台Temu上线。Temu将设仓。Svensson表示。"
    found = latin_companies(text, _mentions(text, [("Temu", "PERSON"), ("Svensson", "PERSON")]))
    assert [(m.text, m.label) for m in found] == [("Temu", "ORG"), ("Svensson", "PERSON")]


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        # a family name and a title or form of address: the article's one person of that name,
        # the mention both, as news writes it
        ("长淮银行行长岑晓蕾表示。岑行长透露，该行将加大投入。", [("岑晓蕾", "PERSON")], [("岑行长", "行长")]),
        ("賴清德抵達巴拉圭。賴總統隨後會見貝尼亞。", [("賴清德", "PERSON")], [("賴總統", "总统")]),
        ("杜锋叫完暂停。杜指导让我大胆投。", [("杜锋", "PERSON")], [("杜指导", "指导")]),
        # the model's span over both gives way, and its 林博士 is no second 林
        ("林修远博士受访。林博士认为。", [("林修远", "PERSON"), ("林博士", "PERSON")], [("林博士", "博士")]),
        # two people of the family, or none: a person of that name, keyed by both
        ("陈茂波和陈国基出席。陈局长表示。", [("陈茂波", "PERSON"), ("陈国基", "PERSON")], [("陈局长",)]),
        ("黄科长提醒，出入境旅客注意。", [], [("黄科长",)]),
        ("陈某华被捕。", [], []),  # an anonymised name
        # the family name ends a word begun before it, or the address begins a word
        ("林佳龙出席。森林局长到场，感谢女士们。", [("林佳龙", "PERSON")], []),
        ("陈建仁到场。陈总结说，一切顺利。", [("陈建仁", "PERSON")], []),
    ],
)
def test_a_family_name_and_a_title_stand_for_the_articles_person(text, spans, expected):
    from kg.nlp.family_names import family_name_references

    found = family_name_references(text, _mentions(text, spans), [0])
    names = {surface for surface, _ in spans}
    assert [(m.text, *m.titles) for m in found if m.text not in names or m.titles] == expected
    assert all(m.label == "PERSON" and text[m.start : m.end] == m.text for m in found)


def test_latin_names_with_accents_are_whole(nlp):
    text = "巴拉圭总统贝尼亚（Santiago Peña）会见瓜地马拉总统阿雷瓦洛（Bernardo Arévalo）。"
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], nlp))
    found = {(m.text, m.bracketed) for m in ex.mentions}
    assert ("贝尼亚", "Santiago Peña") in found and ("阿雷瓦洛", "Bernardo Arévalo") in found
    assert not any(m.text in ("Santiago Pe", "Bernardo Ar") for m in ex.mentions)


@pytest.mark.parametrize(
    "text, spans, expected",
    [
        ("双方会谈后，中方表示愿同美方合作。", [], ["中方", "美方"]),
        # a country the article names, whose character kg's table lacks; the model's spans give way
        (
            "马来西亚部长表示，马方愿同中方合作。",
            [("马来西亚", "GPE"), ("马方", "PERSON"), ("中", "GPE")],
            ["马方", "中方"],
        ),
        # the character ends a word, or 方 begins one
        ("所以方便了很多，其中方案已定，昨日方才公布。", [], []),
        ("马方愿意合作。", [], []),  # no 马来西亚 named, and 马 is in no table
    ],
)
def test_a_countrys_side_is_the_country(text, spans, expected):
    from kg.nlp.sides import country_sides

    found = country_sides(text, _mentions(text, spans), [0])
    assert [m.text for m in found if m.label == "GPE" and m.text.endswith("方")] == expected
    assert not any(m.text == "中" or m.label == "PERSON" for m in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("高雄疫情延燒，疾病管制署今天表示，國內上升。", ["疾病管制署"]),
        ("封路期间，運輸署則表示，巴士改道。", ["運輸署"]),
        # a pronoun, a date, a preposition, an everyday word, a level of government alone
        ("该局表示，俱乐部表示，总部称，昨天该局表示，市政府称。", []),
        ("伤者经医院证实无碍。要让嘴馋干部称称，公司内部表示。", []),
    ],
)
def test_a_body_that_opens_a_clause_and_speaks_is_an_organisation(text, expected):
    from kg.nlp.employers import bodies_before_speech

    found = bodies_before_speech(text, [], [0])
    assert [m.text for m in found] == expected and all(m.label == "ORG" for m in found)
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_span_loses_the_head_noun_closing_its_list():
    from kg.nlp.lists import cut_list_head

    assert cut_list_head("中远海运集运等公司") == ("中远海运集运", 3)
    assert cut_list_head("华人影业等国内厂商") == ("华人影业", 5)
    assert cut_list_head("平等公司") == ("平等公司", 0)  # 等 inside the name
    assert cut_list_head("上海等") == ("上海", 1)
    assert cut_list_head("北京高等法院") == ("北京高等法院", 0)  # 等 inside a word


def test_a_place_grows_over_the_organisation_it_opens_unless_a_country():
    from kg.nlp.spans import grow_organisation

    # the model's organisation right after a province's name is one name with it
    assert grow_organisation("山东青岛大学的", 0, 2, "LOC", {2: (6, "ORG")}) == (0, 6, "ORG")
    # not after a country's, nor over another kind of span
    assert grow_organisation("日本东京大学的", 0, 2, "GPE", {2: (6, "ORG")}) == (0, 2, "GPE")
    assert grow_organisation("布鲁塞尔智库欧洲未来政策中心", 0, 4, "GPE", {6: (8, "LOC")}) == (0, 4, "GPE")


def test_titles_the_article_calls_films_or_books_are_works():
    from kg.nlp.works import titled_works

    text = "《哪吒之魔童闹海》票房破百亿，是《哪吒之魔童降世》的续集；皮克斯出品的《头脑特工队2》。根据《民法典》规定。"
    found = titled_works(text, _mentions(text, [("哪吒", "PERSON"), ("皮克斯", "ORG")]), [0])
    assert [(m.text, m.label) for m in found] == [
        ("哪吒", "PERSON"),  # a name inside the title stays, as People's Daily marks it
        ("哪吒之魔童闹海", "WORK_OF_ART"),
        ("哪吒之魔童降世", "WORK_OF_ART"),
        ("皮克斯", "ORG"),
        ("头脑特工队2", "WORK_OF_ART"),
    ]  # a law's title is no work
    assert all(text[m.start : m.end] == m.text for m in found)


def test_an_organisations_account_is_the_organisation():
    from kg.nlp.handles import social_handles

    text = "希望领导能看到 @东方航空客服 ，@广东宏远篮球俱乐部 @刘希平:回复"
    found = social_handles(text, _mentions(text, [("东方航空", "ORG"), ("广东", "GPE"), ("刘希平", "PERSON")]), [0])
    # a person's handle is left to the model
    assert [(m.text, m.label) for m in found] == [
        ("东方航空客服", "ORG"),
        ("广东宏远篮球俱乐部", "ORG"),
        ("刘希平", "PERSON"),
    ]


def test_investors_before_leading_or_following_a_round_are_organisations():
    from kg.nlp.employers import investors

    text = "本轮融资由深创投领投，红杉中国、钧源资本跟投，我们跟投了，中国领投。"
    found = investors(text, _mentions(text, [("中国", "GPE"), ("中国", "GPE")]), [0])
    # not a pronoun or a country alone; the model's place inside a name gives way
    assert [(m.text, m.label) for m in found] == [
        ("深创投", "ORG"),
        ("红杉中国", "ORG"),
        ("钧源资本", "ORG"),
        ("中国", "GPE"),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_company_after_its_kind_word_takes_the_models_span_over_it():
    from kg.nlp.employers import companies_after_kind_words

    text = "与西班牙企业埃布罗（Ebro）合作，老股东中科创星继续加码，企业北京，公司孙祥树、"
    spans = [("西班牙", "GPE"), ("埃布罗", "PERSON"), ("中科创星", "LOC"), ("北京", "GPE"), ("孙祥树", "PERSON")]
    found = companies_after_kind_words(text, _mentions(text, spans), [0])
    assert [(m.text, m.label) for m in found] == [
        ("西班牙", "GPE"),
        ("埃布罗", "ORG"),
        ("中科创星", "ORG"),
        ("北京", "GPE"),  # a known place keeps its type
        ("孙祥树", "PERSON"),  # and a Chinese person's name: the company's man
    ]


def test_a_bylines_outlet_under_any_name_is_an_organisation_throughout_the_article():
    from kg.nlp.outlets import name_outlets

    def outlets(text, spans=()):
        found = name_outlets(text, _mentions(text, list(spans)), [0])
        assert all(text[m.start : m.end] == m.text for m in found)
        return [(m.text, m.label) for m in found]

    # 讯 before 记者 opening a line, with its time; elsewhere the same name is the outlet's
    text = "19 22:15  南都讯 记者黄慧诗 报道\n专家告诉南都记者"
    assert outlets(text, [("南都", "GPE"), ("黄慧诗", "PERSON"), ("南都", "GPE")]) == [
        ("南都", "ORG"),
        ("黄慧诗", "PERSON"),
        ("南都", "ORG"),
    ]
    assert outlets("新京报讯（记者 王五）昨天") == [("新京报", "ORG")]
    assert outlets("公視新聞網 記者 林宛儒\n聯合報／記者陳宛青") == [("公視新聞網", "ORG"), ("聯合報", "ORG")]
    # the outlet in 【】 opening a line, and a 网's name without it
    text = "【财新网】经历数年收缩后，他对财新表示"
    assert outlets(text, [("新网", "GPE"), ("财新", "PERSON")]) == [("财新网", "ORG"), ("财新", "ORG")]
    assert outlets("【明報專訊】行政長官") == [("明報", "ORG")]
    # the outlet a story is taken from
    assert outlets("来源：南方都市报 2025-11-19") == [("南方都市报", "ORG")]
    # not the paper's own, a section, a source that is no outlet, or a paper it does not name
    assert outlets("本报讯 记者张三\n【提示】请注意\n来源：网络\n晨报讯（记者姜葳）") == []


def test_list_heads_and_kind_words_for_miners_and_agencies():
    from kg.nlp.employers import companies_after_kind_words
    from kg.nlp.lists import fill_list_items, type_counted_lists

    text = "正与必和必拓、福蒂斯丘等矿商谈判"
    spans = [("必和必拓", "ORG"), ("福蒂斯丘", "PERSON")]
    found = type_counted_lists(text, fill_list_items(text, _mentions(text, spans), [0]))
    assert [(m.text, m.label) for m in found] == [("必和必拓", "ORG"), ("福蒂斯丘", "ORG")]
    text = "英国航运咨询机构德鲁里（Drewry）分析师表示"
    found = companies_after_kind_words(text, _mentions(text, [("德鲁里", "PERSON")]), [0])
    assert [(m.text, m.label) for m in found] == [("德鲁里", "ORG")]
    assert companies_after_kind_words("研究机构预计，金融机构正在", [], [0]) == []
    assert companies_after_kind_words("政府与外国企业签署的合同", [], [0]) == []  # 国企 of 外国企业


def test_a_place_the_model_read_as_a_person_is_a_place_throughout_its_article():
    from kg.nlp.places import places_throughout

    def labels(text, spans):
        return [(m.text, m.label) for m in places_throughout(text, _mentions(text, spans))]

    # a division's word after one occurrence, a word for a place before another
    text = "他曾任曲靖市副市长。从曲靖到昆明，一些老板"
    assert labels(text, [("曲靖", "GPE"), ("曲靖", "PERSON"), ("昆明", "GPE")]) == [
        ("曲靖", "GPE"),
        ("曲靖", "GPE"),
        ("昆明", "GPE"),
    ]
    text = "到了缅甸克伦邦。克伦的村民"  # a state of Myanmar
    assert labels(text, [("缅甸", "GPE"), ("克伦", "PERSON"), ("克伦", "PERSON")])[1:] == [("克伦", "GPE")] * 2
    text = "在最大城市达累斯萨拉姆签署。东起沿岸的达累斯萨拉姆"
    assert labels(text, [("达累斯萨拉姆", "PERSON"), ("达累斯萨拉姆", "PERSON")]) == [("达累斯萨拉姆", "GPE")] * 2
    # not a person's name before 市长, one the article gives a title, or one inside a company's
    text = "王伟市长说，王伟表示"
    assert labels(text, [("王伟", "PERSON"), ("王伟", "PERSON")]) == [("王伟", "PERSON")] * 2
    text = "抵达华盛顿。总统华盛顿说"
    spans = _mentions(text, [("华盛顿", "GPE"), ("华盛顿", "PERSON")])
    spans[1].titles.append("总统")
    assert [m.label for m in places_throughout(text, spans)] == ["GPE", "PERSON"]
    text = "诉杭州澜石机器人有限公司。澜石不服"
    assert labels(text, [("杭州澜石机器人有限公司", "ORG"), ("澜石", "PERSON")])[1] == ("澜石", "PERSON")


def test_a_person_with_capitals_in_brackets_is_an_organisation():
    from kg.nlp.names import bracketed_short_names

    text = "阿斯麦（ASML）此前出口，阿斯麦表示。国务卿盧比歐（Marco Rubio）说"
    spans = [("阿斯麦", "PERSON"), ("阿斯麦", "PERSON"), ("盧比歐", "PERSON")]
    mentions = _mentions(text, spans)
    mentions[0].bracketed, mentions[2].bracketed = "ASML", "Marco Rubio"
    found = bracketed_short_names(text, mentions)
    assert [(m.text, m.label) for m in found] == [("阿斯麦", "ORG"), ("阿斯麦", "ORG"), ("盧比歐", "PERSON")]


def test_an_organisations_full_name_is_found_before_its_short_name_in_brackets():
    from kg.nlp.full_names import full_names_before_brackets

    def found(text, spans):
        out = full_names_before_brackets(text, _mentions(text, spans), [0])
        assert all(text[m.start : m.end] == m.text for m in out)
        return [(m.text, m.label) for m in out]

    # the model's pieces give way; the short name's characters in order mark the start
    text = "中国物流与采购联合会（中物联）相关人士表示"
    assert found(text, [("中国物流", "ORG"), ("联合会", "ORG")]) == [("中国物流与采购联合会", "ORG")]
    # a place the model found right before it is part of it
    text = "香港社會服務聯會（社聯）政策研究主任"
    assert found(text, [("香港", "GPE")]) == [("香港社會服務聯會", "ORG")]
    # not where the model found the full name, a note, no organisation's ending, or no match
    text = "国务院国资委（国资委）"
    assert found(text, [("国务院国资委", "ORG")]) == [("国务院国资委", "ORG")]
    assert found("他的女儿（化名）说，市民（匿名）", []) == []
    assert found("我们在大会上说，联合会（中物联）", []) == []
    # before a Latin short name, back to the clause's start or 的, after its opening verb
    text = "【财新网】美国商务部工业与安全局（BIS）宣布。一带的克伦边防军（BGF）开始。根据日本政府观光局（JNTO）"
    spans = [("财新网", "ORG"), ("美国商务部", "ORG"), ("安全局", "ORG"), ("克伦", "PERSON")]
    assert found(text, spans) == [
        ("财新网", "ORG"),
        ("美国商务部工业与安全局", "ORG"),
        ("克伦边防军", "ORG"),
        ("日本政府观光局", "ORG"),
    ]
    # the model's long name stands; no name over a clause's verb or Latin letters
    text = "KY-0217已获美国食品药品监督管理局（FDA）批准，据路透社（Reuters）报道"
    spans = [("美国食品药品监督管理局", "ORG"), ("路透社", "ORG")]
    assert found(text, spans) == spans


def test_a_products_maker_is_found_before_its_de():
    from kg.nlp.makers import makers_of_products

    text = "天兵科技的天龙三号、今年发布的Mavic 4 Pro、这家广州企业的EH216-S、北京的T100、马斯克的星舰"
    text2 = "字节跳动旗下的豆包"
    found = makers_of_products(text2, _mentions(text2, [("豆包", "PRODUCT")]), [0])
    assert [(m.text, m.label) for m in found] == [("字节跳动", "ORG"), ("豆包", "PRODUCT")]  # the owner
    spans = [("天龙三号", "PRODUCT"), ("Mavic 4 Pro", "PRODUCT"), ("广州", "GPE"), ("EH216-S", "PRODUCT")]
    spans += [("北京", "GPE"), ("T100", "PRODUCT"), ("马斯克", "PERSON"), ("星舰", "PRODUCT")]
    found = makers_of_products(text, _mentions(text, spans), [0])
    # a clause (今年发布), a description (这家广州企业), a place and a person are no makers
    assert [(m.text, m.label) for m in found if m.label == "ORG"] == [("天兵科技", "ORG")]
    assert [m.label for m in found if m.text == "马斯克"] == ["PERSON"]
    # a name the model read as a person before 的 and a product: the maker, throughout
    text = "寒武纪的思元590正在测试。寒武纪表示。雷军的小米SU7。总裁马斯克说，马斯克的星舰"
    spans = [("寒武纪", "PERSON"), ("思元590", "PRODUCT"), ("寒武纪", "PERSON"), ("雷军", "PERSON")]
    spans += [("小米SU7", "PRODUCT"), ("马斯克", "PERSON"), ("马斯克", "PERSON"), ("星舰", "PRODUCT")]
    mentions = _mentions(text, spans)
    mentions[5].titles.append("总裁")
    found = makers_of_products(text, mentions, [0])
    assert [m.label for m in found if m.label != "PRODUCT"] == ["ORG", "ORG", "PERSON", "PERSON", "PERSON"]


def test_those_who_comment_under_a_post_are_people_or_accounts():
    from kg.nlp.handles import commenters

    text = (
        "热门评论\n蓝色小猫不吃鱼：0:2的时候我已经去洗澡了\n来自 iPhone 16 Pro Max　赞 8921\n"
        "成都吃货小王：散场的时候挤爆了来自 小米15 Ultra 赞 4103\n"
        "珠海气象：珠海市气象台已发布预警\n9-24 18:10 来自 微博 weibo.com\n"
    )
    found = commenters(text, _mentions(text, [("成都", "GPE"), ("珠海", "GPE")]), [0])
    assert [(m.text, m.label) for m in found] == [
        ("蓝色小猫不吃鱼", "PERSON"),
        ("成都吃货小王", "PERSON"),  # the model's 成都 inside it gives way
        ("珠海气象", "ORG"),  # an account named like an organisation's
    ]
    # one line with a colon is no comment thread; an interview's speakers have no 来自 or 赞
    assert commenters("张三：我来自上海\n", [], [0]) == []
    assert commenters("记者：你好\n主持人：欢迎\n嘉宾：谢谢\n", [], [0]) == []
    # under a line heading the comments, each line or reply opening with a name and a colon
    text = (
        "拍照装备：大疆相机\n💬 共 286 条评论\n鹭岛阿芸：福建人狂喜↳ 橙子在路上：对呀\n"
        "Leo去旅行：求问门票\n轨道上的猫（作者）回复 深空小白：同行握手\n"
    )
    found = commenters(text, _mentions(text, [("鹭岛", "LOC")]), [0])
    assert [(m.text, m.label) for m in found] == [
        ("鹭岛阿芸", "PERSON"),
        ("橙子在路上", "PERSON"),
        ("Leo去旅行", "PERSON"),  # 旅行 ends no agency's name after 去
        ("轨道上的猫", "PERSON"),
        ("深空小白", "PERSON"),
    ]


def test_routes_and_modules_are_facilities():
    from kg.nlp.routes import find_routes

    text = "散场后地铁18号线挤爆了。沿京礼高速前往张家口，与中老铁路、雅万高铁衔接。他在问天实验舱"
    found = find_routes(text, _mentions(text, [("京", "GPE"), ("张家口", "GPE")]), [0])
    assert [(m.text, m.label) for m in found] == [
        ("地铁18号线", "FAC"),
        ("京礼高速", "FAC"),  # the model's 京 gives way
        ("张家口", "GPE"),
        ("中老铁路", "FAC"),
        ("雅万高铁", "FAC"),
        ("问天实验舱", "FAC"),
    ]
    # not a road described (这条铁路), growth (高速发展), or a time (冬季高速工况)
    assert find_routes("这条铁路通车。经济高速发展，在冬季高速工况下", [], [0]) == []


def test_this_sessions_rules_leave_alone_the_reviews_counter_examples():
    """Inputs a review of the rules added on 2026-11-25 (third session) found them
    misreading, each with what must come out."""
    from kg.nlp.handles import commenters
    from kg.nlp.lists import fill_list_items
    from kg.nlp.makers import makers_of_products
    from kg.nlp.outlets import name_outlets
    from kg.nlp.places import places_throughout
    from kg.nlp.products import find_products
    from kg.nlp.routes import find_routes

    def labels(found):
        return [(m.text, m.label) for m in found]

    # a long Latin word after 在 is read at once, and no field is a platform
    assert find_products("他在" + "abcdefghijklmnopqrstuvwxyz" * 3 + "中写道，公司在AI上投入", [], [0]) == []
    # a rocket's name does not take the preposition before it
    assert [m.text for m in find_products("，由长征二号F运载火箭发射", [], [0])] == ["长征二号F"]
    # a source's place is no outlet, nor a place that names one
    text = "中国经济增长\n【中国网】\n北京讯（记者 张三）北京的天气\n【突发新闻】地震"
    spans = [("中国", "GPE"), ("北京", "GPE"), ("张三", "PERSON"), ("北京", "GPE")]
    assert labels(name_outlets(text, _mentions(text, spans), [0])) == [spans[0], ("中国网", "ORG"), *spans[1:]]
    # markets and areas are no divisions
    assert fill_list_items("汽车、家电等市场需求旺盛，公园、广场等区域", [], [0]) == []
    # a press conference's speakers are no commenters
    assert commenters("法新社记者：中方是否赞同？\n毛宁：中方赞赏。\n", [], [0]) == []
    # a person's app, or a person the dictionary files, is no maker
    text = "老王的微信。C罗的Instagram账号。"
    spans = [("微信", "PRODUCT"), ("C罗", "PERSON"), ("Instagram", "PRODUCT")]
    assert labels(makers_of_products(text, _mentions(text, spans), [0])) == spans
    # a clue is no line; a station is no railway; a railway's short names may be a word
    assert find_routes("第3号线索，从重庆高铁站出发", [], [0]) == []
    text = "他乘坐京沪高铁"
    assert labels(find_routes(text, _mentions(text, [("京", "GPE")]), [0])) == [("京沪高铁", "FAC")]
    # a person before 市委 is no place
    text = "王伟市委书记会见，在王伟的陪同下"
    assert (
        labels(places_throughout(text, _mentions(text, [("王伟", "PERSON"), ("王伟", "PERSON")])))
        == [("王伟", "PERSON")] * 2
    )


def test_tibetan_names_the_model_cut_are_completed():
    from kg.nlp.tibetan import complete_tibetan_names

    text = "考生降泽措姆说。副主席索朗旺堆表示。记者扎西平措报道。张三李四"
    spans = [("泽措姆", "PERSON"), ("索朗", "PERSON"), ("扎西平措", "PERSON"), ("张三", "PERSON")]
    found = complete_tibetan_names(text, _mentions(text, spans))
    assert all(text[m.start : m.end] == m.text for m in found)
    assert [m.text for m in found] == ["降泽措姆", "索朗旺堆", "扎西平措", "张三"]
    # not over another name's span, nor a place's
    text = "扎西在拉萨，次仁旺堆"
    found = complete_tibetan_names(text, _mentions(text, [("扎西", "PERSON"), ("拉萨", "GPE"), ("次仁", "GPE")]))
    assert [m.text for m in found] == ["扎西", "拉萨", "次仁"]


def test_rules_leave_alone_what_only_looks_like_their_names():
    """Words and phrases that the rules above must not read as names."""
    from kg.nlp.employers import bodies_before_speech, investors
    from kg.nlp.handles import social_handles
    from kg.nlp.lexicon import location_label
    from kg.nlp.lists import cut_list_head, fill_list_items, type_counted_lists
    from kg.nlp.outlets import name_outlets
    from kg.nlp.products import find_products
    from kg.nlp.sides import country_sides
    from kg.nlp.works import titled_works

    text = "特朗普利用关税，发展“新能源”汽车"
    found = find_products(text, _mentions(text, [("特朗普", "PERSON")]), [0])
    assert [(m.text, m.label) for m in found] == [("特朗普", "PERSON")]  # a word goes on; scare quotes
    assert cut_list_head("中国科学院等离子体物理研究所") == ("中国科学院等离子体物理研究所", 0)
    text = "推出了iPhone16和P70等手机"
    assert [m.text for m in type_counted_lists(text, fill_list_items(text, [], [0]))] == []
    assert social_handles("@张三去了医院", [], [0]) == []  # the post going on
    assert name_outlets("天气预报\n情况通报\n", [], [0]) == []  # no paper's name
    text = "电影《长津湖》票房"
    found = titled_works(text, _mentions(text, [("长津湖", "LOC")]), [0])
    assert [(m.text, m.label) for m in found] == [("长津湖", "WORK_OF_ART")]  # one span, the work's
    text = "自然资源部今天表示，消费者委员会表示。"
    assert [m.text for m in bodies_before_speech(text, [], [0])] == ["自然资源部", "消费者委员会"]
    assert country_sides("只有在实践中方能检验真理", [], [0]) == []  # 方能, "only then"
    assert [m.text for m in investors("本轮由自由资本领投", [], [0])] == []  # not 资本, cut at the name's 由
    assert location_label("中国香港") == "GPE" and location_label("新加坡港") == "FAC"


def _ruled(nlp, text, model_ents, listed):
    """known_names_filter on ``text`` with the model's entities and the listed names'
    matches given as (surface, label); text of Chinese characters only (a token each)."""
    from spacy.tokens import Span

    from kg.nlp.components import known_names_filter

    doc = nlp.make_doc(text)

    def spans(pairs):
        return [Span(doc, text.index(s), text.index(s) + len(s), label=label) for s, label in pairs]

    return [(e.text, e.label_) for e in sorted(known_names_filter(spans(model_ents), spans(listed)))]


def test_a_listed_name_replaces_the_models_names_inside_or_across_it_not_one_around_it(nlp):
    assert _ruled(nlp, "位于武汉的长江存储扩产", [("武汉", "GPE"), ("长江", "LOC")], [("长江存储", "ORG")]) == [
        ("武汉", "GPE"),
        ("长江存储", "ORG"),
    ]
    assert _ruled(nlp, "乌军用星链通信", [("乌军", "ORG"), ("用星", "PERSON")], [("星链", "PRODUCT")]) == [
        ("乌军", "ORG"),
        ("星链", "PRODUCT"),
    ]
    assert _ruled(nlp, "丰田章男表示", [("丰田章男", "PERSON")], [("丰田", "ORG")]) == [("丰田章男", "PERSON")]


def test_a_listed_name_glued_to_a_word_is_none(nlp):
    assert _ruled(nlp, "北京东路的门店", [], [("京东", "ORG")]) == []  # 北京 before it
    assert _ruled(nlp, "京东方的屏幕", [], [("京东", "ORG")]) == []  # the dictionary's 京东方
    assert _ruled(nlp, "自然资源部门和公安部长", [], [("自然资源部", "ORG"), ("公安部", "ORG")]) == []
    # a preposition's word (在京), a word of place after it, a title after a body's name
    assert _ruled(nlp, "在京东买的", [], [("京东", "ORG")]) == [("京东", "ORG")]
    assert _ruled(nlp, "发到小红书上", [], [("小红书", "PRODUCT")]) == [("小红书", "PRODUCT")]
    assert _ruled(nlp, "立法会议员说", [], [("立法会", "ORG")]) == [("立法会", "ORG")]


def test_a_listed_organisation_takes_the_word_for_its_kind_after_it(nlp):
    text = "淘宝闪购、阿里巴巴集团有限公司、中信证券银行业分析师和商务部新闻发言人"
    listed = [("淘宝", "ORG"), ("阿里巴巴", "ORG"), ("中信证券", "ORG"), ("商务部", "ORG")]
    assert _ruled(nlp, text, [], listed) == [
        ("淘宝闪购", "ORG"),
        ("阿里巴巴集团有限公司", "ORG"),
        ("中信证券", "ORG"),
        ("商务部", "ORG"),
    ]


def test_a_list_closed_by_its_count_gives_the_items_the_model_missed():
    from kg.nlp.lists import fill_counted_lists

    text = "项目分布在登加、淡滨尼、兀兰、榜鹅和女皇镇五个市镇。"
    found = fill_counted_lists(text, _mentions(text, [("淡滨尼", "PERSON"), ("兀兰", "PERSON")]), [0])
    assert [m.text for m in found] == ["登加", "淡滨尼", "兀兰", "榜鹅", "女皇镇"]
    assert [m.label for m in found if m.text in ("登加", "榜鹅", "女皇镇")] == ["GPE"] * 3
    # a count other than the number of items, or no item the model found: no list of names
    assert fill_counted_lists("分布在登加、淡滨尼和兀兰两个市镇。", [], [0]) == []
    text = "分布在登加、淡滨尼和兀兰三个市镇。"
    assert len(fill_counted_lists(text, _mentions(text, [("兀兰", "GPE")]), [0])) == 3
    assert fill_counted_lists("买了苹果、香蕉和梨三种。", [], [0]) == []


def test_a_listed_latin_name_counts_only_as_the_file_spells_it(nlp):
    found = {(e.text, e.label_) for e in nlp("用LINE联系，line up，Windows和windows").ents}
    assert ("LINE", "PRODUCT") in found and ("Windows", "PRODUCT") in found
    assert not {("line", "PRODUCT"), ("windows", "PRODUCT")} & found


def test_the_entity_ruler_finds_listed_organisations_the_model_misses(nlp):
    doc = nlp("宇树科技和字节跳动完成融资，腾讯体育转播。")
    assert {(e.text, e.label_) for e in doc.ents} >= {("宇树科技", "ORG"), ("字节跳动", "ORG"), ("腾讯体育", "ORG")}


@pytest.mark.parametrize(
    "text, found, not_found",
    [
        # a body's name with a field or title: the whole body, not the one it opens with
        ("中国银行业协会会长说。清华大学出版社社长说。", {("中国银行业协会", "ORG")}, {("中国银行", "ORG")}),
        ("北京大学附属中学校长说。", {("北京大学附属中学", "ORG")}, {("北京大学", "ORG")}),
        # a listed name inside a word: students of a place, a noun, a longer word
        ("香港大学生参加暑期交流团。", {("香港", "GPE")}, {("香港大学", "ORG")}),
        ("英国石油价格上涨。", set(), {("英国石油", "ORG")}),
        ("用户打开支付宝扫码。", {("支付宝", "PRODUCT")}, set()),  # 开支 is no name
        ("沿海与内地的差距。", set(), {("内地", "GPE")}),  # inland, with no Hong Kong written
        # no person's name from a family name before a title's word that goes on, nor a verb
        ("这座庄园长期荒废，包机长途飞行，被告方律师称。", set(), {("庄园长", "PERSON"), ("方律师", "PERSON")}),
        ("主任陈明更强调。", {("陈明", "PERSON")}, {("陈明更", "PERSON")}),
        # no count, price or date in a product's name
        ("卖出iPhone 5000万部，小米SU7 10万台。", {("iPhone", "PRODUCT"), ("小米SU7", "PRODUCT")}, set()),
        ("计划下周9号发射火箭。", set(), {("下周9号", "PRODUCT")}),
        ("国民党52、民进党51席。", {("国民党", "ORG")}, {("国民党52", "PRODUCT")}),
        # an everyday word opening a name keeps its country; a person is no feature
        ("美国国际集团投资。", {("美国国际集团", "ORG")}, {("美国", "GPE")}),
        ("总统泽连斯基岛内访问。", {("泽连斯基", "PERSON")}, {("泽连斯基岛", "LOC")}),
        ("萨尔瓦多人口增长。", {("萨尔瓦多", "GPE")}, set()),
        ("张三与妻子两人出席。", {("张三", "PERSON")}, {("妻子", "PERSON")}),
    ],
)
def test_review_counter_examples_of_this_sessions_rules(nlp, text, found, not_found):
    (ex,) = list(extract_documents([Document(id="t", path="t.txt", text=text)], nlp))
    got = {(m.text, m.label) for m in ex.mentions}
    assert found <= got and not (not_found & got), got
