"""Throughput, memory and incremental-rebuild figures for kg build against the bare model.

    python bench/scale.py [--data ../shared/data] [--large-chars 10000000] [--work /tmp/kg-bench]

Makes two corpora of articles from the shared corpora's sentences (People's Daily,
CLUENER, Weibo; about 1,000 characters an article, sentences drawn at random so every
article is distinct): a small one (about 0.6M characters) and a large one (10M+
characters, about 10,000 articles). For each it runs, in fresh processes:
the bare model (kg.load_pipeline() + nlp.pipe over the article texts) and `kg build
--jobs 1`, alternately for ``--rounds`` rounds (this machine's speed drifts by 10-30%
within an hour, so only a bare run and a build run next to each other compare);
`kg build --jobs 2`, and two bare-model processes side by side (what two processes
can gain here at best); then, on the large corpus, a rebuild after adding 1% new
articles. It prints wall and CPU seconds, characters/second, peak resident memory
(of the build, and while the outputs are written), and the time to write each output.
Nothing here asserts; it prints figures for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences(data: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from kg.train.corpora import read_cluener, read_peoples_daily, read_weibo

    out = [ex.text for ex in read_peoples_daily(data / "peoples_daily" / "test.bio")]
    out += [ex.text for ex in read_peoples_daily(data / "peoples_daily" / "dev.bio")]
    out += [ex.text for ex in read_cluener(data / "cluener" / "train.json")]
    out += [ex.text for ex in read_weibo(data / "weibo" / "train.conll")]
    return [s for s in out if len(s) > 5]


def make_corpus(folder: Path, pool: list[str], chars: int, seed: int, prefix: str = "a") -> int:
    """Write articles of about 1,000 characters until ``chars`` characters; return the count."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < chars:
        paragraphs, size = [], 0
        while size < 1000:
            paragraph = "".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph)
        text = f"# 第{n}篇\n\n" + "\n\n".join(paragraphs)
        (folder / f"{prefix}{n:06d}.md").write_text(text, encoding="utf-8")
        total += len(text)
        n += 1
    return n


def corpus_chars(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.md"))


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cpu_seconds() -> float:
    """User + system time of this process and its finished children (workers)."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(args: argparse.Namespace) -> None:
    """Runs in a fresh process; prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    if args.measure == "bare":
        from threadpoolctl import threadpool_limits

        import kg

        nlp = kg.load_pipeline()
        files = sorted(Path(args.corpus).glob("*.md"))[args.part :: args.parts]
        texts = (p.read_text(encoding="utf-8") for p in files)
        # the bare model on the same texts, in nlp.pipe batches (no reading, cleaning or
        # graph), on one core like kg build --jobs 1 (which keeps to one BLAS thread)
        with threadpool_limits(1, user_api="blas"):
            for _ in nlp.pipe(texts, batch_size=64):
                pass
        result = {"seconds": time.perf_counter() - start, "cpu_seconds": cpu_seconds()}
    else:
        import kg
        from kg.cli import main as kg_main
        from kg.export import write_csv, write_html, write_json, write_turtle
        from kg.pipeline import BuildConfig

        out = Path(args.out)
        config = BuildConfig(jobs=args.jobs, cache=out / ".kg-cache.sqlite")
        graph = kg.build([args.corpus], config=config)
        built = time.perf_counter() - start
        build_cpu, build_peak = cpu_seconds(), peak_mb()[0]
        stages = {}
        for name, write in (
            ("graph.json", lambda p: write_json(graph, p)),
            ("graph.ttl", lambda p: write_turtle(graph, p, graph.graph["documents"])),
            ("graph.html", lambda p: write_html(graph, p)),
            ("csv", lambda p: write_csv(graph, out / "entities.csv", out / "relations.csv")),
        ):
            t = time.perf_counter()
            write(out / name)
            stages[name] = time.perf_counter() - t
        result = {
            "seconds": time.perf_counter() - start,
            "build_seconds": built,
            "build_cpu_seconds": build_cpu,
            "build_peak_mb": build_peak,
            "writes": stages,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "cache": graph.graph["cache"],
        }
        del kg_main
    own, children = peak_mb()
    result.update(peak_mb=own, peak_child_mb=children)
    print(json.dumps(result))


def run(mode: str, corpus: Path, out: Path | None = None, jobs: int = 1) -> dict:
    cmd = [sys.executable, __file__, "--measure", mode, "--corpus", str(corpus), "--jobs", str(jobs)]
    if out:
        cmd += ["--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bare_in_parallel(corpus: Path) -> float:
    """Wall time of two bare-model processes, each on half the articles, side by side:
    the most any two-process build can gain on this machine."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--measure", "bare", "--corpus", str(corpus), "--part", str(k), "--parts", "2"],
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
        for k in (0, 1)
    ]
    for proc in procs:
        if proc.wait():
            raise RuntimeError("a bare-model process failed")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--small-chars", type=int, default=600_000)
    parser.add_argument("--large-chars", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=2, help="alternate bare and --jobs 1 runs this often")
    parser.add_argument("--measure", choices=["bare", "build"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--part", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--parts", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args)
        return
    import shutil

    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    pool = sentences(args.data)
    shutil.rmtree(args.work, ignore_errors=True)
    for name, chars, seed in (("small", args.small_chars, 1), ("large", args.large_chars, 2)):
        corpus = args.work / name
        articles = make_corpus(corpus, pool, chars, seed)
        total = corpus_chars(corpus)
        print(f"\n## {name}: {articles:,} articles, {total:,} characters")
        bares, builds = [], []
        for round_ in range(1, args.rounds + 1):
            bare = run("bare", corpus)
            out = args.work / f"out-{name}-1"
            shutil.rmtree(out, ignore_errors=True)  # a full build, not a rebuild
            build = run("build", corpus, out, 1)
            bares.append(bare["seconds"])
            builds.append(build["build_seconds"])
            print(
                f"round {round_}: bare model (load_pipeline + nlp.pipe) {bare['seconds']:.1f} s "
                f"({total / bare['seconds']:,.0f} chars/s, CPU {bare['cpu_seconds']:.1f} s, "
                f"peak {bare['peak_mb']:.0f} MB); "
                f"kg build --jobs 1 {build['build_seconds']:.1f} s ({total / build['build_seconds']:,.0f} chars/s, "
                f"CPU {build['build_cpu_seconds']:.1f} s, peak {build['build_peak_mb']:.0f} MB, "
                f"{build['peak_mb']:.0f} MB while writing): "
                f"{build['build_seconds'] / bare['seconds']:.2f}x the bare model"
            )
        print(f"kg build --jobs 1 over all rounds: {sum(builds) / sum(bares):.2f}x the bare model")
        print("  writes: " + ", ".join(f"{k} {v:.1f} s" for k, v in build["writes"].items()))
        print(f"  {build['nodes']:,} nodes, {build['edges']:,} edges")
        pair = bare_in_parallel(corpus)
        print(
            f"bare model, two processes on half the articles each, side by side: {pair:.1f} s, "
            f"{bare['seconds'] / pair:.2f}x one process (the ceiling for --jobs 2 on this machine)"
        )
        result = run("build", corpus, args.work / f"out-{name}-2", 2)
        print(
            f"kg build --jobs 2: {result['build_seconds']:.1f} s ({total / result['build_seconds']:,.0f} chars/s; "
            f"{build['build_seconds'] / result['build_seconds']:.2f}x faster than the last --jobs 1), "
            f"peak {result['build_peak_mb']:.0f} MB main + {result['peak_child_mb']:.0f} MB largest worker"
        )
        if name == "large":
            out = args.work / "out-large-1"
            added = make_corpus(corpus, pool, total // 100, seed=3, prefix="new")
            result = run("build", corpus, out, 1)
            print(
                f"rebuild after adding {added} articles (+1%): {result['build_seconds']:.1f} s "
                f"({result['build_seconds'] / build['build_seconds']:.1%} of the last full build; "
                f"cache {result['cache']}), peak {result['build_peak_mb']:.0f} MB"
            )


if __name__ == "__main__":
    main()
