"""kg's small RDF vocabulary, for what no standard vocabulary covers.

Entities use schema.org classes, provenance uses PROV-O; these terms describe
co-occurrence relations and their evidence.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "urn:kg:"
ENTITY = Namespace(BASE + "entity:")
DOC = Namespace(BASE + "doc:")
RELATION = Namespace(BASE + "relation:")
EVIDENCE = Namespace(BASE + "evidence:")


class KG(DefinedNamespace):
    """Terms of ``urn:kg:vocab#``."""

    _fail = True
    _NS = Namespace(BASE + "vocab#")

    Relation: URIRef  # an undirected co-occurrence between two entities
    Evidence: URIRef  # one sentence that supports a relation
    source: URIRef  # a relation's first entity (by id order)
    target: URIRef  # a relation's second entity
    weight: URIRef  # number of sentences in which both entities occur
    docCount: URIRef  # number of documents in which they co-occur
    firstDate: URIRef  # earliest publication date of those documents
    lastDate: URIRef  # latest publication date of those documents
    predicate: URIRef  # a relation hint read from trigger words (call, meet, aid, ...)
    evidence: URIRef  # links a relation to an Evidence node
    sentence: URIRef  # the evidence sentence text
    start: URIRef  # character offset where the sentence starts in its document
    end: URIRef  # character offset where it ends (exclusive)
    entityType: URIRef  # kg's entity type (PERSON, ORG, GPE, LOC, PRODUCT, ...)
    mentions: URIRef  # number of mentions of an entity
    title: URIRef  # a title or role seen with a person (总统, 发言人)
    nodeId: URIRef  # the entity's id in graph.json
