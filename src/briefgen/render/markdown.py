"""The Brief as Markdown, so a person can read a brief before any PDF exists.

Provenance stays visible: machine-translated runs end with †, runs still in
the source language are wrapped as ⟨lang: text⟩.
"""

from __future__ import annotations

from ..brief import Brief, BulletList, Cite, Heading, Paragraph, Run, SourceList, Table
from .visitor import UnknownBlockError


def brief_markdown(brief: Brief) -> str:
    out: list[str] = []
    for section in brief.sections:
        if section.heading is not None:
            out.append(f"# {_inline(section.heading)}")
        for block in section.blocks:
            out.append(_block(block))
    return "\n\n".join(part for part in out if part) + "\n"


def _block(block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_inline(block)}"
    if isinstance(block, Paragraph):
        prefix = {"title": "**", "note": "> ", "conflict": "> ⚠ "}.get(block.role, "")
        suffix = "**" if block.role == "title" else ""
        return f"{prefix}{_inline(block)}{suffix}"
    if isinstance(block, BulletList):
        return "\n".join(f"- {_inline(item)}" for item in block.items)
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        lines = ["| " + " | ".join(_inline(c.content).replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---:" if c.numeric else "---" for c in block.rows[0] if block.rows) + "|"
                     if block.rows else "|" + "---|" * len(block.header))
        return "\n".join(lines)
    if isinstance(block, SourceList):
        return "\n".join(f"{entry.label} {_inline(entry.content)}" for entry in block.entries)
    raise UnknownBlockError(f"the Markdown writer has no rule for a {type(block).__name__} block")


def _inline(paragraph) -> str:
    """Inline Markdown; neighbouring runs with the same emphasis share one pair of markers."""
    parts: list[str] = []
    style: tuple[bool, bool] = (False, False)
    for item in paragraph.inlines:
        text, item_style = (item.label, (False, False)) if isinstance(item, Cite) else (_run(item), (item.bold, item.italic))
        if item_style != style:
            parts.append(_markers(style, close=True) + _markers(item_style, close=False))
            style = item_style
        parts.append(text)
    parts.append(_markers(style, close=True))
    return "".join(parts)


def _markers(style: tuple[bool, bool], close: bool) -> str:
    bold, italic = style
    markers = ("**" if bold else "") + ("*" if italic else "")
    return markers[::-1] if close else markers


def _run(run: Run) -> str:
    if run.provenance == "missing":
        return f"⟨{run.lang}: {run.text}⟩"
    if run.provenance == "machine":
        return f"{run.text}†"
    return run.text
