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
from .textcheck import control_problems
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

    root = Path(root) if root is not None else default_data_dir()
    if not root.is_dir():
        raise CorpusError([f"{root}: data directory not found (give --data DIR or set BRIEFGEN_DATA)"])
    return cached_corpus(root, parse_corpus)


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
    leads = _load_leads(root / "briefs.yaml", facts, problems)
    if problems:
        raise CorpusError(problems)
    corpus = Corpus(facts=facts, conflicts=conflicts, origin=origin, leads=leads, **reference)
    problems.extend(cross_check(corpus, located, conflict_places))
    if problems:
        raise CorpusError(problems)
    return corpus


LEAD_SIZE = (3, 6)


def _load_leads(file: Path, facts: dict[str, Fact], problems: list[str]) -> dict[str, list[str]]:
    """Curator-pinned leads (briefs.yaml `leads:`): 3-6 known fact ids per brief subject."""
    if not file.exists():
        return {}
    try:
        doc = load_yaml(file)
    except BriefgenError as exc:
        problems.append(str(exc))
        return {}
    raw = doc.data.get("leads") if isinstance(doc.data, dict) else None
    if not raw:
        return {}
    leads: dict[str, list[str]] = {}
    if not isinstance(raw, dict):
        problems.append(f"{doc.where(('leads',))}: expected a mapping such as 'country:KZ: [fact ids]'")
        return {}
    for key, ids in raw.items():
        if not isinstance(key, str) or key.split(":")[0] not in ("country", "theme") or not isinstance(ids, list):
            problems.append(f"{doc.where(('leads', key))}: expected 'country:CODE' or 'theme:ID' with a list of fact ids")
            continue
        if not LEAD_SIZE[0] <= len(ids) <= LEAD_SIZE[1]:
            problems.append(f"{doc.where(('leads', key))}: a lead has {LEAD_SIZE[0]}-{LEAD_SIZE[1]} points, not {len(ids)}")
        for i, fact_id in enumerate(ids):
            if fact_id not in facts:
                problems.append(f"{doc.where(('leads', key, i))}: unknown fact {fact_id!r}")
        leads[key] = [str(i) for i in ids]
    return leads


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
        controls = list(control_problems(raw, doc.where, (index,)))
        if controls:
            problems.extend(f"{message.split(': ', 1)[0]}: {_label(raw)}{message.split(': ', 1)[1]}" for message in controls)
            continue
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
