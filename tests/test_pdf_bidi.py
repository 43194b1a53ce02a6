"""Per-line bidi reordering: the decoded permutation must reproduce python-bidi exactly."""

from __future__ import annotations

import pytest
from bidi import get_display

from briefgen.brief import reading_lines
from briefgen.render.pdf.bidiorder import visual_order
from make_sample_briefs import sample_brief

EXTRA = [
    "(JBIC).", "نص (English text) نص", "abc (نص عربي). def", "30% و 2.4 مليار", "[1, 3]", "«نص»", "a", "ب", "1",
    "كلمة ABC (DEF)", "المقبلة.[1]", "إلى 30% بحلول", "١٢٣ / ٤٥", "CA+JAD، وتتضمن", "x — y", "مرحبا  بكم",
]


def substrings():
    texts = [line for lang in ("ar", "en", "ru") for line in reading_lines(sample_brief(lang))] + EXTRA
    for text in texts:
        for start in range(0, len(text), 9):
            for end in range(start + 1, min(len(text), start + 140) + 1, 13):
                piece = text[start:end].strip()
                if piece:
                    yield piece


@pytest.mark.parametrize("rtl", [True, False])
def test_permutation_reproduces_get_display(rtl):
    count = 0
    for text in substrings():
        order = visual_order(text, rtl)
        assert sorted(order.indices) == list(range(len(text)))
        assert "".join(text[i] for i in order.indices) == get_display(text, base_dir="R" if rtl else "L")
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
