"""Checking every quote against the seed articles it claims to come from.

A fact is only as good as its quote: the quote must be a verbatim substring
of the article body (not of noise the file carries before the article), and
every figure's number must be in one of the fact's quotes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .model import Corpus
from .numbers import contains_number


@dataclass(frozen=True)
class SourceCheck:
    quotes: int
    figures: int
    problems: list[str]


def check_sources(corpus: Corpus, sources_dir: Path) -> SourceCheck:
    texts: dict[str, str] = {}
    problems: list[str] = []
    for name, source in corpus.sources.items():
        path = sources_dir / name
        if not path.exists():
            problems.append(f"{path}: source file not found (pass --sources DIR)")
            continue
        text = path.read_text(encoding="utf-8")
        if source.body_starts_at:
            start = text.find(source.body_starts_at)
            if start < 0:
                problems.append(f"{path}: body_starts_at text not found")
            else:
                text = text[start:]
        texts[name] = text
    quotes = figures = 0
    for fact_id, fact in corpus.facts.items():
        where = corpus.origin.get(fact_id, fact_id)
        for source in fact.sources:
            quotes += 1
            body = texts.get(source.file)
            if body is not None and source.quote not in body:
                problems.append(f"{where}: {fact_id}: quote not found verbatim in {source.file}: {source.quote[:60]!r}")
        quoted = [s.quote for s in fact.sources]
        for figure in fact.figures:
            figures += 1
            if figure.written is not None:
                found = any(figure.written in q for q in quoted)
                shown = figure.written
            else:
                numbers = [figure.number] if figure.to is None else [figure.number, figure.to]
                found = all(any(contains_number(q, n) for q in quoted) for n in numbers)
                shown = "-".join(f"{n:g}" for n in numbers)
            if not found:
                problems.append(f"{where}: {fact_id}: figure {shown} ({figure.measures}) is not in any of its quotes")
    return SourceCheck(quotes=quotes, figures=figures, problems=problems)


def default_sources_dir() -> Path:
    """The seed articles beside the checkout (../shared/seeds), as CI lays them out."""
    if env := os.environ.get("BRIEFGEN_SOURCES"):
        return Path(env)
    here = Path(__file__).resolve().parents[3]
    return here.parent / "shared" / "seeds"
