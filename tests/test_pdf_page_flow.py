"""Page flow rules a reader sees, on constructed briefs built to break them."""

from __future__ import annotations

import pytest

from briefgen.brief import BulletList, Cell, Heading, Paragraph, Run, Section, Table
from briefgen.render.pdf.flow import BlockFlow
from briefgen.render.pdf.pageflow import PageFlow
from briefgen.render.pdf.styles import typography
from briefgen.render.pdf.typeset import Typesetter
from make_sample_briefs import sample_brief

FILLER = ("The ministers reviewed transport corridors, water management and the energy transition, and agreed to "
          "meet again before the next summit to take stock of the projects financed so far. ")


def _run(text: str) -> Run:
    return Run(text=text, lang="en", provenance="curated")


def _para(text: str, role: str = "body") -> Paragraph:
    return Paragraph(role=role, inlines=[_run(text)])


def _heading(text: str, level: int = 1) -> Heading:
    return Heading(level=level, inlines=[_run(text)])


def _table(rows: int) -> Table:
    return Table(header=[Cell(content=_para("Indicator")), Cell(content=_para("Value"))],
                 rows=[[Cell(content=_para(f"Row {i} indicator")), Cell(content=_para(f"{i} %"), numeric=True)]
                       for i in range(rows)])


def _pages(blocks, lang: str = "en"):
    brief = sample_brief(lang).model_copy(update={"sections": [Section(id="body", blocks=blocks)]})
    typo = typography(lang == "ar")
    pages = PageFlow(typo, Typesetter(lang, lang == "ar"))
    BlockFlow(brief, typo, pages).flow(brief.blocks())
    return pages.pages


def _line_text(placed) -> str:
    """A placed line's logical text."""
    return placed.styled.text[placed.line.start:placed.line.end].strip()


def _page_of(pages, text: str) -> int:
    return next(number for number, page in enumerate(pages) if any(text in _line_text(p) for p in page.lines))


def _fillers_to_bottom(extra_lines: float):
    """One body paragraph filling page 1 so that about `extra_lines` body lines of room remain.

    Its words are each wider than half the text block, so it has exactly one word per line."""
    typo = typography(False)
    room = typo.geometry.content_top - typo.geometry.content_bottom
    lines = int((room - typo.body.space_after) / typo.body.leading - extra_lines)
    return [_para(" ".join(["W" * 35] * lines))]


@pytest.mark.parametrize("extra", [1.5, 2.5, 3.5, 4.5, 6])
def test_a_heading_before_a_table_moves_with_its_header_and_first_row(extra):
    pages = _pages(_fillers_to_bottom(extra) + [_heading("Key figures"), _table(8)])
    heading_page = _page_of(pages, "Key figures")
    assert heading_page == _page_of(pages, "Indicator") == _page_of(pages, "Row 0 indicator")


@pytest.mark.parametrize("extra", [1.5, 2.5, 3.5, 4.5])
@pytest.mark.parametrize("following", ["paragraph", "bullets", "subheading"])
def test_a_heading_is_never_the_last_thing_on_a_page(extra, following):
    after = {
        "paragraph": [_para(FILLER * 2)],
        "bullets": [BulletList(items=[_para(FILLER), _para(FILLER)])],
        "subheading": [_heading("Sub-heading", 2), _para(FILLER * 2)],
    }[following]
    pages = _pages(_fillers_to_bottom(extra) + [_heading("Outlook")] + after)
    for page in pages:
        last = min(page.lines, key=lambda p: p.y)
        assert _line_text(last) not in ("Outlook", "Sub-heading")
    outlook = _page_of(pages, "Outlook")
    following_lines = [p for p in pages[outlook].lines if p.y < min(
        q.y for q in pages[outlook].lines if _line_text(q) == "Outlook")]
    assert len(following_lines) >= (2 if following != "subheading" else 3)


def test_a_long_table_repeats_its_header_row_on_every_page():
    pages = _pages([_table(120)])
    assert len(pages) >= 3
    for page in pages:
        texts = [_line_text(p) for p in sorted(page.lines, key=lambda p: -p.y)]
        assert texts[0] in ("Indicator", "Value"), texts[:3]
        assert any(t.startswith("Row ") for t in texts)


@pytest.mark.parametrize("extra, splits", [(1.6, False), (2.6, True), (4.6, True), (7.6, True)])
def test_no_single_line_of_a_paragraph_is_left_alone_at_a_page_foot_or_head(extra, splits):
    """An 8-line paragraph where 1, 2, 4 or 7 lines fit: 1 would orphan a line (it moves whole),
    7 would widow one (it breaks after 6)."""
    paragraph = _para(FILLER * 4)
    assert len(_pages([paragraph])[0].lines) == 8
    pages = _pages(_fillers_to_bottom(extra) + [paragraph])
    lines_per_page = [sum(1 for p in page.lines if p.styled.text == FILLER * 4) for page in pages]
    lines_per_page = [count for count in lines_per_page if count]
    assert (len(lines_per_page) > 1) == splits
    assert all(count >= 2 for count in lines_per_page), lines_per_page


@pytest.mark.parametrize("extra", [2.5, 5.5])
def test_a_conflict_box_is_not_split_unless_longer_than_a_page(extra):
    box = _para(FILLER * 2, role="conflict")
    pages = _pages(_fillers_to_bottom(extra) + [box])
    box_pages = {number for number, page in enumerate(pages) for p in page.lines if p.styled.text == FILLER * 2}
    assert len(box_pages) == 1
    long_box = _para(FILLER * 40, role="conflict")
    pages = _pages([long_box])
    assert len({n for n, page in enumerate(pages) for p in page.lines if p.styled.text == FILLER * 40}) > 1


def test_arabic_headings_keep_with_their_tables_too():
    pages = _pages([_para("فقرة " * 900)] + [_heading("أرقام رئيسية"), _table(5)], lang="ar")
    assert _page_of(pages, "أرقام") == _page_of(pages, "Row 0")


def test_docx_declares_the_same_page_flow_rules():
    """Headings and captions keep with what follows, boxes keep their lines together, paragraphs avoid
    widows and orphans, and table header rows repeat: Word and LibreOffice then break pages as the PDF does."""
    import io

    import docx

    from briefgen.render.docx.writer import docx_bytes

    brief = sample_brief("en").model_copy(update={"sections": [Section(id="body", blocks=[
        _heading("Key figures"), _table(3), _para("Sources differ.", role="conflict")])]})
    document = docx.Document(io.BytesIO(docx_bytes(brief)))
    styles = document.styles
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Title"):
        assert styles[name].paragraph_format.keep_with_next, name
    for name in ("Quote", "Note"):
        assert styles[name].paragraph_format.keep_together, name
    assert styles["Normal"].paragraph_format.widow_control
    header_row = document.tables[0].rows[0]._tr
    assert header_row.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    for row in document.tables[0].rows[1:]:
        assert row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
