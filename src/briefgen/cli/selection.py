"""The options that pick briefs and formats, shared by `batch` and `list` so both mean the same set."""

from __future__ import annotations

from pathlib import Path

from ..errors import BriefgenError


def check_formats(fmt: list[str]) -> None:
    from ..render import formats as known_formats

    for name in fmt:
        if name not in known_formats():
            raise BriefgenError(f"unknown format {name!r}; choose from: {', '.join(known_formats())}")


def chosen_specs(data_dir: Path, corpus, lang: list[str], country: list[str], theme: list[str]) -> list:
    """The default briefs (briefs.yaml) narrowed by --lang, --country and --theme."""
    from ..assemble import default_specs

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
