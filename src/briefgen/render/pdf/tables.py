"""Table layout: column widths, rows set into cells, and rows flowed with the header repeated.

A table is laid out once (widths, every row set) before any of it is
placed, so the block flow can ask how tall its start is (caption, header
row and first row: what a heading above it must stay with). Placing then
keeps the header with the first row and repeats it on every page the rows
run onto; a row is never split. In right-to-left briefs the first column is
the rightmost.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...brief import Cell, Table
from .inline import styled_inlines
from .lines import longest_word, measure
from .pageflow import PageFlow
from .pages import Box, Rule
from .styles import Geometry, ParagraphStyle, Typography
from .typeset import SetParagraph, Typesetter

Row = list[SetParagraph]


@dataclass
class TableLayout:
    caption: SetParagraph | None
    widths: list[float]
    header: Row
    rows: list[Row]
    typo: Typography

    def row_height(self, row: Row) -> float:
        return max((cell.height for cell in row), default=0.0) + 2 * self.typo.cell_pad_y

    def start_height(self) -> float:
        """Caption, header row and first row: the least of the table that may start a page."""
        caption = 0.0
        if self.caption is not None:
            style = self.caption.style
            caption = style.space_before + self.caption.height + style.space_after
        first = self.row_height(self.rows[0]) if self.rows else 0.0
        return caption + self.row_height(self.header) + first

    def flow(self, pages: PageFlow) -> None:
        typo = self.typo
        if self.caption is not None:
            pages.flow_paragraph(self.caption, keep_with_next=self.start_height() - self._caption_height())
        first = self.row_height(self.rows[0]) if self.rows else 0.0
        pages.ensure(self.row_height(self.header) + first)  # the header row never ends a page alone
        self._draw(pages, self.header, typo.header_fill, typo.colors["accent"])
        for number, row in enumerate(self.rows):
            if self.row_height(row) > pages.room() and not pages.at_top:
                pages.new_page()
                self._draw(pages, self.header, typo.header_fill, typo.colors["accent"], repeated=True)
            self._draw(pages, row, typo.zebra_fill if number % 2 else None, typo.table_rule)
        pages.y -= typo.body.space_after

    def _caption_height(self) -> float:
        style = self.caption.style
        return style.space_before + self.caption.height + style.space_after

    def _draw(self, pages: PageFlow, cells: Row, fill, rule, repeated: bool = False) -> None:
        """One row; a header row repeated on a following page is pagination, an artifact."""
        geo, typo = pages.geo, self.typo
        height = self.row_height(cells)
        top = pages.y
        if fill is not None:
            pages.page.shapes.append(Box(geo.margin_side, top - height, geo.content_width, height, fill))
        for cell, x in zip(cells, column_lefts(self.widths, pages.rtl, geo)):
            pages.place(cell, x + typo.cell_pad_x, top - typo.cell_pad_y, tagged=not repeated)
        pages.page.shapes.append(Rule(geo.margin_side, top - height, geo.margin_side + geo.content_width,
                                      top - height, 0.5, rule))
        pages.advance(height)


def layout_table(table: Table, typo: Typography, setter: Typesetter, geo: Geometry) -> TableLayout:
    caption = None
    if table.caption is not None:
        style = typo.roles["caption"]
        caption = setter.set(styled_inlines(table.caption.inlines, style, setter.lang), style, geo.content_width)
    widths = column_widths(table, typo, setter, geo)
    numeric = [any(row[column].numeric for row in table.rows if column < len(row))
               for column in range(len(table.header))]
    header = _set_row(table.header, widths, typo.cell_header, numeric, typo, setter)
    rows = [_set_row(row, widths, typo.cell, [cell.numeric for cell in row], typo, setter) for row in table.rows]
    return TableLayout(caption, widths, header, rows, typo)


def column_widths(table: Table, typo: Typography, setter: Typesetter, geo: Geometry) -> list[float]:
    """Auto layout: natural widths stretched in proportion if they fit, else shrink flexible columns
    toward their longest word."""
    count = len(table.header)
    natural = [0.0] * count
    minimum = [0.0] * count
    for row, style in [(table.header, typo.cell_header)] + [(r, typo.cell) for r in table.rows]:
        for column, cell in enumerate(row[:count]):
            styled = styled_inlines(cell.content.inlines, style, setter.lang)
            natural[column] = max(natural[column], measure(styled, 0, len(styled.text), setter.rtl))
            minimum[column] = max(minimum[column], longest_word(styled, setter.rtl))
    natural = [width + 2 * typo.cell_pad_x + 1.0 for width in natural]
    minimum = [width + 2 * typo.cell_pad_x + 1.0 for width in minimum]
    if sum(minimum) > geo.content_width:  # a word longer than its share is cut (break_lines' last resort)
        minimum = [width * geo.content_width / sum(minimum) for width in minimum]
    if sum(natural) <= geo.content_width:
        scale = geo.content_width / sum(natural)
        return [width * scale for width in natural]
    spare = max(geo.content_width - sum(minimum), 0.0)
    flexible = sum(n - m for n, m in zip(natural, minimum)) or 1.0
    return [m + spare * (n - m) / flexible for n, m in zip(natural, minimum)]


def _set_row(row: list[Cell], widths: list[float], style: ParagraphStyle, numeric: list[bool],
             typo: Typography, setter: Typesetter) -> Row:
    """Figures (a number with its unit) sit centred under a centred header, text on the reading start."""
    cells = []
    for cell, width, is_number in zip(row, widths, numeric):
        styled = styled_inlines(cell.content.inlines, style, setter.lang)
        align = "center" if is_number else "start"
        cells.append(setter.set(styled, style, width - 2 * typo.cell_pad_x, align=align))
    return cells


def column_lefts(widths: list[float], rtl: bool, geo: Geometry) -> list[float]:
    """Left edge of each column; in right-to-left tables the first column is the rightmost."""
    lefts, x = [], geo.margin_side
    for width in widths:
        lefts.append(x)
        x += width
    if rtl:
        lefts = [2 * geo.margin_side + geo.content_width - left - width for left, width in zip(lefts, widths)]
    return lefts
