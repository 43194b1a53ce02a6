"""The translation stage: fill runs that lack curated text, and say how.

Assembly marks a fact without text in the brief's language as a Run with
provenance "missing" (text in the best curated source language, `wanted_lang`
set). This stage replaces each such run by, in order of preference:

1. reviewed text (briefs/reviewed/<lang>.yaml) -> provenance "curated";
2. a cached machine translation -> provenance "machine";
3. a fresh machine translation -> provenance "machine", then cached.

Curated runs are never touched. All texts of all briefs are translated
together: one engine call per model, so a batch of briefs costs one model
call per language pair (two for a pivoted pair), never one per sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..brief.model import Brief, Run, Translation, iter_paragraphs
from ..lang import localize_numbers
from .cache import CachedTranslation, CacheKey, TranslationCache
from .engine import Engine, Route, find_route, unavailable
from .glossary import Glossary
from .protect import protect, restore
from .reviewed import ReviewedStore


@dataclass(frozen=True)
class Request:
    """A text to put into another language, and the facts it states (for reviewed text)."""

    source_lang: str
    target_lang: str
    text: str
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    text: str
    provenance: str
    translation: Translation | None = None


class Translator:
    """An engine plus everything that makes its output trustworthy and repeatable."""

    def __init__(
        self, engine: Engine, glossary: Glossary | None = None, *, cache: TranslationCache | None = None,
        reviewed: ReviewedStore | None = None, pivots: Sequence[str] = ("en",),
    ) -> None:
        self.engine = engine
        self.glossary = glossary or Glossary([])
        self.cache = cache
        self.reviewed = reviewed
        self.pivots = tuple(pivots)
        self.model_calls = 0

    def resolve(self, requests: Iterable[Request], *, allow_missing: bool = False) -> dict[Request, Outcome]:
        """Outcomes for every request that can be resolved; unresolvable ones are absent when allow_missing."""
        pending = list(dict.fromkeys(requests))
        outcomes: dict[Request, Outcome] = {}
        if self.reviewed is not None:
            for request in pending:
                entry = self.reviewed.lookup(request.target_lang, request.facts, request.text)
                if entry is not None:
                    outcomes[request] = Outcome(entry.text, "curated")
        pending = [r for r in pending if r not in outcomes]
        routes = self._routes(pending, allow_missing)
        pending = [r for r in pending if r in routes]
        keys = {r: self._key(r, routes[r]) for r in pending}
        cached = self.cache.get_many(list(keys.values())) if self.cache is not None and keys else {}
        for request in pending:
            if keys[request] in cached:
                outcomes[request] = _outcome(cached[keys[request]])
        fresh = self._run_models([r for r in pending if r not in outcomes], routes, keys)
        if self.cache is not None and fresh:
            self.cache.put_many(fresh.values())
        outcomes.update({request: _outcome(entry) for request, entry in fresh.items()})
        return outcomes

    def _routes(self, requests: Sequence[Request], allow_missing: bool) -> dict[Request, Route]:
        pairs = sorted({(r.source_lang, r.target_lang) for r in requests})
        if not pairs:
            return {}
        models = self.engine.models()
        found = {pair: find_route(models, *pair, pivots=self.pivots) for pair in pairs}
        for pair, route in found.items():
            if route is None and not allow_missing:
                raise unavailable(models, *pair, pivot=self.pivots[0] if self.pivots else "en")
        return {r: found[r.source_lang, r.target_lang] for r in requests if found[r.source_lang, r.target_lang]}

    def _key(self, request: Request, route: Route) -> CacheKey:
        route_id = "+".join(f"{m.id}@{m.fingerprint}" for m in route)
        return CacheKey(route_id, request.source_lang, request.target_lang, request.text, self.glossary.version)

    def _run_models(self, requests: Sequence[Request], routes: dict[Request, Route], keys: dict[Request, CacheKey]) -> dict[Request, CachedTranslation]:
        """Push protected texts through their routes with one engine call per model.

        A model runs once every text that needs it has reached it: ar→en runs
        first, then en→ru takes both the English sources and the ar→en output.
        """
        protected = {r: protect(r.text, r.source_lang, r.target_lang, self.glossary) for r in requests}
        current = {r: protected[r].text for r in requests}
        leg = {r: 0 for r in requests}
        while waiting := [r for r in requests if leg[r] < len(routes[r])]:
            at: dict[str, list[Request]] = defaultdict(list)
            later: set[str] = set()
            for request in waiting:
                route = routes[request]
                at[route[leg[request]].id].append(request)
                later.update(m.id for m in route[leg[request] + 1:])
            ready = [model_id for model_id in sorted(at) if model_id not in later] or [min(at)]
            for model_id in ready:
                batch = at[model_id]
                model = routes[batch[0]][leg[batch[0]]]
                texts = list(dict.fromkeys(current[r] for r in batch))
                translated = dict(zip(texts, self.engine.translate(model, texts)))
                self.model_calls += 1
                for request in batch:
                    current[request] = translated[current[request]]
                    leg[request] += 1
        results = {}
        for request in requests:
            route = routes[request]
            restored = restore(current[request], protected[request], request.text, request.source_lang, request.target_lang)
            results[request] = CachedTranslation(
                keys[request], restored.text, self.engine.name, "+".join(m.id for m in route),
                tuple(m.target for m in route[:-1]), restored.numbers_ok, restored.terms_ok,
            )
        return results


def _outcome(entry: CachedTranslation) -> Outcome:
    translation = Translation(
        engine=entry.engine, model=entry.model, source_lang=entry.key.source_lang, pivot=list(entry.pivot),
        numbers_ok=entry.numbers_ok, terms_ok=entry.terms_ok,
    )
    return Outcome(entry.text, "machine", translation)


def run_request(run: Run) -> Request | None:
    """The translation a 'missing' run asks for (None for any other run)."""
    if run.provenance != "missing" or not run.wanted_lang or run.wanted_lang == run.lang:
        return None
    return Request(run.lang, run.wanted_lang, run.text, tuple(run.facts))


def translate_briefs(briefs: Sequence[Brief], translator: Translator, *, allow_missing: bool = False) -> list[Brief]:
    """New briefs whose 'missing' runs carry reviewed or machine text; all briefs share the model calls.

    Raises TranslationUnavailable when a language pair has no model, unless
    allow_missing, in which case those runs stay 'missing' (writers mark them).
    """
    requests = [req for brief in briefs for run in brief.runs() if (req := run_request(run)) is not None]
    outcomes = translator.resolve(requests, allow_missing=allow_missing)
    return [_apply(brief, outcomes) for brief in briefs]


def translate_brief(brief: Brief, translator: Translator, *, allow_missing: bool = False) -> Brief:
    return translate_briefs([brief], translator, allow_missing=allow_missing)[0]


def _apply(brief: Brief, outcomes: dict[Request, Outcome]) -> Brief:
    result = brief.model_copy(deep=True)
    for paragraph in iter_paragraphs(result):
        for index, inline in enumerate(paragraph.inlines):
            request = run_request(inline) if isinstance(inline, Run) else None
            outcome = outcomes.get(request) if request is not None else None
            if outcome is None:
                continue
            text = localize_numbers(outcome.text, brief.meta.digits) if request.target_lang == brief.meta.lang else outcome.text
            paragraph.inlines[index] = inline.model_copy(update={
                "text": text, "lang": request.target_lang, "provenance": outcome.provenance,
                "translation": outcome.translation, "wanted_lang": None,
            })
    return result
