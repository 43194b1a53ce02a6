"""What the translation stage needs from a machine-translation engine, and routing.

An engine knows its installed models (one language pair each) and translates
a batch of texts with one of them. Everything else (glossary, numbers, cache,
reviewed text, pivoting) lives in the stage, so engines stay small and tests
can wrap one to count model calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

from ..errors import TranslationUnavailable


@dataclass(frozen=True)
class ModelInfo:
    """One installed model: a direct translation from `source` to `target`."""

    id: str
    source: str
    target: str
    version: str
    fingerprint: str
    """Changes when the installed files change; part of the cache key."""
    path: Path | None = None


class Engine(Protocol):
    name: str

    def models(self) -> Sequence[ModelInfo]: ...

    def translate(self, model: ModelInfo, texts: Sequence[str]) -> list[str]: ...


Route = tuple[ModelInfo, ...]


def find_route(models: Sequence[ModelInfo], source: str, target: str, pivots: Sequence[str] = ("en",)) -> Route | None:
    """A direct model, else two models through a pivot language (listed pivots first)."""
    by_pair = {(m.source, m.target): m for m in sorted(models, key=lambda m: version_key(m.version))}
    if (source, target) in by_pair:
        return (by_pair[source, target],)
    languages = [*pivots, *sorted({m.target for m in models} - set(pivots))]
    for pivot in languages:
        if (source, pivot) in by_pair and (pivot, target) in by_pair:
            return by_pair[source, pivot], by_pair[pivot, target]
    return None


def version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """Orders "1.10" after "1.9"; non-numeric parts sort after numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.replace("-", ".").split("."))


def unavailable(models: Sequence[ModelInfo], source: str, target: str, pivot: str = "en") -> TranslationUnavailable:
    """A one-line error naming the model to install for source → target."""
    pairs = {(m.source, m.target) for m in models}
    missing = (source, target)
    if source != pivot and target != pivot:
        if (source, pivot) in pairs:
            missing = (pivot, target)
        elif (pivot, target) in pairs:
            missing = (source, pivot)
    how = f"briefgen models install {missing[0]} {missing[1]} (or: argospm install translate-{missing[0]}_{missing[1]})"
    return TranslationUnavailable(
        f"no translation model for {source}→{target} (directly or via {pivot}); "
        f"missing model translate-{missing[0]}_{missing[1]}: install it with {how}, "
        "or a downloaded file with briefgen models install --file PATH.argosmodel"
    )
