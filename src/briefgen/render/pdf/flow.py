"""Flowing a Brief's blocks onto pages: each block is set first, then placed by the page flow.

Setting every block before placing any lets a heading know how much of what
follows it must keep on its page: the first two lines of a paragraph or
list, a whole conflict box, or a table's caption, header row and first row.
A heading is therefore never the last thing on a page. For right-to-left
briefs every horizontal decision is mirrored: bullets, hanging indents and
note bars sit on the right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Protocol

from ...brief import Brief, BulletList, Cite, Heading, Paragraph, Run, SourceList, Table
from ...lang import base_language
from ..visitor import dispatch
from .inline import StyledText, base_style, source_destination, styled_inlines
from .lines import measure
from .pageflow import PageFlow
from .pages import Anchor, Box, Dot, Rule
from .styles import Typography
from .tables import TableLayout, layout_table
from .tagging import Element, ParagraphTag
from .typeset import SetParagraph, Typesetter

_BOX_PAD = 6.0
_BAR_WIDTH = 2.2


class Prepared(Protocol):
    def start_height(self) -> float:
        """The least of the block that may begin a page (what a heading before it keeps with)."""

    def flow(self, pages: PageFlow) -> None: ...


def _lines_height(para: SetParagraph, count: int = 2) -> float:
    return para.style.space_before + min(count, len(para.lines)) * para.style.leading


@dataclass
class PreparedParagraph:
    para: SetParagraph
    role: str

    def start_height(self) -> float:
        return _lines_height(self.para)  # the orphan rule: two lines, or all of a shorter paragraph

    def flow(self, pages: PageFlow) -> None:
        parts = pages.flow_paragraph(self.para)
        if self.role == "dateline" and parts:
            page, _, bottom = parts[-1]
            geo = pages.geo
            page.shapes.append(Rule(geo.margin_side, bottom - 2, geo.margin_side + geo.content_width, bottom - 2, 1.4,
                                    pages.typo.colors["accent"]))


@dataclass
class PreparedBox:
    """A note or conflict paragraph: kept on one page, with a bar on the reading-start side."""

    para: SetParagraph
    style_after: float
    fill: tuple | None
    bar: tuple

    def start_height(self) -> float:
        return self.para.style.space_before + self.para.height + 2 * _BOX_PAD

    def flow(self, pages: PageFlow) -> None:
        geo, rtl = pages.geo, pages.rtl
        pages.space(self.para.style.space_before)
        pages.ensure(self.para.height + 2 * _BOX_PAD)
        pages.y -= _BOX_PAD
        left = geo.margin_side + (_BOX_PAD if rtl else _BAR_WIDTH + _BOX_PAD)
        bare = replace(self.para, style=replace(self.para.style, space_before=0.0, space_after=0.0))
        for page, top, bottom in pages.flow_paragraph(bare, x=left, keep_together=True):
            top, bottom = top + _BOX_PAD, bottom - _BOX_PAD
            if self.fill is not None:
                page.shapes.append(Box(geo.margin_side, bottom, geo.content_width, top - bottom, self.fill))
            bar_x = geo.margin_side + geo.content_width - _BAR_WIDTH / 2 if rtl else geo.margin_side + _BAR_WIDTH / 2
            page.shapes.append(Rule(bar_x, bottom, bar_x, top, _BAR_WIDTH, self.bar))
        pages.y -= _BOX_PAD + self.style_after


@dataclass
class PreparedHeading:
    para: SetParagraph
    heading: Heading

    def start_height(self) -> float:
        return self.full_height()

    def full_height(self) -> float:
        return self.para.style.space_before + self.para.height + self.para.style.space_after

    def flow(self, pages: PageFlow, keep_with_next: float = 0.0) -> None:
        parts = pages.flow_paragraph(self.para, keep_with_next=keep_with_next)
        if parts:
            page, top, _ = parts[0]
            page.anchors.append(Anchor(self.heading.text, self.heading.level, top))
        if self.heading.level == 1 and parts:
            page, _, bottom = parts[-1]
            geo = pages.geo
            page.shapes.append(Rule(geo.margin_side, bottom - 1.5, geo.margin_side + geo.content_width, bottom - 1.5,
                                    0.6, pages.typo.colors["rule"]))


@dataclass
class PreparedBullets:
    items: list[SetParagraph]
    after: float
    indent: float

    def start_height(self) -> float:
        return _lines_height(self.items[0]) if self.items else 0.0

    def flow(self, pages: PageFlow) -> None:
        geo = pages.geo
        for para in self.items:
            parts = pages.flow_paragraph(para)
            if parts:
                page, top, _ = parts[0]
                style = para.style
                centre = pages.setter.baseline(top, style) + style.size * 0.3
                x = geo.margin_side + geo.content_width - self.indent / 2 if pages.rtl else geo.margin_side + self.indent / 2
                page.shapes.append(Dot(x, centre, style.size * 0.16, pages.typo.colors["accent"]))
        pages.y -= self.after


@dataclass
class PreparedSources:
    """Numbered entries: the label on the reading-start side, later lines hanging past it."""

    entries: list[tuple[int, SetParagraph]]

    def start_height(self) -> float:
        return _lines_height(self.entries[0][1]) if self.entries else 0.0

    def flow(self, pages: PageFlow) -> None:
        for number, para in self.entries:
            parts = pages.flow_paragraph(para)
            if parts:
                page, top, _ = parts[0]
                page.destinations.append((source_destination(number), top))


@dataclass
class PreparedTable:
    layout: TableLayout

    def start_height(self) -> float:
        return self.layout.start_height()

    def flow(self, pages: PageFlow) -> None:
        self.layout.flow(pages)


class BlockFlow:
    """Sets each kind of block (one handler per block type; an unknown block is an error) and flows it."""

    def __init__(self, brief: Brief, typo: Typography, pages: PageFlow, root: Element | None = None) -> None:
        self.typo = typo
        self.lang = brief.meta.lang
        self.root = root if root is not None else Element("Document")
        self.linked = {entry.number for block in brief.blocks() if isinstance(block, SourceList)
                       for entry in block.entries}
        self.sources_label = brief.meta.labels.get("sources", "Sources")
        self.pages = pages
        self.setter: Typesetter = pages.setter
        self.width = typo.geometry.content_width

    def prepare(self, block) -> Prepared:
        return dispatch(block, {
            Heading: self._heading, Paragraph: self._paragraph, BulletList: self._bullets, Table: self._table,
            SourceList: self._sources,
        }, "PDF")

    def flow(self, blocks: Iterable) -> None:
        prepared = [self.prepare(block) for block in blocks]
        for index, item in enumerate(prepared):
            if isinstance(item, PreparedHeading):
                item.flow(self.pages, keep_with_next=_keep_after(prepared, index + 1))
            else:
                item.flow(self.pages)

    def _paragraph(self, paragraph: Paragraph) -> Prepared:
        style = self.typo.roles.get(paragraph.role, self.typo.body)
        styled = styled_inlines(paragraph.inlines, style, self.lang)
        tag = self._tag(self.root.add(_ROLES.get(paragraph.role, "P")), styled)
        if paragraph.role in self.typo.boxes:
            fill, bar = self.typo.boxes[paragraph.role]
            para = self.setter.set(styled, style, self.width - 2 * _BOX_PAD - _BAR_WIDTH)
            return PreparedBox(replace(para, tag=tag), style.space_after, fill, bar)
        return PreparedParagraph(replace(self.setter.set(styled, style, self.width), tag=tag), paragraph.role)

    def _heading(self, heading: Heading) -> Prepared:
        style = self.typo.headings[heading.level]
        styled = styled_inlines(heading.inlines, style, self.lang)
        tag = self._tag(self.root.add(f"H{heading.level}"), styled)
        return PreparedHeading(replace(self.setter.set(styled, style, self.width), tag=tag), heading)

    def _bullets(self, bullets: BulletList) -> Prepared:
        style = self.typo.body
        indent = self.typo.bullet_indent
        tight = replace(style, space_before=0.0, space_after=self.typo.list.space_after)
        items = []
        listing = self.root.add("L")
        for item in bullets.items:
            styled = styled_inlines(item.inlines, style, self.lang)
            para = self.setter.set(styled, style, self.width, hang=indent, first_hang=indent)
            tag = self._tag(listing.add("LI").add("LBody"), styled)
            items.append(replace(para, style=tight, tag=tag))
        return PreparedBullets(items, style.space_after, indent)

    def _sources(self, sources: SourceList) -> Prepared:
        style = self.typo.source
        entries = []
        listing = self.root.add("L", attributes={"O": "List", "ListNumbering": "Decimal"})
        for entry in sources.entries:
            styled = StyledText(self.lang)
            styled.append(entry.label, replace(base_style(style, self.lang), color=self.typo.colors["accent"]))
            styled.append(" ", base_style(style, self.lang))
            content = styled_inlines(entry.content.inlines, style, self.lang)
            styled.extend(content)
            styled.rtl = content.rtl  # the entry's own direction, as in the DOCX
            hang = measure(styled, 0, len(entry.label) + 1, self.setter.rtl)
            item = listing.add("LI")
            label = item.add("Lbl")
            tag = self._tag(item.add("LBody"), styled)
            tag.element = item
            tag.spans[:0] = [(0, len(entry.label), label), (len(entry.label), len(styled.text), item.kids[-1])]
            para = self.setter.set(styled, style, self.width, hang=hang, first_hang=0.0)
            entries.append((entry.number, replace(para, tag=tag)))
        return PreparedSources(entries)

    def _table(self, table: Table) -> Prepared:
        layout = layout_table(table, self.typo, self.setter, self.typo.geometry)
        element = self.root.add("Table")
        if layout.caption is not None:
            layout.caption = replace(layout.caption, tag=self._tag(element.add("Caption"), layout.caption.styled))
        head = element.add("THead").add("TR")
        layout.header = [replace(cell, tag=self._tag(head.add("TH", attributes={"O": "Table", "Scope": "Column"}),
                                                     cell.styled)) for cell in layout.header]
        body = element.add("TBody")
        for index, row in enumerate(layout.rows):
            tr = body.add("TR")
            layout.rows[index] = [replace(cell, tag=self._tag(tr.add("TD"), cell.styled)) for cell in row]
        return PreparedTable(layout)

    def _tag(self, element: Element, styled: StyledText) -> ParagraphTag:
        """`element` owns the paragraph's text; citations become Reference (→ Link) children and runs
        in another language than the brief's a Span with their /Lang."""
        tag = ParagraphTag(element)
        for start, end, inline in styled.inlines:
            if isinstance(inline, Cite):
                child = element.add("Reference", inline=True)
                if inline.numbers[0] in self.linked:
                    child = child.add("Link", inline=True, contents=f"{self.sources_label} {inline.label}")
                tag.spans.append((start, end, child))
            elif isinstance(inline, Run) and base_language(inline.lang) != base_language(self.lang):
                tag.spans.append((start, end, element.add("Span", inline=True, lang=inline.lang)))
        return tag


_ROLES = {"title": "H1"}  # every other paragraph role is a P


def _keep_after(prepared: list[Prepared], start: int) -> float:
    """What a heading keeps on its page: the headings right after it, whole, and the start of the next block."""
    keep = 0.0
    for item in prepared[start:]:
        if isinstance(item, PreparedHeading):
            keep += item.full_height()
            continue
        return keep + item.start_height()
    return keep
