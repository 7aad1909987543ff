"""The whole pipeline as one library call: files -> documents -> mentions -> entities -> graph."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import networkx as nx
from spacy.language import Language
from tqdm import tqdm

from kg.export import write_csv, write_html, write_json, write_turtle
from kg.export.html import DEFAULT_MAX_NODES
from kg.graph import GraphSettings, build_graph
from kg.ingest import DEFAULT_MAX_BYTES, IngestError, discover, iter_documents
from kg.nlp.extract import Extraction, extract_documents, load_pipeline
from kg.resolve import load_alias_table, resolve

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
    batch_size: int = 256
    max_nodes: int = DEFAULT_MAX_NODES


@dataclass
class BuildReport:
    read: int = 0
    skipped: list[IngestError] = field(default_factory=list)


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
    ``graph`` attributes hold ``documents`` (id -> path, title, date) and ``skipped``
    (files that could not be read, with the reason). Bad files never stop a build.
    """
    config = config or BuildConfig()
    nlp = nlp or load_pipeline(patterns=config.patterns)
    paths = [Path(p) for p in paths]
    report = BuildReport()

    def skip(err: IngestError) -> None:
        report.skipped.append(err)
        bar.update(1)
        if on_error:
            on_error(err)

    files = list(discover(paths))
    bar = tqdm(total=len(files), unit="doc", desc="kg build", disable=not progress, leave=False)
    docs = iter_documents(files, max_bytes=config.max_bytes, on_error=skip)

    def counted(stream: Iterable[Extraction]) -> Iterable[Extraction]:
        for ex in stream:
            report.read += 1
            bar.update(1)
            yield ex

    extractions = list(counted(extract_documents(docs, nlp, batch_size=config.batch_size)))
    bar.close()
    resolved = resolve(extractions, load_alias_table(config.aliases), script=config.script)
    graph = build_graph(extractions, resolved, GraphSettings(window=config.window, max_evidence=config.max_evidence))
    graph.graph["documents"] = {ex.doc_id: {"path": ex.path, "title": ex.title, "date": ex.date} for ex in extractions}
    graph.graph["skipped"] = [{"path": str(e.path), "reason": e.reason} for e in report.skipped]
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
    lines = [
        f"documents: {len(docs)} read, {len(skipped)} skipped",
        f"entities: {graph.number_of_nodes()} ({', '.join(f'{t} {c}' for t, c in types.most_common())})",
        f"relations: {graph.number_of_edges()}",
        "most connected: " + ", ".join(f"{graph.nodes[n]['label']} ({graph.degree(n)})" for n in hubs),
    ]
    return "\n".join(lines)
