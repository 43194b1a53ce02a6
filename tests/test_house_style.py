"""Both writers read one style sheet: a brief's PDF and DOCX agree on every style value, and branding shows."""

from __future__ import annotations

import io
import zipfile

import docx
import pymupdf
import pytest
from docx.shared import Length

from briefgen.assemble import BriefSpec
from briefgen.pipeline import make_brief
from briefgen.render.docx.writer import docx_bytes
from briefgen.render.pdf import render_pdf
from briefgen.style import house_style, load_style, rgb

MM = 72 / 25.4


@pytest.fixture(scope="module")
def logo(tmp_path_factory):
    from PIL import Image

    folder = tmp_path_factory.mktemp("brand")
    Image.new("RGB", (200, 100), (139, 26, 26)).save(folder / "logo.png")
    (folder / "brand.yaml").write_text(
        'organisation:\n  name: Policy Planning Unit\n  logo: logo.png\nmarking: FOR OFFICIAL USE ONLY\n'
        'colors:\n  accent: "#8B1A1A"\npage:\n  size: Letter\n  margins_mm: {side: 25}\n', encoding="utf-8")
    return folder / "brand.yaml"


def _outputs(corpus, lang: str, style):
    brief = make_brief(corpus, BriefSpec(kind="country", subject="KZ", lang=lang))
    return brief, pymupdf.open(stream=render_pdf(brief, style), filetype="pdf"), \
        docx.Document(io.BytesIO(docx_bytes(brief, style=style)))


def _pdf_spans(pdf):
    for page in pdf:
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                yield from line["spans"]


def _span_with(pdf, text: str) -> dict:
    return next(span for span in _pdf_spans(pdf) if text in span["text"])


def _hex(color: int) -> str:
    return f"#{color:06X}"


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("branded", [False, True])
def test_pdf_and_docx_share_page_sizes_and_colours(corpus, logo, lang, branded):
    style = load_style(logo) if branded else house_style()
    brief, pdf, document = _outputs(corpus, lang, style)
    section = document.sections[0]
    width_mm, height_mm = style.page.size_mm
    # Page size and margins
    assert _close(pdf[0].rect.width, width_mm * MM, 0.5) and _close(pdf[0].rect.height, height_mm * MM, 0.5)
    assert _close(Length(section.page_width).mm, width_mm, 0.2)
    assert _close(Length(section.page_height).mm, height_mm, 0.2)
    side = style.page.margins_mm.side
    assert _close(Length(section.left_margin).mm, side, 0.1) and _close(Length(section.right_margin).mm, side, 0.1)
    assert _close(Length(section.top_margin).mm, style.page.margins_mm.top, 0.1)
    body_x = [span["bbox"] for span in _pdf_spans(pdf) if span["size"] > 8]
    assert min(b[0] for b in body_x) >= side * MM - 1
    assert max(b[2] for b in body_x) <= pdf[0].rect.width - side * MM + 1
    # Sizes and colours, role by role: the PDF's span and the DOCX style say the same
    body = style.body_for(brief.meta.direction == "rtl")
    headings = [block for block in brief.blocks() if type(block).__name__ == "Heading"]
    checks = [("Title", "title", brief.meta.title), ("Heading 1", "h1", headings[0].text)]
    checks += [("Heading 2", "h2", next(h.text for h in headings if h.level == 2))]
    for docx_name, role_name, text in checks:
        role = style.role(role_name)
        span = _span_with(pdf, text.split()[-1])
        word_style = document.styles[docx_name]
        assert _close(span["size"], body.size_pt * role.size, 0.01), docx_name
        assert _close(word_style.font.size.pt, body.size_pt * role.size, 0.25), docx_name
        expected = style.color(role.color)
        assert _hex(span["color"]) == expected
        assert "#" + str(word_style.font.color.rgb) == expected
    # Spacing of the body: PDF leading is size × ratio; DOCX declares the same line height
    normal = document.styles["Normal"].paragraph_format
    assert _close(normal.line_spacing.pt, body.size_pt * body.leading, 0.05)
    assert _close(normal.space_after.pt, body.size_pt * style.role("body").after, 0.05)
    # Table header fill: the PDF paints it, the DOCX table style declares it
    fills = {tuple(round(c, 2) for c in drawing["fill"]) for page in pdf for drawing in page.get_drawings()
             if drawing.get("fill")}
    assert tuple(round(c, 2) for c in rgb(style.table.header_fill)) in fills
    styles_xml = zipfile.ZipFile(io.BytesIO(docx_bytes(brief, style=style))).read("word/styles.xml").decode()
    assert f'w:fill="{style.table.header_fill[1:]}"' in styles_xml


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_branding_shows_in_both_formats(corpus, logo, lang):
    style = load_style(logo)
    brief, pdf, document = _outputs(corpus, lang, style)
    first = pdf[0].get_text()
    assert "Policy Planning Unit" in first
    assert pdf[0].get_images(), "the logo is drawn on page 1"
    assert all("FOR OFFICIAL USE ONLY" in page.get_text() for page in pdf)
    assert pdf.metadata["author"] == "Policy Planning Unit"
    # DOCX: the masthead opens the body with the picture and the name; the marking is in the header
    masthead = document.paragraphs[0]
    assert masthead.style.name == "Masthead" and "Policy Planning Unit" in masthead.text
    assert masthead._p.xpath(".//pic:pic")
    assert "FOR OFFICIAL USE ONLY" in "".join(p.text for p in document.sections[0].header.paragraphs)
    assert document.core_properties.author == "Policy Planning Unit"
    # The logo sits on the reading-start side: the right in Arabic, the left in English
    image = pdf[0].get_image_info()[0]["bbox"]
    middle = pdf[0].rect.width / 2
    assert (image[0] > middle) if lang == "ar" else (image[2] < middle)


def test_house_style_brief_has_no_masthead(corpus):
    _, pdf, document = _outputs(corpus, "en", house_style())
    assert not pdf[0].get_images()
    assert document.paragraphs[0].style.name == "Title"


def test_batch_rebuilds_when_the_style_changes_and_reads_style_from_briefs_yaml(tmp_path, logo):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "briefs"
    shutil.copytree(root / "briefs", data)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefgen", "batch", "--data", str(data), "--country", "TM", "--lang", "en",
               "-f", "pdf", "--out", str(out), "--jobs", "1"]
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    pdf = next(out.rglob("*.pdf"))
    house = pdf.read_bytes()
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    assert pdf.read_bytes() == house
    shutil.copy(logo, data / "brand.yaml")
    shutil.copy(logo.with_name("logo.png"), data / "logo.png")
    with open(data / "briefs.yaml", "a", encoding="utf-8") as handle:
        handle.write("style: brand.yaml\n")
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    listed = subprocess.run([sys.executable, "-m", "briefgen", "list", "--data", str(data), "--country", "TM", "--lang",
                             "en", "-f", "pdf", "--out", str(out), "--json"], check=True, capture_output=True,
                            text=True, stdin=subprocess.DEVNULL).stdout
    assert '"fresh"' in listed and '"stale"' not in listed  # list reads the style as batch does
    branded = pymupdf.open(pdf)
    assert "Policy Planning Unit" in branded[0].get_text() and branded[0].rect.width == pytest.approx(612, abs=1)
    (data / "brand.yaml").write_text((data / "brand.yaml").read_text().replace("#8B1A1A", "#1A8B1A"))
    before = pdf.read_bytes()
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    assert pdf.read_bytes() != before  # a style edit alone rebuilds
