"""The PDF writer on the hand-made sample briefs: text, order, alignment, chrome, errors.

Text is read back with PyMuPDF, as a reader's copy-and-paste or a search
index would, and checked against the Brief; the visual order of each drawn
line is checked against python-bidi.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from briefgen.brief import Cite, Paragraph, Run, Section, localize_digits, reading_lines
from briefgen.errors import MissingGlyphError
from briefgen.render import writer
from briefgen.render.pdf import render_pdf, write_pdf
from briefgen.render.pdf.styles import geometry
from briefgen.style import house_style

from make_sample_briefs import sample_brief
from readback import (
    assert_lines_in_bidi_order, assert_lines_in_order, writer_paragraphs, body_text, line_bbox, line_text, normalize, open_pdf, text_lines,
    visual_string, without_format_characters,
)

GEO = geometry(house_style())
PAGE_WIDTH, PAGE_HEIGHT, MARGIN_SIDE = GEO.page_width, GEO.page_height, GEO.margin_side
CONTENT_TOP, CONTENT_BOTTOM = GEO.content_top, GEO.content_bottom
CELL_PAD_X = house_style().table.cell_pad_pt.x
ROOT = Path(__file__).resolve().parents[1]
@pytest.fixture(scope="module", params=["ar", "en", "ru"])
def rendered(request):
    brief = sample_brief(request.param)
    return brief, open_pdf(render_pdf(brief))


@pytest.fixture(scope="module")
def arabic():
    brief = sample_brief("ar")
    return brief, open_pdf(render_pdf(brief))


def test_every_reading_line_extracts_in_order(rendered):
    brief, doc = rendered
    assert_lines_in_order(body_text(doc), reading_lines(brief))


def test_arabic_paragraph_extracts_as_one_logical_string(arabic):
    brief, doc = arabic
    paragraph = brief.sections[2].blocks[0]
    assert len(paragraph.text) > 200  # wraps over several lines
    assert normalize(paragraph.text) in normalize(body_text(doc))


def test_visual_order_of_each_line_is_paragraph_level_uax9(arabic):
    brief, doc = arabic
    assert assert_lines_in_bidi_order(doc, writer_paragraphs(brief)) > 20


def test_isolated_file_name_keeps_its_own_order_inside_arabic():
    brief = sample_brief("ar")
    name = "002_459c7cb28a9391a8.txt"
    text = f"نيروز الإخبارية، 20 ديسمبر 2025 (\u2066{name}\u2069)"
    brief.sections[2].blocks = [Paragraph(inlines=[Run(text=text, lang="ar")])]
    doc = open_pdf(render_pdf(brief))
    assert normalize(text) in normalize(body_text(doc))
    assert assert_lines_in_bidi_order(doc, writer_paragraphs(brief)) >= 1
    line = next(line for _, line in text_lines(doc) if name in line_text(line))
    assert name in without_format_characters(visual_string(line))  # left to right, as written


def test_mixed_line_keeps_latin_numbers_and_brackets_in_reading_order(arabic):
    _, doc = arabic
    lines = [line_text(line) for _, line in text_lines(doc)]
    assert any("(حوالي 17.9 مليار يورو)" in line for line in lines)
    assert any("(JBIC).[2]" in line for line in lines)
    assert any("30% بحلول عام 2050.[3]" in line for line in lines)


def context_paragraph_lines(brief, doc) -> list[dict]:
    """The drawn lines of the first paragraph of the 'context' section (the bullets above repeat its
    sentences, so lines are taken after that section's heading)."""
    heading = normalize(brief.sections[2].heading.text)
    paragraph = normalize(brief.sections[2].blocks[0].text)
    lines, started = [], False
    for _, line in text_lines(doc):
        text = normalize(line_text(line))
        if text == heading:
            started = True
        elif started and text and text in paragraph:
            lines.append(line)
        elif lines:
            break
    assert len(lines) >= 3
    return lines


def test_top_line_of_wrapped_arabic_paragraph_holds_its_first_words(arabic):
    brief, doc = arabic
    lines = context_paragraph_lines(brief, doc)
    top = min(lines, key=lambda line: line["bbox"][1])
    assert normalize(brief.sections[2].blocks[0].text).startswith(normalize(line_text(top)))
    assert top is lines[0]


def test_arabic_lines_end_at_the_right_margin(arabic):
    brief, doc = arabic
    right_margin = PAGE_WIDTH - MARGIN_SIDE
    lines = context_paragraph_lines(brief, doc)
    for line in lines:
        left, right = line_bbox(line)
        assert right == pytest.approx(right_margin, abs=1.0), line_text(line)
    for line in lines[:-1]:  # justified: all but the last line also reach the left margin
        assert line_bbox(line)[0] == pytest.approx(MARGIN_SIDE, abs=1.0)
    assert line_bbox(lines[-1])[0] > MARGIN_SIDE + 20


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_latin_and_cyrillic_lines_start_at_the_left_margin_and_stay_ragged(lang):
    """Without hyphenation, justified lines run loose; these scripts are set ragged right."""
    brief = sample_brief(lang)
    doc = open_pdf(render_pdf(brief))
    lines = context_paragraph_lines(brief, doc)
    assert len(lines) >= 3
    for line in lines:
        assert line_bbox(line)[0] == pytest.approx(MARGIN_SIDE, abs=1.0)
    right_edges = {round(line_bbox(line)[1]) for line in lines[:-1]}
    assert len(right_edges) > 1, right_edges


def test_table_reads_from_the_right_in_arabic(arabic):
    _, doc = arabic
    positions = {}
    for _, line in text_lines(doc):
        text = line_text(line).strip()
        if text in ("المؤشر", "القيمة", "المصدر"):
            positions[text] = line_bbox(line)[1]
    assert positions["المؤشر"] > positions["القيمة"] > positions["المصدر"]
    assert positions["المؤشر"] == pytest.approx(PAGE_WIDTH - MARGIN_SIDE - CELL_PAD_X, abs=1)


def test_bullets_sit_on_the_reading_start_side():
    for lang, on_right in (("ar", True), ("en", False)):
        doc = open_pdf(render_pdf(sample_brief(lang)))
        dots = [d["rect"] for d in doc[0].get_drawings() if d["fill"] and d["rect"].width < 6]
        assert len(dots) == 3
        for rect in dots:
            assert (rect.x0 > PAGE_WIDTH - MARGIN_SIDE - 16) if on_right else (rect.x1 < MARGIN_SIDE + 16)


def test_footer_numbers_pages_with_the_brief_digits():
    brief = sample_brief("ar")
    brief.meta.digits = "arab"
    doc = open_pdf(render_pdf(brief))
    total = len(doc)
    for number, page in enumerate(doc, start=1):
        footer = page.get_text(clip=pymupdf.Rect(0, PAGE_HEIGHT - CONTENT_BOTTOM, PAGE_WIDTH, PAGE_HEIGHT))
        expected = localize_digits(brief.meta.labels["page"].format(page=number, pages=total), "arab")
        assert normalize(footer) == normalize(expected)
        assert not any(char.isascii() and char.isdigit() for char in footer)
    header = doc[-1].get_text(clip=pymupdf.Rect(0, 0, PAGE_WIDTH, PAGE_HEIGHT - CONTENT_TOP))
    assert brief.meta.title in header and brief.meta.date_text in header


def test_machine_translated_run_is_marked_and_explained(rendered):
    brief, doc = rendered
    drawn = "".join(page.get_text(flags=pymupdf.TEXT_IGNORE_ACTUALTEXT) for page in doc)
    extracted = "".join(page.get_text() for page in doc)
    assert "\u2020" in drawn
    assert f"\u2020 {brief.meta.labels['machine']}" in extracted
    assert normalize(body_text(doc)).count("\u2020") == 0


def test_untranslated_run_is_marked_and_explained():
    brief = sample_brief("ar")
    brief.sections[2].blocks.append(Paragraph(inlines=[
        Run(text="This sentence has no Arabic version yet.", lang="en", provenance="missing", facts=["f3"],
            wanted_lang="ar")]))
    doc = open_pdf(render_pdf(brief))
    drawn = "".join(page.get_text(flags=pymupdf.TEXT_IGNORE_ACTUALTEXT) for page in doc)
    extracted = "".join(page.get_text() for page in doc)
    assert "\u2021" in drawn
    assert f"\u2021 {brief.meta.labels['missing']}" in extracted
    assert "This sentence has no Arabic version yet." in normalize(body_text(doc))


def test_latin_and_cyrillic_inside_arabic_use_fonts_that_have_them():
    brief = sample_brief("ar")
    brief.sections[2].blocks.append(Paragraph(inlines=[Run(text="قال الوزير «Казахстан» و SmartMining.", lang="ar")]))
    doc = open_pdf(render_pdf(brief))
    fonts = {}
    for _, line in text_lines(doc):
        for span in line["spans"]:
            for char in span["chars"]:
                fonts.setdefault(char["c"], set()).add(span["font"])
    assert all("NotoSans" in font for font in fonts["Ж" if "Ж" in fonts else "К"])
    assert all("Amiri" in font for font in fonts["ق"])
    assert all("Amiri" in font for font in fonts["S"])


def test_each_paragraph_role_has_its_own_look():
    roles = ["lead", "body", "note", "conflict", "caption", "legend"]
    brief = sample_brief("en")
    brief.sections[2].blocks = [Paragraph(role=role, inlines=[Run(text=f"A {role} paragraph.", lang="en")])
                                for role in roles]
    doc = open_pdf(render_pdf(brief))
    looks = {}
    for _, line in text_lines(doc):
        for role in roles:
            if line_text(line) == f"A {role} paragraph.":
                span = line["spans"][0]
                looks[role] = (round(span["size"], 2), span["font"], span["color"])
    assert set(looks) == set(roles)
    assert len(set(looks.values())) == len(roles)
    assert looks["lead"][0] > looks["body"][0] > looks["note"][0] > looks["legend"][0]
    assert "Italic" in looks["note"][1] and "Bold" in looks["caption"][1]
    fills = {tuple(round(c, 2) for c in d["fill"]) for d in doc[0].get_drawings() if d["fill"]}
    assert (1.0, 0.96, 0.9) in fills or (1.0, 0.97, 0.9) in fills  # the conflict box


def test_arabic_italic_and_upright_in_one_brief():
    brief = sample_brief("ar")
    brief.sections[2].blocks.append(Paragraph(role="note", inlines=[Run(text="ملاحظة مائلة.", lang="ar")]))
    brief.sections[2].blocks.append(Paragraph(inlines=[Run(text="نص مائل", lang="ar", italic=True)]))
    assert "ملاحظة مائلة." in normalize(body_text(open_pdf(render_pdf(brief))))


def test_a_word_from_the_fallback_font_is_scaled_to_the_text_around_it():
    brief = sample_brief("en")
    brief.sections[2].blocks = [Paragraph(inlines=[Run(text="The word عربي in English.", lang="en")])]
    line = next(line for _, line in text_lines(open_pdf(render_pdf(brief))) if "The word" in line_text(line))
    sizes = {span["font"].split("+")[-1].split("-")[0]: span["size"] for span in line["spans"]}
    assert sizes["Amiri"] / sizes["NotoSans"] == pytest.approx(0.536 / 0.42, rel=0.02)  # matching x-heights


def test_markup_characters_are_printed_literally():
    brief = sample_brief("en")
    brief.sections[2].blocks.append(Paragraph(inlines=[Run(text="A <b>bold</b> & <i>claim</i> &amp; more", lang="en")]))
    assert "A <b>bold</b> & <i>claim</i> &amp; more" in normalize(body_text(open_pdf(render_pdf(brief))))


def test_metadata_and_language(rendered):
    brief, doc = rendered
    assert doc.metadata["title"] == brief.meta.title
    assert doc.metadata["creator"] == brief.meta.creator
    assert brief.meta.subject_name in doc.metadata["subject"]
    assert doc.metadata["creationDate"].startswith("D:20251220")
    assert doc.xref_get_key(doc.pdf_catalog(), "Lang") == ("string", brief.meta.lang)
    assert (doc[0].rect.width, doc[0].rect.height) == pytest.approx((595.28, 841.89), abs=0.01)  # A4
    fonts = {font for page in doc for font in page.get_fonts()}
    assert fonts and all(ext == "ttf" and "+" in basefont for _, ext, _, basefont, *_ in fonts)  # embedded subsets


def test_same_brief_gives_same_bytes_in_any_process(tmp_path):
    brief = sample_brief("ar")
    write_pdf(brief, tmp_path / "a.pdf")
    write_pdf(brief, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    script = ("import sys; from pathlib import Path; from make_sample_briefs import sample_brief; "
              "from briefgen.render.pdf import write_pdf; write_pdf(sample_brief('ar'), Path(sys.argv[1]))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests" / "fixtures")])}
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "c.pdf")], check=True, env=env)
    assert (tmp_path / "c.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def _with_text(text: str, facts: list[str]):
    brief = sample_brief("ar")
    brief.sections.append(Section(id="extra", blocks=[Paragraph(inlines=[
        Run(text=text, lang="ar", facts=facts), Cite(label="[1]", numbers=[1])])]))
    return brief


@pytest.mark.parametrize("char, name", [("\U00013000", "EGYPTIAN HIEROGLYPH A001"),
                                        ("\U0001F600", "GRINNING FACE")])
def test_character_without_a_font_fails_with_its_name_fact_and_brief(tmp_path, char, name):
    brief = _with_text(f"نص فيه {char} رمز", ["f-glyph", "f-other"])
    target = tmp_path / "out" / "brief.pdf"
    with pytest.raises(MissingGlyphError) as error:
        write_pdf(brief, target)
    message = str(error.value)
    assert f"U+{ord(char):04X}" in message and name in message
    assert "f-glyph" in message and brief.meta.id in message
    assert "\n" not in message
    assert list(tmp_path.rglob("*")) == []


def test_failure_while_rendering_leaves_no_file(tmp_path, monkeypatch):
    from briefgen.render.pdf import writer

    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous version")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "paint_page", broken)
    with pytest.raises(RuntimeError):
        write_pdf(sample_brief("en"), target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_registered_as_the_pdf_writer():
    assert writer("pdf").load() is render_pdf and writer("pdf").suffix == ".pdf"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_outline_lists_every_heading_and_opens_at_its_page(lang):
    from briefgen.brief import Heading

    brief = sample_brief(lang)
    doc = open_pdf(render_pdf(brief))
    headings = [block for block in brief.blocks() if isinstance(block, Heading)]
    toc = doc.get_toc(simple=False)
    assert [(level, title) for level, title, *_ in toc] == [(h.level, h.text) for h in headings]
    for _, title, page_number, target in toc:
        page = doc[page_number - 1]
        found = page.search_for(title.split()[0])
        assert found, title
        assert any(abs(rect.y0 - target["to"].y) < 30 for rect in found), (title, target["to"])
    assert doc.xref_get_key(doc.pdf_catalog(), "PageMode") == ("name", "/UseOutlines")


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_each_citation_links_to_its_first_source_entry(lang):
    from briefgen.brief import SourceList, iter_paragraphs

    brief = sample_brief(lang)
    doc = open_pdf(render_pdf(brief))
    entries = {entry.number: entry for block in brief.blocks() if isinstance(block, SourceList) for entry in block.entries}
    cites = [inline for paragraph in iter_paragraphs(brief) for inline in paragraph.inlines if isinstance(inline, Cite)]
    listed = [cite for cite in cites if cite.numbers[0] in entries]  # the sample also cites unlisted sources
    links = [(page, link) for page in doc for link in page.get_links()]
    assert len(links) >= len(listed) > 0
    assert len(listed) < len(cites)
    for page, link in links:
        label = normalize(page.get_textbox(link["from"]))
        cite = next(c for c in cites if c.label in label)
        target_lines = [line for block in doc[link["page"]].get_text("rawdict")["blocks"] for line in block.get("lines", [])]
        entry_line = min(target_lines, key=lambda line: abs(line["bbox"][1] - link["to"].y))
        assert line_text(entry_line).strip().startswith(entries[cite.numbers[0]].label), line_text(entry_line)


@pytest.mark.parametrize("word, point", [
    ("توكاييف", 6),      # before the final feh, which the yeh before it joins
    ("الاجتماع", 6),     # the final ain follows an alef, which joins nothing after it: before that alef
    ("ورد", None),       # waw and reh join nothing after them
    ("الا", None),       # lam-alef stays a ligature
    ("كُتب", 3),         # a vowel mark between the letters does not stop the join
])
def test_kashida_goes_before_the_last_joined_letter(word, point):
    from briefgen.render.pdf.lines import kashida_point

    assert kashida_point(word) == point


def test_justified_arabic_uses_kashidas_that_never_reach_the_text():
    """Some of the justification is taken by kashidas; they are drawn but are not text, so the
    paragraph extracts exactly as written and its lines still run margin to margin."""
    from briefgen.render.pdf.flow import BlockFlow
    from briefgen.render.pdf.pageflow import PageFlow
    from briefgen.render.pdf.styles import typography
    from briefgen.render.pdf.typeset import Typesetter

    brief = sample_brief("ar")
    typo = typography(True)
    pages = PageFlow(typo, Typesetter("ar", True))
    BlockFlow(brief, typo, pages).flow(brief.blocks())
    stretched = [placed for page in pages.pages for placed in page.lines
                 if any(glyph.filler for piece in placed.line.pieces for glyph in piece.glyphs)]
    assert stretched
    doc = open_pdf(render_pdf(brief))
    assert "\u0640" not in "".join(page.get_text() for page in doc)
    assert_lines_in_order(body_text(doc), reading_lines(brief))
