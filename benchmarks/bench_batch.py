"""Wall time of the main job, `briefgen batch`, as a user or a scheduler runs it.

    python benchmarks/bench_batch.py [--jobs 1 2] [--dask] [--synthetic SUBJECTS LANGUAGES]

Runs the installed command line on a copy of the data (the real corpus, or
with --synthetic a generated one of SUBJECTS countries × LANGUAGES languages,
see synthetic.py) into a fresh output folder:

- cold: every output built (files per second, and per second per core);
- unchanged: a second run, every output fresh;
- one-fact edit: the English text of one Turkmenistan fact changed, so only
  the briefs showing it are re-rendered (the run report says which);

for each --jobs count with the local executor, and with --dask on a
two-worker Dask LocalCluster (cluster start-up included). Targets (issue 12):
the default batch cold ≤ 8 s on 2 cores, unchanged ≤ 0.5 s. Peak memory is
the largest resident set among the command's processes (children included).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDIT = ("Turkmenistan plans to build a second environmentally friendly gasoline production plant (GTG-2)",
        "Turkmenistan plans to build a second environmentally friendly gasoline production plant (the GTG-2 project)")


def briefgen() -> list[str]:
    found = shutil.which("briefgen", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "briefgen"]


def run(args: list[str], report: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run(briefgen() + args + ["--report", str(report)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return seconds, json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts (local executor)")
    parser.add_argument("--dask", action="store_true", help="also a two-worker Dask LocalCluster")
    parser.add_argument("--synthetic", type=int, nargs=2, metavar=("SUBJECTS", "LANGUAGES"))
    options = parser.parse_args()
    runs = [("local", jobs) for jobs in options.jobs] + ([("dask", 2)] if options.dask else [])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "briefs"
        if options.synthetic:
            sys.path.insert(0, str(Path(__file__).parent))
            from synthetic import generate

            subjects, languages = options.synthetic
            generate(data, facts=175 * max(1, subjects // 6), subjects=subjects,
                     languages=["ar", "en", "ru"][:languages])
            print(f"synthetic corpus: {subjects} subjects × {languages} languages")
        else:
            shutil.copytree(ROOT / "briefs", data)
        facts = data / "facts" / "background.yaml"
        original = facts.read_text(encoding="utf-8")
        for executor, jobs in runs:
            facts.write_text(original, encoding="utf-8")
            out, report = Path(tmp) / f"out-{executor}-{jobs}", Path(tmp) / "report.json"
            args = ["batch", "--data", str(data), "--out", str(out), "--jobs", str(jobs), "--executor", executor]
            cold, first = run(args, report)
            files = first["totals"]["built"]
            warm, second = run(args, report)
            facts.write_text(original.replace(*EDIT), encoding="utf-8")
            edited, third = run(args, report)
            rebuilt = sorted(j["output"].rsplit("/", 1)[-1] for j in third["jobs"] if j["status"] == "built")
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{executor} × {jobs}: cold {cold:6.2f} s ({files} files, {files / cold:5.2f} files/s, "
                  f"{files / cold / jobs:5.2f} per core; {first['totals']['failed']} failed)  "
                  f"unchanged {warm:5.2f} s ({second['totals']['fresh']} fresh)  "
                  f"one-fact edit {edited:5.2f} s ({len(rebuilt)} rebuilt)  peak {peak:6.1f} MiB")
        print(f"         rebuilt after the edit: {', '.join(rebuilt)}")


if __name__ == "__main__":
    main()
