"""Time and peak memory of the PDF writer, per brief, in-process.

    python benchmarks/bench_pdf.py [repeats] [--default-briefs]

`bench(briefs)` takes any Briefs; run as a script it measures the sample
briefs in Arabic, English and Russian. The first render of a process pays
for parsing the bundled fonts, so it is reported apart (warm-up). Per brief
it reports a cold render (shaping cache emptied, as for a brief whose words
were never seen) and the best of `repeats` warm renders (as in a batch,
where briefs share most words). Times are CPU seconds of this process
(time.process_time), which other work on the machine does not inflate.
The target is 0.1 s for a three-page brief.

Every brief is also rendered untagged (`tagged=False`: no structure tree,
marked content, PDF/A metadata or pikepdf pass), and the cost of tagged,
archival output is printed per brief and in total: warm time and size.
"""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
from dataclasses import dataclass
from typing import Iterable

import pikepdf

from briefgen.brief import Brief
from briefs import chosen_briefs
from briefgen.render.pdf import render_pdf
from briefgen.render.pdf.shaping import shape, shaped_width


@dataclass
class Result:
    brief_id: str
    pages: int
    cold_seconds: float
    seconds: float
    peak_mib: float
    size_kib: float
    untagged_seconds: float = 0.0
    untagged_kib: float = 0.0


def _pages(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:  # page objects may sit in compressed object streams
        return len(pdf.pages)


def _best_pair(brief: Brief, repeats: int) -> tuple[float, bytes, float, bytes]:
    """Best warm times of the tagged and the untagged render, taken alternately so that both
    see the same load on a shared machine."""
    best = {True: (float("inf"), b""), False: (float("inf"), b"")}
    for _ in range(repeats):
        for tagged in (True, False):
            started = time.process_time()
            data = render_pdf(brief, tagged=tagged)
            elapsed = time.process_time() - started
            if elapsed < best[tagged][0]:
                best[tagged] = (elapsed, data)
    return (*best[True], *best[False])


def bench(briefs: Iterable[Brief], repeats: int = 5) -> list[Result]:
    briefs = list(briefs)
    started = time.process_time()
    if briefs:
        render_pdf(briefs[0])
    print(f"warm-up (font parsing, first render): {time.process_time() - started:.3f} s")
    results = []
    for brief in briefs:
        shape.cache_clear()
        shaped_width.cache_clear()
        started = time.process_time()
        render_pdf(brief)
        cold = time.process_time() - started
        best, data, plain_seconds, plain = _best_pair(brief, repeats)
        tracemalloc.start()
        render_pdf(brief)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results.append(Result(brief.meta.id, _pages(data), cold, best, peak / 2**20, len(data) / 1024,
                              plain_seconds, len(plain) / 1024))
    for result in results:
        print(f"{result.brief_id:32} {result.pages:2} pages  cold {result.cold_seconds * 1000:6.1f} ms  "
              f"warm {result.seconds * 1000:6.1f} ms  "
              f"peak {result.peak_mib:6.1f} MiB  {result.size_kib:6.1f} KiB  "
              f"untagged: warm {result.untagged_seconds * 1000:6.1f} ms  {result.untagged_kib:6.1f} KiB")
    if results:
        tagged = sum(r.seconds for r in results), sum(r.size_kib for r in results)
        plain = sum(r.untagged_seconds for r in results), sum(r.untagged_kib for r in results)
        print(f"tagging + PDF/A cost, all briefs: warm time {100 * (tagged[0] / plain[0] - 1):+.1f}%  "
              f"({plain[0] * 1000:.0f} → {tagged[0] * 1000:.0f} ms), size {100 * (tagged[1] / plain[1] - 1):+.1f}%  "
              f"({plain[1]:.0f} → {tagged[1]:.0f} KiB)")
    return results


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    bench(chosen_briefs(sys.argv), int(args[0]) if args else 5)
