"""The WordprocessingML python-docx has no API for: bidi, complex-script fonts, languages, fields.

Each helper edits one property element and keeps the child order the schema
(ECMA-376 Part 1) prescribes, because Word refuses documents whose property
children are out of order while LibreOffice silently accepts them.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

# Child order of the property elements, from the schema (CT_RPr, CT_PPrBase, CT_SectPr, CT_TblPr).
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath",
)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
SECTPR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    "tblDescription",
)


def child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...], **attrs: str) -> BaseOxmlElement:
    """Return `parent`'s `w:tag` child, created in schema position if absent; set `attrs` on it."""
    element = parent.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        successors = [f"w:{name}" for name in order[order.index(tag) + 1:]]
        parent.insert_element_before(element, *successors)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def remove(parent: BaseOxmlElement, tag: str) -> None:
    for element in parent.findall(qn(f"w:{tag}")):
        parent.remove(element)


def set_paragraph_bidi(pPr: BaseOxmlElement) -> None:
    """Make the paragraph right-to-left; w:ind, w:jc and tab stops then count from the right edge."""
    child(pPr, "bidi", PPR_ORDER)


def set_run_fonts(rPr: BaseOxmlElement, latin: str | None = None, cs: str | None = None,
                  hint_cs: bool = False) -> None:
    """Name the Latin/Cyrillic (ascii, hAnsi) and complex-script (cs) fonts; drop theme fonts that would win."""
    fonts = child(rPr, "rFonts", RPR_ORDER)
    for theme_attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme_attr}"), None)
    if latin:
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
    if cs:
        fonts.set(qn("w:cs"), cs)
    if hint_cs:
        fonts.set(qn("w:hint"), "cs")


def set_sizes(rPr: BaseOxmlElement, points: float, cs_points: float) -> None:
    """Word sizes complex-script text from w:szCs only, so both sizes are always written."""
    child(rPr, "sz", RPR_ORDER, val=str(round(points * 2)))
    child(rPr, "szCs", RPR_ORDER, val=str(round(cs_points * 2)))


def set_lang(rPr: BaseOxmlElement, val: str | None = None, bidi: str | None = None,
             east_asia: str | None = None) -> None:
    """Languages for proofing and shaping: w:val for Latin/Cyrillic text, w:bidi for complex script,
    w:eastAsia for East Asian text."""
    lang = child(rPr, "lang", RPR_ORDER)
    if val:
        lang.set(qn("w:val"), val)
    if east_asia:
        lang.set(qn("w:eastAsia"), east_asia)
    if bidi:
        lang.set(qn("w:bidi"), bidi)


def set_emphasis(rPr: BaseOxmlElement, bold: bool = False, italic: bool = False) -> None:
    """Bold/italic for both Latin (b, i) and complex-script (bCs, iCs) text."""
    for tags, on in ((("b", "bCs"), bold), (("i", "iCs"), italic)):
        for tag in tags:
            if on:
                child(rPr, tag, RPR_ORDER)
            else:
                remove(rPr, tag)


def set_run_rtl(rPr: BaseOxmlElement) -> None:
    """Mark a run as right-to-left complex-script text, as Word does for Arabic it types."""
    child(rPr, "rtl", RPR_ORDER)


def set_shading(props: BaseOxmlElement, fill: str, order: tuple[str, ...] = RPR_ORDER) -> None:
    child(props, "shd", order, val="clear", color="auto", fill=fill)


def set_color(rPr: BaseOxmlElement, hex_rgb: str) -> None:
    child(rPr, "color", RPR_ORDER, val=hex_rgb)


def set_section_bidi(sectPr: BaseOxmlElement, rtl: bool) -> None:
    """A right-to-left section: page columns, and paragraphs a reviewer adds, run right to left."""
    if rtl:
        child(sectPr, "bidi", SECTPR_ORDER)
    else:
        remove(sectPr, "bidi")


def set_page_number_format(sectPr: BaseOxmlElement, number_format: str) -> None:
    """E.g. 'hindiNumbers' (Word's name for Arabic-Indic digits) for the PAGE field."""
    child(sectPr, "pgNumType", SECTPR_ORDER, fmt=number_format)


def set_table_look(tblPr: BaseOxmlElement, first_row: bool = True) -> None:
    """Which conditional parts of the table style apply: the header row and row banding (the zebra fill)."""
    child(tblPr, "tblLook", TBLPR_ORDER, val="0420" if first_row else "0400",
          firstRow="1" if first_row else "0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="0",
          noVBand="1")


def set_repeat_header(tr: BaseOxmlElement) -> None:
    """Repeat the row at the top of each page and never split a row across pages (CT_TrPr is unordered)."""
    trPr = tr.get_or_add_trPr()
    for tag in ("cantSplit", "tblHeader"):
        if trPr.find(qn(f"w:{tag}")) is None:
            trPr.append(OxmlElement(f"w:{tag}"))


def set_cant_split(tr: BaseOxmlElement) -> None:
    trPr = tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.append(OxmlElement("w:cantSplit"))


def new_run(text: str, template: BaseOxmlElement) -> BaseOxmlElement:
    """A copy of `template` (a w:r ending in an empty w:t) holding `text`.

    python-docx's Run.text setter walks the text character by character to turn
    tabs and line breaks into elements; callers pass text without those.
    """
    run = copy.deepcopy(template)
    run[-1].text = text
    if text != text.strip():
        run[-1].set(qn("xml:space"), "preserve")
    return run


# Bookmark ids share no space with comment ids in Word, but a gap keeps them apart for any reader.
_BOOKMARK_ID_BASE = 10_000


def bookmark(paragraph: BaseOxmlElement, name: str, number: int, start: int = 1) -> None:
    """Wrap the paragraph's content from child `start` on (after w:pPr) in a bookmark named `name`."""
    ident = str(_BOOKMARK_ID_BASE + number)
    paragraph.insert(start, OxmlElement("w:bookmarkStart", attrs={qn("w:id"): ident, qn("w:name"): name}))
    paragraph.append(OxmlElement("w:bookmarkEnd", attrs={qn("w:id"): ident}))


def internal_link(paragraph: BaseOxmlElement, runs: list[BaseOxmlElement], anchor: str) -> None:
    """Move `runs` (already in the paragraph) into a w:hyperlink that jumps to bookmark `anchor`."""
    link = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): anchor, qn("w:history"): "1"})
    runs[0].addprevious(link)
    for run in runs:
        link.append(run)


def simple_field(instruction: str, result: BaseOxmlElement) -> BaseOxmlElement:
    """A w:fldSimple (e.g. PAGE) around the run showing its cached `result`; Word and LibreOffice
    refresh the result on layout."""
    field = OxmlElement("w:fldSimple", attrs={qn("w:instr"): f" {instruction} "})
    field.append(result)
    return field
