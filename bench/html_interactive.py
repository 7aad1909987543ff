"""How long a large graph.html takes to become interactive in headless Chromium.

    python bench/html_interactive.py [--nodes 2000] [--edges-per-node 3]

Builds a synthetic graph (random Chinese-looking labels, preferential attachment, as
in news graphs), writes graph.html with every node shown, and times, in headless
Chromium, from navigation until the page reports the layout settled (window.kgReady).
Needs Debian's chromium and chromium-driver and the selenium package.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.export.html import write_html

SYLLABLES = "马斯克普京习近平拜登科林卡尔泽连斯基布林肯奥斯汀佩洛西北约联合国美国俄罗斯乌克兰中国法国德国英国日本"
TYPES = ["PERSON", "ORG", "GPE", "LOC", "PRODUCT"]


def synthetic_graph(nodes: int, per_node: int, seed: int = 1) -> nx.Graph:
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(nodes, per_node, seed=seed)
    graph = nx.Graph()
    for n in base.nodes:
        label = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        graph.add_node(
            f"n{n}",
            label=label,
            type=rng.choice(TYPES),
            aliases=[label],
            titles=[],
            mentions=rng.randint(1, 50),
            docs=["d1"],
        )
    for a, b in base.edges:
        graph.add_edge(
            f"n{a}",
            f"n{b}",
            weight=rng.randint(1, 10),
            docs=["d1"],
            doc_count=1,
            predicates=[],
            evidence=[{"doc": "d1", "sentence": "某句子。", "start": 0, "end": 4}],
        )
    return graph


def time_to_interactive(path: Path, timeout: float = 120) -> tuple[float, int]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        start = time.perf_counter()
        driver.get(path.as_uri())
        while not driver.execute_script("return window.kgReady === true"):
            if time.perf_counter() - start > timeout:
                raise TimeoutError("page did not settle")
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        drawn = driver.execute_script("return window.kgNetwork.body.data.nodes.length")
    finally:
        driver.quit()
    return elapsed, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges-per-node", type=int, default=3)
    args = parser.parse_args()
    graph = synthetic_graph(args.nodes, args.edges_per_node)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        start = time.perf_counter()
        write_html(graph, path, max_nodes=0)
        written = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        seconds, drawn = time_to_interactive(path)
    print(
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges: "
        f"page written in {written:.2f} s, {size_mb:.1f} MB"
    )
    print(f"headless Chromium: interactive after {seconds:.2f} s with {drawn} nodes drawn")


if __name__ == "__main__":
    main()
