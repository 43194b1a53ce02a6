"""The Brief as JSON: the exact model, for debugging and for other tools."""

from __future__ import annotations

from pathlib import Path

from ..brief import Brief
from .output import atomic_output


def brief_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2) + "\n"


def write_json(brief: Brief, path: Path) -> None:
    with atomic_output(path) as handle:
        handle.write(brief_json(brief).encode("utf-8"))
