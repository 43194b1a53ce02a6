"""Which briefs exist: kinds, subjects, languages, digits (briefs/briefs.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..brief import Digits
from ..errors import InputError
from ..facts.model import Corpus
from ..facts.yamlfile import load_yaml
from ..resources import working

Kind = Literal["country", "theme"]


class BriefSpec(BaseModel):
    """One brief to build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    subject: str
    lang: str
    digits: Digits = "latn"

    @property
    def id(self) -> str:
        suffix = "" if self.digits == "latn" else f"-{self.digits}digits"
        return f"{self.kind}-{self.subject}-{self.lang}{suffix}"


class Defaults(BaseModel):
    model_config = ConfigDict(extra="forbid")

    languages: list[str] = Field(min_length=1)
    countries: list[str] | Literal["all"] = "all"
    themes: list[str] | Literal["all"] = "all"
    digits: dict[str, Digits] = Field(default_factory=dict)
    style: str | None = None  # a style file, relative to briefs.yaml, merged over the house style
    leads: dict[str, list[str]] = Field(default_factory=dict, description="pinned leads; read by facts.loader")


def default_templates_dir() -> Path:
    """templates/ of the working directory, else the bundled one, overridable by BRIEFGEN_TEMPLATES."""
    return working("templates", "BRIEFGEN_TEMPLATES", "country")


def briefs_style(data_dir: Path | None) -> Path | None:
    """The style file briefs.yaml names (`style:`), resolved against its folder; None for the house style."""
    from ..facts import default_data_dir

    data_dir = data_dir or default_data_dir()
    file = data_dir / "briefs.yaml"
    if not file.is_file():
        return None
    doc = load_yaml(file)
    style = doc.data.get("style") if isinstance(doc.data, dict) else None
    if style is None:
        return None
    if not isinstance(style, str):
        raise InputError("style: must be the path of a style file", doc.where(("style",)))
    return data_dir / style


def default_specs(data_dir: Path, corpus: Corpus) -> list[BriefSpec]:
    """Every brief briefs.yaml asks for: by default every subject country and theme in every language."""
    doc = load_yaml(data_dir / "briefs.yaml")
    try:
        defaults = Defaults.model_validate(doc.data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise InputError(error["msg"], doc.where(tuple(error["loc"]))) from None
    countries = [c.code for c in corpus.countries.values() if c.subject] if defaults.countries == "all" else defaults.countries
    themes = list(corpus.themes) if defaults.themes == "all" else defaults.themes
    specs = []
    for lang in defaults.languages:
        digits = defaults.digits.get(lang, "latn")
        specs += [BriefSpec(kind="country", subject=c, lang=lang, digits=digits) for c in countries]
        specs += [BriefSpec(kind="theme", subject=t, lang=lang, digits=digits) for t in themes]
    for spec in specs:
        check_subject(spec, corpus)
    return specs


def check_subject(spec: BriefSpec, corpus: Corpus) -> None:
    if spec.kind == "country" and spec.subject not in corpus.countries:
        known = ", ".join(c.code for c in corpus.countries.values() if c.subject)
        raise InputError(f"unknown country {spec.subject!r}; choose one of: {known}")
    if spec.kind == "theme" and spec.subject not in corpus.themes:
        raise InputError(f"unknown theme {spec.subject!r}; choose one of: {', '.join(corpus.themes)}")
