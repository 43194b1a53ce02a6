"""write_pdf: a Brief to a PDF in the house style, with shaped, bidi-correct, extractable text."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Iterator

import pikepdf
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ...brief import Brief, Metadata
from ..fonts import check_coverage, family_order, font_face
from ...style import Style
from .chrome import add_masthead, legend_height
from .flow import BlockFlow
from .pageflow import PageFlow
from .typeset import Typesetter
from .glyphfont import pdf_font
from .inline import MARKERS
from .paint import paint_page
from .pdfa import make_archival
from .tagging import Tagger, write_structure
from .styles import Geometry, typography


def render_pdf(brief: Brief, style: Style | None = None, *, tagged: bool = True) -> bytes:
    """The PDF as bytes, tagged (PDF/UA-1) and archival (PDF/A-2u); the same Brief and style always
    give the same bytes. `tagged=False` gives the plain PDF 1.4 ReportLab writes (for measuring
    what tagging costs; not offered to users)."""
    check_coverage(brief)
    meta = brief.meta
    typo = typography(meta.direction == "rtl", style)
    kinds = {run.provenance for run in brief.runs()} & set(MARKERS) & set(meta.labels)
    setter = Typesetter(meta.lang, meta.direction == "rtl")
    pages = PageFlow(typo, setter, bottom=typo.geometry.content_bottom + legend_height(typo, len(kinds)))
    tagger = Tagger(meta.lang)
    add_masthead(pages, brief, typo)
    BlockFlow(brief, typo, pages, tagger.root).flow(brief.blocks())
    pages.finish(brief)

    buffer = io.BytesIO()
    with _binary_streams():
        _paint(pages, meta, typo.geometry, buffer, typo.style.organisation.name, tagger if tagged else None)
    return _finish(buffer.getvalue(), tagger, meta) if tagged else buffer.getvalue()


_FLATE_LEVEL = 1


def _finish(data: bytes, tagger: Tagger, meta: Metadata) -> bytes:
    """The pikepdf pass over ReportLab's output: structure tree, PDF/A identification, PDF 1.7.

    qpdf writes the file anew, with object streams (smaller than ReportLab's plain xref) and a
    file /ID computed from the content, so the bytes stay deterministic.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        write_structure(pdf, tagger)
        make_archival(pdf, meta.lang)
        out = io.BytesIO()
        # ReportLab's streams are copied as they are (no decoding); only the new object streams
        # (ReportLab's dictionaries and the structure tree) are compressed, at zlib level 1: a
        # third of the time of the default level, for a few per cent of size. The level is
        # process-wide in qpdf; briefgen always sets the same one, so bytes stay deterministic.
        pikepdf.settings.set_flate_compression_level(_FLATE_LEVEL)
        pdf.save(out, deterministic_id=True, force_version="1.7", compress_streams=True,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Flate-compressed streams without ReportLab's default ASCII85 layer: a quarter smaller and
    noticeably faster to write. ReportLab only reads this from its global configuration."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _paint(flow: PageFlow, meta: Metadata, geo: Geometry, buffer: io.BytesIO, organisation: str | None,
           tagger: Tagger | None) -> None:
    initial = pdf_font(font_face(family_order(meta.lang)[0]))
    if initial.fontName not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(initial)  # as the initial font it keeps ReportLab from citing unembedded Helvetica
    canvas = Canvas(buffer, pagesize=(geo.page_width, geo.page_height), invariant=1, pageCompression=1, lang=meta.lang,
                    initialFontName=initial.fontName)
    canvas.setTitle(meta.title)
    canvas.setAuthor(organisation or meta.creator)
    canvas.setCreator(meta.creator)
    canvas.setSubject(f"{meta.subject_name} ({meta.kind} brief, {meta.date.isoformat()})")
    canvas.setKeywords(meta.id)
    stamp = meta.date.strftime("D:%Y%m%d000000+00'00'")
    canvas.setDateFormatter(lambda *_: stamp)
    codes: dict = {}
    destinations = frozenset(name for page in flow.pages for name, _ in page.destinations)
    anchors = 0
    level = -1
    for page in flow.pages:
        paint_page(canvas, page, codes, destinations, tagger)
        for name, top in page.destinations:
            canvas.bookmarkHorizontal(name, 0, top)
        for anchor in page.anchors:
            anchors += 1
            key = f"heading-{anchors}"
            canvas.bookmarkHorizontal(key, 0, anchor.top)
            level = min(anchor.level - 1, level + 1)  # an outline may not skip a level
            canvas.addOutlineEntry(anchor.title, key, level=level)
        canvas.showPage()
    if anchors:
        canvas.showOutline()
    canvas.save()


def write_pdf(brief: Brief, path: Path, style: Style | None = None) -> None:
    """Render `brief` to `path` through the writer registry; on any error no partial file is left."""
    from .. import write

    write(brief, "pdf", path, style=style)
