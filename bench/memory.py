"""Resident memory of one `kg build --jobs 1` at each stage boundary.

    python bench/memory.py CORPUS [--out DIR]      # e.g. a corpus made by bench/scale.py

Prints, after imports, after the extraction (with the peak so far), and before and after
the corpus name search, resolution and the graph: seconds since start, the resident set
size and its peak (VmRSS / VmHWM from /proc). A fresh DIR (default: a temporary folder)
makes it a full build; run it again on the same DIR to see a rebuild from the cache.
Nothing here asserts; it prints figures for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> tuple[int, int]:
    """(current, peak) resident set size of this process, in MB."""
    status = Path("/proc/self/status").read_text()
    return tuple(int(re.search(rf"{key}:\s+(\d+)", status).group(1)) // 1024 for key in ("VmRSS", "VmHWM"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, help="output folder holding the cache (default: a fresh temporary one)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()

    def mark(stage: str) -> None:
        now, peak = rss_mb()
        print(f"{time.perf_counter() - start:8.1f} s  {now:6,} MB now  {peak:6,} MB peak  {stage}", flush=True)

    import kg
    import kg.pipeline
    from kg.pipeline import BuildConfig

    mark("imports done")

    # kg.build calls these module functions in order; wrapping them marks the stage edges
    def wrap(name: str, before: str, after: str | None = None) -> None:
        original = getattr(kg.pipeline, name)

        def wrapped(*a, **k):
            mark(before)
            result = original(*a, **k)
            if after:
                mark(after)
            return result

        setattr(kg.pipeline, name, wrapped)

    wrap("load_alias_table", "extraction done")  # the first call after the extraction
    for name, stage in (("corpus_names", "corpus name search"), ("resolve", "resolution"), ("build_graph", "graph")):
        wrap(name, f"{stage} starts", f"{stage} done")
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-memory-"))
    kg.build([args.corpus], config=BuildConfig(jobs=1, cache=out / ".kg-cache.sqlite"))
    mark("build returned")


if __name__ == "__main__":
    main()
