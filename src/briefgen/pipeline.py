"""One brief from facts to file: assemble → translate (when needed) → write.

The CLI's `build` and the batch runner both go through here, so a brief
built alone and the same brief built in a batch are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TranslationUnavailable
from . import render

if TYPE_CHECKING:  # assembly (Jinja2, markdown-it) is imported by make_brief, when a brief is made
    from .assemble import BriefSpec
    from .brief import Brief
    from .facts.model import Corpus
    from .style import Style


@dataclass(frozen=True)
class Options:
    templates: Path | None = None
    allow_missing: bool = False
    translate: bool = True
    embed_fonts: bool = False  # DOCX: carry the bundled fonts for reviewers who lack them
    style: Style | None = None  # the house style with an organisation's style file merged over it (None: the house style)

    @property
    def effective_style(self) -> Style:
        from .style import house_style

        return self.style or house_style()

    def style_fingerprint(self) -> str:
        """The effective style's digest (values and logo bytes): outputs are stale when it changes."""
        return self.effective_style.fingerprint()


def make_brief(corpus: Corpus, spec: BriefSpec, options: Options = Options()) -> Brief:
    from .assemble import assemble

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
    """Write through the writer registry; each writer takes the options it knows (style, embed_fonts)."""
    return render.write(brief, fmt, path, **writer_options(options))


def render_bytes(brief: Brief, fmt: str, options: Options = Options()) -> bytes:
    """The file a writer makes, as bytes (for batch workers, which never write outputs themselves)."""
    return render.render(brief, fmt, **writer_options(options))


def writer_options(options: Options) -> dict:
    return {"style": options.effective_style, "embed_fonts": options.embed_fonts}
