"""YAML loading of the curated data: PyYAML's pure-Python SafeLoader against its C loader (libyaml).

    .venv/bin/python benchmarks/bench_yaml.py [--repeat 20]

Loads every *.yaml under briefs/ the way briefgen does (compose the node tree,
index every value's line, construct) with each loader, best of --repeat, and
then `load_corpus` (parsing plus pydantic validation) as it now runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefgen.facts import load_corpus, yamlfile  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = sorted((ROOT / "briefs").rglob("*.yaml"))
    texts = [(f, f.read_text(encoding="utf-8")) for f in files]
    size = sum(len(t.encode()) for _, t in texts)
    print(f"{len(files)} files, {size / 1024:.0f} KiB; libyaml available: {yaml.__with_libyaml__}")
    results = {}
    for name, loader in (("pure-Python SafeLoader", yaml.SafeLoader), ("C loader (CSafeLoader)", getattr(yaml, "CSafeLoader", None))):
        if loader is None:
            print(f"{name:24} unavailable")
            continue
        yamlfile.SafeLoader = loader
        results[name] = best(lambda: [yamlfile.parse_yaml(t, f) for f, t in texts], args.repeat)
        print(f"{name:24} {results[name] * 1000:8.1f} ms")
    if len(results) == 2:
        pure, c = results.values()
        print(f"{'speed-up':24} {pure / c:8.1f}x")
    yamlfile.SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    print(f"{'load_corpus (C loader)':24} {best(lambda: load_corpus(ROOT / 'briefs'), max(3, args.repeat // 4)) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
