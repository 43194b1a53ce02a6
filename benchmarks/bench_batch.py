"""Wall time and peak memory of the main job: `briefgen batch` over the default briefs.

    python benchmarks/bench_batch.py [--jobs N ...]

Runs the installed command line in a fresh output directory, as a user or a
scheduler would: once cold (every brief built), once again unchanged (every
brief skipped by the input fingerprint). Peak memory is the largest resident
set of the command and its worker processes (getrusage of the children).
Targets: the full set (51 briefs × PDF and DOCX) under 30 s on two cores,
an unchanged rerun under 2 s, peak under 500 MiB per process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def briefgen() -> list[str]:
    found = shutil.which("briefgen", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "briefgen"]


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, peak MiB of the command's processes, and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(briefgen() + args, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    lines = (done.stdout + done.stderr).strip().splitlines()
    return seconds, peak, lines[-1] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    options = parser.parse_args()
    for jobs in options.jobs:
        with tempfile.TemporaryDirectory() as tmp:
            out = ["--out", tmp, "--jobs", str(jobs)]
            cold, peak, summary = run(["batch", *out])
            warm, _, again = run(["batch", *out])
            files = sum(1 for _ in Path(tmp).rglob("*.*") if _.suffix in {".pdf", ".docx"})
            print(f"jobs {jobs}: cold {cold:6.2f} s ({files} files, {files / cold:5.1f} files/s)  "
                  f"unchanged rerun {warm:5.2f} s  peak {peak:6.1f} MiB")
            print(f"         {summary} | {again}")


if __name__ == "__main__":
    main()
