"""Flowing a Brief's blocks onto A4 pages.

Each block is set into lines first, then placed line by line with simple
book rules: headings stay with the text after them, a paragraph leaves no
single line alone at a page foot or head, boxed notes and table rows are
never split, and a table repeats its header row on a new page. For right-
to-left briefs every horizontal decision is mirrored: bullets, hanging
indents and note bars sit on the right and a table's first column is the
rightmost one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from ...brief import Brief, BulletList, Cell, Heading, Paragraph, SourceList, Table
from ..fonts import font_face, family_order
from .glyphfont import pdf_font
from ..bidi import ParagraphBidi
from .inline import StyledText, base_style, source_destination, styled_inlines
from .lines import Line, align_line, break_lines, layout_line, longest_word, measure
from .pages import Anchor, Box, Dot, Page, PlacedLine, Rule
from .styles import (
    ACCENT, BULLET_INDENT, CELL_PAD_X, CELL_PAD_Y, CONFLICT_BAR, CONFLICT_FILL, CONTENT_BOTTOM, CONTENT_TOP,
    CONTENT_WIDTH, HEADER_FILL, MARGIN_SIDE, NOTE_BAR, RULE, ZEBRA_FILL, ParagraphStyle, Typography,
)

_BOXED_ROLES = {"conflict": (CONFLICT_FILL, CONFLICT_BAR), "note": (None, NOTE_BAR)}
_BOX_PAD = 6.0
_BAR_WIDTH = 2.2


@dataclass
class SetParagraph:
    """A paragraph broken into aligned lines, each with its offset inside the paragraph's box."""

    styled: StyledText
    style: ParagraphStyle
    lines: list[tuple[Line, float]]
    rtl: bool = False  # the paragraph's base direction

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.leading


class Flow:
    def __init__(self, brief: Brief, typo: Typography, bottom: float = CONTENT_BOTTOM) -> None:
        self.typo = typo
        self.rtl = brief.meta.direction == "rtl"
        self.lang = brief.meta.lang
        self.bottom = bottom
        self.pages: list[Page] = []
        self.paragraphs = 0
        face = pdf_font(font_face(family_order(self.lang)[0])).hb_font
        extents = face.get_font_extents("ltr")
        self.ascent = extents.ascender / face.face.upem
        self.descent = -extents.descender / face.face.upem
        self._new_page()

    # -- geometry -------------------------------------------------------

    def _new_page(self) -> None:
        self.page = Page()
        self.pages.append(self.page)
        self.y = CONTENT_TOP
        self.at_top = True

    def _room(self) -> float:
        return self.y - self.bottom

    def _baseline(self, top: float, style: ParagraphStyle) -> float:
        return top - (style.leading - (self.ascent + self.descent) * style.size) / 2 - self.ascent * style.size

    # -- setting text -----------------------------------------------------

    def set_paragraph(self, styled: StyledText, style: ParagraphStyle, width: float, hang: float = 0.0,
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

    def _place(self, para: SetParagraph, x: float, top: float) -> list[PlacedLine]:
        """Put lines on the current page from `top` down, without page breaking."""
        self.paragraphs += 1
        placed = []
        for index, (line, offset) in enumerate(para.lines):
            baseline = self._baseline(top - index * para.style.leading, para.style)
            placed.append(PlacedLine(para.styled, line, x + offset, baseline, self.paragraphs, para.rtl))
        self.page.lines.extend(placed)
        self.page.markers |= para.styled.markers
        return placed

    def place_at(self, page: Page, para: SetParagraph, x: float, baseline: float) -> None:
        """Put a set paragraph on `page` with its first baseline at `baseline` (page chrome)."""
        self.page, current = page, self.page
        top = baseline + (para.style.leading - (self.ascent + self.descent) * para.style.size) / 2 \
            + self.ascent * para.style.size
        self._place(para, x, top)
        self.page = current

    def _space(self, amount: float) -> None:
        if not self.at_top:
            self.y -= amount

    def flow_paragraph(self, para: SetParagraph, x: float = MARGIN_SIDE, keep_together: bool = False,
                       keep_with_next: float = 0.0) -> list[tuple[Page, float, float]]:
        """Place a set paragraph, breaking pages as needed; returns (page, top, bottom) of each part."""
        style = para.style
        self._space(style.space_before)
        lines = para.lines
        parts = []
        while lines:
            fit = int((self._room() + 0.01) // style.leading)
            if keep_together and fit < len(lines) and not self.at_top:
                fit = 0
            elif fit < len(lines):
                if len(lines) - fit == 1:
                    fit -= 1  # no widow
                if fit < 2 and not self.at_top:
                    fit = 0  # no orphan
            if fit >= len(lines) and keep_with_next and not self.at_top \
                    and self._room() < len(lines) * style.leading + keep_with_next:
                fit = 0
            if fit <= 0:
                if self.at_top:
                    fit = max(1, fit)
                else:
                    self._new_page()
                    continue
            chunk = SetParagraph(para.styled, style, lines[:fit], para.rtl)
            top = self.y
            self._place(chunk, x, top)
            self.y -= chunk.height
            self.at_top = False
            parts.append((self.page, top, self.y))
            lines = lines[fit:]
            if lines:
                self._new_page()
        self.y -= style.space_after
        return parts

    # -- blocks -----------------------------------------------------------

    def paragraph(self, paragraph: Paragraph) -> None:
        style = self.typo.roles.get(paragraph.role, self.typo.body)
        styled = styled_inlines(paragraph.inlines, style, self.lang)
        if paragraph.role in _BOXED_ROLES:
            self._boxed(styled, style, *_BOXED_ROLES[paragraph.role])
            return
        parts = self.flow_paragraph(self.set_paragraph(styled, style, CONTENT_WIDTH))
        if paragraph.role == "dateline" and parts:
            page, _, bottom = parts[-1]
            page.shapes.append(Rule(MARGIN_SIDE, bottom - 2, MARGIN_SIDE + CONTENT_WIDTH, bottom - 2, 1.4, ACCENT))

    def _boxed(self, styled: StyledText, style: ParagraphStyle, fill, bar) -> None:
        """A note or conflict paragraph: kept on one page, with a bar on the reading-start side."""
        para = self.set_paragraph(styled, style, CONTENT_WIDTH - 2 * _BOX_PAD - _BAR_WIDTH)
        self._space(style.space_before)
        self.y -= _BOX_PAD
        left = MARGIN_SIDE + (_BOX_PAD if self.rtl else _BAR_WIDTH + _BOX_PAD)
        bare = replace(style, space_before=0.0, space_after=0.0)
        parts = self.flow_paragraph(SetParagraph(styled, bare, para.lines, para.rtl), x=left, keep_together=True)
        for page, top, bottom in parts:
            top, bottom = top + _BOX_PAD, bottom - _BOX_PAD
            if fill is not None:
                page.shapes.append(Box(MARGIN_SIDE, bottom, CONTENT_WIDTH, top - bottom, fill))
            bar_x = MARGIN_SIDE + CONTENT_WIDTH - _BAR_WIDTH / 2 if self.rtl else MARGIN_SIDE + _BAR_WIDTH / 2
            page.shapes.append(Rule(bar_x, bottom, bar_x, top, _BAR_WIDTH, bar))
        self.y -= _BOX_PAD + style.space_after

    def _set_heading(self, heading: Heading) -> SetParagraph:
        style = self.typo.headings[heading.level]
        return self.set_paragraph(styled_inlines(heading.inlines, style, self.lang), style, CONTENT_WIDTH)

    def heading(self, heading: Heading, following: Iterable[Heading] = ()) -> None:
        """A heading stays on the page with the headings right after it and two lines of text."""
        body = self.typo.body
        keep = body.space_before + 2 * body.leading
        for later in following:
            para = self._set_heading(later)
            keep += para.style.space_before + para.height + para.style.space_after
        parts = self.flow_paragraph(self._set_heading(heading), keep_with_next=keep)
        if parts:
            page, top, _ = parts[0]
            page.anchors.append(Anchor(heading.text, heading.level, top))
        if heading.level == 1 and parts:
            page, _, bottom = parts[-1]
            page.shapes.append(Rule(MARGIN_SIDE, bottom - 1.5, MARGIN_SIDE + CONTENT_WIDTH, bottom - 1.5, 0.6, RULE))

    def bullets(self, bullets: BulletList) -> None:
        style = self.typo.body
        for item in bullets.items:
            styled = styled_inlines(item.inlines, style, self.lang)
            para = self.set_paragraph(styled, style, CONTENT_WIDTH, hang=BULLET_INDENT, first_hang=BULLET_INDENT)
            tight = replace(style, space_before=0.0, space_after=style.size * 0.3)
            parts = self.flow_paragraph(SetParagraph(styled, tight, para.lines, para.rtl))
            if parts:
                page, top, _ = parts[0]
                centre = self._baseline(top, style) + style.size * 0.3
                x = MARGIN_SIDE + CONTENT_WIDTH - BULLET_INDENT / 2 if self.rtl else MARGIN_SIDE + BULLET_INDENT / 2
                page.shapes.append(Dot(x, centre, style.size * 0.16, ACCENT))
        self.y -= style.space_after

    def sources(self, sources: SourceList) -> None:
        """Numbered entries: the label on the reading-start side, later lines hanging past it."""
        style = self.typo.source
        for entry in sources.entries:
            styled = StyledText(self.lang)
            styled.append(entry.label, replace(base_style(style, self.lang), color=ACCENT))
            styled.append(" ", base_style(style, self.lang))
            content = styled_inlines(entry.content.inlines, style, self.lang)
            styled.extend(content)
            styled.rtl = content.rtl  # the entry's own direction, as in the DOCX
            hang = measure(styled, 0, len(entry.label) + 1, self.rtl)
            parts = self.flow_paragraph(self.set_paragraph(styled, style, CONTENT_WIDTH, hang=hang, first_hang=0.0))
            if parts:
                page, top, _ = parts[0]
                page.destinations.append((source_destination(entry.number), top))

    def table(self, table: Table) -> None:
        typo = self.typo
        if table.caption is not None:
            caption_style = typo.roles["caption"]
            caption = self.set_paragraph(styled_inlines(table.caption.inlines, caption_style, self.lang),
                                         caption_style, CONTENT_WIDTH)
            self.flow_paragraph(caption, keep_with_next=4 * typo.cell.leading + 4 * CELL_PAD_Y)
        widths = self._column_widths(table)
        numeric = [any(row[column].numeric for row in table.rows if column < len(row))
                   for column in range(len(table.header))]
        header = self._set_row(table.header, widths, typo.cell_header, numeric)
        rows = [self._set_row(row, widths, typo.cell, [cell.numeric for cell in row]) for row in table.rows]
        self._draw_row(header, widths, HEADER_FILL, rule=ACCENT)
        for number, row in enumerate(rows):
            if self._row_height(row) > self._room():
                self._new_page()
                self._draw_row(header, widths, HEADER_FILL, rule=ACCENT)
            self._draw_row(row, widths, ZEBRA_FILL if number % 2 else None, rule=RULE)
        self.y -= typo.body.space_after

    def _column_widths(self, table: Table) -> list[float]:
        """Auto layout: natural widths stretched in proportion if they fit, else shrink flexible columns
        toward their longest word."""
        count = len(table.header)
        natural = [0.0] * count
        minimum = [0.0] * count
        for row, style in [(table.header, self.typo.cell_header)] + [(r, self.typo.cell) for r in table.rows]:
            for column, cell in enumerate(row[:count]):
                styled = styled_inlines(cell.content.inlines, style, self.lang)
                natural[column] = max(natural[column], measure(styled, 0, len(styled.text), self.rtl))
                minimum[column] = max(minimum[column], longest_word(styled, self.rtl))
        natural = [width + 2 * CELL_PAD_X + 1.0 for width in natural]
        minimum = [width + 2 * CELL_PAD_X + 1.0 for width in minimum]
        if sum(minimum) > CONTENT_WIDTH:  # a word longer than its share is cut (break_lines' last resort)
            minimum = [width * CONTENT_WIDTH / sum(minimum) for width in minimum]
        if sum(natural) <= CONTENT_WIDTH:
            scale = CONTENT_WIDTH / sum(natural)
            return [width * scale for width in natural]
        spare = max(CONTENT_WIDTH - sum(minimum), 0.0)
        flexible = sum(n - m for n, m in zip(natural, minimum)) or 1.0
        return [m + spare * (n - m) / flexible for n, m in zip(natural, minimum)]

    def _set_row(self, row: list[Cell], widths: list[float], style: ParagraphStyle,
                 numeric: list[bool]) -> list[SetParagraph]:
        """Figures (a number with its unit) sit centred under a centred header, text on the reading start."""
        cells = []
        for cell, width, is_number in zip(row, widths, numeric):
            styled = styled_inlines(cell.content.inlines, style, self.lang)
            align = "center" if is_number else "start"
            cells.append(self.set_paragraph(styled, style, width - 2 * CELL_PAD_X, align=align))
        return cells

    @staticmethod
    def _row_height(cells: list[SetParagraph]) -> float:
        return max((cell.height for cell in cells), default=0.0) + 2 * CELL_PAD_Y

    def _draw_row(self, cells: list[SetParagraph], widths: list[float], fill, rule) -> None:
        height = self._row_height(cells)
        top = self.y
        if fill is not None:
            self.page.shapes.append(Box(MARGIN_SIDE, top - height, CONTENT_WIDTH, height, fill))
        x_positions = _column_lefts(widths, self.rtl)
        for cell, x in zip(cells, x_positions):
            self._place(cell, x + CELL_PAD_X, top - CELL_PAD_Y)
        self.page.shapes.append(Rule(MARGIN_SIDE, top - height, MARGIN_SIDE + CONTENT_WIDTH, top - height, 0.5, rule))
        self.y = top - height
        self.at_top = False

    def blocks(self, blocks: Iterable) -> None:
        blocks = list(blocks)
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                following = []
                for later in blocks[index + 1:]:
                    if not isinstance(later, Heading):
                        break
                    following.append(later)
                self.heading(block, following)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, BulletList):
                self.bullets(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, SourceList):
                self.sources(block)


def _column_lefts(widths: list[float], rtl: bool) -> list[float]:
    """Left edge of each column; in right-to-left tables the first column is the rightmost."""
    lefts, x = [], MARGIN_SIDE
    for width in widths:
        lefts.append(x)
        x += width
    if rtl:
        lefts = [MARGIN_SIDE + CONTENT_WIDTH - left + MARGIN_SIDE - width for left, width in zip(lefts, widths)]
    return lefts

