"""Parallel, distributed and incremental builds give the same graph as a plain one."""

from __future__ import annotations

import json
import weakref
from pathlib import Path

import networkx as nx
import pytest

import kg
import kg.engines
import kg.ingest
import kg.pipeline
from kg.nlp.lexicon import lexicon
from kg.pipeline import BuildConfig
from kg.query import run_query

ARTICLES = [
    "美国总统拜登与乌克兰总统泽连斯基通话，宣布再提供10亿美元军事援助。",
    "俄罗斯总统普京会见中国国家主席习近平。两人在北京签署了多项协议。",
    "马斯克表示，SpaceX将继续在乌克兰提供星链服务。美国国防部与SpaceX签订合同。",
    "北约秘书长斯托尔滕贝格在布鲁塞尔批评俄罗斯。法国总统马克龙支持乌克兰。",
    "日本首相岸田文雄访问美国，与拜登会谈。",
    "联合国秘书长古特雷斯呼吁俄罗斯和乌克兰停火。",
]


def corpus(folder: Path, texts=ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"article{i}.txt").write_text(text * 2, encoding="utf-8")
    return folder


def canonical(graph: nx.Graph) -> str:
    data = nx.node_link_data(graph, edges="links")
    data["graph"].pop("cache", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("news"))


@pytest.fixture(scope="module")
def serial(news, nlp) -> nx.Graph:
    return kg.build([news], nlp=nlp)


@pytest.mark.slow
def test_scale_process_pool_matches_one_process(news, serial):
    assert canonical(kg.build([news], config=BuildConfig(jobs=2))) == canonical(serial)


def test_scale_build_lets_go_of_a_model_it_loaded(news, serial, monkeypatch):
    loaded, held_at_resolution = [], []

    def load(**kwargs):
        nlp = kg.load_pipeline(**kwargs)
        loaded.append(weakref.ref(nlp))
        return nlp

    def resolve(*args, **kwargs):
        held_at_resolution.append(loaded[0]() is not None or lexicon.cache_info().currsize > 0)
        return original_resolve(*args, **kwargs)

    original_resolve = kg.pipeline.resolve
    monkeypatch.setattr(kg.engines, "load_pipeline", load)
    monkeypatch.setattr(kg.pipeline, "resolve", resolve)
    assert canonical(kg.build([news])) == canonical(serial)
    assert len(loaded) == 1 and held_at_resolution == [False]


def test_scale_extraction_keeps_to_one_blas_thread(news, serial, monkeypatch):
    from threadpoolctl import threadpool_info

    def blas_threads() -> set[int]:
        return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}

    during = []
    original = kg.engines.extract_documents

    def extract(*args, **kwargs):
        for record in original(*args, **kwargs):
            during.append(blas_threads())
            yield record

    monkeypatch.setattr(kg.engines, "extract_documents", extract)
    before = blas_threads()
    assert canonical(kg.build([news])) == canonical(serial)
    assert during and all(threads == {1} for threads in during)
    assert blas_threads() == before  # the caller's setting comes back afterwards


@pytest.mark.slow
def test_scale_spacy_n_process_matches_one_process(news, serial):
    assert canonical(kg.build([news], config=BuildConfig(jobs=2, jobs_engine="spacy"))) == canonical(serial)


@pytest.mark.slow
def test_scale_dask_local_cluster_matches_one_process(news, serial):
    pytest.importorskip("dask.distributed")
    assert canonical(kg.build([news], config=BuildConfig(dask="local"))) == canonical(serial)


def test_scale_incremental_rebuild_processes_only_new_files(tmp_path: Path, nlp, serial):
    news = corpus(tmp_path / "news", ARTICLES[:5])
    cache = tmp_path / "out" / ".kg-cache.sqlite"
    first = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert first.graph["cache"] == {"reused": 0, "extracted": 5}
    corpus(tmp_path / "news", ARTICLES)  # one new article
    second = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert second.graph["cache"] == {"reused": 5, "extracted": 1}
    # same result as a build without any cache
    assert canonical(second) == canonical(kg.build([news], nlp=nlp))
    # removing a file removes its contribution
    (news / "article5.txt").unlink()
    third = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert third.graph["cache"] == {"reused": 5, "extracted": 0}
    assert canonical(third) == canonical(first)


def test_scale_cache_clear_and_no_cache(tmp_path: Path):
    from kg.cli import main

    news = corpus(tmp_path / "news", ARTICLES[:2])
    out = tmp_path / "out"
    assert main(["build", str(news), "-o", str(out), "-q"]) == 0
    assert (out / ".kg-cache.sqlite").exists()
    assert main(["cache", "clear", "-o", str(out)]) == 0
    assert not (out / ".kg-cache.sqlite").exists()
    assert main(["build", str(news), "-o", str(out), "-q", "--no-cache"]) == 0
    assert not (out / ".kg-cache.sqlite").exists()


def test_scale_oxigraph_store_answers_like_rdflib(tmp_path: Path, serial):
    pytest.importorskip("pyoxigraph")
    from kg.export import write_turtle

    ttl = tmp_path / "graph.ttl"
    write_turtle(serial, ttl, serial.graph["documents"])
    query = "SELECT ?label ?type WHERE { ?e rdfs:label ?label ; kg:entityType ?type } ORDER BY ?label"
    assert run_query(ttl, query, store="oxigraph") == run_query(ttl, query)
    assert (tmp_path / "graph.ttl.oxigraph").is_dir()


def test_scale_rebuild_reads_only_changed_files(tmp_path: Path, nlp, monkeypatch):
    news = corpus(tmp_path / "news", ARTICLES[:3])
    cache = tmp_path / "out" / ".kg-cache.sqlite"
    kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    read = []
    real_read = kg.ingest.read_document
    monkeypatch.setattr(kg.ingest, "read_document", lambda path, **kw: read.append(path.name) or real_read(path, **kw))
    again = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert read == [] and again.graph["cache"] == {"reused": 3, "extracted": 0}
    # an edited file (new size and time) is read again, and the graph follows its new text
    (news / "article2.txt").write_text(ARTICLES[4], encoding="utf-8")
    edited = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert read == ["article2.txt"] and edited.graph["cache"] == {"reused": 2, "extracted": 1}
    assert canonical(edited) == canonical(kg.build([news], nlp=nlp))
    assert "岸田文雄" in {d["label"] for _, d in edited.nodes(data=True)}


def test_scale_cache_of_an_older_layout_is_replaced(tmp_path: Path, nlp):
    import sqlite3

    cache = tmp_path / ".kg-cache.sqlite"
    with sqlite3.connect(cache) as db:  # the first release's table
        db.execute("CREATE TABLE extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute("INSERT INTO extractions VALUES ('x', x'00')")
    news = corpus(tmp_path / "news")
    graph = kg.build([news], config=BuildConfig(cache=cache), nlp=nlp)
    assert graph.graph["cache"] == {"reused": 0, "extracted": len(ARTICLES)}
    assert canonical(graph) == canonical(kg.build([news], nlp=nlp))


def test_scale_corpus_names_are_searched_again_only_where_a_changed_name_is_written(tmp_path: Path):
    from kg.nlp.extract import Extraction, Mention
    from kg.pipeline import propagate_names
    from kg.store import ExtractionStore

    def records() -> list[Extraction]:
        a = Extraction("a", "a.txt", "da", None, None, [(0, 5, "马斯克说。"), (5, 9, "普京说。")], [0, 0], [])
        a.mentions = [Mention("马斯克", "PERSON", 0, 3, 0)]
        b = Extraction("b", "b.txt", "db", None, None, [(0, 7, "普京访问北京。")], [0], [])
        b.mentions = [Mention("普京", "PERSON", 0, 2, 0)]
        return [a, b]

    store = ExtractionStore(tmp_path / "cache.sqlite", "settings")
    for ex in records():
        store.put(ex)
    stamps = [
        {"digest": ex.digest, "doc_id": ex.doc_id, "path": ex.path, "title": None, "date": None} for ex in records()
    ]

    def run(names: dict[str, str]) -> list[list[tuple]]:
        light = list(store.stream(stamps, text=False))
        propagate_names(light, store, names)
        return [[(m.text, m.label, m.start) for m in ex.mentions] for ex in light]

    assert run({"马斯克": "PERSON"}) == [[("马斯克", "PERSON", 0)], [("普京", "PERSON", 0)]]
    # 普京 is new to the corpus names and written in article a: a is searched again
    assert run({"马斯克": "PERSON", "普京": "PERSON"}) == [
        [("马斯克", "PERSON", 0), ("普京", "PERSON", 5)],
        [("普京", "PERSON", 0)],
    ]
    # a name that is dropped takes its added mentions with it
    assert run({"马斯克": "PERSON"}) == [[("马斯克", "PERSON", 0)], [("普京", "PERSON", 0)]]
    # retyped: the stored result of a is not reused
    assert run({"马斯克": "PERSON", "普京": "GPE"})[0][1] == ("普京", "GPE", 5)
    # a result left from an older build (a was not in the input when 普京 came back)
    # is not taken for one made with the last build's names
    assert run({"马斯克": "PERSON"}) == [[("马斯克", "PERSON", 0)], [("普京", "PERSON", 0)]]
    light_b = list(store.stream(stamps[1:], text=False))
    propagate_names(light_b, store, {"马斯克": "PERSON", "普京": "PERSON"})
    assert run({"马斯克": "PERSON", "普京": "PERSON"})[0] == [("马斯克", "PERSON", 0), ("普京", "PERSON", 5)]


def test_scale_corpus_name_search_after_extraction_equals_one_search_of_everything():
    from kg.nlp.extract import Mention
    from kg.nlp.propagate import NameIndex, propagate

    text = "马斯克说。马斯克和普京通话，普京说马斯克。"
    sentences = [(0, 5, text[0:5]), (5, len(text), text[5:])]
    starts = [0, 5]
    model = [Mention("马斯克", "PERSON", 0, 3, 0)]  # the model missed the later ones
    corpus = NameIndex({"普京": "PERSON", "马斯克": "PERSON", "通话": "EVENT"})
    in_article = propagate(text, sentences, starts, list(model))  # what the extraction stores
    assert [m.start for m in in_article] == [0, 5, 17]
    # the corpus pass skips the article's own names, which the extraction already placed
    later = propagate(text, sentences, starts, in_article, corpus, own=False)
    once = propagate(text, sentences, starts, list(model), corpus)
    assert [(m.text, m.start, m.sentence) for m in later] == [(m.text, m.start, m.sentence) for m in once]
    assert [m.text for m in later] == ["马斯克", "马斯克", "普京", "通话", "普京", "马斯克"]
