"""The curated facts corpus as typed, validated data.

Everything a brief says comes from these objects, so the schema is strict:
unknown keys are errors (a typo in a curated file must not vanish silently).
Cross-references (country codes, themes, events, people, source files) are
checked by ``facts.validate`` against the reference data, not here, so these
models stay usable for fixtures and tests without a whole corpus around them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["held", "planned", "ongoing", "postponed", "historical"]
LangCode = str
FACT_ID_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"


class Strict(BaseModel):
    # defer_build: a validator is built when a model first validates, so a corpus read from the
    # parsed-corpus cache (unpickled, never validated) does not pay for building thirteen of them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Localized(Strict):
    """A short name in several languages (reference data)."""

    ar: str
    en: str
    ru: str | None = None
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    @model_validator(mode="after")
    def _extra_languages_are_text(self) -> "Localized":
        for key, value in (self.model_extra or {}).items():
            if not isinstance(value, str) or not value:
                # `{en: Water, agriculture}` in a YAML flow mapping splits at the comma: quote the text
                raise ValueError(f"{key!r} is not a language with text (a comma in an unquoted name?)")
        return self

    def get(self, lang: str, fallback: str = "en") -> str:
        value = getattr(self, lang, None) or (self.model_extra or {}).get(lang)
        return value or getattr(self, fallback)

    def languages(self) -> dict[str, str]:
        values = {"ar": self.ar, "en": self.en}
        if self.ru:
            values["ru"] = self.ru
        values.update({k: v for k, v in (self.model_extra or {}).items() if v})
        return values


class CuratedText(Strict):
    """Text a person wrote or checked; machine output never lands here."""

    text: str = Field(min_length=1)
    curated: Literal[True] = True

    @field_validator("text")
    @classmethod
    def _no_outer_space(cls, value: str) -> str:
        if value != value.strip():
            raise ValueError("text has leading or trailing whitespace")
        return value


class Figure(Strict):
    """A number as data: what it measures, its unit and scale."""

    number: float
    to: float | None = Field(default=None, description="upper end when the source gives a range (24-25 MW): number is the lower")
    unit: str = Field(min_length=1, description="ISO 4217 currency, or a unit such as 'percent', 'MW', 'count', 'year'")
    scale: Literal[1, 1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000] = 1
    measures: str = Field(min_length=3, description="what the number measures, in English")
    approx: bool = False
    qualifier: Literal["exact", "more_than", "up_to", "about"] = "exact"
    label: dict[LangCode, str] = Field(
        default_factory=dict, description="short curated label per language for key-figure tables"
    )
    written: str | None = Field(
        default=None,
        description="the number as the quote writes it when it is spelled out in words (e.g. تسعة)",
    )

    @property
    def value(self) -> float:
        return self.number * self.scale

    @model_validator(mode="after")
    def _range_ascends(self) -> "Figure":
        if self.to is not None and self.to <= self.number:
            raise ValueError(f"range {self.number:g}-{self.to:g}: 'to' must be larger than 'number'")
        return self


class SourceRef(Strict):
    """Where a fact comes from: a seed file and a verbatim quote from it."""

    file: str = Field(pattern=r"^[\w.-]+\.txt$")
    quote: str = Field(min_length=8)


Kind = Literal["statement", "position", "proposal", "commitment", "decision", "outcome", "project", "figure", "context", "plan"]
"""What a fact is, so a heading that promises proposals holds proposals.

proposal, commitment, decision -- what someone put forward, promised, or what was agreed/adopted/signed
statement, position            -- what someone said or holds (a view, a welcome, a remark)
figure                         -- a number as the news (its figures feed the key-figures table)
outcome, project, plan, context -- what happened, a named project, what was to happen, background
"""
ACTION_KINDS = frozenset({"proposal", "commitment", "decision"})
SAID_KINDS = frozenset({"statement", "position", "figure"})

CITE_MARK = re.compile(r"\s*\[\^(\d+(?:\s*,\s*\d+)*)\]")
"""A per-claim citation inside curated text: `[^1]` or `[^1,2]` after a sentence or clause names the
fact's own sources (1-based, in the order of `sources`) that make that claim."""


def split_cites(text: str) -> list[tuple[str, list[int] | None]]:
    """Curated text as (stretch, source indexes) pairs; one (text, None) pair when it carries no marks."""
    parts: list[tuple[str, list[int] | None]] = []
    position = 0
    for match in CITE_MARK.finditer(text):
        parts.append((text[position:match.start()], [int(n) - 1 for n in match.group(1).split(",")]))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], None))
    return parts


def plain(text: str) -> str:
    """Curated text without its citation marks, as a reader sees it."""
    return CITE_MARK.sub("", text)


class Fact(Strict):
    id: str = Field(pattern=FACT_ID_PATTERN)
    event: str
    date: dt.date | None = None
    status: Status
    countries: list[str] = Field(min_length=1)
    themes: list[str] = Field(min_length=1)
    speaker: str | None = None
    kind: Kind
    importance: Literal[1, 2, 3] = 2
    doubtful: bool = Field(False, description="the sources contradict or overstate it: never in a lead")
    standalone: str | None = Field(None, description="why an opening the standalone lint flags is clear "
                                   "where it stands (`briefgen facts lint` then accepts it)")
    next_step: bool = Field(False, description="an offer or proposal about what comes next (hosting, "
                            "frequency of summits): the outlook carries it although it was said at a held event")
    text: dict[LangCode, CuratedText]
    figures: list[Figure] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _needs_english(self) -> "Fact":
        if "en" not in self.text:
            raise ValueError("missing English text (text.en)")
        if "ar" not in self.text:
            raise ValueError("missing Arabic text (text.ar)")
        for lang, curated in self.text.items():
            parts = split_cites(curated.text)
            marked = [cites for _, cites in parts if cites is not None]
            if not marked:
                continue
            if parts[-1][1] is None and parts[-1][0].strip():
                raise ValueError(f"text.{lang}: text after the last citation mark [^n] cites nothing")
            for cites in marked:
                for index in cites:
                    if not 0 <= index < len(self.sources):
                        raise ValueError(f"text.{lang}: citation mark [^{index + 1}] but the fact has "
                                         f"{len(self.sources)} source(s)")
        return self

    def plain(self, lang: str) -> str:
        """The fact's text in a language without citation marks."""
        return plain(self.text[lang].text)

    @field_validator("countries")
    @classmethod
    def _unique_countries(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a country is listed twice")
        return value


class Claim(Strict):
    """One side of a disagreement between sources."""

    fact: str
    says: dict[LangCode, CuratedText]
    sources: list[str] = Field(default_factory=list, description="the seed file(s) that make this claim; required "
                               "when the fact has more than one source, so the claim cites exactly its own")


class Conflict(Strict):
    """Sources that disagree, kept as data so briefs can say so."""

    id: str = Field(pattern=FACT_ID_PATTERN)
    topic: dict[LangCode, CuratedText]
    claims: list[Claim] = Field(min_length=2)
    resolution: dict[LangCode, CuratedText]
    about: list[str] = Field(default_factory=list, description="the facts the disagreement concerns (a brief "
                             "shows it only when it shows one of them); empty: every claim's fact")
    languages: list[LangCode] = Field(default_factory=list, description="only in briefs in these languages "
                                      "(e.g. [ar] for Arabic spellings of a name); empty: every brief")

    def concerns(self) -> list[str]:
        return self.about or [claim.fact for claim in self.claims]

    @model_validator(mode="after")
    def _needs_english(self) -> "Conflict":
        for name in ("topic", "resolution"):
            if "en" not in getattr(self, name):
                raise ValueError(f"missing English text ({name}.en)")
        return self


class Country(Strict):
    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: Localized
    subject: bool = False
    capital: Localized | None = None
    variants: list[str] = Field(default_factory=list)


class Theme(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: Localized


class Event(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    status: Status
    start: dt.date
    end: dt.date | None = None
    place: Localized | None = None
    name: Localized
    label: Localized | None = Field(None, description="short label for mixed-event lists, e.g. 'Tokyo summit, Dec 2025'")
    in_text: Localized | None = Field(None, description="the phrase facts of this event use to attribute "
                                      "themselves ('In his article before the Astana meeting,'); dropped "
                                      "under the event's own heading, where it would repeat")
    hosts: list[str] = Field(default_factory=list, description="countries that hosted or chaired it: their "
                             "briefs carry its outcomes and decisions")


class Person(Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal["official", "analyst"] = Field(
        default="official", description="an analyst's views never count as their country's position"
    )
    country: str | None = None
    role: Localized
    name: Localized
    short: Localized
    variants: list[str] = Field(default_factory=list)


Genre = Literal["news_report", "preview", "opinion", "newspaper_article"]


class Source(Strict):
    file: str
    outlet: Localized | None = Field(None, description="omit when the text does not name it")
    genre: Genre = Field(description="news_report, preview (written before the event), opinion, newspaper_article")
    title: Localized
    published: dt.date
    author: str | None = None
    attribution: Localized | None = Field(None, description="how a brief attributes a fact told only by this "
                                          "source, e.g. 'Sherzod Fayziev's opinion article, written before the summit'")
    body_starts_at: str | None = None
    note: dict[LangCode, str] = Field(default_factory=dict)


class Corpus(BaseModel):
    """Reference data plus facts and conflicts, indexed by id."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    countries: dict[str, Country]
    themes: dict[str, Theme]
    events: dict[str, Event]
    people: dict[str, Person]
    sources: dict[str, Source]
    facts: dict[str, Fact]
    conflicts: dict[str, Conflict]
    origin: dict[str, str] = Field(default_factory=dict, description="fact id -> 'file:line'")
    leads: dict[str, list[str]] = Field(default_factory=dict, description="curator-pinned leads from "
                                        "briefs.yaml: 'country:KZ' or 'theme:energy_climate' -> fact ids in order")

    def fact_date(self, fact: Fact) -> dt.date:
        """When a fact happened: its date, else the year it is about, else its event's start."""
        if fact.date is not None:
            return fact.date
        if fact.event == "background":
            years = [int(f.number) for f in fact.figures if f.unit == "year" and 1900 < f.number < 2100]
            if years:
                return dt.date(min(years), 1, 1)
            if fact.speaker is not None and self.people[fact.speaker].kind == "analyst":
                return min(self.sources[s.file].published for s in fact.sources)
        return self.events[fact.event].start
