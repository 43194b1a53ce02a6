"""Choosing a brief's facts and the section each one goes to.

Selection is a partition: every selected fact lands in exactly one section,
so no fact is told twice and none is dropped. Templates decide how a section
reads; this module decides what it holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..facts.model import Conflict, Corpus, Event, Fact, Figure
from .specs import BriefSpec

FORWARD_KINDS = frozenset({"plan", "proposal", "commitment", "outcome"})
POSITION_KINDS = frozenset({"proposal", "commitment"})
KEY_FIGURE_LIMIT = 20
SUMMARY_MIN = 3
PARAGRAPH_FACTS = 5
KEY_UNITS_NOT_CURRENCY = frozenset({"percent", "count", "times", "MW", "GW", "degC"})


@dataclass
class Group:
    """Facts under one sub-heading (an event, a theme or a country)."""

    key: str
    name: str
    facts: list[Fact]
    paragraphs: list[list[Fact]] = field(default_factory=list)


@dataclass
class Selection:
    facts: list[Fact]
    summary: list[Fact] = field(default_factory=list)
    context: list[Group] = field(default_factory=list)
    positions: list[Group] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    outlook: list[Fact] = field(default_factory=list)
    figures: list[tuple[Fact, Figure]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def placed(self) -> list[Fact]:
        """Facts in the order the brief tells them."""
        grouped = [f for g in self.context + self.positions + self.groups for f in g.facts]
        return self.summary + grouped + self.outlook


def select(corpus: Corpus, spec: BriefSpec, lang: str) -> Selection:
    if spec.kind == "country":
        facts = [f for f in corpus.facts.values() if spec.subject in f.countries or _speaker_country(corpus, f) == spec.subject]
    else:
        facts = [f for f in corpus.facts.values() if spec.subject in f.themes]
    # Ties keep the curators' order: facts are written in the order a story tells them.
    written = {fact_id: index for index, fact_id in enumerate(corpus.facts)}
    chronological = sorted(facts, key=lambda f: (corpus.fact_date(f), f.importance, written[f.id]))
    selection = Selection(facts=chronological)
    remaining = list(chronological)

    def take(predicate) -> list[Fact]:
        taken = [f for f in remaining if predicate(f)]
        for fact in taken:
            remaining.remove(fact)
        return taken

    latest = _latest_held_event(corpus)
    selection.outlook = take(lambda f: f.event == latest.id
                             and ((f.status == "planned" and f.kind in FORWARD_KINDS) or f.next_step))
    summary = take(lambda f: f.importance == 1)
    filling = {f.id for f in _summary_fill(corpus, summary, remaining, latest, written)}
    summary += take(lambda f: f.id in filling)
    selection.summary = sorted(summary, key=lambda f: (-corpus.fact_date(f).toordinal(), written[f.id]))
    event_names = {e.id: e.name.get(lang) for e in corpus.events.values()}
    event_order = [e.id for e in sorted(corpus.events.values(), key=lambda e: e.start)]
    context = take(lambda f: f.event == "background" or corpus.events[f.event].status == "postponed")
    selection.context = _group(context, key=lambda f: f.event, names=event_names, order=event_order)
    country_order = [c.code for c in corpus.countries.values() if c.subject] + [c.code for c in corpus.countries.values() if not c.subject]

    def topic(fact: Fact) -> str:
        """A speaker's views together; else a theme in a country brief, a country in a theme brief."""
        if fact.speaker:
            return f"said:{fact.speaker}"
        return fact.themes[0] if spec.kind == "country" else _primary_country(fact, country_order)

    for group in selection.context:
        _split_paragraphs(group, topic)
    if spec.kind == "country":
        spoke = take(lambda f: _is_position(corpus, f, spec.subject))
        selection.positions = _group(spoke, key=lambda f: f.event, names=event_names, order=event_order)
        selection.groups = _group(take(lambda f: True), key=lambda f: f.themes[0],
                                  names={t.id: t.name.get(lang) for t in corpus.themes.values()}, order=list(corpus.themes))
    else:
        selection.groups = _group(take(lambda f: True), key=lambda f: _primary_country(f, country_order),
                                  names={c.code: c.name.get(lang) for c in corpus.countries.values()}, order=country_order)
    assert not remaining, "every selected fact must be placed"
    selected_ids = {f.id for f in facts}
    selection.figures = _key_figures(selection.placed())
    selection.conflicts = [c for c in corpus.conflicts.values() if any(cl.fact in selected_ids for cl in c.claims)]
    return selection


def _summary_fill(corpus: Corpus, summary: list[Fact], remaining: list[Fact], latest: Event,
                  written: dict[str, int]) -> list[Fact]:
    """Facts to add so the summary has SUMMARY_MIN points and covers the latest held event.

    Curators mark headline facts with importance 1, but a country that made
    no headline still needs a summary, and a brief dated after the Tokyo
    summit should not summarise only 2024. The most salient of the rest are
    the most important, then from the latest event, then concrete (with
    figures), then forward-looking, then newest.
    """
    def salience(fact: Fact) -> tuple:
        return (fact.importance, fact.event != latest.id, not fact.figures, fact.kind not in FORWARD_KINDS,
                -corpus.fact_date(fact).toordinal(), written[fact.id])

    pool = sorted(remaining, key=salience)
    chosen: list[Fact] = []
    if pool and pool[0].event == latest.id and not any(f.event == latest.id for f in summary):
        chosen.append(pool.pop(0))
    while pool and len(summary) + len(chosen) < SUMMARY_MIN:
        chosen.append(pool.pop(0))
    return chosen


def _latest_held_event(corpus: Corpus) -> Event:
    held = [e for e in corpus.events.values() if e.status == "held"]
    return max(held, key=lambda e: e.start) if held else max(corpus.events.values(), key=lambda e: e.start)


def _speaker_country(corpus: Corpus, fact: Fact) -> str | None:
    """The country a speaker speaks for; analysts speak for none."""
    if fact.speaker is None or corpus.people[fact.speaker].kind != "official":
        return None
    return corpus.people[fact.speaker].country


def _is_position(corpus: Corpus, fact: Fact, subject: str) -> bool:
    if fact.speaker is not None and corpus.people[fact.speaker].kind == "official":
        return _speaker_country(corpus, fact) == subject
    return fact.kind in POSITION_KINDS and fact.countries[0] == subject


def _primary_country(fact: Fact, order: list[str]) -> str:
    return min(fact.countries, key=order.index)


def _group(facts: list[Fact], key, names: dict[str, str], order: list[str]) -> list[Group]:
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        buckets.setdefault(key(fact), []).append(fact)
    return [Group(k, names[k], buckets[k]) for k in order if k in buckets]


def _split_paragraphs(group: Group, topic) -> None:
    """Prose paragraphs by topic (a speaker's views, else a theme in a country brief or a
    country in a theme brief), at most PARAGRAPH_FACTS facts each.

    One paragraph per event would run to a page; a reader expects a paragraph
    per topic, in the order the topics first come up, chronological within.
    """
    topics: dict[str, list[Fact]] = {}
    for fact in group.facts:
        topics.setdefault(topic(fact), []).append(fact)
    group.paragraphs = [facts[i:i + PARAGRAPH_FACTS] for facts in topics.values()
                        for i in range(0, len(facts), PARAGRAPH_FACTS)]
    group.facts = [fact for paragraph in group.paragraphs for fact in paragraph]


def _key_figures(placed: list[Fact]) -> list[tuple[Fact, Figure]]:
    ranked = sorted((f for f in placed if f.figures and f.importance <= 2), key=lambda f: f.importance)
    rows = [(fact, figure) for fact in ranked for figure in fact.figures if _is_key_unit(figure.unit)]
    chosen = rows[:KEY_FIGURE_LIMIT]
    position = {fact.id: i for i, fact in enumerate(placed)}
    return sorted(chosen, key=lambda row: position[row[0].id])


def _is_key_unit(unit: str) -> bool:
    """Amounts, shares and capacities make key figures; years, durations and ordinals do not."""
    return unit in KEY_UNITS_NOT_CURRENCY or (len(unit) == 3 and unit.isupper())


def latest_date(corpus: Corpus) -> dt.date:
    """The brief's date: the newest source, so output does not depend on the clock."""
    return max(source.published for source in corpus.sources.values())
