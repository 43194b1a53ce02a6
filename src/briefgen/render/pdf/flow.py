"""Flowing a Brief's blocks onto pages.

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
from ..visitor import dispatch
from .glyphfont import pdf_font
from .bidiorder import ParagraphBidi
from .inline import StyledText, base_style, source_destination, styled_inlines
from .lines import Line, align_line, break_lines, layout_line, longest_word, measure
from .pages import Anchor, Box, Dot, Page, PlacedLine, Rule
from .styles import Geometry, ParagraphStyle, Typography

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
    def __init__(self, brief: Brief, typo: Typography, bottom: float | None = None) -> None:
        self.typo = typo
        self.geo: Geometry = typo.geometry
        self.rtl = brief.meta.direction == "rtl"
        self.lang = brief.meta.lang
        self.bottom = typo.geometry.content_bottom if bottom is None else bottom
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
        self.y = self.geo.content_top
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
        ranges = break_lines(styled, lambda index: width - indent(index), rtl)
        bidi = ParagraphBidi(styled.text, rtl)
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

    def flow_paragraph(self, para: SetParagraph, x: float | None = None, keep_together: bool = False,
                       keep_with_next: float = 0.0) -> list[tuple[Page, float, float]]:
        """Place a set paragraph, breaking pages as needed; returns (page, top, bottom) of each part."""
        style = para.style
        x = self.geo.margin_side if x is None else x
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
        if paragraph.role in self.typo.boxes:
            self._boxed(styled, style, *self.typo.boxes[paragraph.role])
            return
        parts = self.flow_paragraph(self.set_paragraph(styled, style, self.geo.content_width))
        if paragraph.role == "dateline" and parts:
            page, _, bottom = parts[-1]
            page.shapes.append(Rule(self.geo.margin_side, bottom - 2, self.geo.margin_side + self.geo.content_width, bottom - 2, 1.4,
                                    self.typo.colors["accent"]))

    def _boxed(self, styled: StyledText, style: ParagraphStyle, fill, bar) -> None:
        """A note or conflict paragraph: kept on one page, with a bar on the reading-start side."""
        geo = self.geo
        para = self.set_paragraph(styled, style, geo.content_width - 2 * _BOX_PAD - _BAR_WIDTH)
        self._space(style.space_before)
        self.y -= _BOX_PAD
        left = geo.margin_side + (_BOX_PAD if self.rtl else _BAR_WIDTH + _BOX_PAD)
        bare = replace(style, space_before=0.0, space_after=0.0)
        parts = self.flow_paragraph(SetParagraph(styled, bare, para.lines, para.rtl), x=left, keep_together=True)
        for page, top, bottom in parts:
            top, bottom = top + _BOX_PAD, bottom - _BOX_PAD
            if fill is not None:
                page.shapes.append(Box(geo.margin_side, bottom, geo.content_width, top - bottom, fill))
            bar_x = geo.margin_side + geo.content_width - _BAR_WIDTH / 2 if self.rtl else geo.margin_side + _BAR_WIDTH / 2
            page.shapes.append(Rule(bar_x, bottom, bar_x, top, _BAR_WIDTH, bar))
        self.y -= _BOX_PAD + style.space_after

    def _set_heading(self, heading: Heading) -> SetParagraph:
        style = self.typo.headings[heading.level]
        return self.set_paragraph(styled_inlines(heading.inlines, style, self.lang), style, self.geo.content_width)

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
            page.shapes.append(Rule(self.geo.margin_side, bottom - 1.5, self.geo.margin_side + self.geo.content_width, bottom - 1.5,
                                    0.6, self.typo.colors["rule"]))

    def bullets(self, bullets: BulletList) -> None:
        style = self.typo.body
        indent = self.typo.bullet_indent
        for item in bullets.items:
            styled = styled_inlines(item.inlines, style, self.lang)
            para = self.set_paragraph(styled, style, self.geo.content_width, hang=indent, first_hang=indent)
            tight = replace(style, space_before=0.0, space_after=self.typo.list.space_after)
            parts = self.flow_paragraph(SetParagraph(styled, tight, para.lines, para.rtl))
            if parts:
                page, top, _ = parts[0]
                centre = self._baseline(top, style) + style.size * 0.3
                x = self.geo.margin_side + self.geo.content_width - indent / 2 if self.rtl else self.geo.margin_side + indent / 2
                page.shapes.append(Dot(x, centre, style.size * 0.16, self.typo.colors["accent"]))
        self.y -= style.space_after

    def sources(self, sources: SourceList) -> None:
        """Numbered entries: the label on the reading-start side, later lines hanging past it."""
        style = self.typo.source
        for entry in sources.entries:
            styled = StyledText(self.lang)
            styled.append(entry.label, replace(base_style(style, self.lang), color=self.typo.colors["accent"]))
            styled.append(" ", base_style(style, self.lang))
            styled.extend(styled_inlines(entry.content.inlines, style, self.lang))
            hang = measure(styled, 0, len(entry.label) + 1, self.rtl)
            parts = self.flow_paragraph(self.set_paragraph(styled, style, self.geo.content_width, hang=hang, first_hang=0.0))
            if parts:
                page, top, _ = parts[0]
                page.destinations.append((source_destination(entry.number), top))

    def table(self, table: Table) -> None:
        typo = self.typo
        if table.caption is not None:
            caption_style = typo.roles["caption"]
            caption = self.set_paragraph(styled_inlines(table.caption.inlines, caption_style, self.lang),
                                         caption_style, self.geo.content_width)
            self.flow_paragraph(caption, keep_with_next=4 * typo.cell.leading + 4 * typo.cell_pad_y)
        widths = self._column_widths(table)
        numeric = [any(row[column].numeric for row in table.rows if column < len(row))
                   for column in range(len(table.header))]
        header = self._set_row(table.header, widths, typo.cell_header, numeric)
        rows = [self._set_row(row, widths, typo.cell, [cell.numeric for cell in row]) for row in table.rows]
        self._draw_row(header, widths, typo.header_fill, rule=typo.colors["accent"])
        for number, row in enumerate(rows):
            if self._row_height(row) > self._room():
                self._new_page()
                self._draw_row(header, widths, typo.header_fill, rule=typo.colors["accent"])
            self._draw_row(row, widths, typo.zebra_fill if number % 2 else None, rule=typo.table_rule)
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
        natural = [width + 2 * self.typo.cell_pad_x + 1.0 for width in natural]
        minimum = [width + 2 * self.typo.cell_pad_x + 1.0 for width in minimum]
        if sum(natural) <= self.geo.content_width:
            scale = self.geo.content_width / sum(natural)
            return [width * scale for width in natural]
        spare = max(self.geo.content_width - sum(minimum), 0.0)
        flexible = sum(n - m for n, m in zip(natural, minimum)) or 1.0
        return [m + spare * (n - m) / flexible for n, m in zip(natural, minimum)]

    def _set_row(self, row: list[Cell], widths: list[float], style: ParagraphStyle,
                 numeric: list[bool]) -> list[SetParagraph]:
        """Figures (a number with its unit) sit centred under a centred header, text on the reading start."""
        cells = []
        for cell, width, is_number in zip(row, widths, numeric):
            styled = styled_inlines(cell.content.inlines, style, self.lang)
            align = "center" if is_number else "start"
            cells.append(self.set_paragraph(styled, style, width - 2 * self.typo.cell_pad_x, align=align))
        return cells

    def _row_height(self, cells: list[SetParagraph]) -> float:
        return max((cell.height for cell in cells), default=0.0) + 2 * self.typo.cell_pad_y

    def _draw_row(self, cells: list[SetParagraph], widths: list[float], fill, rule) -> None:
        height = self._row_height(cells)
        top = self.y
        if fill is not None:
            self.page.shapes.append(Box(self.geo.margin_side, top - height, self.geo.content_width, height, fill))
        x_positions = _column_lefts(widths, self.rtl, self.geo)
        for cell, x in zip(cells, x_positions):
            self._place(cell, x + self.typo.cell_pad_x, top - self.typo.cell_pad_y)
        self.page.shapes.append(Rule(self.geo.margin_side, top - height, self.geo.margin_side + self.geo.content_width,
                                     top - height, 0.5, rule))
        self.y = top - height
        self.at_top = False

    def blocks(self, blocks: Iterable) -> None:
        blocks = list(blocks)
        handlers = {Paragraph: self.paragraph, BulletList: self.bullets, Table: self.table, SourceList: self.sources}
        for index, block in enumerate(blocks):
            if isinstance(block, Heading):
                following = []
                for later in blocks[index + 1:]:
                    if not isinstance(later, Heading):
                        break
                    following.append(later)
                self.heading(block, following)
            else:
                dispatch(block, handlers, "PDF")


def _column_lefts(widths: list[float], rtl: bool, geo: Geometry) -> list[float]:
    """Left edge of each column; in right-to-left tables the first column is the rightmost."""
    lefts, x = [], geo.margin_side
    for width in widths:
        lefts.append(x)
        x += width
    if rtl:
        lefts = [2 * geo.margin_side + geo.content_width - left - width for left, width in zip(lefts, widths)]
    return lefts

