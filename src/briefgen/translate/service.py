"""Ready-made translators for the pipeline and the CLI, wired to the data tree.

The data directory supplies the glossary (reference data + glossary.yaml) and
the reviewed translations (reviewed/<lang>.yaml); the cache lives outside it
(~/.cache/briefgen/translations, or --cache-dir / $BRIEFGEN_CACHE_DIR). The
Argos engine is kept per process so models load once however many briefs a
process builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from ..brief.model import Brief
from ..facts.model import Corpus
from .argos import ArgosEngine
from .cache import TranslationCache
from .engine import Engine
from .glossary import Glossary
from .reviewed import ReviewedStore
from .stage import Request, Translator, run_request, translate_brief

GLOSSARY_FILE = "glossary.yaml"
REVIEWED_DIR = "reviewed"

_ENGINE: ArgosEngine | None = None


def shared_engine() -> ArgosEngine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = ArgosEngine()
    return _ENGINE


def corpus_glossary(corpus: Corpus, data_dir: Path) -> Glossary:
    return Glossary.from_corpus(corpus, extra=data_dir / GLOSSARY_FILE)


def default_translator(
    corpus: Corpus, data_dir: Path | None = None, *, cache_dir: Path | None = None, engine: Engine | None = None,
) -> Translator:
    """Argos engine, corpus glossary, on-disk cache and the reviewed store of `data_dir`."""
    from ..facts import default_data_dir

    data_dir = data_dir or default_data_dir()
    return Translator(
        engine or shared_engine(), corpus_glossary(corpus, data_dir),
        cache=TranslationCache(cache_dir), reviewed=ReviewedStore(data_dir / REVIEWED_DIR),
    )


def translate_missing(brief: Brief, corpus: Corpus, *, allow_missing: bool = False, data_dir: Path | None = None,
                      cache_dir: Path | None = None) -> Brief:
    """The pipeline's entry point: translate_brief with the default translator."""
    return translate_brief(brief, default_translator(corpus, data_dir, cache_dir=cache_dir), allow_missing=allow_missing)


def corpus_requests(corpus: Corpus, lang: str) -> list[Request]:
    """Every curated text without a `lang` version, in the source language assembly would show."""
    requests: list[Request] = []

    def add(texts: dict, facts: Iterable[str]) -> None:
        if lang not in texts:
            source = "en" if "en" in texts else next(iter(texts))
            requests.append(Request(source, lang, texts[source].text, tuple(facts)))

    for fact in corpus.facts.values():
        add(fact.text, [fact.id])
        if lang != "en":
            for figure in fact.figures:
                if lang not in figure.label:
                    requests.append(Request("en", lang, figure.measures[:1].upper() + figure.measures[1:], (fact.id,)))
    for conflict in corpus.conflicts.values():
        add(conflict.topic, [])
        add(conflict.resolution, [])
        for claim in conflict.claims:
            add(claim.says, [claim.fact])
    return list(dict.fromkeys(requests))


def brief_requests(briefs: Sequence[Brief]) -> list[Request]:
    """The 'missing' runs of assembled briefs, as translation requests."""
    return list(dict.fromkeys(req for brief in briefs for run in brief.runs() if (req := run_request(run)) is not None))


def prefill(briefs: Sequence[Brief], corpus: Corpus, *, allow_missing: bool = False, data_dir: Path | None = None,
            cache_dir: Path | None = None) -> int:
    """Translate every passage of many briefs into the cache at once; returns the number of model calls.

    A batch runner calls this before fanning briefs out to worker processes:
    the workers then find every translation cached and load no model.
    """
    translator = default_translator(corpus, data_dir, cache_dir=cache_dir)
    translator.resolve(brief_requests(briefs), allow_missing=allow_missing)
    return translator.model_calls
