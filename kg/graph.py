"""Graph: entities become nodes, co-occurrences become weighted edges with evidence."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Iterable

import networkx as nx
from ahocorasick_rs import AhoCorasick

from kg.nlp.extract import Extraction
from kg.resolve import Resolved

WINDOWS = ("sentence", "paragraph", "document")


@dataclass
class GraphSettings:
    window: str = "sentence"
    max_evidence: int = 20  # evidence sentences stored per edge; the weight stays exact


@lru_cache(maxsize=1)
def triggers() -> tuple[tuple[str, str], ...]:
    """(trigger word, predicate) rows from kg/data/triggers.csv, longest trigger first."""
    text = resources.files("kg.data").joinpath("triggers.csv").read_text(encoding="utf-8")
    rows = [
        (r["trigger"], r["predicate"])
        for r in csv.DictReader(io.StringIO(text))
        if r["trigger"] and not r["trigger"].startswith("#")
    ]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


TRAILING = 8  # characters after the later mention in which a trigger still counts ("A与B通话")


@lru_cache(maxsize=1)
def _trigger_matcher() -> tuple[AhoCorasick, list[str]]:
    predicates = dict(triggers())  # a word listed twice keeps its last predicate
    return AhoCorasick(list(predicates)), list(predicates.values())


def trigger_hits(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, predicate) of every trigger word in a sentence (one pass)."""
    matcher, predicates = _trigger_matcher()
    hits = matcher.find_matches_as_indexes(sentence, overlapping=True)
    return [(start, end, predicates[i]) for i, start, end in hits]


def _free_hits(hits: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The trigger hits not inside any mention (说 of 普京说 counts, 会 of 欧洲理事会 does not)."""
    return [h for h in hits if not any(s < h[1] and h[0] < e for s, e in spans)]


def predicates_in(
    sentence: str,
    a_spans: list[tuple[int, int]],
    b_spans: list[tuple[int, int]],
    all_spans: list[tuple[int, int]] | None = None,
    hits: list[tuple[int, int, str]] | None = None,
) -> set[str]:
    """Predicates whose trigger stands between a mention of A and one of B ("A会见B"),
    or just after the later of the two ("A与B通话"), and not inside any mention."""
    all_spans = all_spans if all_spans is not None else a_spans + b_spans
    hits = _free_hits(hits if hits is not None else trigger_hits(sentence), all_spans)
    return _predicates_between(a_spans, b_spans, hits)


def _predicates_between(
    a_spans: list[tuple[int, int]], b_spans: list[tuple[int, int]], free_hits: list[tuple[int, int, str]]
) -> set[str]:
    regions = []
    for a in a_spans:
        for b in b_spans:
            first, second = (a, b) if a <= b else (b, a)
            regions.append((first[1], second[0]))
            regions.append((second[1], second[1] + TRAILING))
    return {p for start, end, p in free_hits if any(lo <= start and end <= hi for lo, hi in regions)}


def _new_edge() -> dict:
    # the attributes of an edge as exported; docs, predicates and dates are tidied at the end
    return {"weight": 0, "docs": [], "first_date": None, "last_date": None, "predicates": set(), "evidence": []}


def build_graph(
    extractions: Iterable[Extraction], resolved: Resolved, settings: GraphSettings | None = None
) -> nx.Graph:
    """The knowledge graph as an undirected NetworkX graph (see README: graph.json)."""
    settings = settings or GraphSettings()
    if settings.window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, not {settings.window!r}")
    graph = nx.Graph()
    for ent in resolved.entities.values():
        graph.add_node(
            ent.id,
            label=ent.label,
            type=ent.type,
            aliases=sorted(ent.aliases, key=lambda a: (-ent.aliases[a], a)),
            titles=[t for t, _ in ent.titles.most_common()],
            mentions=ent.mentions,
            docs=sorted(ent.docs),
        )
    edges: dict[tuple[str, str], dict] = {}
    by_sentence_window = settings.window == "sentence"
    for ex in extractions:
        doc, date = ex.doc_id, ex.date
        units: dict[int, dict[int, dict[str, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for eid, sentence, m_start, m_end in resolved.occurrences.get(doc, []):
            if by_sentence_window:
                unit = sentence
            else:
                unit = ex.paragraphs[sentence] if settings.window == "paragraph" and ex.paragraphs else 0
            s_start = ex.sentences[sentence][0]
            units[unit][sentence][eid].append((m_start - s_start, m_end - s_start))
        for by_sentence in units.values():
            # per sentence, once: who is in it, the trigger words outside mentions (only
            # where two entities meet: no edge can use them elsewhere)
            info = {}
            for s, spans in by_sentence.items():
                start, end, text = ex.sentences[s]
                hits = trigger_hits(text) if len(spans) > 1 else None
                if hits:
                    hits = _free_hits(hits, [span for group in spans.values() for span in group])
                # one evidence record per sentence, shared by its edges (never mutated)
                evidence = {"doc": doc, "sentence": text, "start": start, "end": end}
                info[s] = (spans, hits, evidence)
            ids = sorted(set().union(*by_sentence.values()))
            single = list(by_sentence) if len(by_sentence) == 1 else None  # every pair shares it
            for a, b in combinations(ids, 2):
                edge = edges.get((a, b))
                if edge is None:
                    edge = edges[(a, b)] = _new_edge()
                if not edge["docs"] or edge["docs"][-1] != doc:  # documents come one at a time
                    edge["docs"].append(doc)
                    if date:
                        if edge["first_date"] is None or date < edge["first_date"]:
                            edge["first_date"] = date
                        if edge["last_date"] is None or date > edge["last_date"]:
                            edge["last_date"] = date
                # weight counts sentences holding both; wider windows count each unit once
                shared = single or sorted(s for s, (present, *_) in info.items() if a in present and b in present)
                edge["weight"] += len(shared) if by_sentence_window else max(1, len(shared))
                for s in shared:
                    spans, hits, evidence = info[s]
                    if hits:
                        edge["predicates"] |= _predicates_between(spans[a], spans[b], hits)
                    if len(edge["evidence"]) < settings.max_evidence:
                        edge["evidence"].append(evidence)
    for edge in edges.values():
        edge["docs"] = sorted(set(edge["docs"]))  # (two copies of one article share an id)
        edge["doc_count"] = len(edge["docs"])
        edge["predicates"] = sorted(edge["predicates"])
    graph.add_edges_from((a, b, data) for (a, b), data in edges.items())
    return graph
