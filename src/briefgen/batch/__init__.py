"""Batch generation: jobs, the manifest, executors and schedules.

Names are imported on first use, so `briefgen --help` and commands that do
not batch never pay for assembly and rendering.
"""

from __future__ import annotations

import importlib
import os

_LAZY = {
    "Job": ".jobs", "Outcome": ".jobs", "Report": ".jobs", "plan": ".jobs", "run_batch": ".jobs",
    "LocalExecutor": ".executors", "parse_interval": ".schedule", "repeat": ".schedule",
}


def default_workers() -> int:
    """Worker processes by default: the cores, at most four (more rarely pays for its memory)."""
    return max(1, min(4, os.cpu_count() or 1))


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Job", "LocalExecutor", "Outcome", "Report", "default_workers", "parse_interval", "plan", "repeat",
           "run_batch"]
