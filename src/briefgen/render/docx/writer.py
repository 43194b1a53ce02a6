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
from .package import reproducible_zip, set_core_properties, stamp_comments
from .template import new_document
from .typography import Typography


def write_docx(brief: Brief, path: Path) -> None:
    """Write `brief` to `path`; on any error no file (not even a partial one) is left there.

    A character no bundled font has is refused (MissingGlyphError) rather than
    left for Word to draw in some substitute font or as a box.
    """
    check_coverage(brief)
    data = docx_bytes(brief)
    with atomic_output(path) as handle:
        handle.write(data)


def docx_bytes(brief: Brief) -> bytes:
    """The finished package: the same Brief (and SOURCE_DATE_EPOCH) always gives the same bytes."""
    document = build_document(brief)
    timestamp = document_timestamp(brief.meta)
    set_core_properties(document, brief.meta, timestamp)
    stamp_comments(document, timestamp)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), timestamp)


def build_document(brief: Brief) -> Document:
    """The python-docx Document for `brief`, before package-level normalization."""
    typo = Typography.for_meta(brief.meta)
    sources = frozenset(entry.number for block in brief.blocks() if isinstance(block, SourceList) for entry in block.entries)
    ctx = Context(document=new_document(typo), meta=brief.meta, typo=typo, timestamp=document_timestamp(brief.meta),
                  sources=sources)
    add_header_footer(ctx)
    for block in brief.blocks():
        add_block(ctx, block)
    return ctx.document
