from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.aliases import load_alias_table
from kg.nlp.normalize import normalize
from kg.resolve import entity_id, resolve
from tests.conftest import make_extraction


def labels_of(resolved, surface_type=None):
    return {e.label: e for e in resolved.entities.values() if surface_type in (None, e.type)}


def entity_of(resolved, alias):
    hits = [e for e in resolved.entities.values() if alias in e.aliases]
    assert len(hits) == 1, f"{alias} is in {len(hits)} entities"
    return hits[0]


def test_resolve_script_variants_merge():
    a = make_extraction("a", "馬斯克與國務院會談。", [("馬斯克", "PERSON"), ("國務院", "ORG")])
    b = make_extraction("b", "马斯克与国务院会谈。", [("马斯克", "PERSON"), ("国务院", "ORG")])
    r = resolve([a, b])
    musk = entity_of(r, "馬斯克")
    assert musk is entity_of(r, "马斯克") and musk.label == "马斯克"
    assert set(musk.aliases) == {"馬斯克", "马斯克"} and musk.docs == {"a", "b"}
    assert entity_of(r, "國務院") is entity_of(r, "国务院")


def test_resolve_traditional_labels_on_request():
    a = make_extraction("a", "乌克兰总统讲话。", [("乌克兰", "GPE")])
    r = resolve([a], script="traditional")
    assert entity_of(r, "乌克兰").label == "烏克蘭"


def test_resolve_separator_and_width_variants_merge():
    text = "科林·卡尔说。科林∙卡尔说。科林•卡尔说。科林．卡尔说。科林・卡尔说。ＳｐａｃｅＸ和SpaceX及Space X。"
    names = ["科林·卡尔", "科林∙卡尔", "科林•卡尔", "科林．卡尔", "科林・卡尔"]
    ex = make_extraction(
        "a", text, [(n, "PERSON") for n in names] + [("ＳｐａｃｅＸ", "ORG"), ("SpaceX", "ORG"), ("Space X", "ORG")]
    )
    r = resolve([ex])
    assert len(r.entities) == 2
    assert set(entity_of(r, "科林·卡尔").aliases) == set(names)
    assert entity_of(r, "Space X") is entity_of(r, "ＳｐａｃｅＸ")


def test_resolve_bracketed_english_name_becomes_alias():
    a = make_extraction("a", "美国国务卿安東尼．布林肯（Antony Blinken）抵达。", [("安東尼．布林肯", "PERSON")])
    b = make_extraction("b", "Blinken表示支持。布林肯随后离开。", [("Blinken", "PERSON"), ("布林肯", "PERSON")])
    r = resolve([a, b])
    person = entity_of(r, "安東尼．布林肯")
    assert "Antony Blinken" in person.aliases
    assert entity_of(r, "Blinken") is person and entity_of(r, "布林肯") is person


def test_resolve_partial_names_within_a_document():
    ex = make_extraction(
        "a",
        "科林·卡尔证实此事。卡尔认为如此。我为什么要给埃隆·马斯克通电话？马斯克说。",
        [("科林·卡尔", "PERSON"), ("卡尔", "PERSON"), ("埃隆·马斯克", "PERSON"), ("马斯克", "PERSON")],
    )
    r = resolve([ex])
    assert entity_of(r, "卡尔") is entity_of(r, "科林·卡尔")
    assert entity_of(r, "马斯克") is entity_of(r, "埃隆·马斯克")
    assert len(r.entities) == 2


def test_resolve_ambiguous_short_name_stays_apart():
    ex = make_extraction(
        "a",
        "罗伯特·约翰逊和鲍里斯·约翰逊见面。约翰逊说。",
        [("罗伯特·约翰逊", "PERSON"), ("鲍里斯·约翰逊", "PERSON"), ("约翰逊", "PERSON")],
    )
    r = resolve([ex])
    short = entity_of(r, "约翰逊")
    assert short is not entity_of(r, "罗伯特·约翰逊") and short is not entity_of(r, "鲍里斯·约翰逊")


def test_resolve_short_form_joins_across_documents_only_when_unique():
    a = make_extraction("a", "埃隆·马斯克访问。", [("埃隆·马斯克", "PERSON")])
    b = make_extraction("b", "马斯克否认。", [("马斯克", "PERSON")])
    joined = resolve([a, b])
    assert entity_of(joined, "马斯克") is entity_of(joined, "埃隆·马斯克")
    c = make_extraction("c", "金伯利·马斯克表示。", [("金伯利·马斯克", "PERSON")])
    r = resolve([a, b, c])
    assert entity_of(r, "马斯克") is not entity_of(r, "埃隆·马斯克")


def test_resolve_titles_become_attributes():
    from kg.nlp.titles import strip_titles as _strip_titles
    from kg.nlp.titles import titles_before as _titles_before

    name, titles, cut = _strip_titles("总统普京")
    assert (name, titles, cut) == ("普京", ["总统"], 2)
    text = "美国国防部次长科林·卡尔和俄罗斯总统普京"
    assert _titles_before(text, text.index("科林")) == ["国防部次长"]
    assert _titles_before(text, text.index("普京")) == ["总统"]


def test_resolve_transliteration_table():
    a = make_extraction(
        "a",
        "蓬佩奥会见内塔尼亚胡。马克龙和默克尔。",
        [("蓬佩奥", "PERSON"), ("内塔尼亚胡", "PERSON"), ("马克龙", "PERSON"), ("默克尔", "PERSON")],
    )
    b = make_extraction(
        "b",
        "蓬皮歐會見納坦雅胡。馬克宏和梅克爾。",
        [("蓬皮歐", "PERSON"), ("納坦雅胡", "PERSON"), ("馬克宏", "PERSON"), ("梅克爾", "PERSON")],
    )
    r = resolve([a, b])
    assert len(r.entities) == 4
    assert entity_of(r, "蓬皮歐").label == "蓬佩奥"
    assert entity_of(r, "納坦雅胡") is entity_of(r, "内塔尼亚胡")


def test_resolve_org_short_forms():
    ex = make_extraction(
        "a",
        "美国防部和美国国防部及五角大楼。北约、北约组织、北大西洋公约组织。",
        [
            ("美国防部", "ORG"),
            ("美国国防部", "ORG"),
            ("五角大楼", "ORG"),
            ("北约", "ORG"),
            ("北约组织", "ORG"),
            ("北大西洋公约组织", "ORG"),
        ],
    )
    r = resolve([ex])
    assert len(r.entities) == 2
    assert entity_of(r, "五角大楼").label == "美国国防部"


def test_resolve_fused_abbreviations_expand_to_members():
    ex = make_extraction(
        "a",
        "习近平与普京通话。习普通话后，俄乌局势紧张。",
        [("习近平", "PERSON"), ("普京", "PERSON"), ("习普", "PERSON"), ("俄乌", "GPE")],
    )
    r = resolve([ex])
    labels = {e.label for e in r.entities.values()}
    assert labels == {"习近平", "普京", "俄罗斯", "乌克兰"}
    assert entity_of(r, "习近平").mentions == 2
    # a port's name is no fused abbreviation (台中港: not Taiwan, China and Hong Kong)
    r = resolve([make_extraction("b", "货轮驶入台中港。", [("台中港", "GPE")])])
    assert {e.label for e in r.entities.values()} == {"台中港"}
    # nor a city's (台中, whose 台中市 the dictionary lists)
    r = resolve([make_extraction("c", "中国游客来到台中。", [("中国", "GPE"), ("台中", "GPE")])])
    assert {e.label for e in r.entities.values()} == {"中国", "台中"}


def test_resolve_reads_a_bare_government_body_as_chinas_in_mainland_news_only():
    a = make_extraction("a", "中国外交部称。外交部表示。", [("中国外交部", "ORG"), ("外交部", "ORG")])
    b = make_extraction("b", "中國外交部批評。外交部回應。", [("中國外交部", "ORG"), ("外交部", "ORG")])
    c = make_extraction("c", "中國國民黨主席說。國民黨表示。", [("中國國民黨", "ORG"), ("國民黨", "ORG")])
    r = resolve([a])
    assert entity_of(r, "外交部") is entity_of(r, "中国外交部")
    r = resolve([b, c])  # Taiwan's news: its own 外交部, but 国民党 is 中国国民党 still
    assert [eid for eid, *_ in r.occurrences["b"]][0] != [eid for eid, *_ in r.occurrences["b"]][1]
    assert entity_of(r, "國民黨") is entity_of(r, "中國國民黨")


def test_resolve_never_merges_across_types_or_nested_names():
    ex = make_extraction(
        "a",
        "美国与美国国防部。中国国务院和美国国务院。苹果公司的苹果。",
        [("美国", "GPE"), ("美国国防部", "ORG"), ("中国国务院", "ORG"), ("美国国务院", "ORG")],
    )
    r = resolve([ex])
    assert len(r.entities) == 4
    a = make_extraction("b", "华盛顿发表讲话。", [("华盛顿", "PERSON")])
    b = make_extraction("c", "华盛顿下雪。华盛顿很冷。", [("华盛顿", "GPE"), ("华盛顿", "GPE")])
    # the type vote gives one surface one type across the corpus, never two merged types
    assert {e.type for e in resolve([a, b]).entities.values()} == {"GPE"}


def test_resolve_user_alias_file_adds_merges_and_splits(tmp_path: Path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "canonical,type,alias,source\n特斯拉,ORG,Tesla,mine\n普京,PERSON,!普丁,mine: a different person here\n",
        encoding="utf-8",
    )
    ex = make_extraction(
        "a",
        "Tesla与特斯拉。普京和普丁。",
        [("Tesla", "ORG"), ("特斯拉", "ORG"), ("普京", "PERSON"), ("普丁", "PERSON")],
    )
    r = resolve([ex], load_alias_table([extra]))
    assert entity_of(r, "Tesla") is entity_of(r, "特斯拉")
    assert entity_of(r, "普丁") is not entity_of(r, "普京")


def test_resolve_ids_are_stable_and_iri_safe():
    eid = entity_id("PERSON", normalize("马斯克"))
    assert eid == entity_id("PERSON", normalize("馬斯克"))
    assert eid.startswith("person-ma-si-ke-") and all(c.isalnum() or c == "-" for c in eid)


@given(st.text(max_size=30))
def test_resolve_normalize_is_idempotent(text: str):
    assert normalize(normalize(text)) == normalize(text)


def test_resolve_first_name_within_a_document_only():
    a = make_extraction("a", "埃隆·马斯克说。埃隆笑了。", [("埃隆·马斯克", "PERSON"), ("埃隆", "PERSON")])
    r = resolve([a])
    assert entity_of(r, "埃隆") is entity_of(r, "埃隆·马斯克")
    b = make_extraction("b", "埃隆来了。", [("埃隆", "PERSON")])
    c = make_extraction("c", "埃隆·马斯克说。", [("埃隆·马斯克", "PERSON")])
    r = resolve([b, c])
    assert entity_of(r, "埃隆") is not entity_of(r, "埃隆·马斯克")


def test_resolve_transliteration_variants_across_articles_without_a_table_entry():
    a = make_extraction("a", "伊朗外长阿拉格齐访问联合国。", [("阿拉格齐", "PERSON"), ("联合国", "ORG")])
    b = make_extraction("b", "伊朗外長阿拉格奇訪問聯合國。", [("阿拉格奇", "PERSON"), ("聯合國", "ORG")])
    r = resolve([a, b])
    assert entity_of(r, "阿拉格奇") is entity_of(r, "阿拉格齐")
    assert len(r.entities) == 2
    # without shared context the same names stay apart
    c = make_extraction("c", "阿拉格奇出席。", [("阿拉格奇", "PERSON")])
    d = make_extraction("d", "阿拉格齐出席。", [("阿拉格齐", "PERSON")])
    r = resolve([c, d])
    assert entity_of(r, "阿拉格奇") is not entity_of(r, "阿拉格齐")


def test_resolve_compares_every_form_of_a_name_with_other_transliterations():
    # 奥特曼 joins 奥尔特曼 through the alias table; 阿特曼 matches 奥特曼, not the root 奥尔特曼
    a = make_extraction(
        "a", "奥尔特曼（奥特曼）访问联合国。", [("奥尔特曼", "PERSON"), ("奥特曼", "PERSON"), ("联合国", "ORG")]
    )
    b = make_extraction("b", "阿特曼访问联合国。", [("阿特曼", "PERSON"), ("联合国", "ORG")])
    r = resolve([a, b])
    assert entity_of(r, "阿特曼") is entity_of(r, "奥尔特曼")


def test_resolve_repairs_function_words_glued_to_names():
    text = "卡尔说话。这令卡尔感到震惊。"
    ex = make_extraction("a", text, [("卡尔", "PERSON"), ("令卡尔", "PERSON")])
    r = resolve([ex])
    (only,) = r.entities.values()
    assert only.label == "卡尔" and set(only.aliases) == {"卡尔"} and only.mentions == 2
    assert r.occurrences["a"][1][2] == text.index("卡尔", 5)  # offsets follow the repair


def test_resolve_company_short_form_joins_its_full_name():
    a = make_extraction("a", "华为公司发布新机。华为表示。", [("华为公司", "ORG"), ("华为", "ORG")])
    b = make_extraction("b", "苹果和苹果公司。", [("苹果", "ORG"), ("苹果公司", "ORG")])
    c = make_extraction("c", "长城集团与长城公司。长城。", [("长城集团", "ORG"), ("长城公司", "ORG"), ("长城", "ORG")])
    r = resolve([a, b, c])
    assert entity_of(r, "华为") is entity_of(r, "华为公司")
    assert entity_of(r, "苹果") is entity_of(r, "苹果公司")
    # a short form that fits two companies stays apart from both
    assert len({entity_of(r, n).id for n in ("长城集团", "长城公司", "长城")}) == 3


def test_resolve_place_short_form_joins_its_full_name():
    a = make_extraction("a", "杭州市召开会议。杭州很大。", [("杭州市", "GPE"), ("杭州", "GPE")])
    b = make_extraction("b", "吉林省和吉林市。吉林。", [("吉林省", "GPE"), ("吉林市", "GPE"), ("吉林", "GPE")])
    r = resolve([a, b])
    assert entity_of(r, "杭州") is entity_of(r, "杭州市")
    assert len({entity_of(r, n).id for n in ("吉林省", "吉林市", "吉林")}) == 3  # 吉林 fits both
    c = make_extraction("c", "香港特區政府表示。香港經濟復甦。", [("香港特區", "GPE"), ("香港", "GPE")])
    r = resolve([c])
    assert entity_of(r, "香港特區") is entity_of(r, "香港")


def test_resolve_joins_a_countrys_mainland_taiwan_and_hong_kong_names():
    a = make_extraction(
        "a", "澳洲總理與紐西蘭外長會談。北韓試射導彈。", [("澳洲", "LOC"), ("紐西蘭", "GPE"), ("北韓", "ORG")]
    )
    b = make_extraction("b", "澳大利亚和新西兰。朝鲜。", [("澳大利亚", "GPE"), ("新西兰", "GPE"), ("朝鲜", "GPE")])
    r = resolve([a, b])
    for variant, mainland in (("澳洲", "澳大利亚"), ("紐西蘭", "新西兰"), ("北韓", "朝鲜")):
        country = entity_of(r, variant)
        assert country is entity_of(r, mainland) and country.type == "GPE" and country.label == mainland


def test_resolve_types_a_country_as_a_place_whatever_the_model_said():
    a = make_extraction("a", "伊朗外长访问黎巴嫩首都贝鲁特。查德说。", [("黎巴嫩", "PERSON"), ("查德", "PERSON")])
    r = resolve([a])
    assert entity_of(r, "黎巴嫩").type == "GPE"
    # 查德 is Chad in Taiwan's usage, and a given name as well: the model's type stands
    assert entity_of(r, "查德").type == "PERSON"


def test_resolve_joins_an_organisations_abbreviation_to_its_full_name():
    a = make_extraction(
        "a",
        "工业和信息化部发布通知。工信部表示。中国证券监督管理委员会与证监会。",
        [("工业和信息化部", "ORG"), ("工信部", "ORG"), ("中国证券监督管理委员会", "ORG"), ("证监会", "ORG")],
    )
    b = make_extraction(
        "b",
        "中国工商银行和中国银行。国务院办公厅与国务院。中国女子排球队和中国队。",
        [
            ("中国工商银行", "ORG"),
            ("中国银行", "ORG"),
            ("国务院办公厅", "ORG"),
            ("国务院", "ORG"),
            ("中国女子排球队", "ORG"),
            ("中国队", "ORG"),
        ],
    )
    r = resolve([a, b])
    assert entity_of(r, "工信部") is entity_of(r, "工业和信息化部")
    assert entity_of(r, "证监会").label == "中国证券监督管理委员会"
    for short, full in (("中国银行", "中国工商银行"), ("国务院", "国务院办公厅"), ("中国队", "中国女子排球队")):
        assert entity_of(r, short) is not entity_of(r, full)
    # only within an article (文化部 is not 文化遗产部's), and one country opens both
    c = make_extraction(
        "c",
        "文化遗产部称。印度尼西亚海军与印度海军。",
        [("文化遗产部", "ORG"), ("印度尼西亚海军", "ORG"), ("印度海军", "ORG")],
    )
    d = make_extraction(
        "d", "文化部称。俄罗斯海军和俄海军。", [("文化部", "ORG"), ("俄罗斯海军", "ORG"), ("俄海军", "ORG")]
    )
    r = resolve([c, d])
    assert entity_of(r, "文化部") is not entity_of(r, "文化遗产部")
    assert entity_of(r, "印度海军") is not entity_of(r, "印度尼西亚海军")
    assert entity_of(r, "俄海军") is entity_of(r, "俄罗斯海军")  # 俄 stands for 俄罗斯
    # 前 (former) inside a country's body (美前国防部次长) leaves the body as it was
    e = make_extraction("e", "美前国防部次长说。美国国防部表示。", [("美前国防部", "ORG"), ("美国国防部", "ORG")])
    r = resolve([e])
    assert entity_of(r, "美前国防部") is entity_of(r, "美国国防部")
    assert entity_of(r, "美国国防部").label == "美国国防部"


@pytest.mark.parametrize(
    "text, short, full",
    [
        ("国家金融监督管理总局宣布。金融监管总局表示。", "金融监管总局", "国家金融监督管理总局"),  # six characters
        ("上海交通大学宣布。上海交大表示。", "上海交大", "上海交通大学"),  # 大 for 大学
        ("财新网报道。财新称。", "财新", "财新网"),  # an outlet's name without 网
        ("中国东方航空公司宣布。东航表示。", "东航", "中国东方航空公司"),  # two: the first, a later word's opening
        ("北京大学与北大。", "北大", "北京大学"),
    ],
)
def test_resolve_joins_an_abbreviation_or_short_name_to_its_full_name_in_one_article(text, short, full):
    r = resolve([make_extraction("a", text, [(full, "ORG"), (short, "ORG")])])
    assert entity_of(r, short) is entity_of(r, full)


def test_resolve_joins_an_organisation_named_without_its_country_in_the_same_article():
    a = make_extraction("a", "黎巴嫩真主党称，真主党将回应。", [("黎巴嫩真主党", "ORG"), ("真主党", "ORG")])
    b = make_extraction("b", "以色列打击真主党。", [("以色列", "GPE"), ("真主党", "ORG")])
    r = resolve([a])
    assert entity_of(r, "真主党") is entity_of(r, "黎巴嫩真主党")
    assert entity_of(r, "真主党").label == "黎巴嫩真主党"
    # nor, elsewhere, in an article that does not name the country; but in one that does
    c = make_extraction("c", "黎巴嫩南部的真主党称。", [("黎巴嫩", "GPE"), ("真主党", "ORG")])
    r = resolve([a, b, c])
    party = entity_of(r, "黎巴嫩真主党")
    assert [eid for eid, *_ in r.occurrences["c"]] == [entity_of(r, "黎巴嫩").id, party.id]
    assert [eid for eid, *_ in r.occurrences["b"]][1] != party.id
    # nor a body every country has: alone, Chinese news means China's
    d = make_extraction("d", "美国财政部长与财政部副部长。", [("美国财政部", "ORG"), ("财政部", "ORG")])
    r = resolve([d])
    assert entity_of(r, "财政部") is not entity_of(r, "美国财政部")
    e = make_extraction("e", "中国人民银行宣布降准。人民银行表示。", [("中国人民银行", "ORG"), ("人民银行", "ORG")])
    r = resolve([e])
    assert entity_of(r, "人民银行") is entity_of(r, "中国人民银行")


def test_resolve_names_a_node_in_chinese_before_latin():
    # the model found the bracketed Latin name too: one entity, named by the longer form before
    a = make_extraction("a", "哈兰德（Erling Haaland）进球。", [("哈兰德", "PERSON"), ("Erling Haaland", "PERSON")])
    r = resolve([a])
    assert entity_of(r, "Erling Haaland") is entity_of(r, "哈兰德") and entity_of(r, "哈兰德").label == "哈兰德"
    # the alias table's name where a form is listed, even if that name is not written
    b = make_extraction("b", "施紀賢（Keir Starmer）表示。", [("施紀賢", "PERSON")])
    assert entity_of(resolve([b]), "施紀賢").label == "斯塔默"


def test_resolve_joins_a_teams_short_form_and_a_foreign_last_name():
    a = make_extraction(
        "a",
        "湖人击败勇士。洛杉矶湖人队主场击败金州勇士队，勒布朗·詹姆斯得30分，詹姆斯说。",
        [("湖人", "ORG"), ("勇士", "ORG"), ("洛杉矶湖人队", "ORG"), ("金州勇士队", "ORG")]
        + [("勒布朗·詹姆斯", "PERSON"), ("詹姆斯", "PERSON")],
    )
    r = resolve([a])
    assert entity_of(r, "湖人") is entity_of(r, "洛杉矶湖人队") and entity_of(r, "勇士").label == "金州勇士队"
    assert entity_of(r, "詹姆斯") is entity_of(r, "勒布朗·詹姆斯")
    # a team's name without its city, with or without 队
    b = make_extraction(
        "b",
        "上海海港队战胜北京国安队。海港队外援进球，国安队落败，国安主帅说。",
        [("上海海港队", "ORG"), ("北京国安队", "ORG"), ("海港队", "ORG"), ("国安队", "ORG"), ("国安", "ORG")],
    )
    r = resolve([b])
    assert entity_of(r, "海港队") is entity_of(r, "上海海港队")
    assert entity_of(r, "国安队") is entity_of(r, "国安") is entity_of(r, "北京国安队")


def test_resolve_joins_a_universitys_short_name_written_as_an_organisation():
    a = make_extraction("a", "清华大学宣布。清华的学生说。", [("清华大学", "ORG"), ("清华", "ORG")])
    b = make_extraction("b", "中国人民大学发布报告。", [("中国人民大学", "ORG")])
    r = resolve([a, b])
    assert entity_of(r, "清华") is entity_of(r, "清华大学")
    assert len(r.entities) == 2  # 中国人民大学 stays itself


def test_resolve_reads_a_fused_abbreviation_by_the_countries_its_article_names():
    text = "巴基斯坦与印度交火。印巴边境紧张。"
    a = make_extraction("a", text, [("巴基斯坦", "GPE"), ("印度", "GPE"), ("印巴", "GPE")])
    b = make_extraction("b", "巴以冲突持续。", [("巴以", "GPE")])
    r = resolve([a, b])
    assert entity_of(r, "巴基斯坦").mentions == 2 and entity_of(r, "印度").mentions == 2
    assert {e.label for e in r.entities.values()} == {"巴基斯坦", "印度", "巴勒斯坦", "以色列"}
    # a character the table lacks, beside one it has, stands for the country its article names
    c = make_extraction("c", "新加坡总理说，中新合作深厚。", [("新加坡", "GPE"), ("中新", "GPE")])
    r = resolve([c])
    assert entity_of(r, "新加坡").mentions == 2 and {e.label for e in r.entities.values()} == {"新加坡", "中国"}


def test_resolve_joins_an_organisations_bracketed_short_name():
    text = "沙特阿拉伯国家石油公司（沙特阿美）签约。"
    a = make_extraction("a", text, [("沙特阿拉伯国家石油公司", "ORG"), ("沙特阿美", "ORG")])
    a.mentions[0].bracketed = "沙特阿美"  # as kg.nlp.names.bracketed_short_names leaves it
    b = make_extraction("b", "沙特阿美总裁出席。", [("沙特阿美", "ORG")])
    r = resolve([a, b])
    assert entity_of(r, "沙特阿美") is entity_of(r, "沙特阿拉伯国家石油公司")
    assert entity_of(r, "沙特阿美").mentions == 3 and entity_of(r, "沙特阿美").label == "沙特阿拉伯国家石油公司"


def test_resolve_reads_a_bare_special_region_by_its_article():
    text = "澳门特区政府公布报告。澳门特别行政区行政长官说，特区政府将推动发展。"
    a = make_extraction("a", text, [("澳门特区", "GPE"), ("澳门特别行政区", "GPE"), ("特区", "GPE")])
    b = make_extraction("b", "香港与澳门的特区政府。", [("香港", "GPE"), ("澳门", "GPE"), ("特区", "GPE")])
    r = resolve([a, b])
    macau = entity_of(r, "澳门特区")
    assert macau is entity_of(r, "澳门特别行政区") and macau.mentions == 4  # 特区 of a, and 澳门 of b
    assert len([e for e in r.entities.values() if "特区" in e.aliases]) == 2  # b names two regions: left alone


def test_resolve_reads_a_countrys_side_as_the_country():
    a = make_extraction("a", "俄罗斯总统说，俄方愿意对话。", [("俄罗斯", "GPE"), ("俄方", "ORG")])
    r = resolve([a])
    (only,) = r.entities.values()
    assert only.label == "俄罗斯" and only.type == "GPE" and only.mentions == 2


def test_resolve_joins_a_name_without_its_country_whatever_it_ends_in():
    a = make_extraction("a", "阿富汗塔利班派代表出席。塔利班发言人说。", [("阿富汗塔利班", "ORG"), ("塔利班", "ORG")])
    r = resolve([a])
    assert entity_of(r, "塔利班") is entity_of(r, "阿富汗塔利班")


def test_resolve_joins_a_hyphenated_names_last_part_and_a_companys_name_without_its_country():
    a = make_extraction(
        "a",
        "特伦特·亚历山大-阿诺德签约。阿诺德说。中國東方航空公司称，東方航空将调查。",
        [("特伦特·亚历山大-阿诺德", "PERSON"), ("阿诺德", "PERSON"), ("中國東方航空公司", "ORG"), ("東方航空", "ORG")],
    )
    r = resolve([a])
    assert entity_of(r, "阿诺德") is entity_of(r, "特伦特·亚历山大-阿诺德")
    # jieba files 东方航空公司 with the bodies every country has, yet it is a company
    assert entity_of(r, "東方航空") is entity_of(r, "中國東方航空公司")


def test_resolve_joins_a_companys_name_and_its_registered_name_in_one_article():
    text = "北京字节跳动科技有限公司被诉。字节跳动称将上诉。"
    a = make_extraction("a", text, [("北京字节跳动科技有限公司", "ORG"), ("字节跳动", "ORG")])
    b = make_extraction("b", "中国石油天然气集团公司。石油。", [("中国石油天然气集团公司", "ORG"), ("石油", "ORG")])
    r = resolve([a, b])
    assert entity_of(r, "字节跳动") is entity_of(r, "北京字节跳动科技有限公司")
    assert entity_of(r, "石油") is not entity_of(r, "中国石油天然气集团公司")  # 天然气 is no trade word


def test_resolve_leaves_former_out_of_an_organisations_name_after_its_country():
    text = "美國前國防部次長卡爾說。前美國國防部次長。美前国防部长。中国前沿科技公司。"
    spans = [("美國前國防部", "ORG"), ("美國國防部", "ORG"), ("美前国防部", "ORG"), ("中国前沿科技公司", "ORG")]
    r = resolve([make_extraction("a", text, spans)])
    assert entity_of(r, "美國前國防部") is entity_of(r, "美國國防部") is entity_of(r, "美前国防部")
    assert entity_of(r, "中国前沿科技公司").label == "中国前沿科技公司"  # 前沿 is a word, not "former"


def test_resolve_keeps_a_last_name_apart_from_a_full_name_of_other_titles_elsewhere():
    a = make_extraction("a", "国防部次长科林·卡尔表示。", [("科林·卡尔", "PERSON")])
    b = make_extraction("b", "委员会主席卡尔批准。", [("卡尔", "PERSON")])
    c = make_extraction("c", "卡尔说。", [("卡尔", "PERSON")])
    a.mentions[0].titles, b.mentions[0].titles = ["次长"], ["主席"]
    r = resolve([a, b])
    assert entity_of(r, "卡尔") is not entity_of(r, "科林·卡尔")  # Carr of the FCC, not Colin Kahl
    r = resolve([a, c])
    assert entity_of(r, "卡尔") is entity_of(r, "科林·卡尔")  # no title says otherwise


def test_resolve_joins_a_last_name_only_to_the_full_name_of_its_own_article():
    a = make_extraction("a", "次长科林·卡尔抵达东京。卡尔表示。", [("科林·卡尔", "PERSON"), ("卡尔", "PERSON")])
    b = make_extraction("b", "主席布伦丹·卡尔表示。卡尔说。", [("布伦丹·卡尔", "PERSON"), ("卡尔", "PERSON")])
    r = resolve([a, b])
    kahl, carr = entity_of(r, "科林·卡尔"), entity_of(r, "布伦丹·卡尔")
    assert kahl is not carr  # one 卡尔 in each article does not chain the two people
    assert kahl.aliases["卡尔"] == 1 and carr.aliases["卡尔"] == 1


def test_resolve_joins_a_bare_last_name_to_the_full_name_whose_title_it_shares():
    a = make_extraction("a", "次长科林·卡尔抵达东京。", [("科林·卡尔", "PERSON")])
    b = make_extraction("b", "主席布伦丹·卡尔表示。", [("布伦丹·卡尔", "PERSON")])
    c = make_extraction("c", "主席卡尔宣布新规。", [("卡尔", "PERSON")])
    d = make_extraction("d", "卡尔宣布新规。", [("卡尔", "PERSON")])
    a.mentions[0].titles, b.mentions[0].titles, c.mentions[0].titles = ["次长"], ["主席"], ["主席"]
    r = resolve([a, b, c])
    assert entity_of(r, "卡尔") is entity_of(r, "布伦丹·卡尔")
    r = resolve([a, b, d])  # no title to tell which 卡尔 it is
    assert entity_of(r, "卡尔") not in (entity_of(r, "科林·卡尔"), entity_of(r, "布伦丹·卡尔"))


def test_resolve_joins_a_family_name_to_its_articles_full_name_only():
    a = make_extraction("a", "教授罗世杰认为。罗教授提醒。", [("罗世杰", "PERSON"), ("罗教授", "PERSON")])
    b = make_extraction("b", "罗教授说。", [("罗教授", "PERSON")])
    a.mentions[1].titles = b.mentions[0].titles = ["教授"]  # as kg.nlp.family_names writes them
    r = resolve([a, b])
    assert entity_of(r, "罗世杰").aliases["罗教授"] == 1  # the other article's 罗教授 is someone else
    assert entity_of(r, "罗世杰").mentions == 2


def test_resolve_keeps_a_family_name_with_a_title_a_person_though_it_abbreviates_a_country():
    a = make_extraction(
        "a",
        "研究员韩雪松说。韩研究员介绍，韩国专家也来了。",
        [("韩雪松", "PERSON"), ("韩研究员", "PERSON"), ("韩国", "GPE")],
    )
    a.mentions[1].titles = ["研究员"]
    r = resolve([a])
    assert entity_of(r, "韩研究员") is entity_of(r, "韩雪松")
    assert entity_of(r, "韩国").type == "GPE" and entity_of(r, "韩国") is not entity_of(r, "韩雪松")


def test_resolve_joins_a_side_to_the_country_the_article_names():
    a = make_extraction(
        "a", "马来西亚部长说，马方愿同中方合作。", [("马来西亚", "GPE"), ("马方", "GPE"), ("中方", "GPE")]
    )
    r = resolve([a])
    assert entity_of(r, "马方") is entity_of(r, "马来西亚")
    assert {e.label for e in r.entities.values()} == {"马来西亚", "中国"}  # 中方 is China


def test_resolve_joins_a_two_character_family_name_to_its_articles_full_name():
    a = make_extraction("a", "教授山崎敏行说。山崎认为。", [("山崎敏行", "PERSON"), ("山崎", "PERSON")])
    assert entity_of(resolve([a]), "山崎").label == "山崎敏行"


def test_resolve_reads_a_one_character_country_the_model_typed_a_person_as_the_country():
    a = make_extraction("a", "美方和美国会谈。美表示。", [("美国", "GPE"), ("美", "PERSON")])
    assert [(e.label, e.type, e.mentions) for e in resolve([a]).entities.values()] == [("美国", "GPE", 2)]


def test_resolve_keeps_a_bare_two_character_family_name_of_another_article_apart():
    a = make_extraction("a", "教授山崎敏行说。山崎认为。", [("山崎敏行", "PERSON"), ("山崎", "PERSON")])
    b = make_extraction("b", "山崎表示反对。", [("山崎", "PERSON")])
    r = resolve([a, b])
    assert entity_of(r, "山崎敏行").aliases["山崎"] == 1  # the other article's 山崎 may be anyone


def test_the_alias_table_joins_well_known_short_forms_and_nicknames():
    a = make_extraction("a", "最高人民法院裁定。最高法表示。", [("最高人民法院", "ORG"), ("最高法", "ORG")])
    b = make_extraction(
        "b", "红馆演唱会。香港体育馆外。內地旅客。", [("红馆", "GPE"), ("香港体育馆", "FAC"), ("內地", "GPE")]
    )
    r = resolve([a, b])
    assert entity_of(r, "最高法") is entity_of(r, "最高人民法院")
    assert entity_of(r, "红馆") is entity_of(r, "香港体育馆") and entity_of(r, "红馆").type == "LOC"
    assert entity_of(r, "內地").label == "中国大陆"
