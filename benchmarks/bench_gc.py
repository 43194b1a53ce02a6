"""What CPython's garbage collector costs a batch worker, with its default thresholds and with briefgen's.

    python benchmarks/bench_gc.py [--runs 3]

Each setting runs in a fresh process that loads the corpus, then assembles and
renders every default brief as PDF and DOCX the way one batch worker does
(briefgen.batch.work.run_task), timing the collector with gc.callbacks.
Prints CPU seconds, seconds spent collecting and peak resident memory
(median of --runs), for CPython's defaults and for briefgen.collector's
pool-worker setting (a frozen inherited heap, a young generation of 50,000).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import gc, json, os, resource, sys, time
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
from briefgen import collector
from briefgen.assemble import default_specs, default_templates_dir
from briefgen.batch.fingerprint import environment_digest
from briefgen.batch.work import Payload, Task, run_task
from briefgen.cli.selection import build_options
from briefgen.facts import default_data_dir, load_corpus
import briefgen.assemble.build, briefgen.render.docx, briefgen.render.pdf  # as the client preloads them

data = default_data_dir()
corpus = load_corpus(data)
options = build_options(data, templates=default_templates_dir(), allow_missing=False, translate=True,
                        embed_fonts=False, style=None)
payload = Payload(corpus=corpus, options=options, environment=environment_digest())
tasks = [Task(spec, (("pdf", None), ("docx", None))) for spec in default_specs(data, corpus)]
if sys.argv[1] == "tuned":
    collector.for_pool_worker()
spent, started = [0.0], [0.0]
gc.callbacks.append(lambda phase, info: started.__setitem__(0, time.perf_counter()) if phase == "start"
                    else spent.__setitem__(0, spent[0] + time.perf_counter() - started[0]))
cpu = time.process_time()
for task in tasks:
    run_task(payload, task)
print(json.dumps({"cpu": time.process_time() - cpu, "gc": spent[0],
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    results: dict[str, list[dict]] = {"default": [], "tuned": []}
    for _ in range(options.runs):
        for setting in results:  # alternated, so a busy moment of the machine hits both alike
            done = subprocess.run([sys.executable, "-c", CHILD, setting], check=True, capture_output=True, text=True)
            results[setting].append(json.loads(done.stdout.splitlines()[-1]))
    for setting, runs in results.items():
        label = "CPython defaults (700, 10, 10)" if setting == "default" else "briefgen pool worker"
        print(f"{label:32}  CPU {statistics.median(r['cpu'] for r in runs):6.2f} s  "
              f"collecting {statistics.median(r['gc'] for r in runs):5.2f} s  "
              f"peak RSS {statistics.median(r['rss'] for r in runs):6.1f} MiB   (51 briefs × PDF + DOCX, one process)")


if __name__ == "__main__":
    main()
