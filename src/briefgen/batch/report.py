"""The JSON run report (`batch --report FILE`, and a copy of the last one in the output folder).

The schema is documented in docs/batch-report.md; `REPORT_FORMAT` changes
whenever a field changes meaning or goes away.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from .jobs import Report

REPORT_FORMAT = 1
LAST_REPORT = ".briefgen-report.json"


def _stamp(moment) -> str | None:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z") if moment else None


def report_document(report: Report | None, *, out_dir: Path, options: dict[str, Any], started, finished,
                    error: str | None = None, error_traceback: str | None = None) -> dict[str, Any]:
    """The report as plain data; `report` is None when the run failed before any job (bad data, a lock)."""
    outcomes = report.outcomes if report else []
    totals = {"jobs": len(outcomes)}
    for status in ("built", "fresh", "failed"):
        totals[status] = sum(1 for o in outcomes if o.status == status)
    return {
        "briefgen_report": REPORT_FORMAT,
        "briefgen_version": __version__,
        "started": _stamp(started),
        "finished": _stamp(finished),
        "seconds": round((finished - started).total_seconds(), 3),
        "ok": error is None and not totals["failed"],
        "error": error,
        "error_traceback": error_traceback,
        "output_dir": str(out_dir),
        "options": options,
        "totals": totals,
        "cleaned": report.cleaned if report else [],
        "jobs": [
            {
                "id": o.job.spec.id,
                "format": o.job.fmt,
                "output": str(o.job.output(out_dir)),
                "status": o.status,
                "seconds": round(o.seconds, 3),
                "sha256": o.sha256 or None,
                "bytes": o.bytes,
                "error": o.error or None,
                "traceback": o.traceback or None,
            }
            for o in outcomes
        ],
    }


def report_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
