from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.export import atomic_write, write_csv, write_html, write_json, write_turtle
from kg.export.html import render_html
from kg.graph import build_graph
from kg.query import format_rows, run_query
from kg.resolve import resolve
from tests.conftest import make_extraction

HOSTILE = '马斯克<script>alert(1)</script>与普京<img src=x onerror="alert(2)">通话。javascript:alert(3)'


@pytest.fixture()
def graph():
    ex = make_extraction(
        "doc1",
        "馬斯克与普京通话。拜登（Joe Biden）会见泽连斯基。" + HOSTILE,
        [
            ("馬斯克", "PERSON"),
            ("普京", "PERSON"),
            ("拜登", "PERSON"),
            ("泽连斯基", "PERSON"),
            ("马斯克", "PERSON"),
            ("普京", "PERSON"),
        ],
        date="2022-06-15",
    )
    g = build_graph([ex], resolve([ex]))
    g.graph["documents"] = {"doc1": {"path": "doc1.txt", "title": "标题", "date": "2022-06-15"}}
    return g


def test_export_json_is_node_link_with_the_documented_fields(graph, tmp_path: Path):
    write_json(graph, tmp_path / "graph.json")
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    node = next(n for n in data["nodes"] if n["label"] == "马斯克")
    assert {"id", "label", "type", "aliases", "mentions", "docs", "titles"} <= set(node)
    assert set(node["aliases"]) == {"馬斯克", "马斯克"}
    link = data["links"][0]
    assert {"source", "target", "weight", "docs", "evidence", "predicates"} <= set(link)
    assert {"doc", "sentence", "start", "end"} == set(link["evidence"][0])
    rebuilt = nx.node_link_graph(data, edges="links")
    assert set(rebuilt.edges) == set(graph.edges)


def test_export_turtle_parses_and_answers_sparql(graph, tmp_path: Path):
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path, graph.graph["documents"])
    rdf = Graph().parse(path, format="turtle")
    assert len(rdf) > 20
    columns, rows = run_query(
        path,
        """
        SELECT ?other ?sentence WHERE {
          ?musk rdfs:label "马斯克"@zh-Hans .
          ?rel kg:source|kg:target ?musk ; kg:source|kg:target ?o ; kg:evidence/kg:sentence ?sentence .
          ?o rdfs:label ?other . FILTER(?o != ?musk)
        }""",
    )
    assert columns == ["other", "sentence"]
    assert {r[0] for r in rows} == {"普京"}
    assert all("普京" in r[1] for r in rows)
    table = format_rows(columns, rows)
    assert "普京" in table and table.endswith(f"({len(rows)} rows)")
    languages = {lit.language for lit in rdf.objects(None, None) if getattr(lit, "language", None)}
    assert {"zh-Hans", "zh-Hant", "en"} <= languages


def test_export_csv_tables(graph, tmp_path: Path):
    write_csv(graph, tmp_path / "e.csv", tmp_path / "r.csv")
    entities = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()
    relations = (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()
    assert entities[0].startswith("id,label,type") and len(entities) == graph.number_of_nodes() + 1
    assert relations[0].startswith("source,source_label") and len(relations) == graph.number_of_edges() + 1


def test_export_html_is_offline_and_escapes_article_text(graph, tmp_path: Path):
    write_html(graph, tmp_path / "graph.html")
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html
    assert "马斯克" in html and "\\u9a6c" not in html  # labels readable, not \\u escapes
    data = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "onerror" in data  # the hostile text is there, inert
    assert "<script>alert" not in html and "<img src=x" not in html


def test_export_html_caps_nodes_and_says_so(graph):
    html = render_html(graph, max_nodes=2)
    payload = json.loads(html.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    assert payload["shown"] == 2 and payload["total"] == graph.number_of_nodes() and len(payload["nodes"]) == 2


def test_export_atomic_write_keeps_old_file_on_failure(tmp_path: Path):
    path = tmp_path / "graph.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as fh:
            fh.write("half")
            raise RuntimeError("killed")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_export_turtle_round_trips_to_the_same_graph(graph, tmp_path: Path):
    from kg.export.rdf import from_rdf

    path = tmp_path / "graph.ttl"
    write_turtle(graph, path, graph.graph["documents"])
    rebuilt = from_rdf(Graph().parse(path, format="turtle"))
    assert set(rebuilt.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in rebuilt.edges} == {frozenset(e) for e in graph.edges}
    for node, data in graph.nodes(data=True):
        back = rebuilt.nodes[node]
        assert (back["label"], back["type"], back["mentions"]) == (data["label"], data["type"], data["mentions"])
        assert set(back["aliases"]) == set(data["aliases"]) and back["docs"] == data["docs"]
    for a, b, data in graph.edges(data=True):
        back = rebuilt.edges[a, b]
        for key in ("weight", "doc_count", "docs", "first_date", "last_date", "predicates", "evidence"):
            assert back[key] == data[key], key


def test_export_streamed_turtle_equals_rdflib_graph(graph, tmp_path: Path):
    from rdflib.compare import isomorphic

    from kg.export.rdf import to_rdf

    path = tmp_path / "graph.ttl"
    write_turtle(graph, path, graph.graph["documents"])
    assert isomorphic(Graph().parse(path, format="turtle"), to_rdf(graph, graph.graph["documents"]))
