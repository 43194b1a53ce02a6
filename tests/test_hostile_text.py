"""Text a curator can type: bidi controls honoured and never drawn, separators become spaces,
other controls refused with the code point (at load: with file:line), characters no font has
refused, never a crash, never a box, never a lost visible character."""

from __future__ import annotations

import io
import shutil
import unicodedata
import zipfile

import pytest

from briefgen.errors import BriefgenError, MissingGlyphError, UnsupportedTextError
from briefgen.facts import load_corpus
from briefgen.facts.loader import CorpusError
from briefgen.render.docx import docx_bytes
from briefgen.render.fonts import faces_for_text
from briefgen.render.pdf import render_pdf
from conftest import ROOT
from make_sample_briefs import tiny_brief
from readback import open_pdf

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
SEPARATORS = "\u2029\u2028\u0085\u000b\u001c\u001d\u001e\u001f\t\n\r"


def pdf_text(data: bytes) -> str:
    return "".join(page.get_text() for page in open_pdf(data))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        from lxml import etree
        root = etree.fromstring(package.read("word/document.xml"))
    return "".join(root.itertext())


def visible_chars(text: str) -> list[str]:
    return [char for char in text if not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")]


def glyph_ids(data: bytes) -> list[int]:
    return [char[1] for page in open_pdf(data) for span in page.get_texttrace() for char in span["chars"]]


@pytest.mark.parametrize("control", list(BIDI))
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_unpaired_bidi_controls_neither_crash_nor_draw(control: str, lang: str) -> None:
    """Regression: KeyError/AssertionError in the per-line reordering on LRE, RLE, LRO, RLO, LRI,
    RLI, FSI without their closing character."""
    text = f"مرحبا {control}abc (2002-2005) نص"
    brief = tiny_brief([(text, lang)], lang=lang, cell=control + "x")
    pdf, docx = render_pdf(brief), docx_bytes(brief)
    assert control not in pdf_text(pdf)
    for char in visible_chars(text):
        assert char in pdf_text(pdf) and char in docx_text(docx)
    assert 0 not in glyph_ids(pdf)


@pytest.mark.parametrize("separator", list(SEPARATORS))
def test_separators_become_spaces_in_both_writers(separator: str) -> None:
    """Regression: U+2029, U+0085, U+000B, U+001C-1F crashed the PDF (bidi) and the DOCX (lxml)."""
    brief = tiny_brief([(f"قبل{separator}بعد", "ar"), (f" before{separator}after", "en")], cell=f"a{separator}b")
    pdf, docx = pdf_text(render_pdf(brief)), docx_text(docx_bytes(brief))
    for text in (pdf, docx):
        assert "قبل" in text and "بعد" in text
        assert "before after" in " ".join(text.split())
        if separator not in "\n\t":
            assert separator not in text


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x80", "\x9f"])
def test_other_controls_are_refused_by_both_writers_with_their_code_point(control: str) -> None:
    """Regression: lxml ValueError in DOCX, glyph 0 (a box) in the PDF."""
    brief = tiny_brief([(f"abc{control}def", "en")], lang="en")
    for write in (render_pdf, docx_bytes):
        with pytest.raises(UnsupportedTextError, match=f"U\\+{ord(control):04X}"):
            write(brief)


def test_controls_in_fact_yaml_are_refused_at_load_with_file_and_line(tmp_path) -> None:
    data = tmp_path / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    facts = data / "facts" / "astana_2024.yaml"
    lines = facts.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("text: The 6th"))
    lines[number] = lines[number].replace("text: The 6th", 'text: "The \\x1b6th') + '"'
    facts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        load_corpus(data)
    message = str(error.value)
    assert f"astana_2024.yaml:{number + 1}:" in message and "U+001B" in message and "\n" not in message


@pytest.mark.parametrize("char", ["₸", "№"])
def test_docx_names_the_font_the_pdf_draws_with(char: str) -> None:
    """Issue 11: "₸" and "№" in Arabic text reached DOCX runs named after Amiri, which lacks them."""
    text = f"بلغت القيمة 500 {char} في العام"
    faces = faces_for_text(text, "ar")
    family = faces[text.index(char)].family
    assert family != "Amiri"
    brief = tiny_brief([(text, "ar")])
    render_pdf(brief)  # draws it
    with zipfile.ZipFile(io.BytesIO(docx_bytes(brief))) as package:
        from lxml import etree
        root = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    runs = [run for run in root.iter(f"{w}r") if char in "".join(t.text or "" for t in run.iter(f"{w}t"))]
    assert runs
    for run in runs:
        fonts = run.find(f"{w}rPr/{w}rFonts")
        assert fonts is not None and {fonts.get(f"{w}ascii"), fonts.get(f"{w}hAnsi"), fonts.get(f"{w}cs")} == {family}


@pytest.mark.parametrize("text", ["😀", "中文", "שלום"])
def test_characters_no_font_has_are_refused_by_both_writers(text: str) -> None:
    brief = tiny_brief([(text, "en")], lang="en")
    for write in (render_pdf, docx_bytes):
        with pytest.raises(MissingGlyphError, match=f"U\\+{ord(text[0]):04X}"):
            write(brief)


def test_variation_selectors_and_zero_width_characters_are_text_not_boxes() -> None:
    text = "a\ufe0fb \u200dc\u200cd \u00ade \u2060f"
    brief = tiny_brief([(text, "en")], lang="en")
    pdf = render_pdf(brief)
    assert 0 not in glyph_ids(pdf)
    for char in "abcdef":
        assert char in pdf_text(pdf)
    docx_bytes(brief)


def test_no_briefgen_error_is_a_crash() -> None:
    assert issubclass(UnsupportedTextError, BriefgenError) and issubclass(MissingGlyphError, BriefgenError)
