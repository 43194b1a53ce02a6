"""Page geometry and the look of each paragraph role.

Sizes are set per script rather than per font: Amiri's Naskh has a small
x-height and deep descenders, so Arabic briefs get a larger body size and
more leading than English or Russian ones to read at the same weight.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

Color = tuple[float, float, float]

INK: Color = (0.10, 0.10, 0.10)
MUTED: Color = (0.36, 0.36, 0.38)
ACCENT: Color = (0.12, 0.23, 0.37)
CITE: Color = (0.12, 0.37, 0.55)
FLAG: Color = (0.69, 0.23, 0.18)
RULE: Color = (0.72, 0.74, 0.78)
HEADER_FILL: Color = (0.91, 0.93, 0.96)
ZEBRA_FILL: Color = (0.97, 0.975, 0.985)
CONFLICT_FILL: Color = (1.0, 0.965, 0.90)
CONFLICT_BAR: Color = (0.85, 0.58, 0.17)
NOTE_BAR: Color = (0.62, 0.66, 0.72)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_SIDE = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
HEADER_BASELINE = PAGE_HEIGHT - 13 * mm
FOOTER_BASELINE = 11 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
CONTENT_TOP = PAGE_HEIGHT - MARGIN_TOP
CONTENT_BOTTOM = MARGIN_BOTTOM

CELL_PAD_X = 8.0
CELL_PAD_Y = 3.5
BULLET_INDENT = 14.0


@dataclass(frozen=True)
class ParagraphStyle:
    size: float
    leading: float
    bold: bool = False
    italic: bool = False
    color: Color = INK
    align: str = "justify"  # start | end | center | justify
    space_before: float = 0.0
    space_after: float = 0.0


@dataclass(frozen=True)
class Typography:
    """All styles of one brief, derived from its script's body size and leading."""

    body: ParagraphStyle
    roles: dict[str, ParagraphStyle]
    headings: dict[int, ParagraphStyle]
    chrome: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    source: ParagraphStyle


def typography(rtl: bool) -> Typography:
    size, ratio = (12.5, 1.62) if rtl else (10.0, 1.45)
    # Arabic is set justified, as Arabic print is; Latin and Cyrillic, without
    # hyphenation, justify into loose lines, so they are set ragged.
    text_align = "justify" if rtl else "start"

    def scaled(factor: float, **kwargs) -> ParagraphStyle:
        kwargs.setdefault("align", text_align)
        return ParagraphStyle(size=size * factor, leading=size * factor * ratio, **kwargs)

    body = scaled(1.0, space_after=size * 0.55)
    roles = {
        "body": body,
        "lead": replace(scaled(1.1, space_after=size * 0.7)),
        "title": scaled(2.0, bold=True, color=ACCENT, align="start", space_after=size * 0.2),
        "subtitle": scaled(1.3, color=MUTED, align="start", space_after=size * 0.2),
        "dateline": scaled(0.95, color=MUTED, align="start", space_after=size * 1.2),
        "note": scaled(0.9, italic=True, color=MUTED, space_after=size * 0.55),
        "conflict": scaled(0.95, space_after=size * 0.8),
        "caption": scaled(0.9, bold=True, color=ACCENT, align="start", space_before=size * 0.3,
                          space_after=size * 0.35),
        "legend": scaled(0.8, color=MUTED, align="start"),
    }
    headings = {
        1: scaled(1.35, bold=True, color=ACCENT, align="start", space_before=size * 1.1, space_after=size * 0.45),
        2: scaled(1.15, bold=True, color=ACCENT, align="start", space_before=size * 0.8, space_after=size * 0.3),
        3: scaled(1.0, bold=True, color=INK, align="start", space_before=size * 0.6, space_after=size * 0.2),
    }
    cell = replace(scaled(0.92), align="start")
    return Typography(
        body=body, roles=roles, headings=headings,
        chrome=scaled(0.78, color=MUTED, align="start"),
        cell=cell, cell_header=replace(cell, bold=True, color=ACCENT),
        source=scaled(0.88, align="start", space_after=size * 0.3),
    )
