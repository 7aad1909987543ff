"""One name found in a document: the record every extraction step reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)  # hundreds of thousands are held at once
class Mention:
    text: str  # surface form exactly as in the document
    label: str
    start: int  # character offsets in the document text
    end: int
    sentence: int  # index into Extraction.sentences
    titles: list[str] = field(default_factory=list)
    bracketed: str | None = None  # a Latin name, or an organisation's short name, in brackets after it
