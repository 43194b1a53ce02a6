"""Line breaking on logical text, then bidi reordering and shaping per line.

Words are measured by shaping them, lines are filled greedily at spaces,
and only then is each line reordered for display (bidiorder) and cut into
pieces: stretches of one font, one style and one direction, shaped by
HarfBuzz in that direction, placed left to right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .bidiorder import visual_order
from .glyphfont import PdfFont
from .inline import StyledText, TextStyle
from .shaping import Glyph, shape, width

_WORD = re.compile(r"[^ ]+")
_TOLERANCE = 0.01


@dataclass
class Piece:
    start: int  # logical character range in the paragraph text
    end: int
    context: int  # where the shaped word starts: glyph clusters count from here
    font: PdfFont
    style: TextStyle
    rtl: bool
    glyphs: tuple[Glyph, ...]  # left to right
    width: float  # points
    space: bool
    x: float = 0.0  # left edge, from the line's left edge


@dataclass
class Line:
    start: int
    end: int
    pieces: list[Piece]  # left to right
    width: float

    @property
    def extent(self) -> tuple[float, float]:
        """Left and right edge of the inked line, relative to the line box."""
        return self.pieces[0].x, self.pieces[-1].x + self.pieces[-1].width


def _directions(text: str, start: int, end: int, rtl_base: bool) -> list[bool]:
    """A cheap per-character direction guess for measuring: strong characters, neutrals follow."""
    current = rtl_base
    result = []
    for char in text[start:end]:
        bidi_class = unicodedata.bidirectional(char)
        if bidi_class in ("R", "AL"):
            current = True
        elif bidi_class == "L":
            current = False
        result.append(current)
    return result


def measure(styled: StyledText, start: int, end: int, rtl_base: bool) -> float:
    """Width in points of styled.text[start:end], a word or part of one."""
    word = styled.text[start:end]
    directions = _directions(styled.text, start, end, rtl_base)
    total = 0.0
    run_start = 0
    for i in range(1, len(word) + 1):
        at, before = start + i, start + i - 1
        if i == len(word) or (styled.fonts[at], styled.styles[at], directions[i]) != (
                styled.fonts[before], styled.styles[before], directions[i - 1]):
            style = styled.styles[before]
            total += width(shape(word, run_start, i, styled.fonts[before], directions[i - 1], style.lang)) * style.size
            run_start = i
    return total


def longest_word(styled: StyledText, rtl_base: bool) -> float:
    """Width in points of the widest word: the narrowest a column holding this text can get."""
    return max((measure(styled, m.start(), m.end(), rtl_base) for m in _WORD.finditer(styled.text)), default=0.0)


def break_lines(styled: StyledText, available: Callable[[int], float], rtl_base: bool) -> list[tuple[int, int]]:
    """Logical (start, end) of each line, filled greedily; a word too long for a line is cut."""
    words = [[m.start(), m.end()] for m in _WORD.finditer(styled.text)]
    lines: list[tuple[int, int]] = []
    line_start = line_end = None
    used = 0.0
    index = 0
    while index < len(words):
        start, end = words[index]
        word_width = measure(styled, start, end, rtl_base)
        room = available(len(lines))
        if line_start is None:
            if word_width > room + _TOLERANCE:
                cut = _cut(styled, start, end, room, rtl_base)
                words[index:index + 1] = [[start, cut], [cut, end]]
                continue
            line_start, line_end, used = start, end, word_width
        else:
            gap = measure(styled, line_end, start, rtl_base)
            if used + gap + word_width <= room + _TOLERANCE:
                line_end, used = end, used + gap + word_width
            else:
                lines.append((line_start, line_end))
                line_start = None
                continue
        index += 1
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines


def _cut(styled: StyledText, start: int, end: int, room: float, rtl_base: bool) -> int:
    """The longest prefix of an over-long word that fits, never splitting a mark from its base."""
    cut = start + 1
    for i in range(start + 1, end):
        if unicodedata.combining(styled.text[i]):
            continue
        if measure(styled, start, i, rtl_base) > room:
            break
        cut = i
    return cut


def layout_line(styled: StyledText, start: int, end: int, rtl_base: bool) -> Line:
    """Reorder text[start:end] for display and shape it into pieces placed left to right."""
    text = styled.text
    order = visual_order(text[start:end], rtl_base)
    groups: list[list[int]] = []
    for k, offset in enumerate(order.indices):
        i = start + offset
        rtl = order.rtl[offset]
        if groups:
            group = groups[-1]
            last = group[-1]
            if (text[i] == " ") == (text[last] == " ") and styled.fonts[i] is styled.fonts[last] \
                    and styled.styles[i] == styled.styles[last] and order.rtl[last - start] == rtl \
                    and i == last + (-1 if rtl else 1):
                group.append(i)
                continue
        groups.append([i])
    pieces = [_piece(styled, min(group), max(group) + 1, order.rtl[group[0] - start]) for group in groups]
    return Line(start, end, pieces, sum(piece.width for piece in pieces))


def _piece(styled: StyledText, start: int, end: int, rtl: bool) -> Piece:
    text = styled.text
    space = text[start] == " "
    context, context_end = start, end
    if not space:
        while context > 0 and text[context - 1] != " ":
            context -= 1
        while context_end < len(text) and text[context_end] != " ":
            context_end += 1
    style, font = styled.styles[start], styled.fonts[start]
    glyphs = shape(text[context:context_end], start - context, end - context, font, rtl, style.lang)
    return Piece(start, end, context, font, style, rtl, glyphs, width(glyphs) * style.size, space)


def align_line(line: Line, available: float, align: str, rtl_base: bool, last: bool) -> None:
    """Set each piece's x for the alignment; justified lines stretch their spaces."""
    extra = 0.0
    spaces = [piece for piece in line.pieces if piece.space]
    slack = available - line.width
    if align == "justify" and not last and spaces and slack > 0:
        extra = slack / len(spaces)
        if extra > 2.0 * line.pieces[0].style.size:  # too loose to justify: leave it ragged
            extra = 0.0
    natural = line.width + extra * len(spaces)
    start_side = "start" if align == "justify" else align
    if start_side == "center":
        x = (available - natural) / 2
    elif (start_side == "start") == rtl_base:
        x = available - natural
    else:
        x = 0.0
    for piece in line.pieces:
        piece.x = x
        x += piece.width + (extra if piece.space else 0.0)
