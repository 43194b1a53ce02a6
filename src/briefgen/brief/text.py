"""Plain-text views of a Brief, shared by writers and their tests.

`reading_lines` is the contract for text fidelity: a writer's output, when
its text is extracted in logical order, must contain these lines in order.
"""

from __future__ import annotations

from .model import Brief, BulletList, Heading, Paragraph, SourceList, Table

from ..lang import localize_digits  # noqa: F401 - re-exported: writers and assembly import it from here


def reading_lines(brief: Brief) -> list[str]:
    """Every line of body text in reading order: headings, paragraphs, list items, cells, sources."""
    lines: list[str] = []
    for block in brief.blocks():
        if isinstance(block, (Paragraph, Heading)):
            lines.append(block.text)
        elif isinstance(block, BulletList):
            lines.extend(item.text for item in block.items)
        elif isinstance(block, Table):
            if block.caption is not None:
                lines.append(block.caption.text)
            for row in [block.header, *block.rows]:
                lines.extend(cell.content.text for cell in row)
        elif isinstance(block, SourceList):
            lines.extend(f"{entry.label} {entry.content.text}" for entry in block.entries)
    return [line for line in lines if line]
