"""Choosing a brief's facts and the section each one goes to.

Selection is a partition: every selected fact lands in exactly one section,
so no fact is told twice and none is dropped. Templates decide how a section
reads; this module decides what it holds.

The importance model (how the lead and the body are chosen)
-----------------------------------------------------------
Each fact gets a salience score for the brief's subject, the sum of:

- headline weight: the curator's `importance` (1 headline: 3, 2 normal: 1, 3 detail: 0);
- subject weight: +1.5 when the fact is the subject's own (a country brief: its
  officials spoke, it is one of the first two countries named, or it hosted or
  chaired the event; a theme brief: the theme is the fact's first);
- recency: +1.5 for the latest held event, +0.75 for an earlier held one;
- kind: decision or commitment +1, outcome +0.8, proposal +0.7, figure or
  project +0.4, statement or position +0.2, context and plans 0;
- an analyst's view -1 (it is comment, not news).

The lead takes the highest-scoring eligible facts (LEAD_MIN to LEAD_MAX of
them, all with at least LEAD_FLOOR when there are enough, and always one from
the latest held event when the subject has any), most recent held event first. Not eligible: facts marked `doubtful`, and previews of an event
that did not take place (a postponed event's `planned` facts); the
postponement itself is eligible. A curator can pin the lead in briefs.yaml
(`leads: {country:KZ: [fact ids]}`), which replaces the choice.

The body (lead to outlook) has a word budget (BODY_WORDS; JP and XC, whose
briefs span the whole dialogue, BODY_WORDS_WIDE). The least salient facts
move to the annex ("Details and chronology") until the body fits; the annex
tells them in date order with event labels, so nothing on the subject is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..facts.model import ACTION_KINDS, SAID_KINDS, Conflict, Corpus, Event, Fact, Figure, Source, plain
from ..facts.numbers import contains_number
from .specs import BriefSpec

OUTLOOK_KINDS = frozenset({"plan", "outcome", "decision"})  # commitments stay under the heading that promises them
KEY_FIGURE_LIMIT = 12
LEAD_MIN, LEAD_MAX, LEAD_FLOOR = 3, 5, 4.5
PARAGRAPH_FACTS = 5
SPEAKER_RUN = 3  # this many consecutive points by one speaker are grouped under one lead sentence
BODY_WORDS = 1200
BODY_WORDS_WIDE = 1800
WIDE_SUBJECTS = frozenset({"JP", "XC"})
KEY_UNITS_NOT_CURRENCY = frozenset({"percent", "times", "MW", "GW", "degC"})
KEY_COUNT_MIN = 20
CONFLICT_SHARE = 0.20  # of a brief's words at most; beyond, what each source says moves to the annex
_KIND_WEIGHT = {"decision": 1.0, "commitment": 1.0, "outcome": 0.8, "proposal": 0.7, "figure": 0.4,
                "project": 0.4, "statement": 0.2, "position": 0.2, "context": 0.0, "plan": 0.0}
_HEADLINE_WEIGHT = {1: 3.0, 2: 1.0, 3: 0.0}


@dataclass
class Segment:
    """Consecutive points of one list: a run of one speaker's points gets a lead sentence naming them."""

    facts: list[Fact]
    speaker: str | None = None  # set when the points are grouped under the speaker's name
    source: str | None = None  # set when the points all come from one preview or opinion piece, said once above them


@dataclass
class Group:
    """Facts under one sub-heading (an event, a theme or a country)."""

    key: str
    name: str
    facts: list[Fact]
    paragraphs: list[list[Fact]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    mixed_events: bool = False  # grouped by theme or country, not by event: each point carries its event label


@dataclass
class Selection:
    facts: list[Fact]
    summary: list[Fact] = field(default_factory=list)
    context: list[Group] = field(default_factory=list)
    positions: list[Group] = field(default_factory=list)
    statements: list[Group] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    outlook: list[Segment] = field(default_factory=list)
    annex: list[Group] = field(default_factory=list)
    figures: list[tuple[Fact, Figure, list[str]]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    conflict_detail_in_annex: bool = False  # the section gives topic and reading; the annex what each source says
    budget: int = BODY_WORDS

    def body(self) -> list[Fact]:
        """Facts from the lead to the outlook, in the order the brief tells them."""
        grouped = [f for g in self.context + self.positions + self.statements + self.groups for f in g.facts]
        return self.summary + grouped + [f for s in self.outlook for f in s.facts]

    def placed(self) -> list[Fact]:
        """Every fact the brief tells, body then annex."""
        return self.body() + [f for g in self.annex for f in g.facts]


def subject_facts(corpus: Corpus, spec: BriefSpec) -> list[Fact]:
    """The facts a brief is about: a theme's facts; a country's, what its officials said, and the
    outcomes and decisions of events it hosted or chaired."""
    if spec.kind == "theme":
        return [f for f in corpus.facts.values() if spec.subject in f.themes]
    return [f for f in corpus.facts.values()
            if spec.subject in f.countries or _speaker_country(corpus, f) == spec.subject
            or (f.kind in ("outcome", "decision") and spec.subject in corpus.events[f.event].hosts)]


ATTRIBUTED = {"en": re.compile(r"preview|article|Fayziev", re.I), "ar": re.compile("تمهيدي|مقال|فايزييف"),
              "ru": re.compile(r"анонс|стать[еияюйь]|Файзиев", re.I)}
"""Text that already says where it comes from (a preview, an article, the opinion's author)."""


def attribution_source(corpus: Corpus, fact: Fact, lang: str) -> Source | None:
    """The source a fact must be attributed to in the brief: it is the fact's only source, it is a
    preview, an opinion piece or a newspaper article, and the fact's text does not say so itself."""
    files = {source.file for source in fact.sources}
    if len(files) != 1:
        return None
    source = corpus.sources[files.pop()]
    pattern = ATTRIBUTED.get(lang, ATTRIBUTED["en"])
    text = fact.text[lang].text if lang in fact.text else fact.text["en"].text
    if source.genre == "news_report" or pattern.search(text):
        return None
    return source


def select(corpus: Corpus, spec: BriefSpec, lang: str) -> Selection:
    facts = subject_facts(corpus, spec)
    # Ties keep the curators' order: facts are written in the order a story tells them.
    written = {fact_id: index for index, fact_id in enumerate(corpus.facts)}
    chronological = sorted(facts, key=lambda f: (corpus.fact_date(f), f.importance, written[f.id]))
    budget = BODY_WORDS_WIDE if spec.kind == "country" and spec.subject in WIDE_SUBJECTS else BODY_WORDS
    selection = Selection(facts=chronological, budget=budget)
    latest = _latest_held_event(corpus)
    score = {f.id: salience(corpus, f, spec, latest) for f in facts}

    remaining = list(chronological)

    def take(predicate) -> list[Fact]:
        taken = [f for f in remaining if predicate(f)]
        for fact in taken:
            remaining.remove(fact)
        return taken

    lead_ids = _lead(corpus, spec, chronological, score, latest)
    lead = take(lambda f: f.id in lead_ids)
    pinned = corpus.leads.get(f"{spec.kind}:{spec.subject}") or []
    order = (lambda f: pinned.index(f.id)) if pinned else (lambda f: -score[f.id])
    selection.summary = sorted(lead, key=lambda f: (_event_rank(corpus, f, latest), order(f), written[f.id]))
    outlook = take(lambda f: f.event == latest.id and ((f.status == "planned" and f.kind in OUTLOOK_KINDS) or f.next_step))

    # The body holds the most salient of the rest within the word budget; the others go to the annex.
    fixed_words = _words(lead) + _words(outlook) + 60
    annexed: set[str] = set()
    body_words = fixed_words + sum(_words([f]) + 3 for f in remaining)
    for fact in sorted(remaining, key=lambda f: (score[f.id], -corpus.fact_date(f).toordinal(), -written[f.id])):
        if body_words <= budget * 0.9:
            break
        annexed.add(fact.id)
        body_words -= _words([fact]) + 3
    annex = take(lambda f: f.id in annexed)

    event_names = {e.id: e.name.get(lang) for e in corpus.events.values()}
    event_order = [e.id for e in sorted(corpus.events.values(), key=lambda e: e.start)]
    context = take(lambda f: f.event == "background" or corpus.events[f.event].status == "postponed")
    selection.context = _group(context, key=lambda f: f.event, names=event_names, order=event_order)
    country_order = [c.code for c in corpus.countries.values() if c.subject] + [c.code for c in corpus.countries.values() if not c.subject]

    def topic(fact: Fact) -> tuple:
        """Facts a paragraph attributes to one preview or opinion article together (the paragraph says
        so once); else a speaker's views together, else a theme in a country brief, a country in a theme brief."""
        source = attribution_source(corpus, fact, lang)
        if source is not None:
            return ("from", source.file)
        if fact.speaker:
            return ("said", fact.speaker)
        return ("about", fact.themes[0] if spec.kind == "country" else _primary_country(fact, country_order))

    for group in selection.context:
        _split_paragraphs(group, topic)
    newest_first = list(reversed(event_order))
    if spec.kind == "country":
        own = lambda f: _speaker_country(corpus, f) == spec.subject or (f.speaker is None and f.countries[0] == spec.subject)
        acted = take(lambda f: own(f) and f.kind in ACTION_KINDS)
        selection.positions = _group(acted, key=lambda f: f.event, names=event_names, order=newest_first)
        said = take(lambda f: _speaker_country(corpus, f) == spec.subject and f.kind in SAID_KINDS)
        selection.statements = _group(said, key=lambda f: f.event, names=event_names, order=newest_first)
        selection.groups = _group(take(lambda f: True), key=lambda f: f.themes[0],
                                  names={t.id: t.name.get(lang) for t in corpus.themes.values()}, order=list(corpus.themes))
    else:
        selection.groups = _group(take(lambda f: True), key=lambda f: _primary_country(f, country_order),
                                  names={c.code: c.name.get(lang) for c in corpus.countries.values()}, order=country_order)
    assert not remaining, "every selected fact must be placed"
    selection.annex = _group(annex, key=lambda f: f.event, names=event_names, order=event_order)
    for group in selection.groups:  # a theme's or a country's points say which event each is from
        group.mixed_events = True
    for group in selection.positions + selection.statements + selection.groups + selection.annex:
        group.segments = speaker_segments(group.facts, corpus, lang)
    selection.outlook = speaker_segments(outlook, corpus, lang)
    placed = {f.id for f in selection.placed()}
    selection.figures = _key_figures(corpus, [f for f in selection.placed()], score)
    selection.conflicts = [c for c in corpus.conflicts.values()
                           if any(fact_id in placed for fact_id in c.concerns()) and (not c.languages or lang in c.languages)]
    full = sum(_conflict_words(c, whole=True) for c in selection.conflicts)
    told = _words(selection.placed()) + 6 * len(selection.figures)
    if full > CONFLICT_SHARE * 0.9 * (told + full):
        selection.conflict_detail_in_annex = True
    return selection


def _conflict_words(conflict: Conflict, whole: bool) -> int:
    texts = [conflict.topic["en"].text, conflict.resolution["en"].text]
    if whole:
        texts += [claim.says["en"].text for claim in conflict.claims if "en" in claim.says]
    return sum(len(t.split()) for t in texts)


def salience(corpus: Corpus, fact: Fact, spec: BriefSpec, latest: Event) -> float:
    """The importance model (see the module docstring) for one fact in one brief."""
    event = corpus.events[fact.event]
    if spec.kind == "country":
        own = (_speaker_country(corpus, fact) == spec.subject or spec.subject in fact.countries[:2]
               or spec.subject in event.hosts)
    else:
        own = fact.themes[0] == spec.subject
    recency = 1.5 if event.id == latest.id else 0.75 if event.status == "held" else 0.0
    analyst = fact.speaker is not None and corpus.people[fact.speaker].kind == "analyst"
    return (_HEADLINE_WEIGHT[fact.importance] + (1.5 if own else 0.0) + recency
            + _KIND_WEIGHT[fact.kind] - (1.0 if analyst else 0.0))


def lead_eligible(corpus: Corpus, fact: Fact) -> bool:
    """Never a doubtful fact, nor the preview of an event that did not happen (its postponement may lead)."""
    event = corpus.events[fact.event]
    return not fact.doubtful and not (event.status == "postponed" and fact.status == "planned")


def _lead(corpus: Corpus, spec: BriefSpec, facts: list[Fact], score: dict[str, float], latest: Event) -> set[str]:
    pinned = corpus.leads.get(f"{spec.kind}:{spec.subject}")
    if pinned:
        return set(pinned)
    ranked = sorted((f for f in facts if lead_eligible(corpus, f)),
                    key=lambda f: (-score[f.id], _event_rank(corpus, f, latest), f.importance))
    chosen = [f for f in ranked if score[f.id] >= LEAD_FLOOR][:LEAD_MAX]
    if len(chosen) < LEAD_MIN:
        chosen = ranked[:LEAD_MIN]
    newest = [f for f in ranked if f.event == latest.id]
    if newest and not any(f.event == latest.id for f in chosen):
        chosen = chosen[:LEAD_MAX - 1] + newest[:1] if len(chosen) >= LEAD_MAX else chosen + newest[:1]
    return {f.id for f in chosen}


def _event_rank(corpus: Corpus, fact: Fact, latest: Event) -> tuple:
    """Most recent held event first, then earlier held events, then what did not happen, then background."""
    event = corpus.events[fact.event]
    held = event.status == "held"
    return (0 if event.id == latest.id else 1 if held else 2 if event.status != "historical" else 3,
            -event.start.toordinal())


def speaker_segments(facts: list[Fact], corpus: Corpus | None = None, lang: str = "en") -> list[Segment]:
    """Consecutive points split into runs; SPEAKER_RUN or more by one speaker share a lead sentence,
    and (given the corpus) two or more from one preview or opinion piece share one attribution."""
    segments: list[Segment] = []
    for segment in _speaker_runs(facts):
        if segment.speaker is not None or corpus is None:
            segments.append(segment)
            continue
        for fact in segment.facts:
            source = attribution_source(corpus, fact, lang)
            key = source.file if source is not None else None
            last = segments[-1] if segments and segments[-1].speaker is None else None
            if last is not None and last.source == key and (key is not None or len(last.facts) >= 1):
                last.facts.append(fact)
            else:
                segments.append(Segment([fact], source=key))
    for segment in segments:  # one point from a source keeps its own label
        if segment.source is not None and len(segment.facts) < 2:
            segment.source = None
    return segments


def _speaker_runs(facts: list[Fact]) -> list[Segment]:
    segments: list[Segment] = []
    i = 0
    while i < len(facts):
        j = i
        while j < len(facts) and facts[i].speaker is not None and facts[j].speaker == facts[i].speaker:
            j += 1
        if j - i >= SPEAKER_RUN:
            segments.append(Segment(facts[i:j], speaker=facts[i].speaker))
            i = j
            continue
        if segments and segments[-1].speaker is None:
            segments[-1].facts.append(facts[i])
        else:
            segments.append(Segment([facts[i]]))
        i += 1
    return segments


def _words(facts: list[Fact]) -> int:
    return sum(len(plain(f.text["en"].text).split()) for f in facts)


def _latest_held_event(corpus: Corpus) -> Event:
    held = [e for e in corpus.events.values() if e.status == "held"]
    return max(held, key=lambda e: e.start) if held else max(corpus.events.values(), key=lambda e: e.start)


def _speaker_country(corpus: Corpus, fact: Fact) -> str | None:
    """The country a speaker speaks for; analysts speak for none."""
    if fact.speaker is None or corpus.people[fact.speaker].kind != "official":
        return None
    return corpus.people[fact.speaker].country


def _primary_country(fact: Fact, order: list[str]) -> str:
    return min(fact.countries, key=order.index)


def _group(facts: list[Fact], key, names: dict[str, str], order: list[str]) -> list[Group]:
    buckets: dict[str, list[Fact]] = {}
    for fact in facts:
        buckets.setdefault(key(fact), []).append(fact)
    return [Group(k, names[k], buckets[k]) for k in order if k in buckets]


def _split_paragraphs(group: Group, topic) -> None:
    """Prose paragraphs in date order: a new paragraph where the topic (a speaker's views, else a
    theme in a country brief or a country in a theme brief) changes, at most PARAGRAPH_FACTS facts each."""
    paragraphs: list[list[Fact]] = []
    for fact in group.facts:
        if paragraphs and topic(paragraphs[-1][-1]) == topic(fact) and len(paragraphs[-1]) < PARAGRAPH_FACTS:
            paragraphs[-1].append(fact)
        else:
            paragraphs.append([fact])
    group.paragraphs = paragraphs


def figure_sources(fact: Fact, figure: Figure) -> list[str]:
    """The fact's source files whose quote states this figure (its number, or its spelled-out form)."""
    files = []
    for source in fact.sources:
        stated = contains_number(source.quote, figure.number) if figure.written is None else figure.written in source.quote
        if stated and (figure.to is None or contains_number(source.quote, figure.to)) and source.file not in files:
            files.append(source.file)
    return files


def _key_figures(corpus: Corpus, placed: list[Fact], score: dict[str, float]) -> list[tuple[Fact, Figure, list[str]]]:
    ranked = sorted((f for f in placed if f.figures and f.importance <= 2 and not f.doubtful), key=lambda f: -score[f.id])
    rows = [(fact, figure, figure_sources(fact, figure)) for fact in ranked for figure in fact.figures
            if _is_key_figure(figure)]
    chosen = [row for row in rows if row[2]][:KEY_FIGURE_LIMIT]
    position = {fact.id: i for i, fact in enumerate(placed)}
    return sorted(chosen, key=lambda row: position[row[0].id])


def _is_key_figure(figure: Figure) -> bool:
    """Amounts, shares and capacities make key figures; years, durations, ordinals and small counts
    (five republics, nine meetings: words in a sentence, not figures in a table) do not."""
    if figure.unit == "count":
        return figure.number * figure.scale >= KEY_COUNT_MIN
    return figure.unit in KEY_UNITS_NOT_CURRENCY or (len(figure.unit) == 3 and figure.unit.isupper())


def latest_date(corpus: Corpus) -> dt.date:
    """The brief's date: the newest source, so output does not depend on the clock."""
    return max(source.published for source in corpus.sources.values())
