"""Read the corpus from briefs/: reference data, facts and conflicts.

Every problem is collected with its file and line, so a curator sees all of
them in one run instead of fixing one error per invocation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import BriefgenError
from ..resources import working
from .model import Conflict, Corpus, Country, Event, Fact, Person, Source, Theme
from .yamlfile import LocatedData, load_yaml
from .validate import cross_check

M = TypeVar("M", bound=BaseModel)

REFERENCE_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "countries": (Country, "code"),
    "themes": (Theme, "id"),
    "events": (Event, "id"),
    "people": (Person, "id"),
    "sources": (Source, "file"),
}
CONFLICTS_FILE = "conflicts.yaml"


class CorpusError(BriefgenError):
    """One or more problems in the curated data, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def default_data_dir() -> Path:
    """briefs/ of the working directory, else the bundled one, overridable by BRIEFGEN_DATA."""
    return working("briefs", "BRIEFGEN_DATA", "reference")


def load_corpus(root: Path | None = None) -> Corpus:
    """The corpus under `root`, from the parsed-corpus cache when no file changed (see corpuscache.py)."""
    from .corpuscache import cached_corpus

    return cached_corpus(Path(root) if root is not None else default_data_dir(), parse_corpus)


def parse_corpus(root: Path) -> Corpus:
    problems: list[str] = []
    reference = {
        name: _load_list(root / "reference" / f"{name}.yaml", model, key, problems)
        for name, (model, key) in REFERENCE_FILES.items()
    }
    facts: dict[str, Fact] = {}
    origin: dict[str, str] = {}
    located: dict[str, tuple[LocatedData, int]] = {}
    fact_files = sorted(p for p in (root / "facts").glob("*.yaml") if p.name != CONFLICTS_FILE)
    if not fact_files:
        problems.append(f"{root / 'facts'}: no fact files (*.yaml)")
    for file in fact_files:
        for index, fact, doc in _iter_valid(file, Fact, problems):
            if fact.id in facts:
                problems.append(f"{doc.where((index, 'id'))}: duplicate fact id {fact.id!r} (first at {origin[fact.id]})")
                continue
            facts[fact.id] = fact
            origin[fact.id] = doc.where((index,))
            located[fact.id] = (doc, index)
    conflicts: dict[str, Conflict] = {}
    conflict_places: dict[str, tuple[LocatedData, int]] = {}
    conflicts_file = root / "facts" / CONFLICTS_FILE
    if conflicts_file.exists():
        for index, conflict, doc in _iter_valid(conflicts_file, Conflict, problems):
            if conflict.id in conflicts:
                problems.append(f"{doc.where((index, 'id'))}: duplicate conflict id {conflict.id!r}")
                continue
            conflicts[conflict.id] = conflict
            conflict_places[conflict.id] = (doc, index)
    if problems:
        raise CorpusError(problems)
    corpus = Corpus(facts=facts, conflicts=conflicts, origin=origin, **reference)
    problems.extend(cross_check(corpus, located, conflict_places))
    if problems:
        raise CorpusError(problems)
    return corpus


def _load_list(file: Path, model: type[M], key: str, problems: list[str]) -> dict[str, M]:
    items: dict[str, M] = {}
    for index, item, doc in _iter_valid(file, model, problems):
        ident = getattr(item, key)
        if ident in items:
            problems.append(f"{doc.where((index, key))}: duplicate {key} {ident!r}")
        items[ident] = item
    return items


def _iter_valid(file: Path, model: type[M], problems: list[str]):
    try:
        doc = load_yaml(file)
    except BriefgenError as exc:
        problems.append(str(exc))
        return
    if not isinstance(doc.data, list):
        problems.append(f"{doc.where(())}: expected a list of entries")
        return
    for index, raw in enumerate(doc.data):
        try:
            yield index, model.model_validate(raw), doc
        except ValidationError as exc:
            label = _label(raw)
            for error in exc.errors():
                problems.append(f"{doc.where((index, *error['loc']))}: {label}{_describe(error)}")


def _label(raw: Any) -> str:
    if isinstance(raw, dict):
        for key in ("id", "code", "file"):
            if key in raw:
                return f"{raw[key]}: "
    return ""


def _describe(error: dict[str, Any]) -> str:
    field = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return f"unknown field {field!r}"
    if error["type"] == "missing":
        return f"missing field {field!r}"
    return f"{field}: {message}" if field else message
