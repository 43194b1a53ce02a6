"""UAX #9 in the PDF writer: levels per paragraph (ICU), order per line, checked against FriBidi."""

from __future__ import annotations

import unicodedata

import pytest

from briefgen.brief import Paragraph, Run, reading_lines
from briefgen.render.bidi import ParagraphBidi, visual_order
from fribidi import Paragraph as Oracle
from make_sample_briefs import sample_brief
from readback import assert_lines_in_bidi_order, line_text, open_pdf, text_lines, visual_string, writer_paragraphs

EXTRA = [
    "(JBIC).", "نص (English text) نص", "abc (نص عربي). def", "30% و 2.4 مليار", "[1, 3]", "«نص»", "a", "ب", "1",
    "كلمة ABC (DEF)", "المقبلة.[1]", "إلى 30% بحلول", "١٢٣ / ٤٥", "CA+JAD، وتتضمن", "x — y", "مرحبا  بكم",
    "بين عامي (2002-2005) و(1996-1999)", "emoji 😀 نص 👍🏽 (٣)", "\u2067abc\u202bdef", "a\u202eb\u202cc",
]


def removed(char: str) -> bool:
    """Characters rule X9 removes: UAX #9 leaves their level and position to the implementation."""
    return unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "BN")


def paragraphs():
    return [line for lang in ("ar", "en", "ru") for line in reading_lines(sample_brief(lang))] + EXTRA


@pytest.mark.parametrize("rtl", [True, False])
def test_every_line_of_every_paragraph_agrees_with_fribidi(rtl):
    """Lines cut anywhere in a paragraph reorder as FriBidi reorders them with paragraph levels."""
    count = 0
    for text in paragraphs():
        bidi, oracle = ParagraphBidi(text, rtl), Oracle(text, rtl)
        if not any(ord(char) > 0xFFFF for char in text):
            kept = [i for i, char in enumerate(text) if not removed(char)]
            assert [bidi.levels()[i] for i in kept] == [oracle.levels()[i] for i in kept], text
        for start in range(0, len(text), 11):
            for end in range(start + 1, min(len(text), start + 140) + 1, 17):
                order = bidi.line(start, end)
                assert sorted(order.indices) == list(range(end - start))
                shown = [start + i for i in order.indices if not removed(text[start + i])]
                expected = [i for i in oracle.line_order(start, end) if not removed(text[i])]
                assert shown == expected, (text, start, end)
                count += 1
    assert count > 500


@pytest.mark.parametrize("text, rtl_base, directions", [
    ("المقبلة.[1]", True, "RRRRRRRRRLR"),  # brackets around a number take the Arabic side (rule N0)
    ("كلمة ABC (DEF)", True, "RRRRRLLLLLLLLL"),  # brackets after Latin context stay left-to-right
    ("(JBIC).", True, "RLLLLRR"),
    ("إلى 30% بحلول", True, "RRRRLLRRRRRRR"),  # after Arabic letters digits are AN, so '%' stays RTL
    ("Tokyo (طوكيو).", False, "LLLLLLLRRRRRLL"),  # brackets around Arabic in English stay LTR
])
def test_resolved_directions(text, rtl_base, directions):
    assert "".join("R" if rtl else "L" for rtl in visual_order(text, rtl_base).rtl) == directions


def test_empty_line():
    assert visual_order("", True).indices == ()


def test_a_range_at_a_line_start_reads_as_after_arabic():
    """Regression: levels were resolved per line, so "(2002-2005)" at a line start showed
    2002-2005 (left to right) while after Arabic on the same line it showed 2005-2002."""
    text = "خلال الفترة (2002-2005) تضاعف"
    start = text.index("(")
    bidi = ParagraphBidi(text, True)
    line = bidi.line(start, len(text))
    shown = "".join(text[start + i] for i in line.indices)
    whole = "".join(text[i] for i in bidi.line(0, len(text)).indices)
    assert "2005-2002" in shown and "2005-2002" in whole  # the same order wherever the line breaks


def test_pdf_range_at_line_start_in_an_arabic_paragraph():
    """Regression through the writer: a paragraph whose second line starts with "(2002-2005)"."""
    from briefgen.render.pdf import render_pdf

    brief = sample_brief("ar")
    filler = "كلمة " * 200
    for cut in range(60, 110, 7):  # some cut puts the range at a line start
        text = filler[: cut * 5] + "(2002-2005) تضاعف الإنتاج"
        brief.sections[2].blocks = [Paragraph(inlines=[Run(text=text, lang="ar")])]
        doc = open_pdf(render_pdf(brief))
        lines = [line for _, line in text_lines(doc)]
        starts = [line for line in lines if line_text(line).strip().startswith("(2002")]
        if starts:
            assert "2005-2002" in visual_string(starts[0])
            assert assert_lines_in_bidi_order(doc, writer_paragraphs(brief)) > 3
            return
    pytest.fail("no line started with the range")


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("[", "]"), ("«", "»")])
def test_brackets_in_right_to_left_runs_draw_their_mirror_glyph(opening: str, closing: str) -> None:
    """The text keeps the logical character (it extracts as typed); the drawn glyph is mirrored."""
    from briefgen.render.fonts import font_face
    from briefgen.render.pdf.glyphfont import pdf_font
    from briefgen.render.pdf.shaping import shape

    font = pdf_font(font_face("Amiri"))
    rtl_open = shape(opening, 0, 1, font, True, "ar")[0].gid
    ltr_open, ltr_close = (shape(char, 0, 1, font, False, "ar")[0].gid for char in (opening, closing))
    assert ltr_open != ltr_close
    assert rtl_open == ltr_close
