"""SPARQL over an exported Turtle file."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from kg.export.rdf import PREFIXES  # kg:, ent:, doc:, rel:, ev:, schema:, prov:, skos:, rdfs:, xsd:


class QueryError(Exception):
    """A SPARQL query or Turtle file that cannot be used; the message says why."""


def run_query(ttl: str | Path, sparql: str, store: str = "rdflib") -> tuple[list[str], list[list[str]]]:
    """Column names and rows (as text) of a SELECT query; kg's prefixes are predefined.

    ``store="oxigraph"`` loads the Turtle once into an on-disk Oxigraph store beside it
    (GRAPH.ttl.oxigraph/, rebuilt when the Turtle is newer) instead of rdflib's memory."""
    if store == "oxigraph":
        return _run_oxigraph(Path(ttl), sparql)
    graph = Graph()
    try:
        graph.parse(str(ttl), format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise QueryError(f"{ttl}: cannot load Turtle: {err}") from None
    try:
        result = graph.query(sparql, initNs=PREFIXES)
    except Exception as err:  # rdflib raises pyparsing errors for bad SPARQL
        raise QueryError(f"bad SPARQL: {err}") from None
    if result.type != "SELECT":
        raise QueryError("only SELECT queries print a table")
    columns = [str(v) for v in result.vars]
    rows = [["" if value is None else str(value) for value in row] for row in result]
    return columns, rows


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int = 80) -> str:
    text = text.replace("\n", " ")
    while _width(text) > limit:
        text = text[:-2] + "…"
    return text


def format_rows(columns: list[str], rows: list[list[str]], fmt: str = "table") -> str:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(rows)
        return buf.getvalue()
    cells = [[_clip(c) for c in row] for row in [columns] + rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(columns))]

    def line(row: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip()

    out = [line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _run_oxigraph(ttl: Path, sparql: str) -> tuple[list[str], list[list[str]]]:
    try:
        import pyoxigraph as ox
    except ImportError as err:  # optional dependency
        raise QueryError("--store oxigraph needs pyoxigraph: pip install 'kg[oxigraph]'") from err
    folder = ttl.with_name(ttl.name + ".oxigraph")
    stamp = folder / "loaded-from-mtime"
    if not ttl.is_file():
        raise QueryError(f"{ttl}: no such file")
    fresh = stamp.is_file() and stamp.read_text() == str(ttl.stat().st_mtime_ns)
    if not fresh and folder.exists():
        import shutil

        shutil.rmtree(folder)
    store = ox.Store(str(folder))
    if not fresh:
        try:
            store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError, ValueError) as err:
            raise QueryError(f"{ttl}: cannot load Turtle: {err}") from None
        store.flush()
        stamp.write_text(str(ttl.stat().st_mtime_ns))
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in {**PREFIXES, "rdf": RDF}.items())
    try:
        result = store.query(header + sparql)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"bad SPARQL: {err}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries print a table")
    columns = [str(v).lstrip("?") for v in result.variables]
    rows = [["" if row[v] is None else row[v].value for v in result.variables] for row in result]
    return columns, rows
