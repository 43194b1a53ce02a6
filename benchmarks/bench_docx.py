"""Time and peak memory of the DOCX writer, per brief, in-process.

    python benchmarks/bench_docx.py [repeats] [--default-briefs]

`bench(briefs)` takes any Briefs; run as a script it measures the sample
briefs in Arabic, English and Russian, or with --default-briefs every brief
assembly builds from briefs/. The styled template is built once per
typography (direction and language) and process, so the first brief of each
is reported apart (warm-up). Per brief the time is the best of `repeats`
complete writes (font coverage check, document, reproducible zip, atomic
file write); the target is 0.05 s.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from briefgen.brief import Brief
from briefs import chosen_briefs
from briefgen.render.docx import write_docx

TARGET_SECONDS = 0.05


@dataclass
class Result:
    brief_id: str
    seconds: float
    peak_mib: float
    size_kib: float


def bench(briefs: Iterable[Brief], repeats: int = 5) -> list[Result]:
    briefs = list(briefs)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.docx"
        started = time.perf_counter()
        for brief in {(b.meta.lang, b.meta.direction): b for b in briefs}.values():
            write_docx(brief, path)
        print(f"warm-up (one template per language): {time.perf_counter() - started:.3f} s")
        for brief in briefs:
            best = float("inf")
            for _ in range(repeats):
                started = time.perf_counter()
                write_docx(brief, path)
                best = min(best, time.perf_counter() - started)
            tracemalloc.start()
            write_docx(brief, path)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            results.append(Result(brief.meta.id, best, peak / 2**20, path.stat().st_size / 1024))
    for r in results:
        flag = "" if r.seconds <= TARGET_SECONDS else "  over target"
        print(f"{r.brief_id:36} {r.seconds * 1000:6.1f} ms  peak {r.peak_mib:5.1f} MiB  {r.size_kib:6.1f} KiB{flag}")
    if results:
        print(f"slowest {max(r.seconds for r in results) * 1000:.1f} ms, "
              f"mean {sum(r.seconds for r in results) / len(results) * 1000:.1f} ms over {len(results)} briefs")
    return results


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    bench(chosen_briefs(sys.argv), int(args[0]) if args else 5)
