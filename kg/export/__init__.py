"""Export: the graph as JSON, CSV, RDF Turtle and an offline HTML page."""

from kg.export.files import atomic_write, write_csv, write_json
from kg.export.html import write_html
from kg.export.rdf import to_rdf, write_turtle

__all__ = ["atomic_write", "write_csv", "write_json", "write_html", "to_rdf", "write_turtle"]
