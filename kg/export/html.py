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


def network_for(graph: nx.Graph, keep: list[str]) -> Network:
    net = Network(height="100%", width="100%", cdn_resources="in_line")
    for node in keep:
        data = graph.nodes[node]
        net.add_node(node, label=data["label"], group=data["type"], value=data["mentions"],
                     color=TYPE_COLOURS.get(data["type"], OTHER_COLOUR))
    kept = set(keep)
    for a, b, data in graph.edges(data=True):
        if a in kept and b in kept:
            net.add_edge(a, b, value=data["weight"], id=f"{a}--{b}")
    net.set_options(json.dumps({
        "nodes": {"shape": "dot", "scaling": {"min": 8, "max": 40}, "font": {"size": 14, "face": "sans-serif"}},
        "edges": {"smooth": False, "color": {"inherit": False, "color": "#c8c8c8", "highlight": "#555"},
                  "scaling": {"min": 1, "max": 8}},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    }))
    return net


def render_html(graph: nx.Graph, *, max_nodes: int = DEFAULT_MAX_NODES, title: str = "kg: who is connected to whom") -> str:
    keep = select_nodes(graph, max_nodes)
    net = network_for(graph, keep)
    nodes, edges, _, _, _, options = net.get_network_data()
    kept = set(keep)
    details = {
        "nodes": {n: {k: graph.nodes[n].get(k) for k in ("label", "type", "aliases", "titles", "mentions", "docs")} for n in keep},
        "edges": {
            f"{a}--{b}": {"source": a, "target": b, "weight": d["weight"], "docs": d["docs"], "predicates": d.get("predicates", []),
                          "evidence": d["evidence"][:MAX_EVIDENCE_ON_PAGE], "evidence_total": d["weight"]}
            for a, b, d in graph.edges(data=True) if a in kept and b in kept
        },
    }
    types = sorted({graph.nodes[n]["type"] for n in keep})
    payload = {
        "nodes": nodes, "edges": edges, "options": json.loads(options), "details": details,
        "legend": [{"type": t, "colour": TYPE_COLOURS.get(t, OTHER_COLOUR)} for t in types],
        "shown": len(keep), "total": graph.number_of_nodes(),
        "edges_shown": len(edges), "edges_total": graph.number_of_edges(),
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
