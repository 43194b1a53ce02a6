"""Corpus scale: validate and build one brief from a 5,000-fact corpus (the real one replicated).

    python benchmarks/bench_corpus.py [--facts 5000] [--subjects 40]

Generates the corpus with synthetic.py, then times fresh processes of
`briefgen facts validate` and `briefgen build --country KZ --lang en -f pdf`,
with the parsed-corpus cache off (every file parsed) and warm. Targets
(issue 12): ≤ 6 s each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import generate  # noqa: E402


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env={**os.environ, **env})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=5000)
    parser.add_argument("--subjects", type=int, default=40)
    options = parser.parse_args()
    briefgen = str(Path(sys.executable).parent / "briefgen")
    with tempfile.TemporaryDirectory() as tmp:
        data = generate(Path(tmp) / "briefs", options.facts, options.subjects)
        cache = {"BRIEFGEN_CORPUS_CACHE": str(Path(tmp) / "cache")}
        validate = [briefgen, "facts", "validate", "--data", str(data)]
        build = [briefgen, "build", "--country", "KZ", "--lang", "en", "-f", "pdf", "--data", str(data), "-o",
                 str(Path(tmp) / "kz.pdf")]
        for name, args in (("facts validate", validate), ("build one brief", build)):
            parsed = timed(args, {"BRIEFGEN_CORPUS_CACHE": "off"})
            timed(args, cache)
            warm = timed(args, cache)
            print(f"{name:16} ({options.facts} facts): corpus parsed {parsed:6.2f} s, corpus cached {warm:5.2f} s")


if __name__ == "__main__":
    main()
