"""Atomic file writes, graph.json and the two CSV tables."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

import networkx as nx


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file in the same folder, then rename over ``path``.

    A run killed at any moment leaves the previous file whole and no partial file
    behind (the temporary file is removed on error; rename is atomic on POSIX)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding, newline=None if "b" in mode else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def graph_to_json(graph: nx.Graph) -> dict:
    """NetworkX node-link data (``edges`` key "links"), plus graph metadata."""
    return nx.node_link_data(graph, edges="links")


def write_json(graph: nx.Graph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        json.dump(graph_to_json(graph), fh, ensure_ascii=False, indent=1)


def write_csv(graph: nx.Graph, entities_path: str | Path, relations_path: str | Path) -> None:
    """entities.csv (one row per node) and relations.csv (one row per edge, first evidence)."""
    with atomic_write(entities_path) as fh:
        out = csv.writer(fh)
        out.writerow(["id", "label", "type", "mentions", "degree", "aliases", "titles", "docs"])
        for node, data in sorted(graph.nodes(data=True), key=lambda nd: (-nd[1]["mentions"], nd[0])):
            out.writerow(
                [
                    node,
                    data["label"],
                    data["type"],
                    data["mentions"],
                    graph.degree(node),
                    "|".join(data["aliases"]),
                    "|".join(data.get("titles", [])),
                    "|".join(data["docs"]),
                ]
            )
    with atomic_write(relations_path) as fh:
        out = csv.writer(fh)
        out.writerow(
            [
                "source",
                "source_label",
                "target",
                "target_label",
                "weight",
                "doc_count",
                "predicates",
                "first_date",
                "last_date",
                "evidence",
            ]
        )
        for a, b, data in sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1])):
            first = data["evidence"][0]["sentence"] if data["evidence"] else ""
            out.writerow(
                [
                    a,
                    graph.nodes[a]["label"],
                    b,
                    graph.nodes[b]["label"],
                    data["weight"],
                    data["doc_count"],
                    "|".join(data.get("predicates", [])),
                    data.get("first_date") or "",
                    data.get("last_date") or "",
                    first,
                ]
            )
