"""Brief blocks as Word paragraphs and tables, in reading order.

Under w:bidi, Word reads paragraph alignment, indents and tab stops
logically (left = start), and w:bidiVisual puts a table's first cell on the
right. The XML is therefore the same for both directions apart from those two
switches, and "end" alignment of numbers is written as "right" in both.
"""

from __future__ import annotations

import copy
import math

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_DIRECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Length, Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from ...brief import Block, BulletList, Cell, Heading, Paragraph, SourceList, Table
from ..visitor import dispatch
from . import oxml
from .context import Context
from .inlines import add_inlines
from .styles import BULLET_STYLE, HEADING_STYLES, ROLE_STYLES, SOURCE_STYLE, TABLE_STYLE


def add_block(ctx: Context, block: Block) -> None:
    dispatch(block, {
        Heading: lambda heading: add_paragraph(ctx, heading, HEADING_STYLES[heading.level]),
        Paragraph: lambda paragraph: add_paragraph(ctx, paragraph, ROLE_STYLES[paragraph.role]),
        BulletList: lambda bullets: [add_paragraph(ctx, item, BULLET_STYLE) for item in bullets.items],
        Table: lambda table: add_table(ctx, table),
        SourceList: lambda sources: add_sources(ctx, sources),
    }, "DOCX")


def add_paragraph(ctx: Context, node: Paragraph | Heading, style: str) -> DocxParagraph:
    paragraph = ctx.add_paragraph()
    set_style(ctx, paragraph, style)
    add_inlines(ctx, paragraph, node.inlines)
    return paragraph


def set_style(ctx: Context, paragraph: DocxParagraph, style: str) -> None:
    """The paragraph style, and direct w:bidi on every RTL paragraph so that copying it into
    another document keeps its direction."""
    if style not in ctx.paragraph_properties:
        pPr = OxmlElement("w:pPr")
        pPr.style = ctx.style_id(style)
        if ctx.typo.rtl:
            oxml.set_paragraph_bidi(pPr)
        ctx.paragraph_properties[style] = pPr
    oxml.remove(paragraph._p, "pPr")
    paragraph._p.insert(0, copy.deepcopy(ctx.paragraph_properties[style]))


def add_sources(ctx: Context, sources: SourceList) -> None:
    """Numbered entries: the printed label, a tab to the hanging indent, the entry."""
    for entry in sources.entries:
        paragraph = ctx.add_paragraph()
        set_style(ctx, paragraph, SOURCE_STYLE)
        add_inlines(ctx, paragraph, entry.content.inlines, lead=entry.label)
        oxml.bookmark(paragraph._p, ctx.source_bookmark(entry.number), entry.number)


def add_table(ctx: Context, table: Table) -> DocxTable:
    if table.caption is not None:
        add_paragraph(ctx, table.caption, ROLE_STYLES["caption"])
    grid = [table.header, *table.rows]
    docx_table = ctx.document.add_table(rows=len(grid), cols=len(table.header))
    docx_table._tbl.tblPr.style = ctx.style_id(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    if ctx.typo.rtl:
        docx_table.table_direction = WD_TABLE_DIRECTION.RTL
    tbl = docx_table._tbl
    oxml.set_table_look(tbl.tblPr)
    widths = _column_widths(ctx, grid)
    numeric = [bool(table.rows) and all(row[i].numeric for row in table.rows) for i in range(len(table.header))]
    for width, column in zip(widths, docx_table.columns):
        column.width = width
    for row_index, (cells, row) in enumerate(zip(grid, docx_table.rows)):
        if row_index == 0:
            oxml.set_repeat_header(row._tr)
        else:
            oxml.set_cant_split(row._tr)
        for cell, docx_cell, width, numeric_column in zip(cells, row.cells, widths, numeric):
            docx_cell.width = width
            _fill_cell(ctx, cell, docx_cell, cell.numeric or (row_index == 0 and numeric_column))
    return docx_table


def _fill_cell(ctx: Context, cell: Cell, docx_cell, align_end: bool) -> None:
    """Numbers, and the header above a column of them, align to the end edge (the left in RTL)."""
    paragraph = docx_cell.paragraphs[0]
    set_style(ctx, paragraph, "Normal")
    if align_end:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_inlines(ctx, paragraph, cell.content.inlines)


def _column_widths(ctx: Context, grid: list[list[Cell]]) -> list[Twips]:
    """Share the text width by the square root of each column's longest text: prose columns get
    most of the room, yet a column of short citation labels stays wide enough not to wrap."""
    section = ctx.document.sections[0]
    total = Length(section.page_width - section.left_margin - section.right_margin).twips
    weights = [math.sqrt(max(len(row[i].content.text) for row in grid) + 4) for i in range(len(grid[0]))]
    return [Twips(int(total * weight / sum(weights))) for weight in weights]
