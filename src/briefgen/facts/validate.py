"""Cross-reference checks the schema alone cannot make.

A fact naming a country, theme, event, person or source file that the
reference data does not define would silently drop out of every brief that
filters on it, so each such reference is an error with its line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Corpus
    from .yamlfile import LocatedData

Places = dict[str, "tuple[LocatedData, int]"]


def cross_check(corpus: "Corpus", facts_at: Places, conflicts_at: Places) -> list[str]:
    problems: list[str] = []
    for fact_id, fact in corpus.facts.items():
        doc, index = facts_at[fact_id]

        def bad(path: tuple, message: str) -> None:
            problems.append(f"{doc.where((index, *path))}: {fact_id}: {message}")

        if fact.event not in corpus.events:
            bad(("event",), f"unknown event {fact.event!r} (known: {', '.join(corpus.events)})")
        for i, code in enumerate(fact.countries):
            if code not in corpus.countries:
                bad(("countries", i), f"unknown country {code!r} (known: {', '.join(corpus.countries)})")
        for i, theme in enumerate(fact.themes):
            if theme not in corpus.themes:
                bad(("themes", i), f"unknown theme {theme!r} (known: {', '.join(corpus.themes)})")
        if fact.speaker is not None and fact.speaker not in corpus.people:
            bad(("speaker",), f"unknown speaker {fact.speaker!r} (known: {', '.join(corpus.people)})")
        for i, source in enumerate(fact.sources):
            if source.file not in corpus.sources:
                bad(("sources", i, "file"), f"unknown source file {source.file!r} (add it to reference/sources.yaml)")
    for conflict_id, conflict in corpus.conflicts.items():
        doc, index = conflicts_at[conflict_id]
        for i, claim in enumerate(conflict.claims):
            if claim.fact not in corpus.facts:
                problems.append(f"{doc.where((index, 'claims', i, 'fact'))}: {conflict_id}: unknown fact {claim.fact!r}")
                continue
            files = list(dict.fromkeys(s.file for s in corpus.facts[claim.fact].sources))
            if not claim.sources and len(files) > 1:
                problems.append(f"{doc.where((index, 'claims', i))}: {conflict_id}: fact {claim.fact} has "
                                f"{len(files)} sources; say which makes this claim (sources: [FILE])")
            for j, file in enumerate(claim.sources):
                if file not in files:
                    problems.append(f"{doc.where((index, 'claims', i, 'sources', j))}: {conflict_id}: {file!r} "
                                    f"is not a source of {claim.fact} ({', '.join(files)})")
        for i, fact_id in enumerate(conflict.about):
            if fact_id not in corpus.facts:
                problems.append(f"{doc.where((index, 'about', i))}: {conflict_id}: unknown fact {fact_id!r}")
    for event in corpus.events.values():
        for code in event.hosts:
            if code not in corpus.countries:
                problems.append(f"reference/events.yaml: {event.id}: unknown host country {code!r}")
    for person in corpus.people.values():
        if person.country is not None and person.country not in corpus.countries:
            problems.append(f"reference/people.yaml: {person.id}: unknown country {person.country!r}")
    return problems
