"""The bullet list definition behind the List Bullet style.

The template's numbering definitions are replaced by one bullet list. Its
indents are logical (w:ind w:left is the start edge under w:bidi), and in an
RTL brief the level itself is right-to-left, so the bullet sits on the right
and the hanging text aligns to its left even when a reviewer applies the list
to a paragraph they typed.
"""

from __future__ import annotations

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from .typography import Typography

BULLET = "\u2022"
_INDENT, _HANGING = 425, 284


def install_bullets(document: Document, typo: Typography) -> int:
    """Replace the template's numbering with one bullet definition; return its w:numId."""
    numbering = document.part.numbering_part.element
    for tag in ("w:abstractNum", "w:num", "w:numIdMacAtCleanup"):
        for element in numbering.findall(qn(tag)):
            numbering.remove(element)
    bidi = "<w:bidi/>" if typo.rtl else ""
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="0">'
        '<w:nsid w:val="5B1E0D01"/><w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5B1E0D01"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/>'
        f'<w:lvlText w:val="{BULLET}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr>{bidi}<w:ind w:left="{_INDENT}" w:hanging="{_HANGING}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{typo.latin_font}" w:hAnsi="{typo.latin_font}" w:cs="{typo.cs_font}"/></w:rPr>'
        "</w:lvl></w:abstractNum>"
    ))
    return numbering.add_num(0).numId
