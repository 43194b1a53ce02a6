"""`briefgen list`: the briefs the data defines and the state of their files in an output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from .selection import (ALLOW_MISSING, COUNTRIES, DATA, EMBED_FONTS, FORMATS, LANGUAGES, OUT, STYLE, TEMPLATES,
                        THEMES, TRANSLATE, build_options, check_formats, chosen_specs)


def register(app: typer.Typer) -> None:
    app.command("list")(list_briefs)


def list_briefs(
    fmt: List[str] = FORMATS,
    lang: List[str] = LANGUAGES,
    country: List[str] = COUNTRIES,
    theme: List[str] = THEMES,
    out: Path = OUT,
    as_json: bool = typer.Option(False, "--json", help="One JSON document on stdout, for scripts."),
    allow_missing: bool = ALLOW_MISSING,
    translate: bool = TRANSLATE,
    embed_fonts: bool = EMBED_FONTS,
    data: Optional[Path] = DATA,
    templates: Optional[Path] = TEMPLATES,
    style: Optional[Path] = STYLE,
) -> None:
    """List the default briefs, their output files and whether each is fresh, stale or missing.

    The build options (translation, fonts, style) are those of the batch to compare with: a file built
    with other settings is stale."""
    from ..batch import plan
    from ..batch.status import output_states
    from ..facts import default_data_dir, load_corpus

    check_formats(fmt)
    data_dir = data or default_data_dir()
    corpus = load_corpus(data_dir)
    specs = chosen_specs(data_dir, corpus, lang, country, theme)
    options = build_options(data_dir, templates=templates, allow_missing=allow_missing, translate=translate,
                            embed_fonts=embed_fonts, style=style)
    warnings: list[str] = []
    states = output_states(plan(specs, list(fmt)), out, data_dir=data_dir, corpus=corpus, options=options,
                           warn=warnings.append)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    rows = [
        {"id": s.job.spec.id, "kind": s.job.spec.kind, "subject": s.job.spec.subject, "lang": s.job.spec.lang,
         "digits": s.job.spec.digits, "format": s.job.fmt, "output": str(s.job.output(out)), "state": s.state,
         "reason": s.reason or None}
        for s in states
    ]
    if as_json:
        typer.echo(json.dumps({"output_dir": str(out), "briefs": rows}, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    console = Console(soft_wrap=True)
    if not console.is_terminal:  # a pipe or a log: whole lines, one output each, columns separated by tabs
        for row in rows:
            typer.echo("\t".join([row["id"], row["lang"], row["format"], row["output"], row["state"]]))
    else:
        _table(console, rows)
    counts = {state: sum(1 for r in rows if r["state"] == state) for state in ("fresh", "stale", "missing")}
    typer.echo(f"{len(rows)} outputs: {counts['fresh']} fresh, {counts['stale']} stale, {counts['missing']} missing",
               err=not console.is_terminal)


def _table(console, rows: list[dict]) -> None:
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("brief", "lang", "format", "output", "state"):
        table.add_column(column)
    colours = {"fresh": "green", "stale": "yellow", "missing": "red"}
    for row in rows:
        table.add_row(row["id"], row["lang"], row["format"], row["output"],
                      f"[{colours[row['state']]}]{row['state']}[/]")
    console.print(table)
