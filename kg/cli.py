"""The ``kg`` command: a thin shell over :func:`kg.pipeline.build` and :func:`kg.query.run_query`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kg import __version__

EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph (who is connected to whom) from Chinese news articles.",
        epilog="example: kg build seeds/ -o output/   then open output/graph.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="extract entities and relations from news files and write the graph",
        description=(
            "Read .txt, .md/.markdown and .html/.htm news files (folders recursively), find people,\n"
            "organisations, places and products, resolve their names, and write graph.json, graph.ttl,\n"
            "graph.html, entities.csv and relations.csv into the output folder.\n\n"
            "Exit status: 0 when the graph was built (even if some files were skipped),\n"
            "1 when no file could be read, 2 on a usage error."
        ),
        epilog="example: kg build news/ more/article.html -o output/ --window paragraph",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    b.add_argument(
        "paths", nargs="*", default=["seeds"], metavar="PATH", help="files or folders to read (default: seeds/)"
    )
    b.add_argument("-o", "--output", default="output", metavar="DIR", help="folder for the outputs (default: output/)")
    b.add_argument(
        "--window",
        choices=["sentence", "paragraph", "document"],
        default="sentence",
        help="two entities are related when they occur in the same ... (default: sentence)",
    )
    b.add_argument(
        "--max-evidence",
        type=int,
        default=20,
        metavar="N",
        help="evidence sentences stored per relation; the weight stays exact (default: 20)",
    )
    b.add_argument(
        "--max-nodes",
        type=int,
        default=300,
        metavar="N",
        help="most connected entities drawn in graph.html; JSON/Turtle keep all (default: 300, 0: all)",
    )
    b.add_argument(
        "--max-bytes",
        type=int,
        default=50_000_000,
        metavar="N",
        help="skip files larger than this, with a message (default: 50000000)",
    )
    b.add_argument(
        "--aliases",
        action="append",
        default=[],
        metavar="FILE",
        help="extra alias CSV (same columns as kg/data/aliases.csv) for merges and '!' splits; repeatable",
    )
    b.add_argument(
        "--script",
        choices=["simplified", "traditional"],
        default="simplified",
        help="script of node labels (aliases keep the original script; default: simplified)",
    )
    b.add_argument(
        "--no-patterns",
        action="store_true",
        help="do not use kg/data/entity_patterns.jsonl (only the trained model finds entities)",
    )
    b.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="extract with N processes (default: 1); results are the same as with 1",
    )
    b.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the extraction on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'",
    )
    b.add_argument(
        "--no-cache", action="store_true", help="ignore and do not update the extraction cache (DIR/.kg-cache.sqlite)"
    )
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")

    c = sub.add_parser(
        "cache",
        help="manage the extraction cache",
        description="kg build keeps each document's extraction in DIR/.kg-cache.sqlite, keyed by the\n"
        "article's text and the pipeline, so a rebuild only processes new or changed files.",
        epilog="example: kg cache clear -o output/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("action", choices=["clear"], help="clear: delete the cache")
    c.add_argument(
        "-o", "--output", default="output", metavar="DIR", help="the build's output folder (default: output/)"
    )

    q = sub.add_parser(
        "query",
        help="run SPARQL over an exported graph.ttl",
        description="Run a SPARQL SELECT query over a Turtle file written by `kg build`.\n"
        "Prefixes kg:, ent:, doc:, rel:, schema:, prov: and skos: are predefined.",
        epilog="example: kg query output/graph.ttl 'SELECT ?label WHERE { ?e rdfs:label ?label } LIMIT 5'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    q.add_argument("ttl", metavar="GRAPH.ttl", help="Turtle file from kg build")
    q.add_argument("sparql", nargs="?", help="the query text (or use -f)")
    q.add_argument("-f", "--file", metavar="QUERY.rq", help="read the query from a file")
    q.add_argument("--format", choices=["table", "csv"], default="table", help="output format (default: table)")
    q.add_argument(
        "--store",
        choices=["rdflib", "oxigraph"],
        default="rdflib",
        help="rdflib (in memory, default) or oxigraph (on disk, for graphs of millions of triples)",
    )
    return parser


def _cmd_build(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from kg.pipeline import BuildConfig, build, summary, write_outputs

    def report(err) -> None:
        # through tqdm, so the message does not land in the middle of the progress bar
        tqdm.write(f"kg: skipped {err.path}: {err.reason}", file=sys.stderr)

    from kg.store import CACHE_NAME

    if args.jobs < 1:
        print("kg build: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    config = BuildConfig(
        window=args.window,
        max_evidence=args.max_evidence,
        max_bytes=args.max_bytes,
        aliases=args.aliases,
        script=args.script,
        patterns=not args.no_patterns,
        max_nodes=args.max_nodes,
        jobs=args.jobs,
        dask=args.dask,
        cache=None if args.no_cache else Path(args.output) / CACHE_NAME,
    )
    for path in args.paths:
        if not Path(path).exists():
            print(f"kg: skipped {path}: no such file or folder", file=sys.stderr)
    for alias_file in args.aliases:
        if not Path(alias_file).is_file():
            print(f"kg: alias file {alias_file} not found", file=sys.stderr)
            return EXIT_USAGE
    graph = build([p for p in args.paths if Path(p).exists()], config=config, progress=not args.quiet, on_error=report)
    if not graph.graph["documents"]:
        print("kg: no document could be read; nothing written", file=sys.stderr)
        return EXIT_NOTHING_READ
    written = write_outputs(graph, args.output, max_nodes=args.max_nodes)
    if not args.quiet:
        print(summary(graph))
        print(f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK


def _cmd_cache(args: argparse.Namespace) -> int:
    from kg.store import clear_cache

    removed = clear_cache(args.output)
    print(f"kg cache: {'removed' if removed else 'no cache in'} {Path(args.output)}")
    return EXIT_OK


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import QueryError, format_rows, run_query

    if bool(args.sparql) == bool(args.file):
        print("kg query: give the query text or -f FILE (one of them)", file=sys.stderr)
        return EXIT_USAGE
    try:
        sparql = Path(args.file).read_text(encoding="utf-8") if args.file else args.sparql
        columns, rows = run_query(args.ttl, sparql, store=args.store)
    except (QueryError, OSError) as err:
        print(f"kg query: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(format_rows(columns, rows, args.format))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="kg: %(message)s")
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command == "build":
        return _cmd_build(args)
    if args.command == "query":
        return _cmd_query(args)
    if args.command == "cache":
        return _cmd_cache(args)
    parser.print_help()
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
