"""`briefgen translate ...` (cache pre-fill, review export/import) and `briefgen models ...`.

Failures raise BriefgenError; the main app prints them as one line and exits
non-zero.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..errors import BriefgenError
from .options import PlainUsage, language_tag

translate_app = typer.Typer(
    help="Machine-translate passages that lack curated text; export them for review and import reviewed text.",
    invoke_without_command=True, no_args_is_help=False,
)
models_app = typer.Typer(help="List and install offline translation models (Argos Translate packages).", no_args_is_help=True)

DATA_OPTION = typer.Option(None, "--data", help="The briefs/ data directory.")
CACHE_OPTION = typer.Option(None, "--cache-dir", help="Translation cache directory (default ~/.cache/briefgen/translations).")


def register(app: typer.Typer) -> None:
    app.add_typer(translate_app, name="translate")
    app.add_typer(models_app, name="models")


def _tag(value: Optional[str]) -> Optional[str]:
    return language_tag(value) if value else value


def _requests(lang: str, data: Path):
    """Every passage without curated `lang` text: corpus texts plus what the default `lang` briefs show."""
    from ..assemble import assemble, default_specs
    from ..facts import load_corpus
    from ..translate.service import brief_requests, corpus_requests

    corpus = load_corpus(data)
    briefs = [assemble(corpus, spec) for spec in default_specs(data, corpus) if spec.lang == lang]
    return corpus, list(dict.fromkeys([*corpus_requests(corpus, lang), *brief_requests(briefs)]))


def _data_dir(data: Optional[Path]) -> Path:
    from ..facts import default_data_dir

    return data or default_data_dir()


@translate_app.callback()
def translate(
    ctx: typer.Context,
    lang: Optional[str] = typer.Option(None, "--lang", callback=_tag, help="Target language (e.g. ru)."),
    data: Optional[Path] = DATA_OPTION,
    cache_dir: Optional[Path] = CACHE_OPTION,
    allow_missing: bool = typer.Option(False, "--allow-missing", help="Skip language pairs without a model instead of failing."),
) -> None:
    """Pre-fill the translation cache for every passage without curated LANG text."""
    if ctx.invoked_subcommand is not None:
        return
    if not lang:
        raise BriefgenError("give the target language: briefgen translate --lang ru")
    from ..translate.service import default_translator

    data_dir = _data_dir(data)
    corpus, requests = _requests(lang, data_dir)
    translator = default_translator(corpus, data_dir, cache_dir=cache_dir)
    outcomes = translator.resolve(requests, allow_missing=allow_missing)
    machine = [o for o in outcomes.values() if o.translation is not None]
    flagged = [o for o in machine if not (o.translation.numbers_ok and o.translation.terms_ok)]
    reviewed = len(outcomes) - len(machine)
    typer.echo(
        f"{lang}: {len(requests)} passages without curated text: {reviewed} reviewed, {len(machine)} machine-translated "
        f"({translator.model_calls} model calls), {len(requests) - len(outcomes)} without a model; "
        f"{len(flagged)} flagged for numbers or names; cache: {translator.cache.path}"
    )


@translate_app.command("export")
def export(
    lang: str = typer.Option(..., "--lang", callback=_tag, help="Target language to review (e.g. ru)."),
    out: Path = typer.Option(..., "--out", "-o", help="Review file to write (YAML)."),
    data: Optional[Path] = DATA_OPTION,
    cache_dir: Optional[Path] = CACHE_OPTION,
) -> None:
    """Write machine translations not yet reviewed to a YAML file for a reviewer."""
    from ..translate.reviewed import ReviewItem, source_hash, write_review_file
    from ..translate.service import default_translator

    data_dir = _data_dir(data)
    corpus, requests = _requests(lang, data_dir)
    outcomes = default_translator(corpus, data_dir, cache_dir=cache_dir).resolve(requests, allow_missing=True)
    items = [
        ReviewItem(facts=list(request.facts), source_lang=request.source_lang, source_sha256=source_hash(request.text),
                   source=request.text, text=outcome.text, machine=outcome.text, model=outcome.translation.model,
                   numbers_ok=outcome.translation.numbers_ok, terms_ok=outcome.translation.terms_ok)
        for request, outcome in outcomes.items() if outcome.translation is not None
    ]
    items.sort(key=lambda item: (item.numbers_ok and item.terms_ok, item.facts, item.source))
    write_review_file(out, lang, items)
    typer.echo(f"{out}: {len(items)} {lang} translations to review ({sum(not (i.numbers_ok and i.terms_ok) for i in items)} flagged first)")


@translate_app.command("import", cls=PlainUsage)
def import_(
    review_file: Path = typer.Argument(..., metavar="REVIEW_FILE", help="A review file written by `briefgen translate export`."),
    data: Optional[Path] = DATA_OPTION,
) -> None:
    """Store the entries marked `reviewed: true` as curated text (briefs/reviewed/<lang>.yaml)."""
    from ..translate.numbers import numbers_match
    from ..translate.reviewed import ReviewedStore, read_review_file, source_hash
    from ..translate.service import REVIEWED_DIR

    review = read_review_file(review_file)
    accepted = [item for item in review.entries if item.reviewed]
    for item in accepted:
        if source_hash(item.source) != item.source_sha256:
            raise BriefgenError(f"{review_file}: entry for {', '.join(item.facts) or 'a passage'}: `source` was edited; only `text` may change")
        if not numbers_match(item.source, item.source_lang, item.text, review.lang):
            typer.echo(f"warning: {', '.join(item.facts)}: reviewed text and source have different numbers", err=True)
    store = ReviewedStore(_data_dir(data) / REVIEWED_DIR)
    written = store.merge(review.lang, [item.accepted() for item in accepted]) if accepted else 0
    typer.echo(f"{store.file(review.lang)}: {written} reviewed {review.lang} entries imported, "
               f"{len(review.entries) - len(accepted)} left unreviewed")


@models_app.command("list")
def list_models(available: bool = typer.Option(False, "--available", help="Also list the packages of the Argos index (needs network).")) -> None:
    """Installed translation models, and with --available those the Argos index offers."""
    from ..translate.argos import installed_package_dirs
    from ..translate.packages import installed_models, refresh_index

    models = installed_models()
    dirs = ", ".join(map(str, installed_package_dirs()))
    if not models:
        typer.echo(f"no translation models installed in {dirs}; install one with: briefgen models install ar en")
    for model in models:
        typer.echo(f"{model.source} → {model.target}  {model.id}  {model.path}")
    if available:
        installed = {(m.source, m.target) for m in models}
        for entry in refresh_index():
            mark = " (installed)" if (entry.source, entry.target) in installed else ""
            typer.echo(f"available: {entry.source} → {entry.target}  {entry.name}-{entry.version}{mark}")


@models_app.command("install", cls=PlainUsage)
def install(
    source: Optional[str] = typer.Argument(None, metavar="SOURCE", help="Source language code (e.g. ar)."),
    target: Optional[str] = typer.Argument(None, metavar="TARGET", help="Target language code (e.g. en)."),
    file: Optional[Path] = typer.Option(None, "--file", help="Install a downloaded .argosmodel file instead."),
) -> None:
    """Install the Argos package for SOURCE → TARGET from the index, or a local file with --file."""
    from ..translate.packages import install_file, install_pair

    if file is not None:
        if source or target:
            raise BriefgenError("give either SOURCE TARGET or --file PATH, not both")
        model = install_file(file)
    elif source and target:
        model = install_pair(source, target)
    else:
        raise BriefgenError("give SOURCE TARGET (e.g. briefgen models install ar en) or --file PATH.argosmodel")
    typer.echo(f"installed {model.id} ({model.source} → {model.target}) in {model.path}")
