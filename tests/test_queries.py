"""The README's example SPARQL queries (docs/queries/*.rq), run on the seed graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.export import write_turtle
from kg.query import run_query

QUERIES = Path(__file__).resolve().parent.parent / "docs" / "queries"


@pytest.fixture(scope="module")
def seed_ttl(seed_graph, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ttl") / "graph.ttl"
    write_turtle(seed_graph, path, seed_graph.graph["documents"])
    return path


def test_queries_are_in_the_readme():
    readme = (QUERIES.parent.parent / "README.md").read_text(encoding="utf-8")
    for query in QUERIES.glob("*.rq"):
        assert query.read_text(encoding="utf-8").strip() in readme, query.name


def test_query_who_is_linked_to_musk_with_evidence(seed_ttl):
    columns, rows = run_query(seed_ttl, (QUERIES / "linked-to-musk.rq").read_text(encoding="utf-8"))
    assert columns == ["other", "weight", "sentence"]
    putin = [r for r in rows if r[0] == "普京"]
    assert putin and all("普京" in r[2] for r in putin)


def test_query_strongest_relations(seed_ttl):
    columns, rows = run_query(seed_ttl, (QUERIES / "strongest-relations.rq").read_text(encoding="utf-8"))
    weights = [int(r[2]) for r in rows]
    assert len(rows) == 10 and weights == sorted(weights, reverse=True)


def test_query_entities_by_type(seed_ttl, seed_graph):
    columns, rows = run_query(seed_ttl, (QUERIES / "entities-by-type.rq").read_text(encoding="utf-8"))
    counts = {r[0]: int(r[1]) for r in rows}
    assert sum(counts.values()) == seed_graph.number_of_nodes() and counts["PERSON"] >= 5
