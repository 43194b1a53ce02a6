"""The Brief as JSON: the exact model, for debugging and for other tools."""

from __future__ import annotations

from ..brief import Brief


def brief_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2) + "\n"
