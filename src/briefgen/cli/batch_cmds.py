"""`briefgen batch`: the default briefs (or a filtered set), cached, optionally on a schedule."""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import BriefgenError
from .options import country_code, language_tag
from .selection import (ALLOW_MISSING, COUNTRIES, DATA, EMBED_FONTS, FORMATS, LANGUAGES, OUT, STYLE, TEMPLATES,
                        THEMES, TRANSLATE, build_options, check_formats, chosen_specs)

EXECUTORS = ("local", "dask")


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def _default_workers() -> int:
    from ..batch import default_workers

    return default_workers()


def batch(
    fmt: List[str] = FORMATS,
    lang: List[str] = LANGUAGES,
    country: List[str] = COUNTRIES,
    theme: List[str] = THEMES,
    out: Path = OUT,
    jobs: int = typer.Option(_default_workers(), "--jobs", "-j", min=1, help="Parallel worker processes (local executor, or workers of a local Dask cluster)."),
    force: bool = typer.Option(False, "--force", help="Rebuild every output even when its inputs are unchanged."),
    every: Optional[str] = typer.Option(None, "--every", help="Run now and again every interval (e.g. 6h) until stopped."),
    cron: Optional[str] = typer.Option(None, "--cron", help="Run at the times of a cron expression, e.g. '0 6 * * MON', until stopped."),
    tz: Optional[str] = typer.Option(None, "--tz", help="With --cron: the time zone of the expression (IANA name, default UTC)."),
    max_runs: Optional[int] = typer.Option(None, "--max-runs", min=1, help="With --every or --cron: stop after this many runs."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write a JSON run report here (a copy of the last one is always kept in the output directory)."),
    executor: str = typer.Option("local", "--executor", help="local (a process pool on this machine) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="With --executor dask: the scheduler's address (tcp://HOST:8786); without it a local cluster is started."),
    allow_missing: bool = ALLOW_MISSING,
    translate: bool = TRANSLATE,
    embed_fonts: bool = EMBED_FONTS,
    data: Optional[Path] = DATA,
    templates: Optional[Path] = TEMPLATES,
    style: Optional[Path] = STYLE,
) -> None:
    """Generate the default briefs (every country and theme, every language) as PDF and DOCX."""
    check_formats(fmt)
    if every is not None and cron is not None:
        raise BriefgenError("give one schedule: --every INTERVAL or --cron EXPRESSION, not both")
    if tz is not None and cron is None:
        raise BriefgenError("--tz applies to --cron only (an --every interval has no time zone)")
    if max_runs is not None and every is None and cron is None:
        raise BriefgenError("--max-runs applies to a schedule: add --every INTERVAL or --cron EXPRESSION")
    if executor not in EXECUTORS:
        raise BriefgenError(f"unknown executor {executor!r}; choose from: {', '.join(EXECUTORS)}")
    if scheduler is not None and executor != "dask":
        raise BriefgenError("--scheduler applies to --executor dask")
    if embed_fonts and "docx" not in fmt:
        raise BriefgenError("--embed-fonts applies to DOCX only: add -f docx, or drop it")
    lang, country, theme = [language_tag(x) for x in lang], [country_code(x) for x in country], [t.lower() for t in theme]

    from ..batch.schedule import Cron, Every, parse_interval

    schedule = Cron(cron, tz) if cron is not None else Every(parse_interval(every)) if every is not None else None
    settings = {
        "formats": list(fmt), "languages": list(lang), "countries": list(country), "themes": list(theme),
        "force": force, "executor": executor, "workers": jobs, "scheduler": scheduler,
        "translate": translate, "allow_missing": allow_missing, "embed_fonts": embed_fonts,
        "data": str(data) if data else None, "templates": str(templates) if templates else None,
        "style": str(style) if style else None,
        "schedule": schedule.describe() if schedule else None,
    }
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)  # log lines stay whole, whatever the width
    stdout = Console(soft_wrap=True)
    with _executor(executor, jobs, scheduler) as runner:
        def once(stamp: str = "") -> bool:
            return _run_once(runner, out, report, settings, console, stdout, stamp, fmt=fmt, lang=lang, country=country,
                             theme=theme, data=data, templates=templates, allow_missing=allow_missing,
                             translate=translate, embed_fonts=embed_fonts, force=force, style=style)

        if schedule is None:
            if not once():
                raise typer.Exit(1)
            return

        from ..batch.schedule import run_schedule

        def scheduled(slot: dt.datetime) -> bool:
            """One run of a schedule: stamped, and a bad edit to the data fails this run, not the schedule."""
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ ")
            try:
                return once(stamp)
            except BriefgenError as error:
                for line in str(error).splitlines():
                    console.print(f"{stamp}error: {line}", highlight=False, markup=False)
                return False
            except OSError as error:  # the output folder unusable this time (a full disk, a lost mount)
                where = f"{error.filename}: " if error.filename else ""
                console.print(f"{stamp}error: {where}{error.strerror or error}", highlight=False, markup=False)
                return False

        def announce(slot: dt.datetime) -> None:
            if cron is not None:
                local = slot.astimezone(schedule.zone).isoformat(timespec="minutes")
                console.print(f"next run at {local} ({schedule.describe()})", highlight=False, markup=False)

        if run_schedule(scheduled, schedule, max_runs, announce=announce):
            raise typer.Exit(1)


@contextlib.contextmanager
def _executor(name: str, workers: int, scheduler: str | None):
    """The executor, started once for every run of a schedule."""
    if name == "dask":
        from ..batch.dask_executor import DaskExecutor

        with DaskExecutor(scheduler=scheduler, workers=workers) as runner:
            yield runner
    else:
        from ..batch.executors import LocalExecutor

        yield LocalExecutor(workers)


def _run_once(runner, out: Path, report_file: Path | None, settings: dict, console, stdout,
              stamp: str, *, fmt, lang, country, theme, data, templates, allow_missing, translate, embed_fonts,
              force, style) -> bool:
    """One batch, read afresh (so a schedule picks up edited facts), with its report written either way."""
    from ..batch import plan, run_batch
    from ..batch.progress import Reporter
    from ..facts import default_data_dir, load_corpus

    started = dt.datetime.now(dt.timezone.utc)
    reporter = Reporter(console, stamp)
    result = None
    try:
        data_dir = data or default_data_dir()
        corpus = load_corpus(data_dir)
        specs = chosen_specs(data_dir, corpus, lang, country, theme)
        options = build_options(data_dir, templates=templates, allow_missing=allow_missing, translate=translate,
                                embed_fonts=embed_fonts, style=style)
        with reporter.live():
            result = run_batch(plan(specs, fmt), out, data_dir=data_dir, options=options, force=force,
                               executor=runner, corpus=corpus, progress=reporter, warn=reporter.warn)
    except BaseException as error:
        if isinstance(error, (BriefgenError, OSError)):
            line = (str(error).splitlines() or [type(error).__name__])[0]
            if isinstance(error, OSError) and error.filename:
                line = f"{error.filename}: {error.strerror}"
            _write_reports(None, out, report_file, settings, started, line, "".join(traceback.format_exception(error)),
                           console, stamp)
        raise
    _write_reports(result, out, report_file, settings, started, None, None, console, stamp)
    stdout.print(f"{stamp}{result.count('built')} built, {result.count('fresh')} unchanged, "
                 f"{result.count('failed')} failed → {out}", highlight=False, markup=False)
    return not result.failed


def _write_reports(result, out: Path, report_file: Path | None, settings: dict, started: dt.datetime,
                   error: str | None, error_traceback: str | None, console, stamp: str) -> None:
    """--report FILE, and the copy in the output folder; a report that cannot be written is a warning."""
    from ..batch.outdir import OutputDir
    from ..batch.report import LAST_REPORT, report_bytes, report_document
    from ..render.output import atomic_output

    document = report_document(result, out_dir=out, options=settings, started=started,
                               finished=dt.datetime.now(dt.timezone.utc), error=error, error_traceback=error_traceback)
    data = report_bytes(document)
    if report_file is not None:
        try:
            with atomic_output(report_file) as handle:
                handle.write(data)
        except OSError as problem:
            console.print(f"{stamp}warning: report not written: {problem.filename}: {problem.strerror}",
                          highlight=False, markup=False)
    try:
        with OutputDir(out) as folder:
            folder.write(LAST_REPORT, data)
    except OSError:
        pass  # the output folder itself is unusable; the run's error says so
