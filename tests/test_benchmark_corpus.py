"""The synthetic corpus the scale benchmarks run on is data briefgen accepts, and is the size asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate  # noqa: E402


def test_synthetic_corpus_validates_and_has_the_facts_asked_for(tmp_path: Path) -> None:
    from briefgen.facts import load_corpus

    data = generate(tmp_path / "briefs", facts=600, subjects=9)
    done = subprocess.run([sys.executable, "-m", "briefgen", "facts", "validate", "--data", str(data)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          env={"BRIEFGEN_CORPUS_CACHE": "off", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    corpus = load_corpus(data)
    real = len(load_corpus(ROOT / "briefs").facts)
    assert 600 <= len(corpus.facts) < 600 + real  # whole replicas of the real corpus, the last one cut short or not
    assert {"QA", "QB"} <= {code for fact in corpus.facts.values() for code in fact.countries}
