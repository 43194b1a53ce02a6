"""Masthead, header and footer, from the style sheet as in the PDF.

The organisation's logo and name open page 1. The header carries the
marking line (when the style has one), then the style's start text and, at
the end tab stop, the draft marker and the style's end text; the footer
centres the localized page label with live PAGE and NUMPAGES fields, so the
numbers stay right after a reviewer edits.
"""

from __future__ import annotations

import io
import re

from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph

from ...brief import localize_digits
from ...lang import word_page_number_format
from . import oxml
from .blocks import set_style
from .context import Context
from .inlines import add_text, run_template
from .styles import DRAFT_STYLE

_PLACEHOLDER = re.compile(r"\{(page|pages)\}")
_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def chrome_fields(ctx: Context) -> dict[str, str]:
    """What header and footer templates of the style sheet may name (as in the PDF writer)."""
    sheet = ctx.typo.style
    return {"title": ctx.meta.title, "date": ctx.meta.date_text, "marking": sheet.marking or "",
            "organisation": sheet.organisation.name or ""}


def add_masthead(ctx: Context) -> None:
    """The organisation's logo and name before the title on page 1."""
    organisation = ctx.typo.style.organisation
    if organisation.logo_data is None and not organisation.name:
        return
    paragraph = ctx.add_paragraph()
    set_style(ctx, paragraph, "Masthead")
    if organisation.logo_data is not None:
        paragraph.add_run().add_picture(io.BytesIO(organisation.logo_data), height=Mm(organisation.logo_height_mm))
    if organisation.name:
        if organisation.logo_data is not None:
            paragraph.add_run("  ")
        add_text(ctx, paragraph, organisation.name, lang=ctx.meta.lang, bold=True)


def add_header_footer(ctx: Context) -> None:
    section = ctx.document.sections[0]
    sheet = ctx.typo.style
    fields = chrome_fields(ctx)
    number_format, _ = word_page_number_format(ctx.meta.digits)
    if number_format:
        oxml.set_page_number_format(section._sectPr, number_format)
    header = _only_paragraph(ctx, section.header.paragraphs[0], "Header")
    if sheet.marking:
        marking = header.insert_paragraph_before()
        set_style(ctx, marking, "Marking")
        add_text(ctx, marking, sheet.marking, lang=ctx.meta.lang, style=DRAFT_STYLE)
    add_text(ctx, header, sheet.header.start.format(**fields), lang=ctx.meta.lang)
    header.add_run().add_tab()
    header.add_run().add_tab()
    add_text(ctx, header, ctx.label("draft"), lang=ctx.meta.lang, style=DRAFT_STYLE)
    if end := sheet.header.end.format(**fields):
        add_text(ctx, header, f" · {end}", lang=ctx.meta.lang)
    footer = _only_paragraph(ctx, section.footer.paragraphs[0], "Footer")
    add_page_label(ctx, footer, sheet.footer.center, fields)


def add_page_label(ctx: Context, paragraph: DocxParagraph, template: str = "{page}",
                   fields: dict[str, str] | None = None) -> None:
    """The footer template with its {page} the label '{page} / {pages}', each number a field in the brief's digits."""
    _, digits = word_page_number_format(ctx.meta.digits)
    label = template.format_map({**(fields or {}), "page": ctx.label("page")})
    for index, piece in enumerate(_PLACEHOLDER.split(label)):
        if index % 2 == 0:
            if piece:
                add_text(ctx, paragraph, piece, lang=ctx.meta.lang)
            continue
        template = run_template(ctx, None, ctx.typo.rtl, ctx.meta.lang)
        result = oxml.new_run(localize_digits("1", ctx.meta.digits), template)
        paragraph._p.append(oxml.simple_field(f"{_FIELDS[piece]}{digits}", result))


def _only_paragraph(ctx: Context, paragraph: DocxParagraph, style: str) -> DocxParagraph:
    set_style(ctx, paragraph, style)
    return paragraph
