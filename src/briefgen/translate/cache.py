"""On-disk cache of machine translations, so a rebuild never runs a model twice.

One SQLite file (safe for concurrent builds, no server). An entry is keyed by
everything that decides the output: the model route (ids, versions and file
fingerprints), the language pair, the exact source text and the glossary
version. Entries also keep the source text and flags so they can be exported
for human review.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

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


class TranslationCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.path = (directory or default_cache_dir()) / "translations.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute(SCHEMA)
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def get_many(self, keys: Sequence[CacheKey]) -> dict[CacheKey, CachedTranslation]:
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
                found[key] = CachedTranslation(key, text, engine, model, tuple(json.loads(pivot)), bool(numbers_ok), bool(terms_ok))
        return found

    def put_many(self, entries: Iterable[CachedTranslation]) -> None:
        rows = [
            (e.key.digest, e.key.route, e.key.source_lang, e.key.target_lang, e.key.source_text, e.key.glossary,
             e.text, e.engine, e.model, json.dumps(list(e.pivot)), int(e.numbers_ok), int(e.terms_ok))
            for e in entries
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def __iter__(self) -> Iterator[CachedTranslation]:
        rows = self._db.execute(
            "SELECT route, source_lang, target_lang, source_text, glossary, text, engine, model, pivot, numbers_ok, terms_ok "
            "FROM translations ORDER BY target_lang, source_text, route"
        )
        for route, src, tgt, source_text, glossary, text, engine, model, pivot, numbers_ok, terms_ok in rows:
            key = CacheKey(route, src, tgt, source_text, glossary)
            yield CachedTranslation(key, text, engine, model, tuple(json.loads(pivot)), bool(numbers_ok), bool(terms_ok))
