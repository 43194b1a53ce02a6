"""The format-neutral Brief model and its plain-text views."""

from .model import (
    Block,
    Brief,
    BulletList,
    Cell,
    Cite,
    Digits,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Run,
    Section,
    SourceEntry,
    SourceList,
    Table,
    Translation,
    iter_paragraphs,
)
from .text import localize_digits, reading_lines

__all__ = [
    "Block", "Brief", "BulletList", "Cell", "Cite", "Digits", "Heading", "Inline", "Metadata", "Paragraph", "Run",
    "Section", "SourceEntry", "SourceList", "Table", "Translation", "iter_paragraphs", "localize_digits",
    "reading_lines",
]
