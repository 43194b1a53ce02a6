"""On-disk cache of machine translations, so a rebuild never runs a model twice.

One SQLite file (safe for concurrent builds, no server). An entry is keyed by
everything that decides the output: the model route (ids, versions and file
fingerprints), the language pair, the exact source text and the glossary
version. Entries also keep the source text and flags so they can be exported
for human review.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import BriefgenError

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    route TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_text TEXT NOT NULL,
    glossary TEXT NOT NULL,
    text TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    pivot TEXT NOT NULL,
    numbers_ok INTEGER NOT NULL,
    terms_ok INTEGER NOT NULL
)
"""


def default_cache_dir() -> Path:
    """$BRIEFGEN_CACHE_DIR, else $XDG_CACHE_HOME/briefgen/translations (~/.cache/...)."""
    if env := os.environ.get("BRIEFGEN_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefgen" / "translations"


@dataclass(frozen=True)
class CacheKey:
    route: str
    source_lang: str
    target_lang: str
    source_text: str
    glossary: str

    @property
    def digest(self) -> str:
        fields = [self.route, self.source_lang, self.target_lang, self.source_text, self.glossary]
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class CachedTranslation:
    key: CacheKey
    text: str
    engine: str
    model: str
    pivot: tuple[str, ...]
    numbers_ok: bool
    terms_ok: bool


COLUMNS = ("key", "route", "source_lang", "target_lang", "source_text", "glossary", "text", "engine", "model", "pivot",
           "numbers_ok", "terms_ok")


class TranslationCache:
    """The cache file; one that is damaged or of another layout is set aside with a warning and started afresh,
    since everything in it can be recomputed."""

    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or default_cache_dir()) / "translations.sqlite"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BriefgenError(f"{self.path.parent}: cannot create the translation cache directory "
                                f"({error.strerror}); set BRIEFGEN_CACHE_DIR to a writable one") from None
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as error:
            raise BriefgenError(f"{self.path}: cannot open the translation cache ({error}); "
                                f"set BRIEFGEN_CACHE_DIR to a writable directory") from None
        try:
            db.execute(SCHEMA)
            db.commit()
            columns = tuple(row[1] for row in db.execute("PRAGMA table_info(translations)"))
            if columns != COLUMNS:
                raise sqlite3.DatabaseError(f"unexpected columns {', '.join(columns)}")
            return db
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "readonly" in str(error):  # not damage: someone else's or the user's to fix
                db.close()
                raise BriefgenError(f"{self.path}: translation cache unusable ({error})") from None
            db.close()
            return self._rebuild(error)
        except sqlite3.DatabaseError as error:
            db.close()
            return self._rebuild(error)

    def _rebuild(self, error: Exception) -> sqlite3.Connection:
        aside = self.path.with_name(self.path.name + ".corrupt")
        print(f"warning: {self.path}: translation cache unreadable ({error}); moved to {aside.name} and "
              f"starting a new one (translations are recomputed as needed)", file=sys.stderr)
        os.replace(self.path, aside)
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path.with_name(self.path.name + suffix))
        db = sqlite3.connect(self.path, timeout=30)
        db.execute(SCHEMA)
        db.commit()
        return db

    def close(self) -> None:
        self._db.close()

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, CachedTranslation]:
        try:
            return self._get_many(keys)
        except sqlite3.DatabaseError as error:  # damaged after opening: what it held is recomputed
            self._db.close()
            self._db = self._rebuild(error)
            return {}

    def _get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, CachedTranslation]:
        by_digest = {key.digest: key for key in keys}
        found: dict[CacheKey, CachedTranslation] = {}
        digests = list(by_digest)
        for start in range(0, len(digests), 500):
            chunk = digests[start:start + 500]
            rows = self._db.execute(
                f"SELECT key, text, engine, model, pivot, numbers_ok, terms_ok FROM translations "
                f"WHERE key IN ({','.join('?' * len(chunk))})", chunk,
            )
            for digest, text, engine, model, pivot, numbers_ok, terms_ok in rows:
                key = by_digest[digest]
                entry = _entry(key, text, engine, model, pivot, numbers_ok, terms_ok)
                if entry is not None:
                    found[key] = entry
        return found

    def put_many(self, entries: Iterable[CachedTranslation]) -> None:
        rows = [
            (e.key.digest, e.key.route, e.key.source_lang, e.key.target_lang, e.key.source_text, e.key.glossary,
             e.text, e.engine, e.model, json.dumps(list(e.pivot)), int(e.numbers_ok), int(e.terms_ok))
            for e in entries
        ]
        try:
            self._put(rows)
        except sqlite3.DatabaseError as error:
            self._db.close()
            self._db = self._rebuild(error)
            self._put(rows)

    def _put(self, rows: list[tuple]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def __iter__(self) -> Iterator[CachedTranslation]:
        rows = self._db.execute(
            "SELECT route, source_lang, target_lang, source_text, glossary, text, engine, model, pivot, numbers_ok, terms_ok "
            "FROM translations ORDER BY target_lang, source_text, route"
        )
        for route, src, tgt, source_text, glossary, text, engine, model, pivot, numbers_ok, terms_ok in rows:
            entry = _entry(CacheKey(route, src, tgt, source_text, glossary), text, engine, model, pivot, numbers_ok, terms_ok)
            if entry is not None:
                yield entry


def _entry(key: CacheKey, text, engine, model, pivot, numbers_ok, terms_ok) -> CachedTranslation | None:
    """A stored row, or None for one that is damaged (it is recomputed, like any miss)."""
    try:
        route = json.loads(pivot)
        if not (isinstance(text, str) and isinstance(route, list)):
            return None
        return CachedTranslation(key, text, str(engine), str(model), tuple(map(str, route)), bool(numbers_ok), bool(terms_ok))
    except (TypeError, ValueError):
        return None
