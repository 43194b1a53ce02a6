"""The paragraph typesetter: styled text → broken, aligned lines, knowing nothing of pages.

Line breaking (UAX #14) and per-line bidi reordering happen in lines.py and
bidi; this module turns their result into a `SetParagraph` of given width
and indents, and knows the font metrics that put a line's baseline inside
its leading. Page flow, tables and chrome all set text through it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..bidi import ParagraphBidi
from ..fonts import family_order, font_face
from .glyphfont import pdf_font
from .inline import StyledText
from .lines import Line, align_line, break_lines, layout_line
from .styles import ParagraphStyle
from .tagging import ParagraphTag


@dataclass
class SetParagraph:
    """A paragraph broken into aligned lines, each with its offset inside the paragraph's box."""

    styled: StyledText
    style: ParagraphStyle
    lines: list[tuple[Line, float]]
    rtl: bool = False  # the paragraph's base direction
    tag: ParagraphTag | None = None  # its place in a tagged PDF's structure tree; None: an artifact

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading

    def head(self, count: int) -> "SetParagraph":
        """The first `count` lines, as a paragraph of their own (a part on one page)."""
        return replace(self, lines=self.lines[:count])


class Typesetter:
    """Sets paragraphs for one brief: its direction, and the metrics of its primary font."""

    def __init__(self, lang: str, rtl: bool) -> None:
        self.lang = lang
        self.rtl = rtl
        face = pdf_font(font_face(family_order(lang)[0])).hb_font
        extents = face.get_font_extents("ltr")
        self.ascent = extents.ascender / face.face.upem
        self.descent = -extents.descender / face.face.upem

    def set(self, styled: StyledText, style: ParagraphStyle, width: float, hang: float = 0.0,
            first_hang: float | None = None, align: str | None = None) -> SetParagraph:
        """Break and align; `hang` indents every line but the first (or all, with first_hang) on the start side."""
        first = hang if first_hang is None else first_hang

        def indent(index: int) -> float:
            return first if index == 0 else hang

        rtl = self.rtl if styled.rtl is None else styled.rtl
        bidi = ParagraphBidi(styled.text, rtl)
        resolved = [bool(level & 1) for level in bidi.levels()]
        ranges = break_lines(styled, lambda index: width - indent(index), rtl, resolved)
        lines = []
        for index, (start, end) in enumerate(ranges):
            line = layout_line(styled, bidi, start, end)
            align_line(line, width - indent(index), align or style.align, rtl, index == len(ranges) - 1)
            lines.append((line, 0.0 if self.rtl else indent(index)))
        return SetParagraph(styled, style, lines, rtl)

    def baseline(self, top: float, style: ParagraphStyle) -> float:
        """The baseline of a line whose box starts at `top`: the glyphs centred in the leading."""
        return top - (style.leading - (self.ascent + self.descent) * style.size) / 2 - self.ascent * style.size

    def top_for(self, baseline: float, style: ParagraphStyle) -> float:
        return baseline + (style.leading - (self.ascent + self.descent) * style.size) / 2 + self.ascent * style.size
