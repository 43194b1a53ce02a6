"""The page flow: a cursor down the text block of the current page, and the book rules of breaking.

It owns the pages and everything on them outside the text blocks' content:
when the body is flowed, `finish` adds the running header, marking, footer
and legend (chrome.py) to every page. Blocks (flow.py) and tables
(tables.py) ask it for room and hand it set paragraphs; it decides where
pages break:

- a paragraph leaves no single line alone at a page foot (orphan) or head (widow);
- a part that must stay with what follows (`keep_with_next`: a heading with the first
  lines of its section, a caption with a table's header and first row) moves to the
  next page rather than end one;
- a kept-together part (a conflict box) moves whole to the next page, and is split
  only when it is longer than a page.
"""

from __future__ import annotations

from dataclasses import replace

from ...brief import Brief
from .pages import Page, PlacedLine
from .styles import Geometry, Typography
from .typeset import SetParagraph, Typesetter

Part = tuple[Page, float, float]  # (page, top, bottom) of what was placed on one page


class PageFlow:
    def __init__(self, typo: Typography, setter: Typesetter, bottom: float | None = None) -> None:
        self.typo = typo
        self.geo: Geometry = typo.geometry
        self.setter = setter
        self.rtl = setter.rtl
        self.bottom = self.geo.content_bottom if bottom is None else bottom
        self.pages: list[Page] = []
        self.paragraphs = 0
        self.new_page()

    # -- the cursor -------------------------------------------------------

    def new_page(self) -> None:
        self.page = Page()
        self.pages.append(self.page)
        self.y = self.geo.content_top
        self.at_top = True

    def room(self) -> float:
        return self.y - self.bottom

    @property
    def page_room(self) -> float:
        """The height of an empty page's text block."""
        return self.geo.content_top - self.bottom

    def space(self, amount: float) -> None:
        """Vertical space between blocks; none at the top of a page."""
        if not self.at_top:
            self.y -= amount

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` fits below the cursor (or the page is still empty)."""
        if height > self.room() and not self.at_top:
            self.new_page()

    def advance(self, height: float) -> None:
        self.y -= height
        self.at_top = False

    # -- placing ----------------------------------------------------------

    def place(self, para: SetParagraph, x: float, top: float, page: Page | None = None,
              tagged: bool = True) -> list[PlacedLine]:
        """Put lines on a page (the current one by default) from `top` down, without page breaking;
        untagged (a repeated table header) they are drawn as artifacts."""
        page = page or self.page
        self.paragraphs += 1
        placed = []
        for index, (line, offset) in enumerate(para.lines):
            baseline = self.setter.baseline(top - index * para.style.leading, para.style)
            placed.append(PlacedLine(para.styled, line, x + offset, baseline, self.paragraphs, para.rtl,
                                     para.tag if tagged else None))
        page.lines.extend(placed)
        page.markers |= para.styled.markers
        return placed

    def place_at(self, page: Page, para: SetParagraph, x: float, baseline: float) -> None:
        """Put a set paragraph on `page` with its first baseline at `baseline` (page chrome)."""
        self.place(para, x, self.setter.top_for(baseline, para.style), page)

    def flow_paragraph(self, para: SetParagraph, x: float | None = None, keep_together: bool = False,
                       keep_with_next: float = 0.0) -> list[Part]:
        """Place a set paragraph, breaking pages by the rules above; returns each part's (page, top, bottom)."""
        style = para.style
        x = self.geo.margin_side if x is None else x
        self.space(style.space_before)
        lines = para
        parts: list[Part] = []
        while lines.lines:
            count = len(lines.lines)
            fit = self._fit(count, style.leading, keep_together)
            if fit >= count and keep_with_next and not self.at_top \
                    and self.room() < count * style.leading + style.space_after + keep_with_next:
                fit = 0
            if fit <= 0:
                if self.at_top:
                    fit = max(1, fit)
                else:
                    self.new_page()
                    continue
            chunk = lines.head(fit)
            top = self.y
            self.place(chunk, x, top)
            self.advance(chunk.height)
            parts.append((self.page, top, self.y))
            lines = replace(lines, lines=lines.lines[fit:])
            if lines.lines:
                self.new_page()
        self.y -= style.space_after
        return parts

    def _fit(self, count: int, leading: float, keep_together: bool) -> int:
        """How many of `count` lines to put on this page."""
        fit = int((self.room() + 0.01) // leading)
        if fit >= count:
            return count
        if keep_together:
            # Whole on the next page; split only what is longer than a page.
            return fit if self.at_top or count * leading > self.page_room else 0
        if count - fit == 1:
            fit -= 1  # no widow: never a paragraph's last line alone at the head of a page
        if fit < 2 and not self.at_top:
            fit = 0  # no orphan: never its first line alone at the foot of one
        return fit

    # -- chrome -----------------------------------------------------------

    def finish(self, brief: Brief) -> list[Page]:
        """Add header, marking, footer and legend to every page, now that the page count is known."""
        from .chrome import add_chrome

        add_chrome(self, brief, self.typo)
        return self.pages
