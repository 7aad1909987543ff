from __future__ import annotations

from kg.graph import GraphSettings, build_graph, predicates_in
from kg.resolve import resolve
from tests.conftest import make_extraction

TEXT = "马斯克与普京通话。马斯克否认与普京通话。第二段里拜登会见泽连斯基。\n\n马斯克访问乌克兰。"
MENTIONS = [
    ("马斯克", "PERSON"),
    ("普京", "PERSON"),
    ("马斯克", "PERSON"),
    ("普京", "PERSON"),
    ("拜登", "PERSON"),
    ("泽连斯基", "PERSON"),
    ("马斯克", "PERSON"),
    ("乌克兰", "GPE"),
]


def graph_for(settings=None, mentions=MENTIONS, text=TEXT):
    ex = make_extraction("doc1", text, mentions, date="2022-06-15")
    ex.paragraphs = [0, 0, 0, 1]
    return build_graph([ex], resolve([ex]), settings), ex


def edge(graph, a, b):
    ids = {d["label"]: n for n, d in graph.nodes(data=True)}
    return graph.edges[ids[a], ids[b]]


def test_graph_sentence_cooccurrence_weight_and_evidence():
    graph, ex = graph_for()
    data = edge(graph, "马斯克", "普京")
    assert data["weight"] == 2 and data["docs"] == ["doc1"] and data["doc_count"] == 1
    assert data["first_date"] == data["last_date"] == "2022-06-15"
    for ev in data["evidence"]:
        assert TEXT[ev["start"] : ev["end"]] == ev["sentence"]
        assert "马斯克" in ev["sentence"] and "普京" in ev["sentence"]
    assert not graph.has_edge(*[n for n, d in graph.nodes(data=True) if d["label"] in ("马斯克", "拜登")])


def test_graph_nodes_carry_counts_and_docs():
    graph, _ = graph_for()
    musk = next(d for _, d in graph.nodes(data=True) if d["label"] == "马斯克")
    assert musk["mentions"] == 3 and musk["docs"] == ["doc1"] and musk["type"] == "PERSON"


def test_graph_evidence_is_capped_but_weight_stays_exact():
    graph, _ = graph_for(GraphSettings(max_evidence=1))
    data = edge(graph, "马斯克", "普京")
    assert data["weight"] == 2 and len(data["evidence"]) == 1


def test_graph_wider_windows_link_more():
    sentence, _ = graph_for(GraphSettings(window="sentence"))
    paragraph, _ = graph_for(GraphSettings(window="paragraph"))
    document, _ = graph_for(GraphSettings(window="document"))
    assert sentence.number_of_edges() < paragraph.number_of_edges() < document.number_of_edges()
    assert document.has_edge(*[n for n, d in document.nodes(data=True) if d["label"] in ("拜登", "乌克兰")])


def test_graph_predicates_from_trigger_words():
    graph, _ = graph_for()
    assert "call" in edge(graph, "马斯克", "普京")["predicates"]
    assert "deny" in edge(graph, "马斯克", "普京")["predicates"]
    assert edge(graph, "拜登", "泽连斯基")["predicates"] == ["meet"]
    # a trigger inside a name is not a trigger; one far from both names does not count
    assert predicates_in("支持者协会与援助会", [(0, 5)], [(6, 9)]) == set()
    sentence = "拜登和马克龙出席了会议，泽连斯基随后与他们通话。"
    assert predicates_in(sentence, [(0, 2)], [(3, 6)], [(0, 2), (3, 6), (12, 16)]) == set()
    assert predicates_in(sentence, [(3, 6)], [(12, 16)]) == {"call"}
