"""The graph as RDF: schema.org types, PROV-O provenance, kg's vocabulary for relations."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO

from kg.export.files import atomic_write
from kg.export.namespace import DOC, ENTITY, EVIDENCE, KG, RELATION

SCHEMA_TYPES = {
    "PERSON": SDO.Person,
    "ORG": SDO.Organization,
    "GPE": SDO.Place,
    "LOC": SDO.Place,
    "FAC": SDO.Place,
    "PRODUCT": SDO.Product,
    "EVENT": SDO.Event,
    "NORP": SDO.Thing,
    "WORK_OF_ART": SDO.CreativeWork,
}
_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=100_000)  # an evidence sentence is tagged once, not once per relation it backs
def language_tag(text: str) -> str | None:
    """zh-Hans / zh-Hant for Chinese (by OpenCC round trip), en for Latin, none otherwise."""
    if _HAN.search(text):
        from kg.nlp.normalize import T2S  # spaCy loads with it; only needed here for Chinese

        return "zh-Hans" if T2S.convert(text) == text else "zh-Hant"
    if text.isascii() and re.search("[A-Za-z]", text):
        return "en"
    return None


PREFIXES = {
    "schema": SDO,
    "prov": PROV,
    "skos": SKOS,
    "rdfs": RDFS,
    "xsd": XSD,
    "kg": KG._NS,
    "ent": ENTITY,
    "doc": DOC,
    "rel": RELATION,
    "ev": EVIDENCE,
}


def _literal(text: str) -> Literal:
    return Literal(text, lang=language_tag(text))


def triples(graph: nx.Graph, documents: dict[str, dict] | None = None) -> Iterator[tuple]:
    """Every triple of the graph, grouped by subject (what :func:`write_turtle` streams)."""
    for node, data in graph.nodes(data=True):
        iri = ENTITY[node]
        yield iri, RDF.type, SCHEMA_TYPES.get(data["type"], SDO.Thing)
        yield iri, KG.entityType, Literal(data["type"])
        yield iri, KG.nodeId, Literal(node)
        yield iri, RDFS.label, _literal(data["label"])
        for alias in data["aliases"]:
            yield iri, SKOS.altLabel, _literal(alias)
        for title in data.get("titles", []):
            yield iri, KG.title, _literal(title)
        yield iri, KG.mentions, Literal(data["mentions"], datatype=XSD.integer)
        for doc in data["docs"]:
            yield iri, PROV.wasDerivedFrom, DOC[doc]
    for doc, meta in (documents or {}).items():
        iri = DOC[doc]
        yield iri, RDF.type, SDO.NewsArticle
        yield iri, RDF.type, PROV.Entity
        if meta.get("title"):
            yield iri, SDO.headline, _literal(meta["title"])
        if meta.get("date"):
            yield iri, SDO.datePublished, Literal(meta["date"], datatype=XSD.date)
        if meta.get("path"):
            yield iri, SDO.url, Literal(meta["path"])
    for a, b, data in graph.edges(data=True):
        a, b = sorted((a, b))
        rel = RELATION[f"{a}--{b}"]
        yield rel, RDF.type, KG.Relation
        yield rel, KG.source, ENTITY[a]
        yield rel, KG.target, ENTITY[b]
        yield rel, KG.weight, Literal(data["weight"], datatype=XSD.integer)
        yield rel, KG.docCount, Literal(data["doc_count"], datatype=XSD.integer)
        for doc in data["docs"]:
            yield rel, PROV.wasDerivedFrom, DOC[doc]
        for key, term in (("first_date", KG.firstDate), ("last_date", KG.lastDate)):
            if data.get(key):
                yield rel, term, Literal(data[key], datatype=XSD.date)
        for predicate in data.get("predicates", []):
            yield rel, KG.predicate, Literal(predicate)
        for i in range(len(data["evidence"])):
            yield rel, KG.evidence, EVIDENCE[f"{a}--{b}-{i}"]
        for i, ev in enumerate(data["evidence"]):
            node = EVIDENCE[f"{a}--{b}-{i}"]
            yield node, RDF.type, KG.Evidence
            yield node, KG.sentence, _literal(ev["sentence"])
            yield node, KG.start, Literal(ev["start"], datatype=XSD.integer)
            yield node, KG.end, Literal(ev["end"], datatype=XSD.integer)
            yield node, PROV.wasDerivedFrom, DOC[ev["doc"]]


def to_rdf(graph: nx.Graph, documents: dict[str, dict] | None = None) -> Graph:
    """An rdflib Graph holding every node, edge and evidence sentence of ``graph``."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for triple in triples(graph, documents):
        g.add(triple)
    return g


_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


class _TurtleTerms:
    """Turtle text of a term, cached for IRIs. Plain strings, integers, dates and kg's
    IRIs (whose local names kg makes IRI-safe) are written directly: rdflib's ``n3``
    costs about 30 microseconds a term, minutes on a large graph. Anything else goes
    through ``n3``. tests/test_export.py checks the output against rdflib's graph."""

    def __init__(self, nsm):
        self.nsm = nsm
        self.namespaces = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
        self.cache: dict[URIRef, str] = {}

    def __call__(self, term) -> str:
        if isinstance(term, URIRef):
            text = self.cache.get(term)
            if text is None:
                text = self.cache[term] = self._iri(term)
            return text
        if isinstance(term, Literal):
            if term.datatype == XSD.integer:
                return str(int(term))
            quoted = '"' + str(term).translate(_ESCAPES) + '"'
            if term.language:
                return f"{quoted}@{term.language}"
            if term.datatype == XSD.date:
                return f"{quoted}^^xsd:date"
            if term.datatype is None:
                return quoted
        return term.n3(self.nsm)

    def _iri(self, iri: URIRef) -> str:
        for ns, prefix in self.namespaces:
            if iri.startswith(ns) and _LOCAL_NAME.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri.n3(self.nsm)


def write_turtle(graph: nx.Graph, path: str | Path, documents: dict[str, dict] | None = None) -> None:
    """Stream the graph as Turtle, one subject block at a time.

    rdflib's Turtle serializer first loads and sorts the whole graph, which takes
    minutes and gigabytes for a large corpus."""
    term = _TurtleTerms(to_rdf(nx.Graph()).namespace_manager)
    with atomic_write(path) as fh:
        for prefix, ns in PREFIXES.items():
            fh.write(f"@prefix {prefix}: <{ns}> .\n")
        subject = None
        for s, p, o in triples(graph, documents):
            verb = "a" if p == RDF.type else term(p)
            if s != subject:
                if subject is not None:
                    fh.write(" .\n")
                fh.write(f"\n{term(s)}\n    {verb} {term(o)}")
                subject = s
            else:
                fh.write(f" ;\n    {verb} {term(o)}")
        if subject is not None:
            fh.write(" .\n")


def from_rdf(g: Graph) -> nx.Graph:
    """Rebuild the NetworkX graph from its RDF form (the inverse of :func:`to_rdf`;
    aliases, titles and docs come back in sorted order, evidence in its stored order)."""
    graph = nx.Graph()
    for iri in g.subjects(KG.nodeId, None):
        node = str(g.value(iri, KG.nodeId))
        graph.add_node(
            node,
            label=str(g.value(iri, RDFS.label)),
            type=str(g.value(iri, KG.entityType)),
            aliases=sorted(str(a) for a in g.objects(iri, SKOS.altLabel)),
            titles=sorted(str(t) for t in g.objects(iri, KG.title)),
            mentions=int(g.value(iri, KG.mentions)),
            docs=sorted(str(d).removeprefix(str(DOC)) for d in g.objects(iri, PROV.wasDerivedFrom)),
        )
    entity_prefix = str(ENTITY)
    for rel in g.subjects(RDF.type, KG.Relation):
        a = str(g.value(rel, KG.source)).removeprefix(entity_prefix)
        b = str(g.value(rel, KG.target)).removeprefix(entity_prefix)
        evidence = []
        for ev in g.objects(rel, KG.evidence):
            evidence.append(
                (
                    int(str(ev).rsplit("-", 1)[1]),
                    {
                        "doc": str(g.value(ev, PROV.wasDerivedFrom)).removeprefix(str(DOC)),
                        "sentence": str(g.value(ev, KG.sentence)),
                        "start": int(g.value(ev, KG.start)),
                        "end": int(g.value(ev, KG.end)),
                    },
                )
            )
        first, last = g.value(rel, KG.firstDate), g.value(rel, KG.lastDate)
        docs = sorted({e["doc"] for _, e in evidence})
        graph.add_edge(
            a,
            b,
            weight=int(g.value(rel, KG.weight)),
            doc_count=int(g.value(rel, KG.docCount)),
            docs=sorted(str(d).removeprefix(str(DOC)) for d in g.objects(rel, PROV.wasDerivedFrom)) or docs,
            first_date=str(first) if first is not None else None,
            last_date=str(last) if last is not None else None,
            predicates=sorted(str(p) for p in g.objects(rel, KG.predicate)),
            evidence=[e for _, e in sorted(evidence, key=lambda pair: pair[0])],
        )
    return graph
