"""The format-neutral Brief: the one thing every writer sees.

Like pandoc's AST or Sphinx's doctree, this sits between assembly and the
writers. Writers walk sections and blocks; they never look at facts or
templates. Every string a writer prints is already localized here (labels,
dates, citation markers, digits), so writers stay free of language logic
apart from script direction and fonts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Provenance = Literal["curated", "machine", "missing", "fixed", "generated"]
"""Where a run's text comes from.

curated   -- text a person wrote for this language (facts corpus, reviewed cache)
machine   -- machine-translated; `translation` says from what and by which model
missing   -- no text in the brief's language: `text` is the source-language text
fixed     -- a localized label from the message catalogs (headings, captions)
generated -- formatted from data (numbers, dates, names from reference data)
"""

Direction = Literal["rtl", "ltr"]


# CLDR numbering systems a brief can print its numbers in: Western, Arabic-Indic (Arabic),
# Extended Arabic-Indic (Persian, Urdu).
Digits = Literal["latn", "arab", "arabext"]

class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # validators built on first use, not at import


class Translation(Node):
    """How a machine-translated run was produced, for reviewers."""

    engine: str
    model: str
    source_lang: str
    pivot: list[str] = Field(default_factory=list)
    numbers_ok: bool = True
    terms_ok: bool = True


class Run(Node):
    """A stretch of text in one language with one provenance."""

    type: Literal["run"] = "run"
    text: str
    lang: str
    provenance: Provenance = "fixed"
    facts: list[str] = Field(default_factory=list)
    bold: bool = False
    italic: bool = False
    translation: Translation | None = None
    wanted_lang: str | None = Field(
        default=None, description="for provenance 'missing': the language the text should have been in"
    )


class Cite(Node):
    """A citation marker pointing at numbered entries of the sources list."""

    type: Literal["cite"] = "cite"
    label: str = Field(description="the marker as printed, already localized, e.g. '[1, 3]' or '[١]'")
    numbers: list[int]


Inline = Annotated[Union[Run, Cite], Field(discriminator="type")]

ParagraphRole = Literal["body", "title", "subtitle", "dateline", "lead", "note", "conflict", "caption", "legend"]


class Paragraph(Node):
    type: Literal["paragraph"] = "paragraph"
    role: ParagraphRole = "body"
    inlines: list[Inline] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(i.text if isinstance(i, Run) else i.label for i in self.inlines)


class Heading(Node):
    type: Literal["heading"] = "heading"
    level: Literal[1, 2, 3]
    inlines: list[Inline]

    @property
    def text(self) -> str:
        return "".join(i.text if isinstance(i, Run) else i.label for i in self.inlines)


class BulletList(Node):
    type: Literal["bullets"] = "bullets"
    items: list[Paragraph]


class Cell(Node):
    content: Paragraph
    numeric: bool = False


class Table(Node):
    """A simple grid; the first column is the reading-start column."""

    type: Literal["table"] = "table"
    caption: Paragraph | None = None
    header: list[Cell]
    rows: list[list[Cell]]


class SourceEntry(Node):
    number: int
    label: str = Field(description="the localized citation number as printed in the list, e.g. '[1]'")
    content: Paragraph
    file: str


class SourceList(Node):
    type: Literal["sources"] = "sources"
    entries: list[SourceEntry]


Block = Annotated[Union[Paragraph, Heading, BulletList, Table, SourceList], Field(discriminator="type")]


class Section(Node):
    id: str
    heading: Heading | None = None
    blocks: list[Block] = Field(default_factory=list)


class Metadata(Node):
    """Document-level facts a writer needs for chrome (title, header, footer)."""

    id: str = Field(description="stable brief id, e.g. 'country-KZ-ar'; also the output file stem")
    kind: Literal["country", "theme"]
    subject: str
    subject_name: str
    title: str
    lang: str
    direction: Direction
    date: dt.date
    date_text: str
    digits: Digits = "latn"
    creator: str
    labels: dict[str, str] = Field(
        default_factory=dict,
        description="localized chrome strings: 'page' ('{page} / {pages}'), 'draft', 'machine', 'missing', 'sources'",
    )


class Brief(Node):
    meta: Metadata
    sections: list[Section]

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            if section.heading is not None:
                yield section.heading
            yield from section.blocks

    def runs(self) -> Iterator[Run]:
        for paragraph in iter_paragraphs(self):
            for inline in paragraph.inlines:
                if isinstance(inline, Run):
                    yield inline


def iter_paragraphs(brief: Brief) -> Iterator[Paragraph | Heading]:
    """Every paragraph-like node in reading order (cells row by row, first column first)."""
    for block in brief.blocks():
        if isinstance(block, (Paragraph, Heading)):
            yield block
        elif isinstance(block, BulletList):
            yield from block.items
        elif isinstance(block, Table):
            if block.caption is not None:
                yield block.caption
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield cell.content
        elif isinstance(block, SourceList):
            for entry in block.entries:
                yield entry.content
