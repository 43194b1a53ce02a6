"""The empty, styled document a brief is written into: one per typography, built once per process.

Restyling python-docx's default template (parsing its 440 kB styles.xml,
redefining styles and numbering) costs more than writing a whole brief, and
its result depends only on the Typography. It is built once, saved, and every
brief opens a fresh copy of those bytes.
"""

from __future__ import annotations

import io
from functools import lru_cache

import docx
from docx.document import Document
from docx.section import Section
from docx.shared import Length, Mm, Pt

from . import oxml
from .numbering import install_bullets
from .package import tidy_template
from .styles import define_styles
from .typography import Typography


def new_document(typo: Typography) -> Document:
    return docx.Document(io.BytesIO(template_bytes(typo)))


@lru_cache(maxsize=None)
def template_bytes(typo: Typography) -> bytes:
    document = docx.Document()
    tidy_template(document)
    text_width = setup_page(document.sections[0], typo)
    define_styles(document, typo, text_width, install_bullets(document, typo))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def setup_page(section: Section, typo: Typography) -> int:
    """The style sheet's paper and margins, the section's direction; return the text width in twips for tab stops.

    The header and footer distances put their baselines where the PDF writer puts its running header
    and footer (a distance in Word is to the top of the header's line box, the bottom of the footer's)."""
    page = typo.style.page
    width, height = page.size_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Mm(page.margins_mm.side)
    section.top_margin, section.bottom_margin = Mm(page.margins_mm.top), Mm(page.margins_mm.bottom)
    chrome_pt = typo.body_pt * typo.style.role("chrome").size
    section.header_distance = Mm(page.header_mm) - Pt(chrome_pt)
    section.footer_distance = Mm(page.footer_mm) - Pt(chrome_pt * 0.3)
    oxml.set_section_bidi(section._sectPr, typo.rtl)
    return Length(section.page_width - section.left_margin - section.right_margin).twips
