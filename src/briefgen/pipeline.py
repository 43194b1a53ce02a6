"""One brief from facts to file: assemble → translate (when needed) → write.

The CLI's `build` and the batch runner both go through here, so a brief
built alone and the same brief built in a batch are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assemble import BriefSpec, assemble
from .brief import Brief
from .errors import TranslationUnavailable
from .facts.model import Corpus
from .render import get_writer


@dataclass(frozen=True)
class Options:
    templates: Path | None = None
    allow_missing: bool = False
    translate: bool = True
    embed_fonts: bool = False  # DOCX: carry the bundled fonts for reviewers who lack them


def make_brief(corpus: Corpus, spec: BriefSpec, options: Options = Options()) -> Brief:
    brief = assemble(corpus, spec, options.templates)
    missing = [run for run in brief.runs() if run.provenance == "missing"]
    if not missing:
        return brief
    if options.translate:
        from .translate import translate_missing

        return translate_missing(brief, corpus, allow_missing=options.allow_missing)
    if options.allow_missing:
        return brief
    pairs = sorted({f"{run.lang}→{run.wanted_lang}" for run in missing})
    raise TranslationUnavailable(
        f"{spec.id}: {len(missing)} passages have no curated {spec.lang} text ({', '.join(pairs)}); "
        "enable translation or pass --allow-missing"
    )


def write(brief: Brief, fmt: str, path: Path, options: Options = Options()) -> Path:
    if fmt == "docx" and options.embed_fonts:
        get_writer(fmt)(brief, path, embed_fonts=True)
    else:
        get_writer(fmt)(brief, path)
    return path


def render_bytes(brief: Brief, fmt: str, options: Options = Options()) -> bytes:
    """The file a writer makes, as bytes (for batch workers, which never write outputs themselves)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="briefgen-render-") as tmp:
        path = Path(tmp) / f"brief.{fmt}"
        try:
            write(brief, fmt, path, options)
            return path.read_bytes()
        except OSError as error:
            if error.filename and str(error.filename).startswith(tmp):  # not the user's file: say where it was
                raise OSError(error.errno, f"{error.strerror} (rendering in the temporary folder "
                              f"{tempfile.gettempdir()})") from None
            raise
