"""The briefs the benchmarks measure: the hand-made samples or the real default set."""

from __future__ import annotations

import sys
from pathlib import Path

from briefgen.brief import Brief

ROOT = Path(__file__).resolve().parents[1]


def chosen_briefs(argv: list[str]) -> list[Brief]:
    """`--default-briefs` measures every default brief of the corpus; otherwise the ar/en/ru samples."""
    if "--default-briefs" in argv:
        from briefgen.assemble import assemble, default_specs
        from briefgen.facts import load_corpus

        corpus = load_corpus(ROOT / "briefs")
        return [assemble(corpus, spec) for spec in default_specs(ROOT / "briefs", corpus)]
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from make_sample_briefs import sample_brief

    return [sample_brief(lang) for lang in ("ar", "en", "ru")]
