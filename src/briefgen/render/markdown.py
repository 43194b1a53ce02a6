"""The Brief as Markdown, so a person can read a brief before any PDF exists.

Provenance stays visible: machine-translated runs end with †, runs still in
the source language are wrapped as ⟨lang: text⟩.

Every run is text, never markup: a fact reading "# Heading", "| a | b |" or
"*note*" comes out backslash-escaped, so any CommonMark reader shows it as
typed. Only the writer's own markers (#, **, >, -, |) are Markdown.
"""

from __future__ import annotations

import re

from ..brief import Brief, BulletList, Cite, Heading, Paragraph, Run, SourceList, Table
from .visitor import UnknownBlockError


def brief_markdown(brief: Brief) -> str:
    out: list[str] = []
    for section in brief.sections:
        if section.heading is not None:
            out.append(f"# {_heading(section.heading)}")
        for block in section.blocks:
            out.append(_block(block))
    return "\n\n".join(part for part in out if part) + "\n"


def _block(block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {_heading(block)}"
    if isinstance(block, Paragraph):
        prefix = {"title": "**", "note": "> ", "conflict": "> ⚠ "}.get(block.role, "")
        suffix = "**" if block.role == "title" else ""
        return f"{prefix}{_inline(block)}{suffix}"
    if isinstance(block, BulletList):
        return "\n".join(f"- {_inline(item)}" for item in block.items)
    if isinstance(block, Table):
        rows = [block.header, *block.rows]
        lines = ["| " + " | ".join(_inline(c.content, in_cell=True) for c in row) + " |" for row in rows]
        lines.insert(1, "|" + "|".join("---:" if c.numeric else "---" for c in block.rows[0] if block.rows) + "|"
                     if block.rows else "|" + "---|" * len(block.header))
        return "\n".join(lines)
    if isinstance(block, SourceList):
        return "\n".join(f"{entry.label} {_inline(entry.content)}" for entry in block.entries)
    raise UnknownBlockError(f"the Markdown writer has no rule for a {type(block).__name__} block")


def _inline(paragraph, in_cell: bool = False) -> str:
    """Inline Markdown; neighbouring runs with the same emphasis share one pair of markers."""
    parts: list[str] = []
    style: tuple[bool, bool] = (False, False)
    cite_at = -1  # where the last citation label went: it is escaped only if what follows makes it a link
    for item in paragraph.inlines:
        raw, item_style = (item.label, (False, False)) if isinstance(item, Cite) else (_run(item), (item.bold, item.italic))
        if item_style != style:
            parts.append(_markers(style, close=True) + _markers(item_style, close=False))
            style = item_style
        text = escape(raw, line_start=not "".join(parts).strip(), in_cell=in_cell)
        if cite_at >= 0 and text[:1] in ("(", ":") and cite_at == len(parts) - 1:
            parts[cite_at] = escape(parts[cite_at])
        if isinstance(item, Cite):
            cite_at, text = len(parts), raw
        parts.append(text)
    parts.append(_markers(style, close=True))
    return "".join(parts)


# Characters that are markup anywhere in a line, and what opens a block at the start of one.
# '[' alone already stops links, images and references; '_' inside a word (file_name) is never emphasis.
_INLINE = re.compile(r"[\\`*\[<|~]|&(?=#?\w+;)|_+")
_BLOCK_START = re.compile(r"^([ \t]*)(?:([#>+=-])|(\d{1,9})([.)]))")


def escape(text: str, line_start: bool = True, in_cell: bool = False) -> str:
    """`text` as CommonMark that reads back as exactly `text`: inline markup backslash-escaped,
    and whatever would open a block (heading, list, quote, setext rule) at the start of a line too.
    In a table cell a line break would end the row, so it becomes a space."""
    text = _INLINE.sub(_escaped, text)
    if in_cell:
        return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    lines = text.split("\n")
    return "\n".join(_escape_block_start(line) if line_start or n else line for n, line in enumerate(lines))


def _escaped(match: re.Match) -> str:
    found, text = match.group(0), match.string
    if found[0] == "_" and text[match.start() - 1:match.start()].isalnum() and text[match.end():match.end() + 1].isalnum():
        return found
    return "".join("\\" + char for char in found)


def _escape_block_start(line: str) -> str:
    match = _BLOCK_START.match(line)
    if match is None:
        return line.lstrip(" \t")  # four spaces would start a code block; Markdown drops leading blanks anyway
    indent, marker, number, delimiter = match.groups()
    if marker:
        return "\\" + line[len(indent):]
    return number + "\\" + line[len(indent) + len(number):]


def _heading(heading: Heading) -> str:
    """A heading's text, its line breaks as spaces and a trailing '#' kept (it would close the heading)."""
    return re.sub(r"(?<!\\)(#+)(\s*)$", r"\\\1\2", _inline(heading, in_cell=True))


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
