"""`briefgen build`: one brief, from facts to a file (or stdout for md/json)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, get_args

import typer

from ..errors import BriefgenError
from ..render import formats, writer
from .options import check_digits, country_code, language_tag


def register(app: typer.Typer) -> None:
    app.command("build")(build)


def build(
    country: Optional[str] = typer.Option(None, "--country", help="Country brief for this code (KZ UZ KG TJ TM JP, XC = Central Asia)."),
    theme: Optional[str] = typer.Option(None, "--theme", help="Theme brief for this theme id (e.g. energy_climate)."),
    lang: str = typer.Option("en", "--lang", help="Language of the brief (ar, en, ru, ...)."),
    fmt: str = typer.Option("pdf", "--format", "-f", help=f"Output format: {', '.join(formats())}."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (a name ending in .FORMAT) or directory "
                                       "(default: stdout for md/json, out/FORMAT/ otherwise, where batch writes too)."),
    digits: str = typer.Option("latn", "--digits", help="latn (0-9), arab (٠-٩, Arabic) or arabext (۰-۹, Persian, Urdu)."),
    data: Optional[Path] = typer.Option(None, "--data", help="The briefs/ data directory."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="The templates/ directory."),
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Keep untranslated passages (marked) instead of failing."),
    translate: bool = typer.Option(True, "--translate/--no-translate", help="Machine-translate passages without curated text."),
    embed_fonts: bool = typer.Option(False, "--embed-fonts", help="DOCX: embed the bundled fonts (about 1 MB) for reviewers without them."),
    style: Optional[Path] = typer.Option(None, "--style", help="A style file (organisation, logo, marking, colours, page size) merged over the house style."),
) -> None:
    """Build one country or theme brief."""
    # Assembly, the fact models and the writers are imported here, not at start-up: `briefgen --help`
    # and every other command never pay for them.
    from .. import pipeline
    from ..assemble import BriefSpec, briefs_style
    from ..brief import Digits
    from ..facts import load_corpus
    from ..render import render
    from ..style import load_style

    country, theme = country or None, theme or None  # an empty --country "" is no country
    if (country is None) == (theme is None):
        raise BriefgenError("give exactly one of --country CODE or --theme ID")
    if digits not in get_args(Digits):
        raise BriefgenError(f"--digits must be one of {', '.join(get_args(Digits))}, not {digits!r}")
    lang = language_tag(lang)
    check_digits(digits, lang)
    spec = BriefSpec(kind="country" if country else "theme", subject=country_code(country) if country else theme.lower(),
                     lang=lang, digits=digits)
    spec_writer = writer(fmt)  # an unknown format fails before any work
    if embed_fonts and "embed_fonts" not in spec_writer.options:
        raise BriefgenError(f"--embed-fonts applies to DOCX only (a {fmt} file embeds what it needs); drop it or use -f docx")
    if style and "style" not in spec_writer.options:
        takers = ", ".join(name for name in formats() if "style" in writer(name).options)
        raise BriefgenError(f"--style does not apply to {fmt}; it is for: {takers}")
    target = output_path(out, fmt, spec.id)
    options = pipeline.Options(templates=templates, allow_missing=allow_missing, translate=translate,
                               embed_fonts=embed_fonts, style=load_style(style or briefs_style(data)))
    brief = pipeline.make_brief(load_corpus(data), spec, options)
    if spec_writer.text and out is None:
        sys.stdout.write(render(brief, fmt, **pipeline.writer_options(options)).decode("utf-8"))
        return
    pipeline.write(brief, fmt, target, options)
    typer.echo(str(target))


def output_path(out: Optional[Path], fmt: str, brief_id: str) -> Path:
    """`--out`: a name with the format's suffix is the file itself, anything else a directory.

    Without `--out` the brief goes where `briefgen batch` puts it: out/<format>/<id>.<format>.
    A name ending in another format's suffix (report.docx for a PDF) is a mistake, not a folder to create.
    """
    if out is None:
        return Path("out") / fmt / f"{brief_id}.{fmt}"
    suffix = out.suffix.lower().lstrip(".")
    if suffix == fmt and not out.is_dir():
        return out
    if suffix in formats() and not out.is_dir():
        raise BriefgenError(f"--out {out} names a .{suffix} file but the format is {fmt}: "
                            f"add --format {suffix}, or give a .{fmt} name or a directory")
    return out / f"{brief_id}.{fmt}"
