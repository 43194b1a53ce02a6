"""The options that pick briefs, formats and build settings, shared by `batch` and `list`.

Both commands declare them from here, so `list` reports the state of exactly
the files `batch` would write with the same options (and reads `--country kz`
or `--lang AR` the same way).
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import BriefgenError
from .options import country_code, language_tag

FORMATS = typer.Option(["pdf", "docx"], "--format", "-f", help="Formats (repeat the option).")
LANGUAGES = typer.Option([], "--lang", help="Only these languages (default: all in briefs.yaml).")
COUNTRIES = typer.Option([], "--country", help="Only these country briefs.")
THEMES = typer.Option([], "--theme", help="Only these theme briefs.")
OUT = typer.Option(Path("out"), "--out", "-o", help="The output directory (one sub-directory per format).")
ALLOW_MISSING = typer.Option(False, "--allow-missing", help="Keep untranslated passages (marked) instead of failing.")
TRANSLATE = typer.Option(True, "--translate/--no-translate", help="Machine-translate passages without curated text.")
EMBED_FONTS = typer.Option(False, "--embed-fonts", help="DOCX: embed the bundled fonts (about 1 MB a file) for "
                                                        "reviewers without them.")
DATA = typer.Option(None, "--data", help="The briefs/ data directory.")
TEMPLATES = typer.Option(None, "--templates", help="The templates/ directory.")
STYLE = typer.Option(None, "--style", help="A style file merged over the house style (default: style: in briefs.yaml).")


def check_formats(fmt: list[str]) -> None:
    from ..render import formats as known_formats

    for name in fmt:
        if name not in known_formats():
            raise BriefgenError(f"unknown format {name!r}; choose from: {', '.join(known_formats())}")


def chosen_specs(data_dir: Path, corpus, lang: list[str], country: list[str], theme: list[str]) -> list:
    """The default briefs (briefs.yaml) narrowed by --lang, --country and --theme, as people type them."""
    from ..assemble import default_specs

    lang, country, theme = [language_tag(x) for x in lang], [country_code(x) for x in country], [t.lower() for t in theme]
    every = default_specs(data_dir, corpus)
    for flag, wanted, known in (
        ("--lang", lang, {s.lang for s in every}),
        ("--country", country, {s.subject for s in every if s.kind == "country"}),
        ("--theme", theme, {s.subject for s in every if s.kind == "theme"}),
    ):
        for value in wanted:
            if value not in known:
                raise BriefgenError(f"{flag} {value}: no default brief has it (briefs.yaml); choose from: "
                                    f"{', '.join(sorted(known))}")
    specs = [
        s for s in every
        if (not lang or s.lang in lang)
        and (not (country or theme) or (s.kind == "country" and s.subject in country)
             or (s.kind == "theme" and s.subject in theme))
    ]
    if not specs:
        raise BriefgenError("no brief matches the filters")
    return specs


def build_options(data_dir: Path, *, templates: Path | None, allow_missing: bool, translate: bool, embed_fonts: bool,
                  style: Path | None):
    """The pipeline options the batch builds with; `list` compares the output folder against the same."""
    from ..assemble import briefs_style
    from ..pipeline import Options
    from ..style import load_style

    return Options(templates=templates, allow_missing=allow_missing, translate=translate, embed_fonts=embed_fonts,
                   style=load_style(style or briefs_style(data_dir)))
