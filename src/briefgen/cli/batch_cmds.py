"""`briefgen batch`: the default briefs (or a filtered set), cached, optionally on a schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from ..assemble import default_specs
from ..batch import default_workers, exclusive, parse_interval, plan, repeat, run_batch
from ..errors import BriefgenError
from ..facts import default_data_dir, load_corpus
from ..pipeline import Options
from ..render import formats as known_formats
from .options import country_code, language_tag


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    fmt: List[str] = typer.Option(["pdf", "docx"], "--format", "-f", help="Formats to write (repeat the option)."),
    lang: List[str] = typer.Option([], "--lang", help="Only these languages (default: all in briefs.yaml)."),
    country: List[str] = typer.Option([], "--country", help="Only these country briefs."),
    theme: List[str] = typer.Option([], "--theme", help="Only these theme briefs."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory (one sub-directory per format)."),
    jobs: int = typer.Option(default_workers(), "--jobs", "-j", min=1, help="Parallel worker processes."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when inputs are unchanged."),
    every: Optional[str] = typer.Option(None, "--every", help="Run again every interval (e.g. 6h) until stopped."),
    max_runs: Optional[int] = typer.Option(None, "--max-runs", min=1, help="With --every: stop after this many runs."),
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Keep untranslated passages (marked) instead of failing."),
    translate: bool = typer.Option(True, "--translate/--no-translate", help="Machine-translate passages without curated text."),
    embed_fonts: bool = typer.Option(False, "--embed-fonts", help="DOCX: embed the bundled fonts (about 1 MB a file) for reviewers without them."),
    data: Optional[Path] = typer.Option(None, "--data", help="The briefs/ data directory."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="The templates/ directory."),
) -> None:
    """Generate the default briefs (every country and theme, every language) as PDF and DOCX."""
    for name in fmt:
        if name not in known_formats():
            raise BriefgenError(f"unknown format {name!r}; choose from: {', '.join(known_formats())}")
    if max_runs is not None and every is None:
        raise BriefgenError("--max-runs counts the runs of a schedule: add --every INTERVAL (e.g. --every 6h), or drop it")
    if embed_fonts and "docx" not in fmt:
        raise BriefgenError("--embed-fonts applies to DOCX only: add -f docx, or drop it")
    lang, country, theme = [language_tag(x) for x in lang], [country_code(x) for x in country], [t.lower() for t in theme]
    data_dir = data or default_data_dir()
    options = Options(templates=templates, allow_missing=allow_missing, translate=translate, embed_fonts=embed_fonts)
    console = Console(stderr=True, soft_wrap=True)  # log lines stay whole, whatever the width

    def chosen_specs():
        """Read afresh on every run, so a scheduled batch picks up edited facts and brief lists."""
        corpus = load_corpus(data_dir)
        specs = [
            s for s in default_specs(data_dir, corpus)
            if (not lang or s.lang in lang)
            and (not (country or theme) or (s.kind == "country" and s.subject in country)
                 or (s.kind == "theme" and s.subject in theme))
        ]
        if not specs:
            raise BriefgenError("no brief matches the filters")
        return specs

    def once(stamp: str = "") -> bool:
        with exclusive(out / ".briefgen.lock"):
            report = run_batch(plan(chosen_specs(), fmt), out, data_dir=data_dir, options=options, workers=jobs,
                               force=force)
        for outcome in report.failed:
            console.print(f"{stamp}[red]failed[/red] {outcome.job.key}: {outcome.error}", highlight=False)
        console.print(f"{stamp}{report.count('built')} built, {report.count('fresh')} unchanged, "
                      f"{report.count('failed')} failed → {out}", highlight=False)
        return not report.failed

    if every is None:
        if not once():
            raise typer.Exit(1)
        return

    def scheduled() -> bool:
        """One run of a schedule: stamped, and a bad edit to the data fails this run, not the schedule."""
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ ")
        try:
            return once(stamp)
        except BriefgenError as error:
            for line in str(error).splitlines():
                console.print(f"{stamp}error: {line}", highlight=False, markup=False)
            return False

    failures = repeat(scheduled, parse_interval(every), max_runs)
    if failures:
        raise typer.Exit(1)
