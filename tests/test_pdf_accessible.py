"""Tagged PDF/UA-1 and PDF/A-2u: what a screen reader and an archive get from every default brief.

The PDFs are the ones test_default_briefs renders (default_outputs caches them
for the session). `pdfua` checks the machine-checkable subset of PDF/UA-1;
pikepdf checks the rest: identification, output intent, fonts, languages, and
that the text gathered walking the structure tree is the brief's text, in its
logical order, with nothing painted outside the tree but artifacts.
"""

from __future__ import annotations

import io
import re
import struct

import pikepdf
import pymupdf
import pytest
import uharfbuzz as hb
from pdfua import Severity, validate

from briefgen.brief import Cell, Cite, Paragraph, Run, Section, Table, iter_paragraphs, reading_lines
from briefgen.render.pdf import render_pdf

from default_outputs import default_brief, default_pdf, default_spec_list
from make_sample_briefs import sample_brief
from pdfstruct import marked_text, structure
from readback import visible

IDS = [spec.id for spec in default_spec_list()]
_BLOCKS = {"H1", "H2", "H3", "P", "TH", "TD", "Caption"}


def block_texts(root, pages) -> list[str]:
    """The text of each block-level element, in tree order: what reading_lines lists for the brief."""
    texts = []

    def walk(node) -> None:
        if node.role in _BLOCKS or node.role == "LBody" or (node.role == "LI" and any(k.role == "Lbl" for k in node.kids)):
            texts.append(node.text(pages))
            return
        for kid in node.kids:
            walk(kid)

    walk(root)
    return texts


@pytest.mark.parametrize("brief_id", IDS)
def test_pdfua_finds_no_error_or_warning(brief_id, tmp_path) -> None:
    path = tmp_path / f"{brief_id}.pdf"
    path.write_bytes(default_pdf(brief_id))
    report = validate(str(path))
    serious = [(f.rule_id, f.message) for f in report.findings if f.severity >= Severity.WARNING]
    assert not serious, serious
    # The rules the untagged PDF broke ran (pdfua 0.1.3 skips UA-14-001, empty headings, on any
    # /K array under pikepdf 10; test_structure_tree_reads_as_the_brief checks every heading's text).
    ran = {outcome.rule_id for outcome in report.outcomes if outcome.skipped_reason is None}
    assert {"UA-01-002", "UA-01-005", "UA-07-002", "UA-18-005", "UA-28-004"} <= ran, ran


@pytest.mark.parametrize("brief_id", IDS)
def test_structure_tree_reads_as_the_brief(brief_id) -> None:
    brief = default_brief(brief_id)
    with pikepdf.open(io.BytesIO(default_pdf(brief_id))) as pdf:
        pages = marked_text(pdf)
        root = structure(pdf)
        assert [page.untagged for page in pages] == [[] for _ in pages]  # nothing painted outside tags/artifacts
        assert [page.nested for page in pages] == [0 for _ in pages]  # /ActualText spans carry their own MCID
        assert [visible(text) for text in block_texts(root, pages)] == [visible(line) for line in reading_lines(brief)]
        (document,) = root.kids
        assert document.role == "Document"
        # Every marked-content sequence belongs to exactly one element, and the parent tree agrees.
        parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))
        for index, page in enumerate(pages):
            referenced = [node for node in root.walk() for p, _ in node.marked if p == index]
            assert len(referenced) == len(page.texts) == len(parents[pdf.pages[index].obj.StructParents])
        # Page chrome is there, as an artifact (the footer's page number, the header's title from page 2).
        assert all(page.artifact_text for page in pages)


@pytest.mark.parametrize("brief_id", IDS)
def test_archival_identification_fonts_and_links(brief_id) -> None:
    brief = default_brief(brief_id)
    data = default_pdf(brief_id)
    assert data.startswith(b"%PDF-1.7")
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    for page in pymupdf.open(stream=data, filetype="pdf"):
        page.get_text()
    assert "error" not in pymupdf.TOOLS.mupdf_warnings()  # content streams MuPDF reads without complaint
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not pdf.is_encrypted
        root = pdf.Root
        assert str(root.Lang) == brief.meta.lang
        assert bool(root.MarkInfo.Marked) and bool(root.ViewerPreferences.DisplayDocTitle)
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)
        with pdf.open_metadata() as xmp:
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("2", "U", "1")
            assert xmp["dc:title"] == str(pdf.docinfo.Title) == brief.meta.title
            assert brief.meta.lang in xmp["dc:language"]
            assert xmp["xmp:CreateDate"].startswith(brief.meta.date.isoformat())
        (intent,) = root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
        fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            assert "/FontFile2" in font.FontDescriptor and "/ToUnicode" in font, font.get("/BaseFont")
        links = [annot for page in pdf.pages for annot in page.get("/Annots", [])]
        cites = sum(isinstance(inline, Cite) for paragraph in iter_paragraphs(brief) for inline in paragraph.inlines)
        assert len(links) >= cites > 0
        tree = structure(pdf)
        tagged = {annot.objgen for node in tree.walk() if node.role == "Link" for annot in node.annotations}
        for annot in links:
            assert annot.Subtype == "/Link" and str(annot.Contents) and "/StructParent" in annot
            assert int(annot.F) & 4  # printable, as PDF/A requires
            assert annot.objgen in tagged


def _embedded_advances(font: pikepdf.Dictionary) -> list[float]:
    """Each code's glyph advance in the font's embedded TrueType program, in thousandths of an em:
    code to glyph by the program's (1, 0) cmap, as for a symbolic TrueType font, then its hmtx."""
    face = hb.Face(hb.Blob(font.FontDescriptor.FontFile2.read_bytes()))
    program = hb.Font(face)
    cmap = face.reference_table("cmap").data
    subtables = {struct.unpack_from(">HH", cmap, 4 + 8 * i): struct.unpack_from(">I", cmap, 8 + 8 * i)[0]
                 for i in range(struct.unpack_from(">H", cmap, 2)[0])}
    offset = subtables[(1, 0)]
    assert struct.unpack_from(">H", cmap, offset)[0] == 6  # trimmed table, as ReportLab writes it
    first, count = struct.unpack_from(">HH", cmap, offset + 6)
    glyphs = [0] * first + list(struct.unpack_from(f">{count}H", cmap, offset + 10))
    return [program.get_glyph_h_advance(glyph) * 1000 / face.upem for glyph in glyphs]


@pytest.mark.parametrize("brief_id", IDS)
def test_font_widths_are_the_embedded_glyph_advances(brief_id) -> None:
    """PDF/A-2 6.2.11.5: the /Widths of every code shown agree with the embedded font program
    (veraPDF allows 1/1000 em), including the codes whose width is a cluster's whole advance."""
    checked = 0
    with pikepdf.open(io.BytesIO(default_pdf(brief_id))) as pdf:
        advances: dict[tuple[int, int], list[float]] = {}
        for page in pdf.pages:
            fonts = page.Resources.Font
            font = None
            for operands, operator in pikepdf.parse_content_stream(page):
                if operator == pikepdf.Operator("Tf"):
                    font = fonts[operands[0]]
                    continue
                if operator == pikepdf.Operator("Tj"):
                    strings = operands
                elif operator == pikepdf.Operator("TJ"):
                    strings = [item for item in operands[0] if isinstance(item, pikepdf.String)]
                else:
                    continue
                program = advances.get(font.objgen)
                if program is None:
                    program = advances[font.objgen] = _embedded_advances(font)
                for string in strings:
                    for code in bytes(string):
                        width = float(font.Widths[code - int(font.FirstChar)])
                        assert abs(width - program[code]) <= 0.5, (str(font.BaseFont), code, width, program[code])
                        checked += 1
    assert checked > 1000


def test_runs_in_another_language_are_spans_with_their_lang() -> None:
    """An English run left untranslated in a Russian brief, an Arabic quotation in an English one."""
    russian = sample_brief("ru")
    english = sample_brief("en")
    quote = "التعاون الإقليمي"
    english.sections[1].blocks.insert(0, Paragraph(inlines=[
        Run(text="The communiqué speaks of ", lang="en"), Run(text=quote, lang="ar"),
        Run(text=" (regional cooperation).", lang="en")]))
    for brief in (russian, english):
        foreign = [run for run in brief.runs() if run.lang != brief.meta.lang]
        assert foreign
        with pikepdf.open(io.BytesIO(render_pdf(brief))) as pdf:
            pages = marked_text(pdf)
            spans = [(str(node.obj.Lang), visible(node.text(pages))) for node in structure(pdf).walk()
                     if node.role == "Span"]
        for run in foreign:
            assert any(lang == run.lang and _squash(visible(run.text)) in _squash(text) for lang, text in spans), \
                (run.lang, run.text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_repeated_table_header_is_an_artifact_and_headers_have_scope() -> None:
    brief = sample_brief("en")
    header = [Cell(content=Paragraph(inlines=[Run(text=name, lang="en")])) for name in ("Indicator", "Value")]
    rows = [[Cell(content=Paragraph(inlines=[Run(text=f"Row {i} indicator", lang="en")])),
             Cell(content=Paragraph(inlines=[Run(text=f"{i} %", lang="en")]), numeric=True)] for i in range(90)]
    brief = brief.model_copy(update={"sections": [Section(id="t", blocks=[Table(header=header, rows=rows)])]})
    with pikepdf.open(io.BytesIO(render_pdf(brief))) as pdf:
        assert len(pdf.pages) >= 2
        pages = marked_text(pdf)
        tree = structure(pdf)
        headers = [node for node in tree.walk() if node.role == "TH"]
        assert [node.text(pages) for node in headers] == ["Indicator", "Value"]
        assert all(node.obj.A.Scope == "/Column" for node in headers)
        assert "Indicator" in pages[1].artifact_text  # drawn again on page 2, as pagination
        assert len([node for node in tree.walk() if node.role == "TR"]) == 91


def test_tagged_output_is_deterministic() -> None:
    brief = sample_brief("ar")
    assert render_pdf(brief) == render_pdf(brief)
