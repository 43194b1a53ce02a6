"""Round trip through LibreOffice: DOCX → PDF, then read the pages back with PyMuPDF.

The PDF holds glyphs in visual order, so each printed line is compared with
the Unicode bidi display order (paragraph-level UAX #9, by FriBidi) of the
logical text it must come from; consuming the lines paragraph by paragraph then proves that every line
of the brief is on the page, in reading order, laid out as the bidi algorithm
demands. Geometry checks cover what text cannot: which edge paragraphs,
bullets and the first table column sit on, the shading of machine text, and
the live page numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path
import subprocess
from dataclasses import dataclass

import docx
import pymupdf
import pytest
from bidi import get_display
from docx.oxml.ns import qn

from briefgen.brief import Brief, reading_lines
from briefgen.render.docx import write_docx
from briefgen.render.docx.styles import MACHINE_FILL
from conftest import ROOT
from fribidi import Paragraph as FriBidi
from make_sample_briefs import sample_brief
from readback import BIDI_CONTROLS, body_paragraphs, visible, writer_paragraphs
from test_docx_writer import LANGS, with_missing_run

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("BRIEFGEN_REQUIRE_LIBREOFFICE"):  # set by scripts/test.sh where it could install it
    pytest.fail("LibreOffice is required here but not installed (scripts/system-deps.sh)", pytrace=False)
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")

BUNDLED_FONTS = sorted((ROOT / "fonts").glob("*.ttf"))
WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Drop what PDF text extraction cannot be trusted with: spaces (they are gaps), invisible
    marks, and the order of Arabic vowel marks against their letters (a mark and its letter
    share one place on the line)."""
    return "".join(ch for ch in WHITESPACE.sub("", BIDI_CONTROLS.sub("", text)) if not unicodedata.combining(ch))


@dataclass
class Converted:
    brief: Brief
    document: object
    pdf: pymupdf.Document


def to_pdf(paths, outdir, home) -> None:
    """Convert with LibreOffice in a home of its own: the fonts it sees are the system's and home's."""
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
                   env=env, check=True, capture_output=True, timeout=300)


def soffice_home(work: Path) -> Path:
    """A home for LibreOffice whose only added fonts are the bundled ones."""
    home = work / "home"
    fonts = home / ".local" / "share" / "fonts"
    fonts.mkdir(parents=True)
    for font in BUNDLED_FONTS:
        shutil.copy(font, fonts)
    return home


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Converted]:
    """The sample briefs as DOCX, converted by LibreOffice with only the bundled fonts added."""
    assert BUNDLED_FONTS, "fonts/ has no bundled fonts"
    work = tmp_path_factory.mktemp("soffice")
    home = soffice_home(work)
    briefs = {lang: with_missing_run(sample_brief(lang)) for lang in LANGS}
    paths = []
    for lang, brief in briefs.items():
        paths.append(work / f"{brief.meta.id}.docx")
        write_docx(brief, paths[-1])
    to_pdf(paths, work, home)
    return {lang: Converted(brief, docx.Document(str(path)), pymupdf.open(path.with_suffix(".pdf")))
            for (lang, brief), path in zip(briefs.items(), paths)}


def test_exported_pdf_declares_the_brief_language(converted) -> None:
    """LibreOffice's PDF export takes the document language from the DOCX defaults: an Arabic
    brief exports as /Lang ar-SA, not as an English document."""
    for lang, item in converted.items():
        kind, value = item.pdf.xref_get_key(item.pdf.pdf_catalog(), "Lang")
        assert kind == "string" and value.split("-")[0] == lang, (lang, value)


# -- reading the pages ---------------------------------------------------------------------------


@dataclass
class Glyph:
    char: str
    x0: float
    x1: float
    y: float
    size: float


def _body_glyphs(page: pymupdf.Page, document) -> list[Glyph]:
    """Glyphs between the top and bottom margins: the body, without header and footer."""
    section = document.sections[0]
    top, bottom = section.top_margin.pt, page.rect.height - section.bottom_margin.pt
    return [g for g in _glyphs(page) if top < g.y < bottom]


def _glyphs(page: pymupdf.Page) -> list[Glyph]:
    """Every glyph with its box; the characters of a ligature (all but the first come out zero-width)
    are placed just after the first one, in the span's direction, so sorting by x keeps them in order.
    A zero-width character opening a span stands where it is."""
    glyphs = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            for span in line["spans"]:
                chars = span["chars"]
                step = 0.001 if len(chars) < 2 or chars[-1]["bbox"][0] >= chars[0]["bbox"][0] else -0.001
                for index, c in enumerate(chars):
                    x0, x1 = c["bbox"][0], c["bbox"][2]
                    if x1 - x0 < 0.01 and index:
                        x0 = x1 = glyphs[-1].x0 + step
                    glyphs.append(Glyph(c["c"], x0, x1, c["origin"][1], span["size"]))
    return glyphs


def _visual_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (vowel marks may sit a little off it), top to bottom, each line
    left to right."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.y):
        if lines and abs(lines[-1][0].y - glyph.y) < 0.5 * glyph.size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def printed_lines(pdf: pymupdf.Document, document, rtl: bool) -> list[str]:
    """Every printed line of the body in reading order, as squashed visual strings.

    Table cells are read separately (rows top to bottom, cells from the start
    edge), since a table row shares its baselines across cells. A header row
    repeated at the top of a page (w:tblHeader) is read only once.
    """
    out: list[str] = []
    header: list[str] = []
    for page in pdf:
        glyphs = _body_glyphs(page, document)
        items: list[tuple[float, list[str]]] = []
        tables = page.find_tables(use_layout=False).tables if page.get_cdrawings() else []  # no lines, no table
        for table in tables:
            cell_lines: list[str] = []
            for index, row in enumerate(table.rows):
                for cell in sorted((c for c in row.cells if c), key=lambda c: -c[0] if rtl else c[0]):
                    box = pymupdf.Rect(cell)
                    inside, outside = [], []
                    for g in glyphs:
                        (inside if box.contains(pymupdf.Point((g.x0 + g.x1) / 2, g.y - 2)) else outside).append(g)
                    glyphs = outside
                    cell_lines += ["".join(g.char for g in line) for line in _visual_lines(inside)]
                if index == 0:
                    if cell_lines == header and not items and not any(g.y < row.bbox[1] for g in glyphs):
                        cell_lines = []
                    header = list(cell_lines)
            items.append((table.bbox[1], cell_lines))
        items += [(line[0].y, ["".join(g.char for g in line)]) for line in _visual_lines(glyphs)]
        out += [squash(text) for _, texts in sorted(items, key=lambda item: item[0]) for text in texts]
    return [line for line in out if line]


def resolved_levels(text: str, rtl: bool) -> list[int]:
    """Embedding level of every character, resolved over the whole paragraph (UAX #9 up to I2) by
    FriBidi: neither the ICU the writers use nor LibreOffice's own code."""
    return FriBidi(text, rtl).levels()


def paragraph_rtl(paragraph, default: bool) -> bool:
    """The paragraph's own direction: its w:bidi, else the document's."""
    pPr = paragraph._p.pPr
    bidi = pPr.find(qn("w:bidi")) if pPr is not None else None
    if bidi is None:
        return default
    return bidi.get(qn("w:val")) not in ("0", "false", "off")


def display_line(text: str, levels: list[int], start: int, end: int) -> str:
    """The line text[start:end] in display order (UAX #9 L2: reverse every run at or above each
    level, highest first), squashed; levels come from the whole paragraph, as a line's neighbours
    decide how its numbers and punctuation go."""
    chars, line_levels = list(text[start:end]), levels[start:end]
    odd = [level for level in line_levels if level % 2]
    for level in range(max(line_levels, default=0), min(odd, default=1) - 1, -1):
        i = 0
        while i < len(chars):
            if line_levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(chars) and line_levels[j] >= level:
                j += 1
            chars[i:j], line_levels[i:j] = chars[i:j][::-1], line_levels[i:j][::-1]
            i = j
    return squash("".join(chars))


def _logical_chunk(text: str, start: int, visible_count: int) -> int:
    """End of the shortest stretch from `start` holding `visible_count` characters that get printed."""
    end, seen = start, 0
    while end < len(text) and seen < visible_count:
        seen += bool(squash(text[end]))
        end += 1
    while end < len(text) and not squash(text[end]):
        end += 1
    return end


# -- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_shows_every_line_in_bidi_display_order(converted, lang: str) -> None:
    result = converted[lang]
    rtl = result.brief.meta.direction == "rtl"
    paragraphs = [p for p in body_paragraphs(result.document) if p.text]
    assert [visible(p.text) for p in paragraphs] == [visible(line) for line in reading_lines(result.brief)]

    lines = iter(printed_lines(result.pdf, result.document, rtl))
    for paragraph in paragraphs:
        logical = ("• " if paragraph.style.name == "List Bullet" else "") + paragraph.text
        levels = resolved_levels(logical, paragraph_rtl(paragraph, rtl))
        start = 0
        while squash(logical[start:]):
            line = next(lines, None)
            assert line is not None, f"not printed: {logical[start:]!r}"
            end = _logical_chunk(logical, start, len(line))
            assert line == display_line(logical, levels, start, end), f"line of {visible(paragraph.text)!r}"
            start = end
    assert next(lines, None) is None, "the PDF prints text the brief does not have"


LTR_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+\-]*")


@pytest.mark.parametrize("lang", LANGS)
def test_latin_words_and_numbers_read_left_to_right_whole(converted, lang: str) -> None:
    """What a reader checks first in an Arabic draft: "CA+JAD", "17.9", "000_2d1b….txt" not torn apart."""
    result = converted[lang]
    printed = "\n".join(printed_lines(result.pdf, result.document, result.brief.meta.direction == "rtl"))
    tokens = {t.strip(".") for line in reading_lines(result.brief) for t in LTR_TOKEN.findall(line)}
    assert len(tokens) > 10
    for token in tokens:
        assert token in printed, token


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_uses_only_the_bundled_fonts(converted, lang: str) -> None:
    names = {font[3].split("+")[-1] for page in converted[lang].pdf for font in page.get_fonts()}
    bundled = {path.stem for path in BUNDLED_FONTS}
    assert names <= bundled, f"LibreOffice substituted {names - bundled}"
    assert any(name.startswith("Amiri" if lang == "ar" else "NotoSans") for name in names)


@pytest.mark.parametrize("lang", LANGS)
def test_footer_counts_pages_live(converted, lang: str) -> None:
    result = converted[lang]
    pattern = result.brief.meta.labels["page"]
    rtl = result.brief.meta.direction == "rtl"
    count = len(result.pdf)
    for number, page in enumerate(result.pdf, start=1):
        footer = [g for g in _glyphs(page) if g.y > page.rect.height - result.document.sections[0].bottom_margin.pt]
        printed = squash("".join(g.char for g in sorted(footer, key=lambda g: g.x0)))
        label = pattern.format(page=number, pages=count)
        assert printed == squash(get_display(label, base_dir="R" if rtl else "L"))


# -- layout ---------------------------------------------------------------------------------------


def _margins(result: Converted, page: pymupdf.Page) -> tuple[float, float]:
    section = result.document.sections[0]
    return section.left_margin.pt, page.rect.width - section.right_margin.pt


@pytest.mark.parametrize("lang", LANGS)
def test_text_starts_at_the_start_edge_and_bullets_sit_there(converted, lang: str) -> None:
    result = converted[lang]
    rtl = result.brief.meta.direction == "rtl"
    page = result.pdf[0]
    left, right = _margins(result, page)
    lines = _visual_lines(_body_glyphs(page, result.document))
    title = lines[0]
    if rtl:
        assert abs(title[-1].x1 - right) < 2 and title[0].x0 > left + 100
    else:
        assert abs(title[0].x0 - left) < 2 and title[-1].x1 < right - 100
    bullet_lines = [line for line in lines if any(g.char == "•" for g in line)]
    assert len(bullet_lines) == 3
    for line in bullet_lines:
        words = [g for g in line if g.char not in "• "]
        bullet = next(g for g in line if g.char == "•")
        if rtl:
            assert bullet.x0 > max(g.x1 for g in words) and right - 25 < bullet.x1 <= right + 1
        else:
            assert bullet.x1 < min(g.x0 for g in words) and left - 1 <= bullet.x0 < left + 25


@pytest.mark.parametrize("lang", LANGS)
def test_first_table_column_is_on_the_start_side(converted, lang: str) -> None:
    result = converted[lang]
    rtl = result.brief.meta.direction == "rtl"
    first_header = result.brief.sections[3].blocks[0].header[0].content.text
    page = next(page for page in result.pdf if page.find_tables().tables)
    cells = sorted((c for c in page.find_tables().tables[0].rows[0].cells if c), key=lambda c: c[0])
    start_cell = pymupdf.Rect(cells[-1] if rtl else cells[0])
    inside = [g for g in _glyphs(page) if start_cell.contains(pymupdf.Point((g.x0 + g.x1) / 2, g.y - 2))]
    printed = "".join(g.char for g in sorted(inside, key=lambda g: g.x0))
    assert squash(printed) == squash(get_display(first_header, base_dir="R" if rtl else "L"))


@pytest.mark.parametrize("lang", LANGS)
def test_machine_translated_text_is_shaded_on_the_page(converted, lang: str) -> None:
    result = converted[lang]
    machine = next(r for r in result.brief.runs() if r.provenance == "machine")
    fill = tuple(int(MACHINE_FILL[i:i + 2], 16) / 255 for i in (0, 2, 4))
    for page in result.pdf:
        shaded = [d["rect"] for d in page.get_drawings()
                  if d.get("fill") and all(abs(a - b) < 0.02 for a, b in zip(d["fill"], fill))]
        if not shaded:
            continue
        inside = "".join(g.char for g in _glyphs(page)
                         if any(r.contains(pymupdf.Point((g.x0 + g.x1) / 2, g.y - 2)) for r in shaded))
        assert sorted(squash(inside)) == sorted(squash(machine.text))
        return
    pytest.fail("no shading in the machine-translation colour")


def _system_has(family: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout
    return any(family in line for line in listed.splitlines())


def test_embedded_fonts_draw_the_brief_where_they_are_not_installed(tmp_path) -> None:
    """With --embed-fonts, LibreOffice on a machine without Amiri or Noto Sans still uses them."""
    if _system_has("Amiri") or _system_has("Noto Sans"):
        pytest.skip("the bundled families are installed system-wide here, so embedding cannot be told apart")
    home = tmp_path / "home"
    home.mkdir()
    brief = sample_brief("ar")
    plain, embedded = tmp_path / "plain.docx", tmp_path / "embedded.docx"
    write_docx(brief, plain)
    write_docx(brief, embedded, embed_fonts=True)
    to_pdf([plain, embedded], tmp_path, home)

    def fonts(pdf) -> set[str]:
        return {font[3].split("+")[-1].split("-")[0] for page in pymupdf.open(pdf) for font in page.get_fonts()}

    assert "Amiri" not in fonts(tmp_path / "plain.pdf")
    assert fonts(tmp_path / "embedded.pdf") == {"Amiri"}


# -- every default brief --------------------------------------------------------------------------


def order_bearing(text: str) -> str:
    """What decides a line's order for a reader, without the right-to-left letters: LibreOffice's PDF
    misreports letters inside Amiri ligatures (lam-kaf comes out with two lams, an alef goes missing),
    so Arabic and Hebrew letters are dropped from both sides; digits, Latin and Cyrillic words,
    brackets, punctuation, percent signs and citation labels stay, and so does their order."""
    return "".join(ch for ch in squash(text)
                   if not (unicodedata.category(ch).startswith("L") and unicodedata.bidirectional(ch) in ("R", "AL")))


def _line_end(logical: str, start: int, printed: str) -> int:
    """End of the stretch from `start` that the printed line shows: the printed character count
    (which ligatures may put a letter or two off) moved so the stretch holds exactly as many
    order-bearing characters as the printed line; the line never ends inside them."""
    wanted = len(order_bearing(printed))
    end = _logical_chunk(logical, start, len(printed))
    while len(order_bearing(logical[start:end])) < wanted and end < len(logical):
        end += 1
    while len(order_bearing(logical[start:end])) > wanted:
        end -= 1
    if not order_bearing(logical[end:]) and len(squash(logical[end:])) <= 3:
        end = len(logical)  # a letter or two the misreported ligatures left over
    return end


@pytest.fixture(scope="module")
def default_converted(tmp_path_factory) -> list[Converted]:
    """Every default brief (all countries and themes, in every language) as DOCX from the writer
    registry, converted by one LibreOffice run."""
    from briefgen.render import render
    from default_outputs import default_brief, default_spec_list

    work = tmp_path_factory.mktemp("soffice-defaults")
    home = soffice_home(work)
    briefs = [default_brief(spec.id) for spec in default_spec_list()]
    paths = [work / f"{brief.meta.id}.docx" for brief in briefs]
    for brief, path in zip(briefs, paths):
        path.write_bytes(render(brief, "docx"))
    to_pdf(paths, work, home)
    return [Converted(brief, docx.Document(str(path)), pymupdf.open(path.with_suffix(".pdf")))
            for brief, path in zip(briefs, paths)]


def test_every_default_brief_docx_shows_each_line_in_bidi_display_order(default_converted) -> None:
    """LibreOffice lays out the DOCX of every default brief in the order of its PDF: as
    paragraph-level UAX #9 (FriBidi) orders the PDF writer's text, line by line: numbers, ranges, brackets, citations, Latin words and full stops
    on the side an Arabic, English or Russian reader expects them."""
    assert {item.brief.meta.lang for item in default_converted} == {"ar", "en", "ru"}
    checked = 0
    for result in default_converted:
        rtl = result.brief.meta.direction == "rtl"
        name = result.brief.meta.id
        paragraphs = [p for p in body_paragraphs(result.document) if p.text]
        assert [visible(p.text) for p in paragraphs] == [visible(line) for line in reading_lines(result.brief)]
        pdf_paragraphs = writer_paragraphs(result.brief)
        assert len(pdf_paragraphs) == len(paragraphs), name
        lines = iter(printed_lines(result.pdf, result.document, rtl))
        for paragraph, (text, text_rtl) in zip(paragraphs, pdf_paragraphs):
            # The order is the PDF's: its writer's text with isolates and its paragraph direction
            # (a source entry's label, which the PDF draws apart, put back in front), not the DOCX's
            # own marks and w:bidi, which are what is under test.
            lead, tab, _ = paragraph.text.partition("\t")
            text = lead + tab + text if tab and not text.startswith(lead) else text
            assert squash(visible(text)) == squash(visible(paragraph.text)), name
            logical = ("• " if paragraph.style.name == "List Bullet" else "") + text
            levels = resolved_levels(logical, text_rtl)
            start = 0
            while squash(logical[start:]):
                line = next(lines, None)
                assert line is not None, f"{name}: not printed: {logical[start:]!r}"
                end = _line_end(logical, start, line)
                assert order_bearing(line) == order_bearing(display_line(logical, levels, start, end)), \
                    f"{name}: a line of {visible(paragraph.text)!r}"
                start, checked = end, checked + 1
        assert next(lines, None) is None, f"{name}: the PDF prints text the brief does not have"
    assert checked > 5000
