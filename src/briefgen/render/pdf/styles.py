"""The house style (briefgen.style) resolved for the PDF writer: points and RGB.

Nothing visual is decided here: page size, margins, sizes, spacing and
colours come from the style sheet the DOCX writer reads too. This module
only turns the sheet's units (millimetres, factors of the body size, ems,
#RRGGBB) into what ReportLab draws with.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from ...style import Style, house_style, rgb

Color = tuple[float, float, float]


@dataclass(frozen=True)
class ParagraphStyle:
    size: float
    leading: float
    bold: bool = False
    italic: bool = False
    color: Color = (0.1, 0.1, 0.1)
    align: str = "justify"  # start | end | center | justify
    space_before: float = 0.0
    space_after: float = 0.0
    cite_color: Color = (0.0, 0.0, 0.5)  # citation labels inside this paragraph
    cite_size: float = 0.78  # their size, a factor of the paragraph's
    flag_color: Color = (0.7, 0.2, 0.2)  # machine-translation markers inside this paragraph


@dataclass(frozen=True)
class Geometry:
    """The page and the text block on it, in points."""

    page_width: float
    page_height: float
    margin_side: float
    margin_top: float
    margin_bottom: float
    header_baseline: float
    footer_baseline: float

    @property
    def content_width(self) -> float:
        return self.page_width - 2 * self.margin_side

    @property
    def content_top(self) -> float:
        return self.page_height - self.margin_top

    @property
    def content_bottom(self) -> float:
        return self.margin_bottom


@dataclass(frozen=True)
class Typography:
    """All styles of one brief, derived from the style sheet and its script's body size and leading."""

    style: Style
    geometry: Geometry
    body: ParagraphStyle
    roles: dict[str, ParagraphStyle]
    headings: dict[int, ParagraphStyle]
    chrome: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    source: ParagraphStyle
    list: ParagraphStyle
    colors: dict[str, Color]
    header_fill: Color
    zebra_fill: Color | None
    table_rule: Color
    cell_pad_x: float
    cell_pad_y: float
    bullet_indent: float
    boxes: dict[str, tuple[Color | None, Color]]  # role → (fill, bar)


def geometry(style: Style) -> Geometry:
    width, height = (side * mm for side in style.page.size_mm)
    margins = style.page.margins_mm
    return Geometry(page_width=width, page_height=height, margin_side=margins.side * mm,
                    margin_top=margins.top * mm, margin_bottom=margins.bottom * mm,
                    header_baseline=height - style.page.header_mm * mm, footer_baseline=style.page.footer_mm * mm)


def typography(rtl: bool, style: Style | None = None) -> Typography:
    style = style or house_style()
    body_spec = style.body_for(rtl)
    size, ratio = body_spec.size_pt, body_spec.leading
    colors = {name: rgb(value) for name, value in style.colors.items()}

    def role(name: str) -> ParagraphStyle:
        spec = style.role(name)
        role_size = size * spec.size
        return ParagraphStyle(
            size=role_size, leading=role_size * ratio, bold=spec.bold, italic=spec.italic,
            color=rgb(style.color(spec.color)), align=spec.align or body_spec.align,
            space_before=size * spec.before, space_after=size * spec.after,
            cite_color=rgb(style.color(style.role("citation").color)), cite_size=style.role("citation").size,
            flag_color=colors["flag"],
        )

    names = ("title", "subtitle", "dateline", "body", "lead", "note", "conflict", "caption", "legend")
    roles = {name: role(name) for name in names}
    table = role("table")
    callouts = style.callouts
    return Typography(
        style=style, geometry=geometry(style), body=roles["body"], roles=roles,
        headings={level: role(f"h{level}") for level in (1, 2, 3)},
        chrome=role("chrome"), cell=table,
        cell_header=ParagraphStyle(**{**table.__dict__, "bold": True, "color": colors["accent"]}),
        source=role("source"), list=role("list"), colors=colors,
        header_fill=rgb(style.table.header_fill),
        zebra_fill=rgb(style.table.zebra_fill) if style.table.zebra_fill else None,
        table_rule=rgb(style.table.rule),
        cell_pad_x=style.table.cell_pad_pt.x, cell_pad_y=style.table.cell_pad_pt.y,
        bullet_indent=style.list.indent_pt,
        boxes={name: (rgb(box.fill) if box.fill else None, rgb(box.bar))
               for name, box in (("conflict", callouts.conflict), ("note", callouts.note))},
    )
