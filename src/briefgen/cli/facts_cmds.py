"""`briefgen facts ...`: validate the corpus, list facts, check quotes against sources."""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from ..errors import BriefgenError
from .options import country_code, language_tag

app = typer.Typer(help="Validate, list and source-check the curated facts.", no_args_is_help=True)
DataOption = typer.Option(None, "--data", help="The briefs/ data directory (default: ./briefs).")


@app.command()
def validate(data: Optional[Path] = DataOption) -> None:
    """Check the schema and every cross-reference; print counts per event, country and theme."""
    from rich.console import Console

    from ..facts import load_corpus

    corpus = load_corpus(data)
    console = Console(soft_wrap=True)
    console.print(f"{len(corpus.facts)} facts, {len(corpus.conflicts)} conflicts: OK")
    for label, counter in _counts(corpus).items():
        console.print(f"{label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))


def _counts(corpus) -> dict[str, Counter]:
    facts = corpus.facts.values()
    return {
        "by event": Counter(f.event for f in facts),
        "by country": Counter(c for f in facts for c in f.countries),
        "by theme": Counter(t for f in facts for t in f.themes),
    }


@app.command("list")
def list_facts(
    country: Optional[str] = typer.Option(None, "--country", help="ISO code, e.g. KZ (XC = Central Asia)."),
    theme: Optional[str] = typer.Option(None, "--theme", help="Theme id, e.g. energy_climate."),
    event: Optional[str] = typer.Option(None, "--event", help="Event id, e.g. tokyo_summit_2025."),
    lang: str = typer.Option("en", "--lang", help="Language of the text column."),
    visual: bool = typer.Option(False, "--visual", help="Shape and reorder right-to-left text for terminals "
                                "that cannot (most plain consoles); leave off where the terminal does bidi itself."),
    data: Optional[Path] = DataOption,
) -> None:
    """Show facts as a table, filtered by country, theme or event."""
    from rich.console import Console
    from rich.table import Table

    from ..facts import load_corpus

    corpus = load_corpus(data)
    lang, country = language_tag(lang), country_code(country) if country else None
    theme = theme.lower() if theme else None
    languages = sorted({code for f in corpus.facts.values() for code in f.text})
    if lang not in languages:
        raise BriefgenError(f"no fact has {lang!r} text; --lang can be {', '.join(languages)} "
                            f"(other languages are machine-translated by `briefgen build`, not listed)")
    for value, known, what in ((country, corpus.countries, "country"), (theme, corpus.themes, "theme"), (event, corpus.events, "event")):
        if value is not None and value not in known:
            raise BriefgenError(f"unknown {what} {value!r}; known: {', '.join(known)}")
    facts = [
        f for f in corpus.facts.values()
        if (country is None or country in f.countries)
        and (theme is None or theme in f.themes)
        and (event is None or f.event == event)
    ]
    facts.sort(key=lambda f: (corpus.fact_date(f), f.importance, f.id))
    table = Table(title=f"{len(facts)} facts", show_lines=True, expand=True)
    table.add_column("id", no_wrap=True)
    for column in ("date", "status", "countries", "themes"):
        table.add_column(column, no_wrap=True)
    if visual:  # lines already wrapped, right-aligned as right-to-left lines are
        table.add_column("text", no_wrap=True, min_width=VISUAL_WIDTH, justify="right")
    else:
        table.add_column("text", overflow="fold", ratio=5)
    for f in facts:
        text = f.plain(lang) if lang in f.text else f"[missing {lang}] {f.plain('en')}"
        if visual:
            text = visual_lines(text, VISUAL_WIDTH)
        table.add_row(f.id, _when(corpus, f), f.status, " ".join(f.countries), "\n".join(f.themes), text)
    # A pipe or file gets a wide table rather than rich's 80-column default.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


VISUAL_WIDTH = 56


def visual_lines(text: str, width: int) -> str:
    """Text as a terminal without bidi support must be sent it: wrapped in logical order first,
    then each line shaped (presentation forms) and reordered on its own, as UAX #9 reorders
    per line. Reordering before wrapping would put a paragraph's last words on its first line.
    python-bidi's pure-Python `algorithm` module is used because it also mirrors brackets, which
    a terminal will not do; its Rust `get_display` only reorders."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})  # marks are curated text
    return "\n".join(_marks_after_base(get_display(reshaper.reshape(line))) for line in textwrap.wrap(text, width))


def _marks_after_base(visual: str) -> str:
    """Reversal leaves an Arabic vowel mark before its letter; a terminal attaches it to the one
    before, so each run of marks is moved back behind the letter it belongs to (UAX #9, L3)."""
    out: list[str] = []
    marks: list[str] = []
    for char in visual:
        if unicodedata.combining(char) and unicodedata.bidirectional(char) == "NSM" and "\u0600" <= char <= "\u06ff":
            marks.append(char)
        else:
            out.append(char)
            out.extend(marks)
            marks = []
    return "".join(out + marks)


def _when(corpus, fact) -> str:
    """The fact's own date, a year it is about, or its event's date; never a made-up day."""
    if fact.date is not None:
        return fact.date.isoformat()
    derived = corpus.fact_date(fact)
    if fact.event == "background":
        return "undated" if derived == corpus.events["background"].start else str(derived.year)
    return derived.isoformat()


@app.command("check-sources")
def check_sources_cmd(
    sources: Optional[Path] = typer.Option(None, "--sources", help="Directory of the seed articles (default: ../shared/seeds)."),
    data: Optional[Path] = DataOption,
) -> None:
    """Verify every quote is verbatim in its source and every figure's number is in its quote."""
    from ..facts import check_sources, default_sources_dir, load_corpus

    corpus = load_corpus(data)
    directory = sources or default_sources_dir()
    if not directory.is_dir():
        raise BriefgenError(f"{directory}: sources directory not found (pass --sources DIR)")
    result = check_sources(corpus, directory)
    if result.problems:
        raise BriefgenError("\n".join(result.problems) + f"\n{len(result.problems)} mismatches")
    typer.echo(f"{result.quotes} quotes and {result.figures} figures checked against {directory}: 0 mismatches")


@app.command("lint")
def lint_cmd(
    lang: Optional[list[str]] = typer.Option(None, "--lang", help="Only these languages (repeatable; default all)."),
    data: Optional[Path] = DataOption,
) -> None:
    """Flag curated text that opens leaning on something outside itself ('the same', 'also', 'the meeting', ...).

    A brief moves facts between lead, sections and annex, so each text must stand alone. An opening that
    is clear where it stands is accepted when the fact says why in `standalone:`."""
    from ..facts import load_corpus
    from ..facts.lint import lint

    corpus = load_corpus(data)
    findings = lint(corpus, lang or None)
    if findings:
        raise BriefgenError("\n".join(str(f) for f in findings) + f"\n{len(findings)} texts do not stand alone")
    accepted = sum(1 for f in corpus.facts.values() if f.standalone)
    typer.echo(f"{len(corpus.facts)} facts: every text stands alone ({accepted} accepted with a reason)")
