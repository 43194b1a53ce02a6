"""Header and footer: title and draft mark, "page / pages".

The header starts with the title and ends (at the end tab stop) with the
draft marker and date; the footer centres the localized page label with live
PAGE and NUMPAGES fields, so the numbers stay right after a reviewer edits.
"""

from __future__ import annotations

import re

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


def add_header_footer(ctx: Context) -> None:
    section = ctx.document.sections[0]
    number_format, _ = word_page_number_format(ctx.meta.digits)
    if number_format:
        oxml.set_page_number_format(section._sectPr, number_format)
    header = _only_paragraph(ctx, section.header.paragraphs[0], "Header")
    add_text(ctx, header, ctx.meta.title, lang=ctx.meta.lang)
    header.add_run().add_tab()
    header.add_run().add_tab()
    add_text(ctx, header, ctx.label("draft"), lang=ctx.meta.lang, style=DRAFT_STYLE)
    add_text(ctx, header, f" · {ctx.meta.date_text}", lang=ctx.meta.lang)
    footer = _only_paragraph(ctx, section.footer.paragraphs[0], "Footer")
    add_page_label(ctx, footer)


def add_page_label(ctx: Context, paragraph: DocxParagraph) -> None:
    """The label '{page} / {pages}' with each placeholder as a field showing the brief's digits."""
    _, digits = word_page_number_format(ctx.meta.digits)
    for index, piece in enumerate(_PLACEHOLDER.split(ctx.label("page"))):
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
