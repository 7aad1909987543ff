"""The extraction cache: one record per document, keyed by its text and the pipeline.

A rebuild reads each article again (cheap) but runs the NER only for texts it has
not seen with this model and these settings. The graph is always rebuilt from the
current input's records, so a file removed from the input leaves the graph with it.
Records are also what later stages stream over, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from kg.nlp.extract import Extraction

CACHE_NAME = ".kg-cache.sqlite"


def settings_key(*parts: object) -> str:
    """A short hash of everything besides the text that shapes an extraction."""
    return hashlib.sha256(json.dumps([str(p) for p in parts]).encode("utf-8")).hexdigest()[:16]


class ExtractionStore:
    """SQLite table ``extractions(key, data)``; ``path=None`` keeps it in memory."""

    def __init__(self, path: str | Path | None, settings: str):
        self.path = Path(path) if path else None
        self.settings = settings
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    @property
    def db(self) -> sqlite3.Connection:
        # Opened on first use, so a run that reads no document creates no file.
        if self._db is None:
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # check_same_thread=False: a process pool reads the input (and asks has()) from
            # its feeder thread while this thread writes results; SQLite serialises the calls.
            self._db = sqlite3.connect(str(self.path) if self.path else ":memory:", check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        return self._db

    def _key(self, digest: str) -> str:
        return f"{digest}:{self.settings}"

    def has(self, digest: str) -> bool:
        found = self.db.execute("SELECT 1 FROM extractions WHERE key = ?", (self._key(digest),)).fetchone() is not None
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return found

    def put(self, extraction: Extraction) -> None:
        data = zlib.compress(json.dumps(extraction.to_dict(), ensure_ascii=False).encode("utf-8"))
        self.db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?)", (self._key(extraction.digest), data))

    def get(self, digest: str) -> Extraction:
        row = self.db.execute("SELECT data FROM extractions WHERE key = ?", (self._key(digest),)).fetchone()
        if row is None:
            raise KeyError(digest)
        return Extraction.from_dict(json.loads(zlib.decompress(row[0])))

    def stream(self, stamps: Iterable[dict]) -> Iterator[Extraction]:
        """Extractions in input order, re-stamped with the current file's id, path,
        title and date (the same text may have moved or been renamed)."""
        for stamp in stamps:
            ex = self.get(stamp["digest"])
            ex.doc_id, ex.path, ex.title, ex.date = stamp["doc_id"], stamp["path"], stamp["title"], stamp["date"]
            yield ex

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
