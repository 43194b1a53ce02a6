"""Editorial rules over all 51 default briefs: what makes a brief a desk officer can send.

Each rule is checked on the assembled Brief (the thing every writer prints), so a
change to selection, templates or data that breaks a rule fails here by brief id.
"""

from __future__ import annotations

import json
import re

import pytest

from briefgen.assemble import assemble, default_specs
from briefgen.assemble.select import (BODY_WORDS, BODY_WORDS_WIDE, CONFLICT_SHARE, LEAD_MAX, LEAD_MIN, SPEAKER_RUN,
                                      WIDE_SUBJECTS, attribution_source, select)
from briefgen.brief import Brief, BulletList, Cite, Heading, Paragraph, Run, SourceList, Table, iter_paragraphs, reading_lines
from briefgen.facts import load_corpus
from briefgen.facts.lint import lint, openings
from briefgen.facts.model import ACTION_KINDS, SAID_KINDS
from briefgen.facts.numbers import contains_number
from briefgen.render.json import brief_json
from briefgen.render.markdown import brief_markdown

from conftest import ROOT

CORPUS = load_corpus(ROOT / "briefs")
SPECS = default_specs(ROOT / "briefs", CORPUS)
BODY_SECTIONS = ("summary", "context", "positions", "statements", "cooperation", "countries", "outlook")
BRIEFS: dict[str, Brief] = {}


@pytest.fixture(scope="module", params=SPECS, ids=[spec.id for spec in SPECS])
def case(request):
    spec = request.param
    if spec.id not in BRIEFS:
        BRIEFS[spec.id] = assemble(CORPUS, spec)
    return spec, BRIEFS[spec.id]


def _section(brief: Brief, section_id: str):
    return next((s for s in brief.sections if s.id == section_id), None)


def _words(brief: Brief, ids) -> int:
    sections = [s for s in brief.sections if s.id in ids]
    return sum(len(line.split()) for line in reading_lines(Brief(meta=brief.meta, sections=sections)))


def _items(section) -> list[Paragraph]:
    return [item for block in section.blocks if isinstance(block, BulletList) for item in block.items]


def _prose(brief: Brief) -> list[Paragraph]:
    """Paragraphs and list items, where facts are told (not table cells or the sources list)."""
    out: list[Paragraph] = []
    for block in brief.blocks():
        if isinstance(block, Paragraph):
            out.append(block)
        elif isinstance(block, BulletList):
            out.extend(block.items)
    return out


def _facts_of(paragraph: Paragraph) -> list[str]:
    return list(dict.fromkeys(f for i in paragraph.inlines if isinstance(i, Run) for f in i.facts))


# -- 1. the lead ------------------------------------------------------------------------------

def test_lead_has_three_to_six_points_each_labelled_most_recent_event_first(case) -> None:
    spec, brief = case
    lead = _section(brief, "summary")
    items = _items(lead)
    assert LEAD_MIN <= len(items) <= 6 and LEAD_MAX <= 6, (spec.id, len(items))
    rank = []
    for item in items:
        first = item.inlines[0]
        assert isinstance(first, Run) and first.bold and first.provenance == "generated", (spec.id, item.text)
        fact = CORPUS.facts[_facts_of(item)[0]]
        event = CORPUS.events[fact.event]
        assert not fact.doubtful, (spec.id, fact.id)
        assert not (event.status == "postponed" and fact.status == "planned"), (spec.id, fact.id)  # no preview of what did not happen
        rank.append(event.start if event.status == "held" else event.start.replace(year=1))
    assert rank == sorted(rank, reverse=True), (spec.id, rank)


def test_lead_covers_the_latest_held_event_and_a_pin_replaces_the_choice(tmp_path) -> None:
    for spec in SPECS:
        selection = select(CORPUS, spec, spec.lang)
        if any(f.event == "tokyo_summit_2025" for f in selection.facts):
            assert any(f.event == "tokyo_summit_2025" for f in selection.summary), spec.id
    import shutil
    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    pin = ["ast24-kishida-tokayev-bilateral-talks-10-august", "tky25-kz-overland-freight-80pct", "bg-kz-astana-airport"]
    text = (data / "briefs.yaml").read_text(encoding="utf-8").split("\nleads:\n")[0]
    (data / "briefs.yaml").write_text(text + "\nleads:\n  country:KZ: [" + ", ".join(pin) + "]\n", encoding="utf-8")
    pinned = load_corpus(data)
    spec = next(s for s in SPECS if s.id == "country-KZ-en")
    assert {f.id for f in select(pinned, spec, "en").summary} == set(pin)


def test_a_lead_pin_must_name_three_to_six_known_facts(tmp_path) -> None:
    import shutil
    from briefgen.facts.loader import CorpusError

    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    text = (data / "briefs.yaml").read_text(encoding="utf-8").split("\nleads:\n")[0]
    (data / "briefs.yaml").write_text(text + "\nleads:\n  country:KZ: [no-such-fact, bg-kz-astana-airport]\n", encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(data)
    message = str(caught.value)
    assert "briefs.yaml" in message and "3-6 points, not 2" in message and "unknown fact 'no-such-fact'" in message


# -- 2. headings hold what they promise --------------------------------------------------------

def test_headings_hold_the_kinds_they_promise(case) -> None:
    spec, brief = case
    for section_id, kinds in (("positions", ACTION_KINDS), ("statements", SAID_KINDS)):
        section = _section(brief, section_id)
        if section is None:
            continue
        for paragraph in iter_paragraphs(Brief(meta=brief.meta, sections=[section])):
            for fact_id in _facts_of(paragraph):
                assert CORPUS.facts[fact_id].kind in kinds, (spec.id, section_id, fact_id)


# -- 3. every paragraph stands alone -----------------------------------------------------------

def test_corpus_texts_stand_alone() -> None:
    assert [str(f) for f in lint(CORPUS)] == []


@pytest.mark.parametrize("lang, text", [
    ("en", "Elsewhere, the same preview says Astana would host the summit."),
    ("en", "The postponement followed the cancellation of his visit."),
    ("en", "The project, known as the “Caspian Sea route”, aims to secure supplies."),
    ("en", "Nurtleu also hoped that the meeting would adopt the strategy."),
    ("en", "The meeting brought together the presidents."),
    ("ar", "في موضع آخر، يذكر المقال نفسه أن أستانا ستستضيف القمة."),
    ("ar", "جاء التأجيل بعد أن ألغى كيشيدا زيارته."),
    ("ru", "Нуртлеу также выразил надежду на принятие стратегии."),
    ("ru", "Проект, известный как «Каспийский маршрут», призван обеспечить поставки."),
])
def test_lint_flags_openings_that_lean_on_other_text(lang: str, text: str) -> None:
    assert openings(text, lang)


def test_lint_accepts_a_justified_exception(tmp_path) -> None:
    import shutil

    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    facts = data / "facts" / "astana_2024.yaml"
    source = facts.read_text(encoding="utf-8")
    leaning = source.replace("text: \"Tokayev stressed the importance of the Trans-Afghan railway",
                             "text: \"Tokayev also stressed the importance of the Trans-Afghan railway", 1)
    assert leaning != source
    facts.write_text(leaning, encoding="utf-8")
    found = lint(load_corpus(data))
    assert [(f.fact, f.lang) for f in found] == [("ast24-trans-afghan-railway", "en")]
    facts.write_text(leaning.replace("- id: ast24-trans-afghan-railway\n",
                                     "- id: ast24-trans-afghan-railway\n  standalone: the sentence names its railway\n", 1),
                     encoding="utf-8")
    assert lint(load_corpus(data)) == []


def test_lint_command_reports_file_line_and_exit_status(tmp_path) -> None:
    import shutil
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "briefgen", "facts", "lint", "--data", str(ROOT / "briefs")],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and "stands alone" in ok.stdout, ok.stderr
    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    facts = data / "facts" / "astana_2024.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "text: \"Tokayev stressed the importance of the Trans-Afghan railway", "text: \"He also stressed the importance of the Trans-Afghan railway", 1),
        encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "briefgen", "facts", "lint", "--data", str(data)], capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert re.search(r"astana_2024\.yaml:\d+: ast24-trans-afghan-railway: text\.en opens", bad.stderr), bad.stderr


def test_mixed_event_lists_label_each_point_and_background_runs_in_date_order(case) -> None:
    spec, brief = case
    selection = select(CORPUS, spec, spec.lang)
    for group in selection.context:
        dates = [CORPUS.fact_date(f) for f in group.facts]
        assert dates == sorted(dates), (spec.id, group.key)
        assert [f for p in group.paragraphs for f in p] == group.facts
    for group in selection.groups:
        if len({f.event for f in group.facts}) > 1:
            assert group.mixed_events, (spec.id, group.key)
    for section_id in ("cooperation", "countries"):
        section = _section(brief, section_id)
        if section is None:
            continue
        labels = {CORPUS.events[e].label.get(spec.lang) for e in CORPUS.events if CORPUS.events[e].label}
        groups = {g.name: g for g in selection.groups}
        current = None
        previous = None
        for block in section.blocks:
            if isinstance(block, Heading):
                current = groups.get(block.text)
            elif isinstance(block, BulletList) and current is not None and current.mixed_events:
                if isinstance(previous, Paragraph) and any(label in previous.text for label in labels):
                    previous = block
                    continue  # one speaker's points at one event: the lead sentence carries the label
                for item in block.items:
                    head = item.inlines[0].text if isinstance(item.inlines[0], Run) else ""
                    assert item.inlines[0].bold and any(label in head for label in labels), (spec.id, item.text)
            previous = block


# -- 4. genre and attribution ------------------------------------------------------------------

def test_previews_and_opinion_pieces_say_so(case) -> None:
    spec, brief = case
    told: dict[str, str] = {}  # fact id -> its paragraph, with the line above a list it is in
    for section in brief.sections:
        above = ""
        for block in section.blocks:
            if isinstance(block, Paragraph):
                for fact_id in _facts_of(block):
                    told.setdefault(fact_id, block.text)
                above = block.text
            elif isinstance(block, BulletList):
                for item in block.items:
                    for fact_id in _facts_of(item):
                        told.setdefault(fact_id, above + " " + item.text)
                above = ""
            else:
                above = ""
    for fact in select(CORPUS, spec, spec.lang).placed():
        source = attribution_source(CORPUS, fact, spec.lang)
        if source is None:
            continue  # a news report, or the text itself says where it comes from
        assert source.attribution.get(spec.lang).lower() in told[fact.id].lower(), (spec.id, fact.id)


# -- 5. no walls of one speaker ----------------------------------------------------------------

def _opening_name(item: Paragraph, lang: str) -> str | None:
    curated = next((i for i in item.inlines if isinstance(i, Run) and i.facts), None)
    if curated is None:
        return None
    words = curated.text.split()[:3]
    for person in CORPUS.people.values():
        names = {person.short.get(lang), *person.name.get(lang).split()}
        if any(word.strip("،,.:«»“”") in names for word in words):
            return person.id
    return None


def test_no_more_than_two_consecutive_points_open_with_the_same_name(case) -> None:
    spec, brief = case
    for section in brief.sections:
        for block in section.blocks:
            if not isinstance(block, BulletList):
                continue
            names = [_opening_name(item, spec.lang) for item in block.items]
            for i in range(len(names) - SPEAKER_RUN + 1):
                window = names[i:i + SPEAKER_RUN]
                assert not (window[0] and len(set(window)) == 1), (spec.id, section.id, [p.text[:60] for p in block.items[i:i + 3]])


# -- 6. relevance ------------------------------------------------------------------------------

def test_a_country_brief_carries_the_outcomes_of_events_it_hosted(case) -> None:
    spec, brief = case
    if spec.kind != "country":
        return
    shown = {f for p in iter_paragraphs(brief) for f in _facts_of(p)}
    for fact in CORPUS.facts.values():
        if fact.kind in ("outcome", "decision") and spec.subject in CORPUS.events[fact.event].hosts:
            assert fact.id in shown, (spec.id, fact.id)


def test_conflicts_concern_shown_facts_in_the_right_script_and_stay_short(case) -> None:
    spec, brief = case
    selection = select(CORPUS, spec, spec.lang)
    shown = {f for p in iter_paragraphs(brief) for f in _facts_of(p)}
    for conflict in selection.conflicts:
        assert set(conflict.concerns()) & shown, (spec.id, conflict.id)
        assert not conflict.languages or spec.lang in conflict.languages, (spec.id, conflict.id)
    if spec.lang != "ar":
        assert "cf-arabic-name-spellings" not in {c.id for c in selection.conflicts}
    total = _words(brief, [s.id for s in brief.sections if s.id != "sources"])
    assert _words(brief, ["conflicts"]) <= CONFLICT_SHARE * total, spec.id


# -- 7. readable in five minutes, nothing lost -------------------------------------------------

def test_body_fits_its_word_budget_and_the_annex_holds_the_rest(case) -> None:
    spec, brief = case
    limit = BODY_WORDS_WIDE if spec.kind == "country" and spec.subject in WIDE_SUBJECTS else BODY_WORDS
    assert _words(brief, BODY_SECTIONS) <= limit, (spec.id, _words(brief, BODY_SECTIONS))
    annex = _section(brief, "annex")
    if annex is not None:
        labels = [b for b in annex.blocks if isinstance(b, Heading)]
        assert labels, spec.id  # annex points sit under their event's heading


# -- 8. citations per claim --------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _numbers_in(text: str) -> set[float]:
    return {float(n.replace(",", ".")) if "," in n and len(n.split(",")[1]) != 3 else float(n.replace(",", ""))
            for n in _NUMBER.findall(text)}


def _unsupported_figures(brief: Brief, corpus, selection) -> tuple[list[tuple], int]:
    """(fact, number, file) for every figure a cited stretch or key-figure row states that a cited
    source's quotes do not; and how many were checked."""
    files = {e.number: e.file for b in _section(brief, "sources").blocks if isinstance(b, SourceList) for e in b.entries}
    problems, checked = [], 0

    def stated(fact, number, file) -> bool:
        quotes = " ".join(s.quote for s in fact.sources if s.file == file)
        figure = next(fig for fig in fact.figures if number in (fig.number, fig.to))
        return contains_number(quotes, number) or bool(figure.written and figure.written in quotes)

    for paragraph in iter_paragraphs(brief):
        stretch: list[Run] = []
        for inline in paragraph.inlines:
            if isinstance(inline, Run):
                stretch.append(inline)
                continue
            text = " ".join(run.text for run in stretch if run.facts)
            for fact_id in {f for run in stretch for f in run.facts}:
                fact = corpus.facts[fact_id]
                figures = {fig.number for fig in fact.figures} | {fig.to for fig in fact.figures if fig.to}
                for number in _numbers_in(text) & figures:
                    for n in inline.numbers:
                        checked += 1
                        if not stated(fact, number, files[n]):
                            problems.append((fact_id, number, files[n]))
            stretch = []
    table = _section(brief, "figures")
    if table is not None:
        rows = next(b for b in table.blocks if isinstance(b, Table)).rows
        for row, (fact, figure, _files) in zip(rows, selection.figures):
            cite = next(i for i in row[2].content.inlines if isinstance(i, Cite))
            for n in cite.numbers:
                checked += 1
                if not stated(fact, figure.number, files[n]):
                    problems.append((fact.id, figure.number, files[n]))
    return problems, checked


def test_each_cited_figure_is_in_each_cited_sources_quotes(case) -> None:
    spec, brief = case
    selection = select(CORPUS, spec, spec.lang)
    problems, checked = _unsupported_figures(brief, CORPUS, selection)
    assert problems == [], spec.id
    assert checked or not selection.figures


def test_citing_every_source_of_a_fact_for_each_claim_is_caught() -> None:
    """Without per-claim marks the yen sentence cites both reports for 17.9 bn euros and 19 bn dollars."""
    from briefgen.assemble import BriefSpec
    from briefgen.facts.model import plain

    fact = CORPUS.facts["tky25-initiative-3-trillion-yen"]
    texts = {lang: t.model_copy(update={"text": plain(t.text)}) for lang, t in fact.text.items()}
    corpus = CORPUS.model_copy(update={"facts": {**CORPUS.facts, fact.id: fact.model_copy(update={"text": texts})}})
    spec = BriefSpec(kind="country", subject="JP", lang="en")
    problems, _ = _unsupported_figures(assemble(corpus, spec), corpus, select(corpus, spec, "en"))
    assert ("tky25-initiative-3-trillion-yen", 17.9, "002_459c7cb28a9391a8.txt") in problems
    assert ("tky25-initiative-3-trillion-yen", 19.0, "000_2d1b1e867ba90598.txt") in problems


def test_conflict_claims_cite_exactly_their_own_source() -> None:
    brief = assemble(CORPUS, next(s for s in SPECS if s.id == "country-JP-en"))
    files = {e.number: e.file for b in _section(brief, "sources").blocks if isinstance(b, SourceList) for e in b.entries}
    selection = select(CORPUS, next(s for s in SPECS if s.id == "country-JP-en"), "en")
    notes = [p for s in brief.sections for p in s.blocks if isinstance(p, Paragraph) and p.role == "conflict"]
    claims = {c.id: c for c in selection.conflicts}
    checked = 0
    for note in notes:
        for index, inline in enumerate(note.inlines):
            if isinstance(inline, Cite) and isinstance(note.inlines[index - 1], Run) and note.inlines[index - 1].facts:
                fact_id = note.inlines[index - 1].facts[0]
                said = note.inlines[index - 1].text
                claim = next(cl for c in claims.values() for cl in c.claims
                             if cl.fact == fact_id and cl.says["en"].text == said)
                expected = claim.sources or [CORPUS.facts[fact_id].sources[0].file]
                assert sorted(files[n] for n in inline.numbers) == sorted(expected), (fact_id, said)
                checked += 1
    assert checked >= 5


# -- 9. sources readers can use ----------------------------------------------------------------

def test_sources_show_outlet_title_date_and_genre_never_a_file_name(case) -> None:
    spec, brief = case
    seed_files = list(CORPUS.sources)
    for line in reading_lines(brief):
        assert not any(file in line or file.split("_")[1].split(".")[0] in line for file in seed_files), (spec.id, line)
    assert not re.search(r"unnamed|غير مسمى|не назван", brief_markdown(brief)), spec.id
    entries = next(b for b in _section(brief, "sources").blocks if isinstance(b, SourceList)).entries
    for entry in entries:
        source = CORPUS.sources[entry.file]
        title = source.title.get(spec.lang).translate(str.maketrans("«»", "„“")) if spec.lang == "ru" else source.title.get(spec.lang)
        assert title in entry.content.text
        assert (source.outlet is None) or source.outlet.get(spec.lang) in entry.content.text


def test_json_export_keeps_its_contract(case) -> None:
    spec, brief = case
    if spec.lang != "en":
        return
    data = json.loads(brief_json(brief))
    ids = [section["id"] for section in data["sections"]]
    assert ids[ids.index("summary") - 1] == "title" and {"summary", "sources"} <= set(ids)
    sources = next(s for s in data["sections"] if s["id"] == "sources")
    assert all(entry["file"] in CORPUS.sources for entry in sources["blocks"][0]["entries"])


# -- 10. Russian typography ------------------------------------------------------------------

def test_russian_briefs_write_one_form_of_scale_words_and_nest_quotes_properly(case) -> None:
    spec, brief = case
    if spec.lang != "ru":
        return
    text = "\n".join(reading_lines(brief))
    assert not re.search(r"\d\s+(миллиард|триллион|миллион)", text), spec.id  # млн, млрд, трлн throughout
    assert "до 3 триллиона" not in text
    for line in reading_lines(brief):
        depth = 0
        for char in line:
            depth += char == "«"
            depth -= char == "»"
            assert 0 <= depth <= 1, (spec.id, line)  # a quote inside «…» is „…“
            assert char != "„" or depth == 1, (spec.id, line)


def test_citation_marks_name_the_facts_own_sources_and_cover_the_whole_text() -> None:
    from pydantic import ValidationError

    fact = CORPUS.facts["tky25-initiative-3-trillion-yen"]
    data = fact.model_dump()
    assert fact.plain("en").count("[") == 0 and "17.9 billion euros" in fact.plain("en")
    for bad, message in (("About 3 trillion yen.[^3]", "has 2 source"), ("About 3 trillion yen.[^1] Untold.", "cites nothing")):
        data["text"]["en"] = {"text": bad, "curated": True}
        with pytest.raises(ValidationError, match=message):
            type(fact).model_validate(data)
