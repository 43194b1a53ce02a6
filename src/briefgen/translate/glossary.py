"""Names a machine translation must render exactly as the reference data does.

A glossary is data: every term has one preferred form per language (what a
translation must print) and optional variant spellings per language (what a
source text may say). It is built from the corpus reference data (leaders,
countries, capitals, event places) plus an extra terms file for initiatives,
companies and organisations (briefs/glossary.yaml). Its `version` is a hash of
its content, so cached translations made with another glossary are not reused.

Theme names are left out on purpose: they are common nouns ("energy"), and
locking them would stop the model from inflecting or rephrasing them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from ..errors import InputError

if TYPE_CHECKING:
    from ..facts.model import Corpus, Localized

ARABIC_PROCLITICS = r"(?:[وف]?[بلك]?)"
"""Conjunctions and prepositions written attached to the next Arabic word (و، ف، ب، ل، ك)."""


@dataclass(frozen=True)
class Term:
    """One name: its preferred form per language and other spellings a source may use."""

    id: str
    forms: Mapping[str, str]
    variants: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def surfaces(self, lang: str) -> list[str]:
        preferred = self.forms.get(lang)
        return [s for s in [preferred, *self.variants.get(lang, ())] if s]


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: Term
    prefix: str = ""
    """Arabic proclitic letters kept in the text in front of the term (e.g. و of وكازاخستان)."""


class Glossary:
    def __init__(self, terms: Iterable[Term]) -> None:
        by_id: dict[str, Term] = {}
        for term in terms:
            by_id[term.id] = term
        self.terms: tuple[Term, ...] = tuple(sorted(by_id.values(), key=lambda t: t.id))

    def __len__(self) -> int:
        return len(self.terms)

    def __or__(self, other: "Glossary") -> "Glossary":
        """Both glossaries; a term of `other` replaces one of the same id."""
        return Glossary([*self.terms, *other.terms])

    @cached_property
    def version(self) -> str:
        """A content hash: changes whenever any form or variant changes."""
        payload = [[t.id, sorted(t.forms.items()), sorted((k, list(v)) for k, v in t.variants.items())] for t in self.terms]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]

    # -- construction ------------------------------------------------------

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Mapping[str, object]]) -> "Glossary":
        """From `{id: {lang: form, ..., "variants": {lang: [spelling, ...]}}}`, e.g. parsed YAML."""
        terms = []
        for term_id, entry in mapping.items():
            if not isinstance(entry, Mapping):
                raise InputError(f"glossary term {term_id!r} must map languages to forms")
            variants = entry.get("variants") or {}
            forms = {lang: str(form) for lang, form in entry.items() if lang != "variants" and form}
            terms.append(Term(str(term_id), forms, {lang: tuple(map(str, v)) for lang, v in dict(variants).items()}))
        return cls(terms)

    @classmethod
    def from_yaml(cls, path: Path) -> "Glossary":
        """An extra terms file: a mapping of term id to forms (see briefs/glossary.yaml)."""
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise InputError(f"cannot read glossary: {error}".splitlines()[0], where=str(path)) from None
        if not isinstance(data, Mapping):
            raise InputError("expected a mapping of term ids to forms", where=str(path))
        return cls.from_mapping(data)

    @classmethod
    def from_corpus(cls, corpus: "Corpus", extra: Path | None = None) -> "Glossary":
        """Leaders (full and short names), countries, capitals and event places; plus `extra` terms."""
        terms: list[Term] = []
        for code, country in corpus.countries.items():
            terms.append(_term(f"country:{code}", country.name, {"ar": country.variants}))
            if country.capital is not None:
                terms.append(_term(f"place:{country.capital.en}", country.capital))
        for event in corpus.events.values():
            if event.place is not None:
                terms.append(_term(f"place:{event.place.en}", event.place))
        for pid, person in corpus.people.items():
            full_words = len(person.name.ar.split())
            spelled_full = [v for v in person.variants if len(v.split()) >= full_words > 1]
            spelled_short = [v for v in person.variants if v not in spelled_full]
            terms.append(_term(f"person:{pid}", person.name, {"ar": spelled_full}))
            if person.short != person.name:
                terms.append(_term(f"person:{pid}:short", person.short, {"ar": spelled_short}))
        glossary = cls(terms)
        return glossary | cls.from_yaml(extra) if extra is not None and extra.exists() else glossary

    # -- lookup --------------------------------------------------------------

    def find(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping terms in `text`, longest spelling first, whole words only."""
        pattern, owners = self._matcher(lang)
        if pattern is None:
            return []
        matches = []
        for m in pattern.finditer(text):
            prefix, surface = m.group("pre") or "", m.group("term")
            term = owners[surface]
            if surface not in term.surfaces(lang) and not prefix.endswith("ل"):
                continue
            matches.append(TermMatch(m.start("term") - len(prefix), m.end("term"), term, prefix))
        return matches

    def _matcher(self, lang: str) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
        cache = self.__dict__.setdefault("_matchers", {})
        if lang not in cache:
            owners: dict[str, Term] = {}
            for term in self.terms:
                for surface in term.surfaces(lang):
                    owners.setdefault(surface, term)
                    if lang == "ar" and surface.startswith("ال"):
                        owners.setdefault(surface[1:], term)  # لل: ل + ال drops the alif (لليابان)
            if not owners:
                cache[lang] = (None, owners)
            else:
                alternatives = "|".join(re.escape(s) for s in sorted(owners, key=lambda s: (-len(s), s)))
                prefix = ARABIC_PROCLITICS if lang == "ar" else ""
                cache[lang] = (re.compile(rf"(?<!\w)(?P<pre>{prefix})(?P<term>{alternatives})(?!\w)"), owners)
        return cache[lang]


def _term(term_id: str, names: "Localized", variants: Mapping[str, Iterable[str]] | None = None) -> Term:
    return Term(term_id, names.languages(), {lang: tuple(v) for lang, v in (variants or {}).items() if v})
