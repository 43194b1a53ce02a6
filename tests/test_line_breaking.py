"""UAX #14 line breaking in the PDF writer: opportunities from ICU, never inside a citation, a
word too long for a line cut between graphemes as a last resort (table cells too), in linear time."""

from __future__ import annotations

import pytest

from briefgen.brief import Cite, Paragraph, Run
from briefgen.render.pdf import render_pdf
from briefgen.render.pdf.inline import styled_inlines
from briefgen.render.pdf.lines import break_lines
from briefgen.render.pdf.shaping import shape
from briefgen.render.pdf.styles import typography
from make_sample_briefs import tiny_brief
from readback import open_pdf, text_lines, line_text


def lines_of(inlines, lang: str, width: float) -> list[str]:
    style = typography(lang == "ar").body
    styled = styled_inlines(inlines, style, lang)
    return [styled.text[start:end] for start, end in break_lines(styled, lambda _: width, lang == "ar")]


@pytest.mark.parametrize("width", range(120, 420, 7))
def test_a_citation_never_breaks_inside(width: int) -> None:
    """Regression: "[2، 3]" split as "[2،" / "3]" (XC-ar, JP-ar page 1)."""
    text = "عُقد الاجتماع التشاوري السادس لرؤساء دول آسيا الوسطى في أستانا، عاصمة كازاخستان، برئاسة توكاييف."
    lines = lines_of([Run(text=text, lang="ar"), Cite(label="[2، 3]", numbers=[2, 3])], "ar", width)
    assert any("[2، 3]" in line for line in lines)
    assert not any(line.endswith("[2،") for line in lines)


@pytest.mark.parametrize("width", range(60, 300, 3))
def test_5g_stays_whole(width: int) -> None:
    """Regression: "شبكات 5G" in an English brief broke between "5" and "G"."""
    text = "Japan offered support for شبكات 5G and data centres across the region."
    lines = lines_of([Run(text=text, lang="en")], "en", width)
    assert not any(line.endswith("5") for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_breaks_follow_uax14_not_only_spaces() -> None:
    lines = lines_of([Run(text="well-known " * 3 + "Kazakhstan–Japan", lang="en")], "en", 40)
    assert "well-" in lines  # a break after a hyphen


def test_a_long_word_in_a_table_cell_stays_on_the_page() -> None:
    """Regression: a 500-character word in a cell ran off the page (109 characters visible)."""
    word = "ابجد" * 125
    doc = open_pdf(render_pdf(tiny_brief([("نص", "ar")], cell=word)))
    text = "".join(line_text(line) for _, line in text_lines(doc))
    assert text.count("ابجد") == 125
    for page in doc:
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                assert 0 <= line["bbox"][0] and line["bbox"][2] <= typography(False).geometry.page_width


def test_a_20_kb_word_is_shaped_a_bounded_number_of_times() -> None:
    """Regression: one 20 KB word took 27 s, measuring every prefix (quadratic). Now the stretch is
    shaped once whole and once for its per-character advances, whatever its length."""
    word = "x" * 20_000
    style = typography(False).body
    styled = styled_inlines([Run(text=word, lang="en")], style, "en")
    shape.cache_clear()
    lines = break_lines(styled, lambda _: 200.0, False)
    assert shape.cache_info().misses <= 4
    assert lines[0][0] == 0 and lines[-1][1] == len(word)
    assert all(a[1] == b[0] for a, b in zip(lines, lines[1:]))  # every character on a line
    assert len(lines) > 50


def test_icu_offsets_outside_the_bmp_map_to_code_points() -> None:
    from briefgen.render.pdf.lines import _code_points

    assert _code_points("a😀 b", [0, 1, 3, 4, 5]) == [0, 1, 2, 3, 4]
    assert _code_points("a b", [2, 3]) == [2, 3]
