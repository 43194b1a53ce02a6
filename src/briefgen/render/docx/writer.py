"""Brief → DOCX: the brief's blocks written into a template styled for its language and direction."""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document

from ...brief import Brief, SourceList
from ...style import Style
from ..fonts import check_coverage
from .blocks import add_block
from .chrome import add_header_footer, add_masthead
from .context import Context, document_timestamp
from .fonttable import font_table_changes
from .package import reproducible_zip, set_core_properties, stamp_comments
from .template import new_document
from .typography import Typography


def write_docx(brief: Brief, path: Path, embed_fonts: bool = False, style: Style | None = None) -> None:
    """Write `brief` to `path`; on any error no file (not even a partial one) is left there.

    A character no bundled font has is refused (MissingGlyphError) rather than
    left for Word to draw in some substitute font or as a box. `embed_fonts`
    puts the bundled fonts in the package (about 1 MB per family) for
    reviewers who do not have them installed.
    """
    from .. import write

    write(brief, "docx", path, embed_fonts=embed_fonts, style=style)


def docx_bytes(brief: Brief, embed_fonts: bool = False, style: Style | None = None) -> bytes:
    """The finished package: the same Brief, style (and SOURCE_DATE_EPOCH) always give the same bytes.

    A character no bundled font has is refused (MissingGlyphError) rather than left for Word to draw
    in some substitute font or as a box."""
    check_coverage(brief)
    ctx = _build(brief, style)
    document = ctx.document
    timestamp = document_timestamp(brief.meta)
    set_core_properties(document, brief.meta, timestamp)
    if ctx.typo.style.organisation.name:
        document.core_properties.author = ctx.typo.style.organisation.name
    stamp_comments(document, timestamp)
    buffer = io.BytesIO()
    document.save(buffer)
    families = list(dict.fromkeys([ctx.typo.latin_font, ctx.typo.cs_font, *sorted(ctx.fallback_fonts)]))
    parts, edits = font_table_changes(families, embed_fonts)
    return reproducible_zip(buffer.getvalue(), timestamp, parts, edits)


def build_document(brief: Brief, style: Style | None = None) -> Document:
    """The python-docx Document for `brief`, before package-level normalization."""
    return _build(brief, style).document


def _build(brief: Brief, style: Style | None = None) -> Context:
    typo = Typography.for_meta(brief.meta, style)
    sources = frozenset(entry.number for block in brief.blocks() if isinstance(block, SourceList) for entry in block.entries)
    ctx = Context(document=new_document(typo), meta=brief.meta, typo=typo, timestamp=document_timestamp(brief.meta),
                  sources=sources)
    add_header_footer(ctx)
    add_masthead(ctx)
    for block in brief.blocks():
        add_block(ctx, block)
    return ctx
