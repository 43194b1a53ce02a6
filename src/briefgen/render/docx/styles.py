"""Styles defined for the brief's language and direction, so edits keep the layout.

A reviewer who types a new paragraph gets Normal: in an Arabic brief that is
already right-to-left, in Amiri, with Arabic proofing. Every paragraph role of
the Brief maps to a named style (Title, Heading 1, List Bullet, Caption, Quote,
...), never to direct formatting, so restyling the brief is a style change.

python-docx's default template is the starting point; its theme-font references
(Calibri/Cambria via asciiTheme/cstheme) are removed everywhere so that every
style, including ones the reviewer picks later, inherits the brief's fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

from . import oxml
from .typography import Typography

ROLE_STYLES = {
    "body": "Normal", "title": "Title", "subtitle": "Subtitle", "dateline": "Dateline", "lead": "Lead",
    "note": "Note", "conflict": "Quote", "caption": "Caption", "legend": "Legend",
}
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
BULLET_STYLE = "List Bullet"
SOURCE_STYLE = "Source"
TABLE_STYLE = "Brief Table"
CITATION_STYLE = "Citation"
MACHINE_STYLE = "Machine Translation"
MISSING_STYLE = "Missing Translation"
DRAFT_STYLE = "Draft Mark"

MACHINE_FILL = "FFF2CC"
MISSING_FILL = "F4CCCC"
SOURCE_HANG = Twips(567)
_ACCENT = "1F3864"
_GREY = "595959"


@dataclass(frozen=True)
class ParagraphStyleSpec:
    name: str
    base: str | None = "Normal"
    size: float = 1.0
    bold: bool = False
    color: str | None = None
    before: float = 0
    after: float = 6
    keep_next: bool = False
    center: bool = False
    outline: int | None = None
    style_id: str | None = None


PARAGRAPH_STYLES = (
    ParagraphStyleSpec("Title", size=2.0, bold=True, color=_ACCENT, after=4, keep_next=True),
    ParagraphStyleSpec("Subtitle", size=1.3, color=_GREY, after=4, keep_next=True),
    ParagraphStyleSpec("Dateline", size=1.0, color=_GREY, after=14),
    ParagraphStyleSpec("Lead", size=1.15, after=9),
    ParagraphStyleSpec("Heading 1", size=1.45, bold=True, color=_ACCENT, before=14, after=4, keep_next=True, outline=0),
    ParagraphStyleSpec("Heading 2", size=1.2, bold=True, color="2E5496", before=10, after=3, keep_next=True,
                       outline=1),
    ParagraphStyleSpec("Heading 3", size=1.05, bold=True, color="2E5496", before=8, after=2, keep_next=True,
                       outline=2),
    ParagraphStyleSpec(BULLET_STYLE, after=3),
    ParagraphStyleSpec("Caption", size=0.9, bold=True, color="44546A", before=6, after=3, keep_next=True),
    ParagraphStyleSpec("Legend", base="Caption", size=0.85, bold=False, color=_GREY, before=2, after=8),
    ParagraphStyleSpec("Note", size=0.9, color=_GREY),
    ParagraphStyleSpec("Quote", before=4, after=8),
    ParagraphStyleSpec(SOURCE_STYLE, size=0.9, after=3),
    ParagraphStyleSpec("Header", size=0.85, color=_GREY, after=0),
    ParagraphStyleSpec("Footer", size=0.85, color=_GREY, after=0, center=True),
    ParagraphStyleSpec("annotation text", size=0.85, after=0, style_id="CommentText"),
)


def define_styles(document: Document, typo: Typography, text_width: int, bullet_num_id: int) -> None:
    """Make docDefaults, Normal and every style the writer uses speak the brief's language."""
    styles = document.styles
    _drop_template_table_styles(styles.element)
    _strip_theme_fonts(styles.element)
    _define_defaults(styles.element, typo)
    normal = styles["Normal"]
    _reset(normal.element)
    if typo.rtl:
        oxml.set_paragraph_bidi(normal.element.get_or_add_pPr())
    for spec in PARAGRAPH_STYLES:
        _define_paragraph_style(document, spec, typo)
    _finish_specials(document, typo, text_width, bullet_num_id)
    _define_character_styles(document, typo)
    _define_table_style(document, typo)


def _drop_template_table_styles(styles_element) -> None:
    """The template's ~140 coloured table styles: nine tenths of styles.xml, and of the time spent
    writing it. Word still offers them (it knows its built-in styles); LibreOffice never imports them."""
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in ("TableNormal", "TableGrid"):
            styles_element.remove(style)


def _strip_theme_fonts(styles_element) -> None:
    for fonts in styles_element.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def _define_defaults(styles_element, typo: Typography) -> None:
    defaults = styles_element.find(qn("w:docDefaults"))
    rPr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    oxml.set_run_fonts(rPr, latin=typo.latin_font, cs=typo.cs_font)
    oxml.set_sizes(rPr, typo.body_pt, typo.cs_body_pt)
    oxml.set_lang(rPr, val=typo.lang_tag, bidi=typo.bidi_lang_tag)
    pPr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    oxml.child(pPr, "spacing", oxml.PPR_ORDER, after="120", line="264", lineRule="auto")
    if typo.rtl:
        oxml.set_paragraph_bidi(pPr)


def _reset(style_element) -> None:
    """Forget the template's formatting of a style (theme colours, borders, stray numbering)."""
    for tag in ("pPr", "rPr", "tblPr", "tblStylePr"):
        oxml.remove(style_element, tag)


def _define_paragraph_style(document: Document, spec: ParagraphStyleSpec, typo: Typography) -> None:
    styles = document.styles
    style = styles[spec.name] if spec.name in styles else styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if spec.style_id:
        style.style_id = spec.style_id
    _reset(style.element)
    if spec.base:
        style.base_style = styles[spec.base]
    style.hidden = False
    style.unhide_when_used = False
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.keep_with_next = spec.keep_next or None
    if spec.center:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if typo.rtl:
        oxml.set_paragraph_bidi(style.element.get_or_add_pPr())
    if spec.outline is not None:
        oxml.child(style.element.get_or_add_pPr(), "outlineLvl", oxml.PPR_ORDER, val=str(spec.outline))
    font = style.font
    font.bold = font.cs_bold = spec.bold or None
    if spec.color:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.size != 1.0:
        oxml.set_sizes(style.element.get_or_add_rPr(), *typo.scaled(spec.size))


def _finish_specials(document: Document, typo: Typography, text_width: int, bullet_num_id: int) -> None:
    """The parts of styles a plain spec does not cover: list numbering, indents, borders, tab stops."""
    styles = document.styles
    bullet = styles[BULLET_STYLE]
    numPr = oxml.child(bullet.element.get_or_add_pPr(), "numPr", oxml.PPR_ORDER)
    numPr.append(parse_xml(f'<w:numId {nsdecls("w")} w:val="{bullet_num_id}"/>'))
    oxml.child(bullet.element.pPr, "contextualSpacing", oxml.PPR_ORDER)

    source = styles[SOURCE_STYLE].paragraph_format
    source.left_indent = SOURCE_HANG
    source.first_line_indent = -SOURCE_HANG

    quote = styles["Quote"]
    quote.paragraph_format.left_indent = quote.paragraph_format.right_indent = Twips(340)
    borders = oxml.child(quote.element.get_or_add_pPr(), "pBdr", oxml.PPR_ORDER)
    for side in ("top", "left", "bottom", "right"):
        borders.append(OxmlElement(f"w:{side}", attrs={
            qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "4", qn("w:color"): "BF8F00"}))

    for name in ("Header", "Footer"):
        fmt = styles[name].paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # Tab stops are logical like everything else under w:bidi: RIGHT means the end edge.
        fmt.tab_stops.add_tab_stop(Twips(text_width // 2), WD_TAB_ALIGNMENT.CENTER)
        fmt.tab_stops.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)

    for name in ("Caption", "Header", "Footer"):
        styles[name].next_paragraph_style = styles["Normal"]


def _define_character_styles(document: Document, typo: Typography) -> None:
    styles = document.styles
    for name, fill, bold, color in (
        (CITATION_STYLE, None, False, "2E5496"),
        (MACHINE_STYLE, MACHINE_FILL, False, None),
        (MISSING_STYLE, MISSING_FILL, False, None),
        (DRAFT_STYLE, None, True, "C00000"),
    ):
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.hidden = False
        style.quick_style = True
        style.font.bold = style.font.cs_bold = bold or None
        if color:
            style.font.color.rgb = RGBColor.from_string(color)
        if fill:
            oxml.set_shading(style.element.get_or_add_rPr(), fill)
    reference = styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    reference.style_id = "CommentReference"
    oxml.set_sizes(reference.element.get_or_add_rPr(), *typo.scaled(0.8))


def _define_table_style(document: Document, typo: Typography) -> None:
    """Light grid, header row bold on a tint; cell paragraphs without the body's space after."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.quick_style = True
    pPr = style.element.get_or_add_pPr()
    if typo.rtl:
        oxml.set_paragraph_bidi(pPr)
    oxml.child(pPr, "spacing", oxml.PPR_ORDER, before="40", after="40", line="240", lineRule="auto")
    border = 'w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"'
    for xml in (
        f'<w:tblPr {nsdecls("w")}><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>'
        f'<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>',
    ):
        style.element.append(parse_xml(xml))
