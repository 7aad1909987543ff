"""Ingest: find news files, decode them, and turn HTML/Markdown/plain text into clean text.

Every problem with one file raises :class:`IngestError` naming the file and the
reason; :func:`iter_documents` reports it and goes on with the rest of the corpus.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 50_000_000

_DROP_TAGS = "script, style, noscript, template, iframe, svg, canvas, object, embed, head"
_PAGE_CHROME = "nav, footer, aside, form, [role=navigation], [role=contentinfo], [role=complementary]"
_BLOCK_TAGS = (
    "p, div, br, li, ul, ol, h1, h2, h3, h4, h5, h6, tr, table, section, article, header, "
    "footer, blockquote, pre, figure, figcaption, hr, dd, dt, aside, nav, main, title"
)
_HTML_HINT = re.compile(r"</?(?:p|div|span|br|img|strong|b|a|html|body|article|section|h[1-6]|table|li)\b[^>]*>", re.I)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_EPOCH_MS = re.compile(r"^\s*(1\d{12})\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_UNDERSCORE_EM = re.compile(r"(?<![A-Za-z0-9])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_TERMINATORS = "。！？!?；;：:…”」』）)】"
_DATE_PATTERNS = (
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), ("y", "m", "d")),
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("d", "m", "y")),
)


class IngestError(Exception):
    """A file that cannot be read as a news article; the message says why."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class Document:
    """One article: clean text plus what we know about it."""

    id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date
    meta: dict = field(default_factory=dict)
    # sha256 of the text; given (with no text) for a file the extraction cache already knows
    digest: str = ""

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def discover(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files with a known suffix under each path (recursively), in a stable order.
    A path given explicitly is yielded whatever its suffix, so the user hears about it."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield path


def decode(data: bytes, path: Path) -> str:
    """Bytes to text. BOMs first, then strict UTF-8, then charset-normalizer's best guess."""
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as err:
                raise IngestError(path, f"undecodable bytes after a {codec} byte-order mark ({err.reason})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise IngestError(path, "binary or undecodable content (no text encoding fits)")
    text = data.decode(best.encoding, errors="replace")
    sample = text[:100_000]
    if sample and sum(map(_plausible, sample)) < 0.85 * len(sample):
        raise IngestError(path, f"binary or undecodable content (read as {best.encoding} it is not text)")
    return text


def _plausible(ch: str) -> bool:
    """Characters news text is made of: printable ASCII, whitespace, CJK and its
    punctuation, full-width forms, general punctuation, accented Latin."""
    code = ord(ch)
    return (
        32 <= code < 127
        or ch in "\t\n\r\f"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
        or 0xC0 <= code <= 0x24F
        or code in (0xB7, 0xA0, 0x2022, 0x2219, 0x30FB)
    )


def _epoch_date(comment: str) -> str | None:
    match = _EPOCH_MS.match(comment)
    if not match:
        return None
    stamp = datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc)
    return stamp.date().isoformat()


def find_date(text: str) -> str | None:
    """The first plausible calendar date near the top of an article, as ISO 8601."""
    head = text[:600]
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(head):
            parts = dict(zip(order, map(int, match.groups())))
            try:
                found.append((match.start(), datetime(parts["y"], parts["m"], parts["d"]).date().isoformat()))
            except ValueError:
                continue
    return min(found)[1] if found else None


def _inside_article(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "article":
            return True
        parent = parent.parent
    return False


def html_to_text(markup: str) -> tuple[str, dict]:
    """Visible text of an HTML page or fragment; blocks become line breaks."""
    tree = LexborHTMLParser(markup)
    meta: dict = {}
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        meta["title"] = title.text(strip=True)
    for selector in (
        'meta[property="article:published_time"]',
        'meta[name="pubdate"]',
        'meta[name="date"]',
        "time[datetime]",
    ):
        node = tree.css_first(selector)
        if node is not None:
            value = node.attributes.get("content") or node.attributes.get("datetime")
            if value and find_date(value):
                meta["date"] = find_date(value)
                break
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    # a site's menus, related links and footer are no part of the article; a byline in the
    # article's own <footer> is
    for node in tree.css(_PAGE_CHROME):
        if node.tag == "nav" or not _inside_article(node):
            node.decompose()
    body = tree.body or tree.root
    if body is None:
        return "", meta
    for node in body.css(_BLOCK_TAGS):
        node.insert_before("\n")
        node.insert_after("\n")
    return body.text(separator=""), meta


def markdown_to_text(text: str) -> tuple[str, dict]:
    """Markdown syntax off, words on: images and URLs go, link text stays."""
    meta: dict = {}
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_DEF.sub("", text)
    lines = []
    for line in text.split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            if "title" not in meta and heading.group(1):
                meta["title"] = heading.group(1)
            line = heading.group(1)
        elif _MD_RULE.match(line):
            line = ""
        else:
            line = _MD_LIST.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_UNDERSCORE_EM.sub(r"\1", line)
        lines.append(line.replace("**", ""))
    return "\n".join(lines), meta


def rejoin_lines(text: str) -> str:
    """Undo hard wraps: a single line break inside a paragraph joins the two lines
    (``Space`` + newline + ``X`` becomes ``SpaceX``); blank lines stay paragraph breaks."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        out = lines[0]
        for line in lines[1:]:
            if out[-1] in _TERMINATORS or len(out) < 40 and not re.search(f"[{_CJK}A-Za-z]$", out):
                out += "\n" + line
            elif re.match(r"[A-Za-z0-9]", line[0]) and re.search(r"[A-Za-z0-9]$", out):
                # Both sides Latin: in Chinese news a wrap inside a Latin run is
                # almost always a broken word, not a broken phrase.
                out += line
            else:
                out += line
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def clean_text(raw: str, kind: str) -> tuple[str, dict]:
    """Clean text and metadata (title, date) from raw file content of one kind."""
    meta: dict = {}
    for comment in _COMMENT.findall(raw):
        date = _epoch_date(comment)
        if date:
            meta.setdefault("date", date)
    raw = _COMMENT.sub("", raw).replace("\r\n", "\n").replace("\r", "\n")
    if kind == "html" or _HTML_HINT.search(raw):
        # Markdown first: mixed files (HTML fragments inside Markdown) exist.
        if kind != "html":
            raw, md_meta = markdown_to_text(raw)
            meta = {**md_meta, **meta}
        raw, html_meta = html_to_text(raw)
        meta = {**html_meta, **meta}
    if kind != "html":
        raw, md_meta = markdown_to_text(raw)
        meta = {**md_meta, **meta}
    raw = _BARE_URL.sub("", raw)
    text = rejoin_lines(raw.replace("\u00a0", " ").replace("\u3000", " "))
    if "title" not in meta and text:
        first = text.split("\n", 1)[0].strip()
        if len(first) <= 100:
            meta["title"] = first
    if "date" not in meta:
        date = find_date(text)
        if date:
            meta["date"] = date
    return text, meta


def document_id(path: Path, text: str) -> str:
    """A stable, IRI-safe id: the file's stem plus a hash of its clean text, so the
    same article keeps its id on any machine and under any folder."""
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", path.stem).strip("-")[:40] or "doc"
    return f"{stem}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a :class:`Document`, or raise :class:`IngestError`."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; kg reads {', '.join(sorted(SUFFIXES))}"
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(path, f"{size:,} bytes is over --max-bytes {max_bytes:,}; skipped")
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(path, f"cannot read: {err.strerror or err}") from None
    raw = decode(data, path)
    try:
        text, meta = clean_text(raw, kind)
    except Exception as err:  # a parser bug on hostile input must not end the run
        raise IngestError(path, f"cannot parse {kind}: {err}") from None
    if not text.strip():
        raise IngestError(path, "no text left after removing markup")
    return Document(
        id=document_id(path, text),
        path=str(path),
        text=text,
        title=meta.get("title"),
        date=meta.get("date"),
    )


def iter_documents(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Callable[[IngestError], None] | None = None,
    known: Callable[[Path], Document | None] | None = None,
) -> Iterator[Document]:
    """Documents from files and folders; a bad file, or an exact copy of one already
    read, goes to ``on_error`` and is skipped. ``known`` may answer for a file without
    reading it (a cache that has seen this file unchanged): its document has no text."""
    seen: dict[str, Path] = {}
    for path in discover(paths):
        try:
            doc = (known(path) if known else None) or read_document(path, max_bytes=max_bytes)
            if doc.digest in seen:
                raise IngestError(path, f"same text as {seen[doc.digest]}; counted once")
            seen[doc.digest] = path
            yield doc
        except IngestError as err:
            if on_error is None:
                log.warning("%s", err)
            else:
                on_error(err)
