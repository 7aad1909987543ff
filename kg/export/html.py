"""The graph as one self-contained, offline HTML page.

pyvis builds the vis-network nodes, edges and options; kg owns the page template,
because pyvis's own still links bootstrap from a CDN, writes a ``lib/`` folder
and escapes Chinese labels. vis-network's script and stylesheet (shipped inside
the pyvis package) are inlined. Article text is untrusted: the data travels as
JSON inside a non-executable script tag and the page only ever sets textContent.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from kg.export.files import atomic_write

TYPE_COLOURS = {
    "PERSON": "#e15759",
    "ORG": "#4e79a7",
    "GPE": "#59a14f",
    "LOC": "#8cd17d",
    "FAC": "#b6992d",
    "PRODUCT": "#f28e2b",
    "NORP": "#b07aa1",
    "EVENT": "#ff9da7",
    "WORK_OF_ART": "#9c755f",
}
OTHER_COLOUR = "#bab0ac"
DEFAULT_MAX_NODES = 300
MAX_EVIDENCE_ON_PAGE = 10


def _vis_asset(name: str) -> str:
    return resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")


def _script_json(data) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def select_nodes(graph: nx.Graph, max_nodes: int) -> list[str]:
    """The most connected nodes (degree, then mentions), at most ``max_nodes``."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n, weight="weight"), -graph.nodes[n]["mentions"], n))
    return ranked[:max_nodes] if max_nodes > 0 else ranked


BROWSER_LAYOUT_MAX = 500  # above this many nodes the layout is computed here, not in the page


def stabilisation_iterations(nodes: int) -> int:
    """Fewer layout iterations for bigger pages, so any page settles within seconds."""
    return max(60, min(300, 60_000 // max(nodes, 1)))


def force_layout(
    graph: nx.Graph, nodes: list[str], iterations: int = 60, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions, vectorised with numpy (float32).

    vis-network needs about 0.15 s per physics step on 2,000 nodes in the browser and
    networkx's layouts take tens of seconds at that size, so big pages arrive laid out."""
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32)
    edges = np.array([(index[a], index[b]) for a, b in graph.subgraph(nodes).edges], dtype=np.int64).reshape(-1, 2)
    k = np.float32(1.0 / np.sqrt(n))
    temperature = np.float32(0.1)
    for _ in range(iterations):
        disp = np.empty_like(pos)
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        force = k * k / (dx * dx + dy * dy + np.float32(1e-6))
        disp[:, 0] = (dx * force).sum(1)
        disp[:, 1] = (dy * force).sum(1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.sqrt((d**2).sum(-1, keepdims=True)) + np.float32(1e-3)
            pull = d * length / k
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        step = np.sqrt((disp**2).sum(-1, keepdims=True)) + np.float32(1e-6)
        pos += disp / step * np.minimum(step, temperature)
        temperature *= np.float32(0.95)
    pos -= pos.mean(0)
    pos *= np.float32(60 * np.sqrt(n)) / (np.abs(pos).max() + np.float32(1e-6))
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, pos)}


def network_for(graph: nx.Graph, keep: list[str]) -> Network:
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    positions = force_layout(graph, keep) if len(keep) > BROWSER_LAYOUT_MAX else {}
    for node in keep:
        data = graph.nodes[node]
        extra = {"x": positions[node][0], "y": positions[node][1], "physics": False} if positions else {}
        # no vis "group": group styles would override the type colours of the legend
        net.add_node(
            node,
            label=data["label"],
            kgType=data["type"],
            value=data["mentions"],
            color=TYPE_COLOURS.get(data["type"], OTHER_COLOUR),
            **extra,
        )
    kept = set(keep)
    # pyvis's add_edge scans every edge so far for duplicates (quadratic); a
    # networkx graph has none, so its edge records are appended directly.
    net.edges.extend(
        {"from": a, "to": b, "value": data["weight"], "id": f"{a}--{b}"}
        for a, b, data in graph.edges(data=True)
        if a in kept and b in kept
    )
    net.set_options(
        json.dumps(
            {
                "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 40}, "font": {"size": 14, "face": "sans-serif"}},
                "edges": {
                    "smooth": False,
                    "color": {"inherit": False, "color": "#c8c8c8", "highlight": "#555"},
                    "scaling": {"min": 1, "max": 8},
                },
                # vis-network's "improved layout" (Kamada-Kawai seeding) takes minutes on a few
                # thousand nodes; Barnes-Hut with a capped stabilisation settles in seconds,
                # then the page switches physics off.
                "layout": {"improvedLayout": False, "randomSeed": 7},
                "physics": {
                    "solver": "barnesHut",
                    "barnesHut": {
                        "gravitationalConstant": -8000,
                        "springLength": 140,
                        "springConstant": 0.04,
                        "damping": 0.3,
                        "avoidOverlap": 0.2,
                    },
                    "enabled": len(keep) <= BROWSER_LAYOUT_MAX,
                    "stabilization": {
                        "enabled": True,
                        "iterations": stabilisation_iterations(len(keep)),
                        "updateInterval": 25,
                        "fit": True,
                    },
                },
                "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
            }
        )
    )
    return net


def render_html(
    graph: nx.Graph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str = "kg: who is connected to whom"
) -> str:
    keep = select_nodes(graph, max_nodes)
    net = network_for(graph, keep)
    nodes, edges, _, _, _, options = net.get_network_data()
    kept = set(keep)
    details = {
        "nodes": {
            n: {k: graph.nodes[n].get(k) for k in ("label", "type", "aliases", "titles", "mentions", "docs")}
            for n in keep
        },
        "edges": {
            f"{a}--{b}": {
                "source": a,
                "target": b,
                "weight": d["weight"],
                "docs": d["docs"],
                "predicates": d.get("predicates", []),
                "evidence": d["evidence"][:MAX_EVIDENCE_ON_PAGE],
                "evidence_total": d["weight"],
            }
            for a, b, d in graph.edges(data=True)
            if a in kept and b in kept
        },
    }
    types = sorted({graph.nodes[n]["type"] for n in keep})
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "details": details,
        "legend": [{"type": t, "colour": TYPE_COLOURS.get(t, OTHER_COLOUR)} for t in types],
        "shown": len(keep),
        "total": graph.number_of_nodes(),
        "edges_shown": len(edges),
        "edges_total": graph.number_of_edges(),
    }
    template = resources.files("kg.export").joinpath("templates", "graph.html").read_text(encoding="utf-8")
    return (
        template.replace("/*VIS_CSS*/", _vis_asset("vis-network.css"))
        .replace("/*VIS_JS*/", _vis_asset("vis-network.min.js").replace("</script", "<\\/script"))
        .replace("/*KG_DATA*/", _script_json(payload))
        .replace("<!--KG_TITLE-->", title.replace("&", "&amp;").replace("<", "&lt;"))
    )


def write_html(graph: nx.Graph, path: str | Path, *, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    html = render_html(graph, max_nodes=max_nodes)
    with atomic_write(path) as fh:
        fh.write(html)
