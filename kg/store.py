"""The extraction cache: one record per document, keyed by its text and the pipeline.

A rebuild runs the NER only for texts it has not seen with this model and these
settings, and reads only the files whose size or modification time changed. It also
keeps each text's mentions after the corpus-wide name search, with the names used,
so that search is redone only where a changed name is written. Resolution and the
graph are always recomputed from the current input's records, so a file removed from
the input leaves the graph with it. Records are also what later stages stream over.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Iterable, Iterator

import msgpack

from kg.ingest import Document
from kg.nlp.extract import Extraction, Mention

CACHE_NAME = ".kg-cache.sqlite"


def settings_key(*parts: object) -> str:
    """A short hash of everything besides the text that shapes an extraction."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode("utf-8")).hexdigest()[:16]


SCHEMA = 4  # bumped when the layout or encoding changes; an older cache file is emptied


# msgpack decodes about three times faster than JSON, and every build decodes every
# record. Sentences compress well; mention rows hardly at all, so they are left as they are.
def _pack(obj: object) -> bytes:
    return zlib.compress(msgpack.packb(obj), 1)


def _unpack(data: bytes) -> object:
    return msgpack.unpackb(zlib.decompress(data))


def _pack_mentions(mentions: list[Mention]) -> bytes:
    return msgpack.packb([[m.text, m.label, m.start, m.end, m.sentence, m.titles, m.bracketed] for m in mentions])


def _unpack_mentions(data: bytes) -> list[Mention]:
    return [Mention(*m) for m in msgpack.unpackb(data)]


class ExtractionStore:
    """SQLite table ``extractions(key, mentions, text)``; ``path=None`` keeps it in memory.

    A record is split in two: the document's mentions (small, read by every later stage)
    and its sentences (read only where the text is needed)."""

    def __init__(self, path: str | Path | None, settings: str):
        self.path = Path(path) if path else None
        self.settings = settings
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._stats: dict[str, os.stat_result] = {}  # taken before a file is read

    @property
    def db(self) -> sqlite3.Connection:
        # Opened on first use, so a run that reads no document creates no file.
        if self._db is None:
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # check_same_thread=False: a process pool reads the input (and asks has()) from
            # its feeder thread while this thread writes results; SQLite serialises the calls.
            db = sqlite3.connect(str(self.path) if self.path else ":memory:", check_same_thread=False)
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                for table in ("extractions", "files", "propagated", "state"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute(
                "CREATE TABLE IF NOT EXISTS extractions"
                " (key TEXT PRIMARY KEY, mentions BLOB NOT NULL, text BLOB NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, settings TEXT, size INTEGER,"
                " mtime_ns INTEGER, digest TEXT, doc_id TEXT, title TEXT, date TEXT)"
            )
            # mentions after the corpus-wide name search, and which names it used
            db.execute(
                "CREATE TABLE IF NOT EXISTS propagated"
                " (key TEXT PRIMARY KEY, names TEXT NOT NULL, mentions BLOB NOT NULL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
            self._db = db
        return self._db

    @property
    def persistent(self) -> bool:
        """Whether records outlive this run (a cache file, not memory)."""
        return self.path is not None

    def _key(self, digest: str) -> str:
        return f"{digest}:{self.settings}"

    def _exists(self, digest: str) -> bool:
        return self.db.execute("SELECT 1 FROM extractions WHERE key = ?", (self._key(digest),)).fetchone() is not None

    def has(self, digest: str) -> bool:
        """Whether the text's extraction is stored (counted as a cache hit or miss)."""
        found = self._exists(digest)
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return found

    def known_file(self, path: Path, max_bytes: int) -> Document | None:
        """The document of a file seen before with the same size and modification time,
        when its extraction is stored: the file need not be read again (as make and git
        decide). It has no text; later stages read the stored record."""
        try:
            stat = path.stat()
        except OSError:
            return None
        self._stats[str(path)] = stat
        if stat.st_size > max_bytes or self.path is None or (self._db is None and not self.path.exists()):
            return None  # (and a run that reads nothing creates no cache file)
        row = self.db.execute(
            "SELECT digest, doc_id, title, date FROM files"
            " WHERE path = ? AND settings = ? AND size = ? AND mtime_ns = ?",
            (str(path), self.settings, stat.st_size, stat.st_mtime_ns),
        ).fetchone()
        if row is None or not self._exists(row[0]):
            return None
        self.hits += 1
        return Document(row[1], str(path), "", title=row[2], date=row[3], digest=row[0])

    def remember_file(self, doc: Document) -> None:
        """Note a file just read, with the size and time it had before it was read."""
        stat = self._stats.pop(doc.path, None)
        if stat is not None and self.path is not None:
            self.db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.path, self.settings, stat.st_size, stat.st_mtime_ns, doc.digest, doc.id, doc.title, doc.date),
            )

    def put(self, extraction: Extraction) -> None:
        ex = extraction
        self.db.execute(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
            (self._key(ex.digest), _pack_mentions(ex.mentions), _pack([ex.sentences, ex.paragraphs])),
        )

    def get(self, digest: str, *, text: bool = True) -> Extraction:
        """The record of one text; ``text=False`` leaves its sentences out (faster)."""
        columns = "mentions, text" if text else "mentions"
        row = self.db.execute(f"SELECT {columns} FROM extractions WHERE key = ?", (self._key(digest),)).fetchone()
        if row is None:
            raise KeyError(digest)
        mentions = _unpack_mentions(row[0])
        sentences, paragraphs = _unpack(row[1]) if text else ([], [])
        return Extraction("", "", digest, None, None, [tuple(s) for s in sentences], paragraphs, mentions)

    def stream(self, stamps: Iterable[dict], *, text: bool = True) -> Iterator[Extraction]:
        """Extractions in input order, stamped with the current file's id, path, title
        and date (the same text may have moved or been renamed)."""
        for stamp in stamps:
            ex = self.get(stamp["digest"], text=text)
            ex.doc_id, ex.path, ex.title, ex.date = stamp["doc_id"], stamp["path"], stamp["title"], stamp["date"]
            yield ex

    def propagated(self, digest: str, names: str) -> list[Mention] | None:
        """A text's mentions after the search for the corpus names identified by ``names``
        (a hash of them), if that is what was last computed for it."""
        row = self.db.execute(
            "SELECT mentions FROM propagated WHERE key = ? AND names = ?", (self._key(digest), names)
        ).fetchone()
        return _unpack_mentions(row[0]) if row else None

    def put_propagated(self, digest: str, names: str, mentions: list[Mention]) -> None:
        row = (self._key(digest), names, _pack_mentions(mentions))
        self.db.execute("INSERT OR REPLACE INTO propagated VALUES (?, ?, ?)", row)

    def renew_propagated(self, digests: Iterable[str], names: str) -> None:
        """Mark stored results as still right for the names identified by ``names``."""
        self.db.executemany("UPDATE propagated SET names = ? WHERE key = ?", ((names, self._key(d)) for d in digests))

    def state(self, name: str) -> object | None:
        """A value the last build left for the next one (with these settings)."""
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (self._key(name),)).fetchone()
        return _unpack(row[0]) if row else None

    def put_state(self, name: str, value: object) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (self._key(name), _pack(value)))

    def commit(self) -> None:
        if self._db is not None:
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None


def clear_cache(out_dir: str | Path) -> bool:
    """Delete the cache of an output folder; True if there was one."""
    path = Path(out_dir) / CACHE_NAME
    if path.exists():
        path.unlink()
        return True
    return False
