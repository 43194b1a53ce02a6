"""DOCX writer: read the file back with python-docx and check text, direction, styles and review marks."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
import pytest
from docx.text.paragraph import Paragraph as DocxParagraph

from briefgen.brief import Brief, Cite, Paragraph, Run, iter_paragraphs, reading_lines
from briefgen.errors import MissingGlyphError
from briefgen.render import writer
from briefgen.render.docx import docx_bytes, write_docx
from make_sample_briefs import sample_brief
from readback import body_paragraphs, visible

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
PRESENTATION_FORMS = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")
LANGS = ("ar", "en", "ru")


def with_missing_run(brief: Brief) -> Brief:
    """The sample plus a paragraph still in English, as assembly leaves an untranslated fact."""
    brief = brief.model_copy(deep=True)
    brief.sections[2].blocks.append(Paragraph(inlines=[
        Run(text="Turkmenistan signed the memorandum in 2025.", lang="en", provenance="missing",
            wanted_lang=brief.meta.lang, facts=["f7"]),
    ]))
    return brief


def open_docx(brief: Brief):
    return docx.Document(io.BytesIO(docx_bytes(brief)))


@pytest.fixture(scope="module", params=LANGS)
def written(request, tmp_path_factory) -> tuple[Brief, object, Path]:
    brief = with_missing_run(sample_brief(request.param))
    path = tmp_path_factory.mktemp("docx") / f"{brief.meta.id}.docx"
    write_docx(brief, path)
    return brief, docx.Document(str(path)), path


def _xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist() if name.endswith(".xml")}


# -- text fidelity -----------------------------------------------------------------------------


def test_every_line_of_the_brief_is_a_paragraph_in_reading_order(written) -> None:
    brief, document, _ = written
    texts = [visible(p.text) for p in body_paragraphs(document)]
    assert [t for t in texts if t] == [visible(line) for line in reading_lines(brief)]


def test_text_is_stored_unshaped(written) -> None:
    _, _, path = written
    for name, xml in _xml_parts(path).items():
        assert not PRESENTATION_FORMS.search(xml.decode("utf-8")), f"presentation forms in {name}"


def test_registry_finds_the_docx_writer() -> None:
    assert writer("docx").load() is docx_bytes and writer("docx").options == {"style", "embed_fonts"}


# -- direction ---------------------------------------------------------------------------------


def _all_paragraphs(document):
    section = document.sections[0]
    yield from body_paragraphs(document)
    yield from section.header.paragraphs
    yield from section.footer.paragraphs
    for comment in document.comments:
        yield from comment.paragraphs


def _runs(paragraph: DocxParagraph):
    return paragraph._p.iter(f"{W}r")


def _run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(f"{W}t"))


def test_arabic_brief_is_right_to_left_everywhere() -> None:
    document = open_docx(with_missing_run(sample_brief("ar")))
    paragraphs = list(_all_paragraphs(document))
    arabic_runs = latin_runs = 0
    for paragraph in paragraphs:
        pPr = paragraph._p.pPr
        assert pPr is not None and pPr.find(f"{W}bidi") is not None, paragraph.text
        for run in _runs(paragraph):
            text, rPr = _run_text(run), run.find(f"{W}rPr")
            if ARABIC.search(text):
                arabic_runs += 1
                assert rPr.find(f"{W}rtl") is not None, text
                assert rPr.find(f"{W}rFonts").get(f"{W}cs") == "Amiri", text
                assert rPr.find(f"{W}lang").get(f"{W}bidi") == "ar-SA", text
                assert not LATIN.search(text), f"Latin left inside an rtl run: {text!r}"
            elif LATIN.search(text):
                latin_runs += 1
                assert rPr is None or rPr.find(f"{W}rtl") is None, text
    assert arabic_runs >= sum(1 for p in paragraphs if ARABIC.search(p.text)) and latin_runs >= 5
    assert all(t._tbl.tblPr.find(f"{W}bidiVisual") is not None for t in document.tables)
    assert document.sections[0]._sectPr.find(f"{W}bidi") is not None


def test_arabic_paragraphs_align_to_the_right_edge() -> None:
    """Under w:bidi, jc is logical: no jc (or 'left', the start) puts text on the right; only
    end-aligned numbers ('right') and centred footers may differ."""
    document = open_docx(sample_brief("ar"))
    for paragraph in _all_paragraphs(document):
        jc = paragraph._p.pPr.find(f"{W}jc")
        effective = jc.get(f"{W}val") if jc is not None else None
        if effective is None:
            style = paragraph.style
            while style is not None and effective is None:
                style_jc = style.element.find(f"{W}pPr/{W}jc")
                effective = style_jc.get(f"{W}val") if style_jc is not None else None
                style = style.base_style
        assert effective in (None, "left", "both", "center", "right"), effective
        if effective == "right":
            assert paragraph._parent.__class__.__name__ == "_Cell", paragraph.text
        if effective == "center":
            assert paragraph.style.name == "Footer"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_left_to_right_briefs_carry_no_rtl_markup(lang: str) -> None:
    document = open_docx(sample_brief(lang))
    for paragraph in _all_paragraphs(document):
        assert paragraph._p.pPr is None or paragraph._p.pPr.find(f"{W}bidi") is None
        for run in _runs(paragraph):
            rPr = run.find(f"{W}rPr")
            assert rPr is None or rPr.find(f"{W}rtl") is None, _run_text(run)
    assert all(t._tbl.tblPr.find(f"{W}bidiVisual") is None for t in document.tables)
    assert document.sections[0]._sectPr.find(f"{W}bidi") is None
    assert document.styles.element.find(f"{W}docDefaults//{W}bidi") is None


def test_arabic_text_in_an_english_brief_gets_rtl_runs() -> None:
    brief = sample_brief("en")
    brief.sections[2].blocks.append(Paragraph(inlines=[
        Run(text="In the source: ", lang="en"),
        Run(text="تم إنشاء الحوار في عام 2004.", lang="ar", provenance="missing", wanted_lang="en"),
    ]))
    document = open_docx(brief)
    paragraph = next(p for p in body_paragraphs(document) if ARABIC.search(p.text))
    # Its final full stop belongs to the Arabic sentence: the run is a right-to-left isolate, no marks.
    assert "".join(_run_text(r) for r in _runs(paragraph)) == "In the source: \u2067تم إنشاء الحوار في عام 2004.\u2069"
    arabic = [r for r in _runs(paragraph) if ARABIC.search(_run_text(r))]
    rPr = arabic[0].find(f"{W}rPr")
    assert rPr.find(f"{W}rtl") is not None and rPr.find(f"{W}lang").get(f"{W}bidi") == "ar-SA"
    assert paragraph._p.pPr is None or paragraph._p.pPr.find(f"{W}bidi") is None  # an English paragraph


def test_runs_carry_no_direction_marks_and_follow_paragraph_levels() -> None:
    """Regression: LRM/RLM pairs around "(JETRO)" put ".[4]" before it in LibreOffice. Runs are now
    cut where paragraph-level UAX #9 changes direction, w:rtl exactly on the odd levels."""
    from briefgen.render.bidi import ParagraphBidi

    brief = sample_brief("ar")
    text = "وافتتحت منظمة التجارة الخارجية اليابانية (JETRO)."
    brief.sections[2].blocks = [Paragraph(inlines=[Run(text=text, lang="ar"), Cite(label="[4]", numbers=[4])])]
    data = docx_bytes(brief)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert "\u200e" not in body and "\u200f" not in body
    paragraph = next(p for p in body_paragraphs(docx.Document(io.BytesIO(data))) if "JETRO" in p.text)
    runs = _runs(paragraph)
    full = "".join(_run_text(r) for r in runs)
    assert visible(full) == text + "[4]"
    levels = ParagraphBidi(full, True).levels()
    at = 0
    for run in runs:
        rPr = run.find(f"{W}rPr")
        rtl = rPr is not None and rPr.find(f"{W}rtl") is not None
        assert {level % 2 == 1 for level in levels[at:at + len(_run_text(run))]} == {rtl}, _run_text(run)
        at += len(_run_text(run))


def test_an_untranslated_english_paragraph_in_an_arabic_brief_is_left_to_right() -> None:
    document = open_docx(with_missing_run(sample_brief("ar")))
    paragraph = next(p for p in body_paragraphs(document) if "Turkmenistan" in p.text)
    assert paragraph._p.pPr.find(f"{W}bidi").get(f"{W}val") == "0"
    arabic = next(p for p in body_paragraphs(document) if ARABIC.search(p.text))
    assert arabic._p.pPr.find(f"{W}bidi").get(f"{W}val") in (None, "1", "true", "on")


# -- styles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, rtl, latin, cs, val, bidi", [
    ("ar", True, "Amiri", "Amiri", "ar-SA", "ar-SA"),  # an Arabic brief is Arabic, not English with Arabic in it
    ("en", False, "Noto Sans", "Amiri", "en-US", "ar-SA"),
    ("ru", False, "Noto Sans", "Amiri", "ru-RU", "ar-SA"),
])
def test_defaults_speak_the_brief_language(lang, rtl, latin, cs, val, bidi) -> None:
    """A paragraph a reviewer adds gets the brief's direction, fonts and proofing language."""
    styles = open_docx(sample_brief(lang)).styles.element
    rPr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    fonts = rPr.find(f"{W}rFonts")
    assert (fonts.get(f"{W}ascii"), fonts.get(f"{W}hAnsi"), fonts.get(f"{W}cs")) == (latin, latin, cs)
    lang_element = rPr.find(f"{W}lang")
    assert (lang_element.get(f"{W}val"), lang_element.get(f"{W}bidi"), lang_element.get(f"{W}eastAsia")) == (val, bidi, val)
    assert rPr.find(f"{W}szCs") is not None
    normal = styles.find(f"{W}style[@{W}styleId='Normal']")
    assert (normal.find(f"{W}pPr/{W}bidi") is not None) is rtl
    assert not styles.xpath(".//w:rFonts[@w:asciiTheme or @w:hAnsiTheme or @w:cstheme]"), "theme fonts would win"


def test_paragraph_roles_map_to_named_styles() -> None:
    document = open_docx(sample_brief("en"))
    styles = {visible(p.text): p.style.name for p in body_paragraphs(document)}
    assert styles["Country brief: Kazakhstan"] == "Title"
    assert styles["20 December 2025"] == "Dateline"
    assert styles["Summary of key points"] == "Heading 1"
    assert styles["Sources differ: €17.9 bn in one source, $19 bn in another."] == "Quote"
    assert styles["Table 1: key figures"] == "Caption"
    assert styles["[2] Nayrouz News, 20 December 2025"] == "Source"
    bullets = [p for p in body_paragraphs(document) if p.style.name == "List Bullet"]
    assert len(bullets) == 3
    assert document.tables[0].style.name == "Brief Table"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_list_bullet_style_is_a_bullet_list_indented_from_the_start_edge(lang: str) -> None:
    document = open_docx(sample_brief(lang))
    numId = document.styles["List Bullet"].element.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val")
    numbering = document.part.numbering_part.element
    abstract_id = numbering.find(f"{W}num[@{W}numId='{numId}']/{W}abstractNumId").get(f"{W}val")
    level = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']/{W}lvl")
    assert level.find(f"{W}numFmt").get(f"{W}val") == "bullet"
    assert int(level.find(f"{W}pPr/{W}ind").get(f"{W}left")) > 0
    assert (level.find(f"{W}pPr/{W}bidi") is not None) is (lang == "ar")


# -- review marks ------------------------------------------------------------------------------


def _marked_runs(document, style_id: str) -> list:
    return [r for p in body_paragraphs(document) for r in _runs(p)
            if r.find(f"{W}rPr/{W}rStyle") is not None and r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == style_id]


def _commented_text(document) -> dict[int, str]:
    """Text between each commentRangeStart and its commentRangeEnd, by comment id."""
    body = document.element.body
    open_ids: set[int] = set()
    texts: dict[int, str] = {}
    for element in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
        if element.tag == f"{W}commentRangeStart":
            open_ids.add(int(element.get(f"{W}id")))
            texts[int(element.get(f"{W}id"))] = ""
        elif element.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(element.get(f"{W}id")))
        else:
            for cid in open_ids:
                texts[cid] += element.text or ""
    return texts


def _shading(document, style_id: str) -> str | None:
    shd = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr/{W}shd")
    return shd.get(f"{W}fill") if shd is not None else None


@pytest.mark.parametrize("lang", LANGS)
def test_machine_and_missing_text_is_shaded_and_commented_curated_is_not(lang: str) -> None:
    brief = with_missing_run(sample_brief(lang))
    document = open_docx(brief)
    machine = next(r for r in brief.runs() if r.provenance == "machine")
    missing = next(r for r in brief.runs() if r.provenance == "missing")
    assert "".join(visible(_run_text(r)) for r in _marked_runs(document, "MachineTranslation")) == machine.text
    assert "".join(visible(_run_text(r)) for r in _marked_runs(document, "MissingTranslation")) == missing.text
    machine_fill, missing_fill = _shading(document, "MachineTranslation"), _shading(document, "MissingTranslation")
    assert machine_fill and missing_fill and machine_fill != missing_fill

    comments = {c.comment_id: c.text for c in document.comments}
    ranges = _commented_text(document)
    assert sorted(visible(t) for t in ranges.values()) == sorted([machine.text, missing.text])
    by_text = {visible(text): comments[cid] for cid, text in ranges.items()}
    note = visible(by_text[machine.text])
    t = machine.translation
    assert brief.meta.labels["machine"] in note and t.engine in note and t.model in note and t.source_lang in note
    assert brief.meta.labels["missing"] in visible(by_text[missing.text])
    assert all(c.author == brief.meta.creator for c in document.comments)

    # Curated text: the marked runs above hold exactly the machine and missing text, and nothing is
    # shaded by direct formatting.
    assert not document.element.body.xpath(".//w:r/w:rPr/w:shd")


# -- citations, sources, chrome ------------------------------------------------------------------


def test_citations_are_their_labels_in_the_citation_style() -> None:
    brief = sample_brief("ar")
    document = open_docx(brief)
    cites = [visible(_run_text(r)) for r in _marked_runs(document, "Citation")]
    assert cites == [i.label for p in iter_paragraphs(brief) for i in p.inlines if isinstance(i, Cite)]
    sources = [visible(p.text) for p in body_paragraphs(document) if p.style.name == "Source"]
    entries = brief.sections[-1].blocks[0].entries
    assert sources == [visible(f"{e.label} {e.content.text}") for e in entries]


@pytest.mark.parametrize("lang", LANGS)
def test_header_has_title_draft_and_date_footer_has_page_fields(lang: str) -> None:
    brief = sample_brief(lang)
    section = open_docx(brief).sections[0]
    header = visible(section.header.paragraphs[0].text)
    meta = brief.meta
    assert header.startswith(meta.title) and meta.labels["draft"] in header and header.endswith(meta.date_text)
    footer = section.footer.paragraphs[0]._p
    fields = [f.get(f"{W}instr").split()[0] for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "".join(t.text for t in footer.iter(f"{W}t")) == meta.labels["page"].format(page=1, pages=1)


def test_arabic_digits_brief_numbers_pages_in_arabic_indic_digits() -> None:
    brief = sample_brief("ar")
    brief.meta.digits = "arab"
    section = open_docx(brief).sections[0]
    footer = section.footer.paragraphs[0]._p
    assert all("HINDIARABIC" in f.get(f"{W}instr") for f in footer.iter(f"{W}fldSimple"))
    assert "".join(t.text for t in footer.iter(f"{W}t")) == "١ / ١"
    assert section._sectPr.find(f"{W}pgNumType").get(f"{W}fmt") == "hindiNumbers"


@pytest.mark.parametrize("lang", LANGS)
def test_headings_are_outline_levels(lang: str) -> None:
    """Navigation panes, screen readers and LibreOffice's PDF bookmarks read headings from outline levels."""
    brief = sample_brief(lang)
    document = open_docx(brief)
    levels = {}
    for level in (1, 2, 3):
        style = document.styles[f"Heading {level}"]
        levels[style.name] = int(style.element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val"))
    assert levels == {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2}
    used = [paragraph.style.name for paragraph in document.paragraphs if paragraph.style.name in levels]
    assert used == [f"Heading {block.level}" for block in brief.blocks() if type(block).__name__ == "Heading"]


@pytest.mark.parametrize("lang", LANGS)
def test_citations_are_superscript(lang: str) -> None:
    """As in the PDF: raised, small markers, through the Citation character style."""
    brief = sample_brief(lang)
    document = open_docx(brief)
    labels = [inline.label for paragraph in iter_paragraphs(brief) for inline in paragraph.inlines
              if isinstance(inline, Cite)]
    assert labels
    citation = document.styles["Citation"]
    assert citation.font.superscript is True
    cited = [run for paragraph in document.paragraphs for run in paragraph.runs
             if run.style is not None and run.style.name == "Citation"]
    assert cited and all(run.font.superscript is not False for run in cited)
    assert {visible(run.text) for run in cited} <= {visible(label) for label in labels} | {"", " "}


@pytest.mark.parametrize("lang", LANGS)
def test_core_properties(lang: str) -> None:
    brief = sample_brief(lang)
    props = open_docx(brief).core_properties
    assert props.title == brief.meta.title
    assert props.language == {"ar": "ar-SA", "en": "en-US", "ru": "ru-RU"}[lang]
    assert props.author == props.last_modified_by == brief.meta.creator
    assert props.created == props.modified == dt.datetime(2025, 12, 20, tzinfo=dt.timezone.utc)


# -- reproducibility and failure ----------------------------------------------------------------


def test_same_brief_gives_the_same_bytes(tmp_path: Path) -> None:
    brief = with_missing_run(sample_brief("ar"))
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(brief, first)
    write_docx(brief, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 12, 20, 0, 0, 0)}
        comments = package.read("word/comments.xml").decode()
    assert set(re.findall(r'w:date="([^"]+)"', comments)) == {"2025-12-20T00:00:00Z"}


def test_source_date_epoch_fixes_every_timestamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    data = docx_bytes(with_missing_run(sample_brief("en")))
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.modified == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    assert data == docx_bytes(with_missing_run(sample_brief("en")))


def test_a_failing_write_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, monkeypatch) -> None:
    import briefgen.render.docx.writer as writer

    def broken_block(ctx, block):
        raise RuntimeError("boom")

    monkeypatch.setattr(writer, "add_block", broken_block)
    fresh = tmp_path / "new.docx"
    with pytest.raises(RuntimeError):
        write_docx(sample_brief("ar"), fresh)
    old = tmp_path / "old.docx"
    old.write_bytes(b"previous draft")
    with pytest.raises(RuntimeError):
        write_docx(sample_brief("ar"), old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.docx"]
    assert old.read_bytes() == b"previous draft"


def test_a_character_no_bundled_font_has_is_refused(tmp_path: Path) -> None:
    brief = sample_brief("en")
    mongolian = Run(text="Ulaanbaatar ᠮᠣᠩᠭᠣᠯ", lang="en", facts=["f42"])
    brief.sections[1].blocks.append(Paragraph(inlines=[mongolian]))
    with pytest.raises(MissingGlyphError, match="f42"):
        write_docx(brief, tmp_path / "out.docx")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("lang", LANGS)
def test_citations_link_to_bookmarks_on_their_source_entries(lang: str) -> None:
    from docx.oxml.ns import qn

    from briefgen.brief import SourceList

    brief = sample_brief(lang)
    document = open_docx(brief)
    body = document.element.body
    bookmarks = {}
    for start in body.iter(qn("w:bookmarkStart")):
        paragraph = start.getparent()
        bookmarks[start.get(qn("w:name"))] = "".join(t.text for t in paragraph.iter(qn("w:t")))
    entries = {entry.number: entry for block in brief.blocks() if isinstance(block, SourceList) for entry in block.entries}
    assert {f"source_{number}" for number in entries} == set(bookmarks)
    for number, entry in entries.items():
        assert visible(bookmarks[f"source_{number}"]).startswith(entry.label)
    cites = [inline for paragraph in iter_paragraphs(brief) for inline in paragraph.inlines if isinstance(inline, Cite)]
    links = [(link.get(qn("w:anchor")), visible("".join(t.text for t in link.iter(qn("w:t")))))
             for link in body.iter(qn("w:hyperlink"))]
    assert links == [(f"source_{c.numbers[0]}", c.label) for c in cites if c.numbers[0] in entries]


def _fonts_in_table(path: Path) -> dict[str, object]:
    from lxml import etree

    table = etree.fromstring(_xml_parts(path)["word/fontTable.xml"])
    return {font.get(qn("w:name")): font for font in table.iter(qn("w:font"))}


@pytest.mark.parametrize("lang, families", [("ar", ["Amiri"]), ("en", ["Noto Sans", "Amiri"]), ("ru", ["Noto Sans", "Amiri"])])
def test_font_table_describes_the_bundled_families_for_substitution(tmp_path: Path, lang: str, families) -> None:
    path = tmp_path / "brief.docx"
    write_docx(sample_brief(lang), path)
    table = _fonts_in_table(path)
    assert list(table) == families
    amiri = table["Amiri"]
    assert amiri.find(qn("w:family")).get(qn("w:val")) == "roman"
    assert amiri.find(qn("w:sig")).get(qn("w:usb0")) != "00000000"  # Unicode ranges from the font itself
    if "Noto Sans" in table:
        assert table["Noto Sans"].find(qn("w:family")).get(qn("w:val")) == "swiss"
    assert not any(child.tag.startswith(qn("w:embed")) for font in table.values() for child in font)


def test_latin_letters_amiri_lacks_get_a_run_in_noto_sans(tmp_path: Path) -> None:
    brief = sample_brief("ar").model_copy(deep=True)
    brief.sections[2].blocks.append(Paragraph(inlines=[Run(text="تقرير Gündəm الصادر بعد الاجتماع", lang="ar")]))
    path = tmp_path / "brief.docx"
    write_docx(brief, path)
    document = docx.Document(str(path))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs if "Gündəm" in run.text]
    assert len(runs) == 1
    assert runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Noto Sans"
    assert list(_fonts_in_table(path)) == ["Amiri", "Noto Sans"]


def test_embedded_fonts_are_the_bundled_files_obfuscated_as_word_stores_them(tmp_path: Path) -> None:
    from briefgen.render.docx.fonttable import obfuscate
    from briefgen.render.fonts import font_file_paths

    path = tmp_path / "brief.docx"
    write_docx(sample_brief("en"), path, embed_fonts=True)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/fontTable.xml.rels").decode()
        settings = package.read("word/settings.xml").decode()
        table = _fonts_in_table(path)
        expected = {**font_file_paths("Noto Sans"), **{f"amiri-{k}": v for k, v in font_file_paths("Amiri").items()}}
        embedded = []
        for font in table.values():
            for child in font:
                if child.tag.startswith(qn("w:embed")):
                    target = re.search(rf'Id="{child.get(qn("r:id"))}"[^>]*Target="([^"]+)"', rels).group(1)
                    embedded.append(obfuscate(package.read(f"word/{target}"), child.get(qn("w:fontKey"))))
    assert "application/vnd.openxmlformats-officedocument.obfuscatedFont" in types
    assert "<w:embedTrueTypeFonts/>" in settings
    assert sum(name.endswith(".odttf") for name in names) == len(expected) == len(embedded)
    assert sorted(embedded) == sorted(p.read_bytes() for p in expected.values())
    assert docx_bytes(sample_brief("en"), embed_fonts=True) == path.read_bytes()
