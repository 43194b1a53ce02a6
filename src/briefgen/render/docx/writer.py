"""Brief → DOCX: the brief's blocks written into a template styled for its language and direction."""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document

from ...brief import Brief, SourceList
from ..fonts import check_coverage
from ..output import atomic_output
from .blocks import add_block
from .chrome import add_header_footer
from .context import Context, document_timestamp
from .fonttable import font_table_changes
from .package import reproducible_zip, set_core_properties, stamp_comments
from .template import new_document
from .typography import Typography


def write_docx(brief: Brief, path: Path, embed_fonts: bool = False) -> None:
    """Write `brief` to `path`; on any error no file (not even a partial one) is left there.

    A character no bundled font has is refused (MissingGlyphError) rather than
    left for Word to draw in some substitute font or as a box. `embed_fonts`
    puts the bundled fonts in the package (about 1 MB per family) for
    reviewers who do not have them installed.
    """
    data = docx_bytes(brief, embed_fonts)
    with atomic_output(path) as handle:
        handle.write(data)


def docx_bytes(brief: Brief, embed_fonts: bool = False) -> bytes:
    """The finished package: the same Brief (and SOURCE_DATE_EPOCH) always gives the same bytes."""
    check_coverage(brief)
    ctx = _build(brief)
    document = ctx.document
    timestamp = document_timestamp(brief.meta)
    set_core_properties(document, brief.meta, timestamp)
    stamp_comments(document, timestamp)
    buffer = io.BytesIO()
    document.save(buffer)
    families = list(dict.fromkeys([ctx.typo.latin_font, ctx.typo.cs_font, *sorted(ctx.fallback_fonts)]))
    parts, edits = font_table_changes(families, embed_fonts)
    return reproducible_zip(buffer.getvalue(), timestamp, parts, edits)


def build_document(brief: Brief) -> Document:
    """The python-docx Document for `brief`, before package-level normalization."""
    return _build(brief).document


def _build(brief: Brief) -> Context:
    typo = Typography.for_meta(brief.meta)
    sources = frozenset(entry.number for block in brief.blocks() if isinstance(block, SourceList) for entry in block.entries)
    ctx = Context(document=new_document(typo), meta=brief.meta, typo=typo, timestamp=document_timestamp(brief.meta),
                  sources=sources)
    add_header_footer(ctx)
    for block in brief.blocks():
        add_block(ctx, block)
    return ctx
