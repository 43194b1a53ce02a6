"""Reviewed translations: machine output a person checked, kept as curated text.

They live in the data tree next to the facts, one file per language
(briefs/reviewed/<lang>.yaml), so they are versioned and diffed like any
curated text. An entry is keyed by the fact ids and a hash of the source text
it translates: when a curator edits the source, the old review no longer
matches and the fact falls back to machine translation until reviewed again.

Round trip: `briefgen translate export` writes a review file (source, machine
output, flags, an editable `text` and `reviewed: false`); `briefgen translate
import` moves the entries marked `reviewed: true` into the store.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import InputError
from ..facts.yamlfile import load_yaml
from ..render.output import atomic_output

STORE_HEADER = (
    "# Reviewed translations: machine output checked by a person; briefs print them as curated text.\n"
    "# Keyed by fact ids and the sha256 of the source text (first 16 hex digits). Written by\n"
    "# `briefgen translate import`; editing `text` by hand is fine, the key fields must stay.\n"
)
REVIEW_HEADER = (
    "# Machine translations for review. For each entry: correct `text`, then set `reviewed: true`.\n"
    "# Import with: briefgen translate import {path}\n"
)


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class ReviewedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    facts: list[str] = Field(min_length=1)
    source_lang: str
    source_sha256: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: str
    text: str = Field(min_length=1)

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        return tuple(self.facts), self.source_sha256


class ReviewItem(ReviewedEntry):
    """One entry of an export file: a reviewed entry plus what the machine said."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    machine: str
    model: str
    numbers_ok: bool
    terms_ok: bool
    reviewed: bool = False

    def accepted(self) -> ReviewedEntry:
        return ReviewedEntry(facts=self.facts, source_lang=self.source_lang, source_sha256=self.source_sha256,
                             source=self.source, text=self.text.strip())


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lang: str
    entries: list[ReviewItem]


class ReviewedStore:
    """briefs/reviewed/<lang>.yaml files, read once per language."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._entries: dict[str, dict[tuple[tuple[str, ...], str], ReviewedEntry]] = {}

    def file(self, lang: str) -> Path:
        return self.directory / f"{lang}.yaml"

    def entries(self, lang: str) -> dict[tuple[tuple[str, ...], str], ReviewedEntry]:
        if lang not in self._entries:
            path = self.file(lang)
            self._entries[lang] = {e.key: e for e in _read_list(path, ReviewedEntry)} if path.exists() else {}
        return self._entries[lang]

    def lookup(self, lang: str, facts: Iterable[str], source: str) -> ReviewedEntry | None:
        return self.entries(lang).get((tuple(facts), source_hash(source)))

    def merge(self, lang: str, new: Iterable[ReviewedEntry]) -> int:
        """Add or replace entries and rewrite the file; returns how many entries were written."""
        entries = dict(self.entries(lang))
        count = 0
        for entry in new:
            entries[entry.key] = entry
            count += 1
        ordered = [entries[k].model_dump() for k in sorted(entries)]
        with atomic_output(self.file(lang)) as handle:
            handle.write((STORE_HEADER + _dump(ordered)).encode("utf-8"))
        self._entries[lang] = entries
        return count


def write_review_file(path: Path, lang: str, items: list[ReviewItem]) -> None:
    body = _dump(ReviewFile(lang=lang, entries=items).model_dump())
    with atomic_output(path) as handle:
        handle.write((REVIEW_HEADER.format(path=path) + body).encode("utf-8"))


def read_review_file(path: Path) -> ReviewFile:
    doc = load_yaml(path)
    try:
        return ReviewFile.model_validate(doc.data)
    except ValidationError as error:
        first = error.errors()[0]
        raise InputError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}", where=doc.where(first["loc"])) from None


def _read_list(path: Path, model: type[ReviewedEntry]) -> list[ReviewedEntry]:
    doc = load_yaml(path)
    if doc.data is None:
        return []
    if not isinstance(doc.data, list):
        raise InputError("expected a list of reviewed entries", where=doc.where(()))
    entries = []
    for index, raw in enumerate(doc.data):
        try:
            entries.append(model.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            raise InputError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}",
                             where=doc.where((index, *first["loc"]))) from None
    return entries


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
