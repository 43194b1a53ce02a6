"""Markdown from a rendered section template → Brief blocks.

Templates are Markdown so a policy officer can read and edit them, but data
never passes through the Markdown parser: template helpers put each piece
of content (a fact's text with its citation, a formatted figure, a name) in
a side table and leave a token ⟦n⟧ in the Markdown. The parser sees only the
officer's own words and structure; tokens are swapped back for typed runs
afterwards, so a '<', '*' or '|' inside a fact stays literal text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..brief import Block, BulletList, Cell, Heading, Inline, Paragraph, Run, Section, Table
from ..errors import BriefgenError

TOKEN = re.compile(r"⟦(\d+)⟧")


@dataclass
class Role:
    """Marks the paragraph it opens with a role (title, conflict, ...)."""

    name: str


@dataclass
class Numeric:
    """Inlines that make their table cell a numeric (end-aligned) cell."""

    inlines: list[Inline]


Entry = Union[list, Role, Numeric, Block]


@dataclass
class SideTable:
    """Content the template placed by token."""

    entries: list[Entry] = field(default_factory=list)

    def put(self, entry: Entry) -> str:
        self.entries.append(entry)
        return f"⟦{len(self.entries) - 1}⟧"


_PARSER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def to_section(section_id: str, markdown: str, table: SideTable, lang: str) -> Section:
    converter = _Converter(table, lang, section_id)
    return converter.convert(_PARSER.parse(markdown))


class _Converter:
    def __init__(self, table: SideTable, lang: str, section_id: str) -> None:
        self.table = table
        self.lang = lang
        self.section_id = section_id

    def convert(self, tokens: list[Token]) -> Section:
        section = Section(id=self.section_id)
        blocks: list[Block] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                heading = Heading(level=min(int(token.tag[1]), 3), inlines=self.inlines(tokens[i + 1])[0])
                if token.tag == "h1" and section.heading is None and not blocks:
                    section.heading = heading
                else:
                    blocks.append(heading.model_copy(update={"level": max(heading.level, 2)}))
                i += 3
            elif token.type == "paragraph_open":
                blocks.append(self.paragraph(tokens[i + 1], role="body"))
                i += 3
            elif token.type == "bullet_list_open":
                end = self._close(tokens, i)
                items = [self.paragraph(t) for t in tokens[i:end] if t.type == "inline"]
                blocks.append(BulletList(items=items))
                i = end + 1
            elif token.type == "blockquote_open":
                end = self._close(tokens, i)
                blocks.extend(self.paragraph(t, role="note") for t in tokens[i:end] if t.type == "inline")
                i = end + 1
            elif token.type == "table_open":
                end = self._close(tokens, i)
                blocks.append(self.grid(tokens[i:end]))
                i = end + 1
            elif token.type == "hr":
                i += 1
            else:
                raise BriefgenError(f"template section {self.section_id!r}: unsupported Markdown ({token.type})")
        section.blocks = [b for b in blocks if not (isinstance(b, Paragraph) and not b.inlines)]
        return section

    @staticmethod
    def _close(tokens: list[Token], start: int) -> int:
        depth = 0
        for j in range(start, len(tokens)):
            depth += tokens[j].nesting
            if depth == 0:
                return j
        raise BriefgenError("unbalanced Markdown")

    def paragraph(self, inline: Token, role: str = "body") -> Block:
        inlines, marks = self.inlines(inline)
        blocks = [m for m in marks if not isinstance(m, (Role, Numeric))]
        if blocks:
            if inlines:
                raise BriefgenError(f"template section {self.section_id!r}: a block token must stand alone in its paragraph")
            return blocks[0]
        roles = [m.name for m in marks if isinstance(m, Role)]
        return Paragraph(role=roles[0] if roles else role, inlines=inlines)

    def grid(self, tokens: list[Token]) -> Table:
        rows: list[list[Cell]] = []
        header_rows = 0
        for token in tokens:
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                inlines, marks = self.inlines(token)
                numeric = any(isinstance(m, Numeric) for m in marks)
                rows[-1].append(Cell(content=Paragraph(inlines=inlines), numeric=numeric))
            elif token.type == "thead_close":
                header_rows = len(rows)
        if header_rows != 1:
            raise BriefgenError(f"template section {self.section_id!r}: a table needs exactly one header row")
        return Table(header=rows[0], rows=rows[1:])

    def inlines(self, inline: Token) -> tuple[list[Inline], list[Entry]]:
        result: list[Inline] = []
        marks: list[Entry] = []
        bold = italic = False
        for child in inline.children or []:
            if child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type == "em_open":
                italic = True
            elif child.type == "em_close":
                italic = False
            elif child.type in ("softbreak", "hardbreak"):
                self._text(" ", result, marks, bold, italic)
            elif child.type in ("text", "code_inline"):
                self._text(child.content, result, marks, bold, italic)
            else:
                raise BriefgenError(f"template section {self.section_id!r}: unsupported inline Markdown ({child.type})")
        return _trim(result), marks

    def _text(self, text: str, out: list[Inline], marks: list[Entry], bold: bool, italic: bool) -> None:
        position = 0
        for match in TOKEN.finditer(text):
            self._fixed(text[position:match.start()], out, bold, italic)
            entry = self.table.entries[int(match.group(1))]
            if isinstance(entry, list):
                out.extend(_styled(entry, bold, italic))
            elif isinstance(entry, Numeric):
                out.extend(_styled(entry.inlines, bold, italic))
                marks.append(entry)
            else:
                marks.append(entry)
            position = match.end()
        self._fixed(text[position:], out, bold, italic)

    def _fixed(self, text: str, out: list[Inline], bold: bool, italic: bool) -> None:
        if text:
            out.append(Run(text=text, lang=self.lang, provenance="fixed", bold=bold, italic=italic))


def _styled(inlines: list[Inline], bold: bool, italic: bool) -> list[Inline]:
    if not (bold or italic):
        return list(inlines)
    return [i.model_copy(update={"bold": bold or i.bold, "italic": italic or i.italic}) if isinstance(i, Run) else i
            for i in inlines]


def _trim(inlines: list[Inline]) -> list[Inline]:
    """Drop whitespace-only fixed runs at the edges (left by template layout)."""
    while inlines and isinstance(inlines[0], Run) and inlines[0].provenance == "fixed" and not inlines[0].text.strip():
        inlines.pop(0)
    while inlines and isinstance(inlines[-1], Run) and inlines[-1].provenance == "fixed" and not inlines[-1].text.strip():
        inlines.pop()
    return inlines
