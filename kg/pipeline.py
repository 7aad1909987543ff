"""The whole pipeline as one library call: files -> documents -> mentions -> entities -> graph."""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import networkx as nx
from spacy.language import Language
from tqdm import tqdm

from kg import __version__
from kg.aliases import AliasTable, load_alias_table
from kg.engines import ExtractSettings, run_dask, run_pool, run_serial
from kg.export import write_csv, write_html, write_json, write_turtle
from kg.export.html import DEFAULT_MAX_NODES
from kg.graph import GraphSettings, build_graph
from kg.ingest import DEFAULT_MAX_BYTES, Document, IngestError, discover, iter_documents
from kg.nlp.extract import EXTRACTION_VERSION, Extraction
from kg.nlp.normalize import normalize
from kg.nlp.propagate import NameIndex, propagate_corpus_names, sentence_text
from kg.resolve import resolve
from kg.store import ExtractionStore, settings_key

OUTPUT_FILES = ("graph.json", "graph.ttl", "graph.html", "entities.csv", "relations.csv")


@dataclass
class BuildConfig:
    """Every setting of a build; the CLI fills it from its options."""

    window: str = "sentence"
    max_evidence: int = 20
    max_bytes: int = DEFAULT_MAX_BYTES
    aliases: Sequence[str | Path] = ()
    script: str = "simplified"
    patterns: bool = True
    batch_size: int = 64
    max_nodes: int = DEFAULT_MAX_NODES
    jobs: int = 1
    jobs_engine: str = "pool"  # "pool": kg's process pool; "spacy": nlp.pipe(n_process=jobs)
    dask: str | None = None  # scheduler address, or "local"
    cache: str | Path | None = None  # SQLite file for extractions; None: in memory, for this run only


def pipeline_settings(config: BuildConfig) -> str:
    """What, besides the text, decides an extraction: kg's version, the model, the data files."""
    model = resources.files("kg").joinpath("model", "meta.json")
    data = resources.files("kg.data")
    return settings_key(
        __version__,
        EXTRACTION_VERSION,
        model.read_text(encoding="utf-8") if model.is_file() else "",
        config.patterns,
        data.joinpath("entity_patterns.jsonl").read_text(encoding="utf-8"),
        data.joinpath("titles.txt").read_text(encoding="utf-8"),
    )


def corpus_names(extractions: Iterable[Extraction], aliases: AliasTable, min_count: int = 2) -> dict[str, str]:
    """Names of two or more characters that the model found in the corpus (people once,
    other names at least ``min_count`` times), with their most frequent label: they are
    looked for in every article. The alias table, where it knows a name, gives its type."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for ex in extractions:
        for m in ex.mentions:
            if len(m.text) >= 2:
                votes[m.text][m.label] += 1
    names = {}
    for name, c in votes.items():
        label = aliases.types.get(normalize(name)) or c.most_common(1)[0][0]
        if sum(c.values()) >= (1 if label == "PERSON" and " " not in name else min_count):
            names[name] = label
    return names


# Past this many new, dropped or retyped corpus names, every article is searched again.
MAX_NAME_CHANGES = 2000


def propagate_names(light: list[Extraction], store: ExtractionStore, names: dict[str, str]) -> None:
    """Find the corpus's names in every article (``light`` gets the new mentions).

    Incremental: an article's result is stored, and reused while no name that changed
    since the last build (new, dropped, or of another type) is written in it; its text
    is read from the store only to check that, or to search it again."""
    if not light:
        return  # (and an empty run leaves no cache file behind)
    before = store.state("corpus_names")
    before = before if isinstance(before, dict) else {}
    changed = [n for n in names.keys() | before.keys() if names.get(n) != before.get(n)]
    reuse = bool(before) and len(changed) <= MAX_NAME_CHANGES
    old_id, new_id = settings_key(sorted(before.items())), settings_key(sorted(names.items()))
    index = NameIndex(names)
    renewed = []
    for ex in light:
        # only a result computed with the last build's names can be carried over
        cached = store.propagated(ex.digest, old_id) if reuse else None
        full = text = None
        if cached is not None and changed:
            full = store.get(ex.digest)
            text = sentence_text(full)
            if any(n in text for n in changed):
                cached = None
        if cached is not None:
            ex.mentions = cached
            renewed.append(ex.digest)
            continue
        ex.mentions = propagate_corpus_names(full or store.get(ex.digest), index, text).mentions
        if store.persistent:
            store.put_propagated(ex.digest, new_id, ex.mentions)
    if store.persistent:
        store.renew_propagated(renewed, new_id)
        store.put_state("corpus_names", names)
        store.commit()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the later stages allocate millions of small,
    long-lived objects, and its full passes over a heap that size took about 40% of
    their time. Reference counting still frees them; a cycle waits for the next pass."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(
    paths: Iterable[str | Path] = ("seeds",),
    *,
    config: BuildConfig | None = None,
    nlp: Language | None = None,
    progress: bool = False,
    on_error: Callable[[IngestError], None] | None = None,
) -> nx.Graph:
    """Build the knowledge graph of the news files under ``paths``.

    Returns a NetworkX graph (nodes and edges as documented in the README); its
    ``graph`` attributes hold ``documents`` (id -> path, title, date), ``skipped``
    (files that could not be read, with the reason) and ``cache`` (documents whose
    extraction was reused / computed). Bad files never stop a build.

    Documents stream through: NER results go to an extraction store (SQLite) and the
    later stages read them back one by one, so memory holds the graph and the mentions,
    not the text.
    """
    config = config or BuildConfig()
    files = list(discover(Path(p) for p in paths))
    bar = tqdm(total=len(files), unit="doc", desc="kg build", disable=not progress, leave=False)
    skipped: list[IngestError] = []

    def skip(err: IngestError) -> None:
        skipped.append(err)
        bar.update(1)
        if on_error:
            on_error(err)

    store = ExtractionStore(config.cache, pipeline_settings(config))
    stamps: list[dict] = []

    def new_documents() -> Iterator[Document]:
        known = partial(store.known_file, max_bytes=config.max_bytes)
        for doc in iter_documents(files, max_bytes=config.max_bytes, on_error=skip, known=known):
            stamps.append(
                {"digest": doc.digest, "doc_id": doc.id, "path": doc.path, "title": doc.title, "date": doc.date}
            )
            if not doc.text:  # an unchanged file the cache knows: not even read
                bar.update(1)
                continue
            store.remember_file(doc)
            if store.has(doc.digest):
                bar.update(1)
            else:
                yield doc

    settings = ExtractSettings(patterns=config.patterns, batch_size=config.batch_size)
    pending = new_documents()
    first = next(pending, None)  # none: no model to load, no workers or cluster to start
    docs = chain([first], pending)
    if first is None:
        extracted: Iterable[Extraction] = ()
    elif config.dask:
        extracted = run_dask(docs, settings, config.dask)
    elif config.jobs > 1 and config.jobs_engine == "pool":
        extracted = run_pool(docs, settings, config.jobs)
    else:
        extracted = run_serial(docs, settings, nlp, n_process=config.jobs)
    try:
        for ex in extracted:
            store.put(ex)
            bar.update(1)
        store.commit()
        bar.close()
        aliases = load_alias_table(config.aliases)
        with gc_paused():
            # Mentions stay in memory (resolution needs them all); sentences are read
            # from the store where they are needed, one document at a time.
            light = list(store.stream(stamps, text=False))
            propagate_names(light, store, corpus_names(light, aliases))
            keep_ids = store.persistent and bool(light)  # (an empty run opens no cache file)
            ids = (store.state("entity_ids") if keep_ids else None) or {}
            resolved = resolve(light, aliases, script=config.script, ids=ids)
            if keep_ids:
                store.put_state("entity_ids", ids)
            del light
            # the graph reads mentions from `resolved`; the store supplies sentences and dates
            graph = build_graph(
                store.stream(stamps), resolved, GraphSettings(window=config.window, max_evidence=config.max_evidence)
            )
    finally:
        store.close()
    graph.graph["documents"] = {
        s["doc_id"]: {"path": s["path"], "title": s["title"], "date": s["date"]} for s in stamps
    }
    graph.graph["skipped"] = [{"path": str(e.path), "reason": e.reason} for e in skipped]
    graph.graph["cache"] = {"reused": store.hits, "extracted": store.misses}
    return graph


def write_outputs(graph: nx.Graph, out_dir: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES) -> list[Path]:
    """Write every output file atomically into ``out_dir``; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_json(graph, out / "graph.json")
    write_turtle(graph, out / "graph.ttl", graph.graph.get("documents"))
    write_html(graph, out / "graph.html", max_nodes=max_nodes)
    write_csv(graph, out / "entities.csv", out / "relations.csv")
    return [out / name for name in OUTPUT_FILES]


def summary(graph: nx.Graph, top: int = 10) -> str:
    """A few lines for the terminal: documents, entities by type, relations, hubs."""
    docs = graph.graph.get("documents", {})
    skipped = graph.graph.get("skipped", [])
    types = Counter(d["type"] for _, d in graph.nodes(data=True))
    hubs = sorted(graph.nodes, key=lambda n: (-graph.degree(n, weight="weight"), n))[:top]
    cache = graph.graph.get("cache", {})
    reused = f" ({cache['reused']} from the cache)" if cache.get("reused") else ""
    lines = [
        f"documents: {len(docs)} read{reused}, {len(skipped)} skipped",
        f"entities: {graph.number_of_nodes()} ({', '.join(f'{t} {c}' for t, c in types.most_common())})",
        f"relations: {graph.number_of_edges()}",
        "most connected: " + ", ".join(f"{graph.nodes[n]['label']} ({graph.degree(n)})" for n in hubs),
    ]
    return "\n".join(lines)
