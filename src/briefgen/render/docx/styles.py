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

from dataclasses import dataclass, replace

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

# Word style → the style sheet's role it takes its look from.
STYLE_ROLES = {
    "Normal": "body", "Title": "title", "Subtitle": "subtitle", "Dateline": "dateline", "Lead": "lead",
    "Heading 1": "h1", "Heading 2": "h2", "Heading 3": "h3", BULLET_STYLE: "list", "Caption": "caption",
    "Legend": "legend", "Note": "note", "Quote": "conflict", SOURCE_STYLE: "source", "Header": "chrome",
    "Footer": "chrome", "Masthead": "subtitle", "Marking": "chrome",
}


@dataclass(frozen=True)
class ParagraphStyleSpec:
    name: str
    base: str | None = "Normal"
    size: float = 1.0
    bold: bool = False
    italic: bool = False
    color: str | None = None
    before: float = 0
    after: float = 6
    leading: float | None = None  # points, at least (the PDF's leading for the role)
    keep_next: bool = False
    center: bool = False
    align: str = "start"
    outline: int | None = None
    style_id: str | None = None


def paragraph_styles(typo: Typography) -> tuple[ParagraphStyleSpec, ...]:
    """Every paragraph style, its size, weight, colour and spacing taken from the house style."""
    sheet = typo.style
    body_align = sheet.body_for(typo.rtl).align

    def spec(name: str, **extra) -> ParagraphStyleSpec:
        role = sheet.role(STYLE_ROLES[name])
        return replace(ParagraphStyleSpec(
            name, size=role.size, bold=role.bold, italic=role.italic, color=sheet.color(role.color)[1:],
            before=typo.points(role.before), after=typo.points(role.after),
            leading=typo.body_pt * role.size * typo.leading, align=role.align or body_align), **extra)

    return (
        spec("Title", keep_next=True),
        spec("Subtitle", keep_next=True),
        spec("Dateline"),
        spec("Lead"),
        spec("Heading 1", keep_next=True, outline=0),
        spec("Heading 2", keep_next=True, outline=1),
        spec("Heading 3", keep_next=True, outline=2),
        spec(BULLET_STYLE),
        spec("Caption", keep_next=True),
        spec("Legend", base="Caption"),
        spec("Note"),
        spec("Quote"),
        spec(SOURCE_STYLE),
        spec("Header"),
        spec("Footer", center=True),
        spec("Masthead", keep_next=True, bold=True, color=sheet.color("accent")[1:], after=typo.points(1.0)),
        spec("Marking", center=True),
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
    body = typo.style.role("body")
    normal.paragraph_format.space_after = Pt(typo.points(body.after))
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    normal.paragraph_format.line_spacing = Pt(typo.body_pt * typo.leading)
    normal.paragraph_format.widow_control = True  # no single line alone at a page foot or head, as in the PDF
    for spec in paragraph_styles(typo):
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
    oxml.set_lang(rPr, val=typo.lang_tag, bidi=typo.bidi_lang_tag, east_asia=typo.lang_tag)
    oxml.set_color(rPr, typo.style.color("ink")[1:])
    pPr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    oxml.child(pPr, "spacing", oxml.PPR_ORDER, after=str(round(typo.points(typo.style.role("body").after) * 20)),
               line=str(round(typo.body_pt * typo.leading * 20)), lineRule="atLeast")
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
    if spec.leading is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(spec.leading)
    if spec.center or spec.align == "center":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif spec.align == "justify":
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif spec.align == "end":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # logical under w:bidi: the end edge
    if typo.rtl:
        oxml.set_paragraph_bidi(style.element.get_or_add_pPr())
    if spec.outline is not None:
        oxml.child(style.element.get_or_add_pPr(), "outlineLvl", oxml.PPR_ORDER, val=str(spec.outline))
    font = style.font
    font.bold = font.cs_bold = spec.bold or None
    font.italic = font.cs_italic = spec.italic or None
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

    for name, callout in (("Quote", typo.style.callouts.conflict), ("Note", typo.style.callouts.note)):
        _callout(styles[name], callout)
        styles[name].paragraph_format.keep_together = True  # a box is not split across pages, as in the PDF
    rule = OxmlElement("w:bottom", attrs={qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "4",
                                          qn("w:color"): typo.style.color("accent")[1:]})
    oxml.child(styles["Masthead"].element.get_or_add_pPr(), "pBdr", oxml.PPR_ORDER).append(rule)

    for name in ("Header", "Footer"):
        fmt = styles[name].paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        # Tab stops are logical like everything else under w:bidi: RIGHT means the end edge.
        fmt.tab_stops.add_tab_stop(Twips(text_width // 2), WD_TAB_ALIGNMENT.CENTER)
        fmt.tab_stops.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT)

    for name in ("Caption", "Header", "Footer"):
        styles[name].next_paragraph_style = styles["Normal"]


def _callout(style, callout) -> None:
    """A bar on the reading-start side (w:left is the start edge under w:bidi) and the box's fill, as in the PDF."""
    pPr = style.element.get_or_add_pPr()
    borders = oxml.child(pPr, "pBdr", oxml.PPR_ORDER)
    borders.append(OxmlElement("w:left", attrs={
        qn("w:val"): "single", qn("w:sz"): "18", qn("w:space"): "6", qn("w:color"): callout.bar[1:]}))
    if callout.fill:
        oxml.set_shading(pPr, callout.fill[1:], oxml.PPR_ORDER)
    style.paragraph_format.left_indent = Twips(170)


def _define_character_styles(document: Document, typo: Typography) -> None:
    styles = document.styles
    sheet = typo.style
    for name, fill, bold, color in (
        (CITATION_STYLE, None, False, sheet.color(sheet.role("citation").color)[1:]),
        (MACHINE_STYLE, MACHINE_FILL, False, None),
        (MISSING_STYLE, MISSING_FILL, False, None),
        (DRAFT_STYLE, None, True, sheet.color("flag")[1:]),
    ):
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.hidden = False
        style.quick_style = True
        style.font.bold = style.font.cs_bold = bold or None
        if name == CITATION_STYLE:
            style.font.superscript = True  # raised and smaller, as the PDF prints them
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
    table = typo.style.table
    rule, header_fill = table.rule[1:], table.header_fill[1:]
    pad_x = round(table.cell_pad_pt.x * 20)
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{rule}"'
    for xml in (
        f'<w:tblPr {nsdecls("w")}><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>'
        f'<w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>'
        f'<w:tblCellMar><w:left w:w="{pad_x}" w:type="dxa"/><w:right w:w="{pad_x}" w:type="dxa"/></w:tblCellMar>'
        '</w:tblPr>',
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
        f'<w:color w:val="{typo.style.color("accent")[1:]}"/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/></w:tcPr></w:tblStylePr>',
    ) + ((f'<w:tblStylePr {nsdecls("w")} w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" '
          f'w:fill="{table.zebra_fill[1:]}"/></w:tcPr></w:tblStylePr>',) if table.zebra_fill else ()):
        style.element.append(parse_xml(xml))
