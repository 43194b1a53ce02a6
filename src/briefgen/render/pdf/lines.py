"""Line breaking on logical text, then bidi reordering and shaping per line.

Words are measured by shaping them, lines are filled greedily at spaces,
and only then is each line reordered for display (bidiorder) and cut into
pieces: stretches of one font, one style and one direction, shaped by
HarfBuzz in that direction, placed left to right.
"""

from __future__ import annotations

import re
import unicodedata

import icu
from dataclasses import dataclass
from typing import Callable

from ..bidi import BIDI_CONTROLS, ParagraphBidi
from .glyphfont import PdfFont
from .inline import StyledText, TextStyle
from .shaping import Glyph, shape, shape_stretched, shaped_width, width

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
    word: str = ""  # the whole word the piece was shaped in (its context)


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


def _runs(styled: StyledText, start: int, end: int, rtl_base: bool, resolved: list[bool] | None = None):
    """Stretches of text[start:end] with one font, one style and one direction: the paragraph's
    resolved one (`resolved`, per character) when known, else a guess from strong characters."""
    directions = resolved[start:end] if resolved is not None else _directions(styled.text, start, end, rtl_base)
    fonts, styles = styled.fonts, styled.styles
    run_start = start
    for at in range(start + 1, end):
        before = at - 1
        if fonts[at] is not fonts[before] or directions[at - start] != directions[before - start] \
                or (styles[at] is not styles[before] and styles[at] != styles[before]):
            yield run_start, at, directions[before - start]
            run_start = at
    if run_start < end:
        yield run_start, end, directions[end - 1 - start]


def measure(styled: StyledText, start: int, end: int, rtl_base: bool, resolved: list[bool] | None = None) -> float:
    """Width in points of styled.text[start:end], a word or part of one."""
    word = styled.text[start:end]
    total = 0.0
    for run_start, run_end, rtl in _runs(styled, start, end, rtl_base, resolved):
        style = styled.styles[run_start]
        total += shaped_width(word, run_start - start, run_end - start, styled.fonts[run_start], rtl, style.lang) \
            * style.size
    return total


def advances(styled: StyledText, start: int, end: int, rtl_base: bool,
             resolved: list[bool] | None = None) -> list[float]:
    """Width in points each character of text[start:end] adds, from one shaping of the stretch:
    a cluster's advance goes to its first character (marks and ligature parts add nothing)."""
    word = styled.text[start:end]
    result = [0.0] * (end - start)
    for run_start, run_end, rtl in _runs(styled, start, end, rtl_base, resolved):
        style = styled.styles[run_start]
        for glyph in shape(word, run_start - start, run_end - start, styled.fonts[run_start], rtl, style.lang):
            result[glyph.cluster] += glyph.advance * style.size
    return result


def break_opportunities(styled: StyledText) -> list[int]:
    """Where a line may end (UAX #14, by ICU's line break iterator for the text's language):
    before each returned index, never inside a citation label, and at the text's end."""
    text = styled.text
    if not text:
        return []
    iterator = icu.BreakIterator.createLineInstance(icu.Locale(styled.lang))
    iterator.setText(icu.UnicodeString(text))
    boundaries = _code_points(text, list(iterator))
    kept = [b for b in boundaries if 0 < b < len(text) and not styled.unbreakable(b) and not _in_range(text, b)]
    return kept + [len(text)]


_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014")


def _in_range(text: str, at: int) -> bool:
    """A tailoring of UAX #14: a number range ("2002–2005") is not broken after its dash."""
    return at >= 2 and text[at - 1] in _DASHES and text[at - 2].isdigit() and text[at].isdigit()


def _code_points(text: str, units: list[int]) -> list[int]:
    """ICU's UTF-16 offsets into `text` as code point indices (outside the BMP they differ)."""
    if not text or max(text) <= "\uffff":
        return units
    index_of, unit = {}, 0
    for index, char in enumerate(text):
        index_of[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    index_of[unit] = len(text)
    return [index_of[offset] for offset in units if offset in index_of]


def _grapheme_starts(text: str, start: int, end: int) -> list[int]:
    """Indices in (start, end) where a user-perceived character begins: the last-resort cuts."""
    iterator = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    chunk = text[start:end]
    iterator.setText(icu.UnicodeString(chunk))
    cuts = _code_points(chunk, list(iterator))
    return [start + c for c in cuts if 0 < c < end - start]


def _segments(styled: StyledText, rtl_base: bool,
              resolved: list[bool] | None = None) -> list[tuple[int, int, int, float, float]]:
    """(start, ink end, end, ink width, trailing space width) of each stretch between two line
    break opportunities; spaces before the next opportunity hang at a line's end."""
    text = styled.text
    segments = []
    start = 0
    while start < len(text) and text[start] == " ":
        start += 1
    for end in break_opportunities(styled):
        if end <= start:
            continue
        ink = end
        while ink > start and text[ink - 1] == " ":
            ink -= 1
        segments.append((start, ink, end, measure(styled, start, ink, rtl_base, resolved) if ink > start else 0.0,
                         measure(styled, ink, end, rtl_base, resolved) if end > ink else 0.0))
        start = end
    return segments


def longest_word(styled: StyledText, rtl_base: bool) -> float:
    """Width in points of the widest stretch with no line break opportunity in it: the narrowest a
    column holding this text can get without cutting a word."""
    return max((segment[3] for segment in _segments(styled, rtl_base)), default=0.0)


def break_lines(styled: StyledText, available: Callable[[int], float], rtl_base: bool,
                resolved: list[bool] | None = None) -> list[tuple[int, int]]:
    """Logical (start, end) of each line: filled greedily at UAX #14 opportunities, a stretch too
    long for a whole line cut between two graphemes as a last resort. Linear in the text's length:
    every stretch is shaped once, and an over-long one once more for its per-character advances.
    `resolved` (each character's direction from the paragraph's bidi levels) makes the measured
    shapes the drawn ones (an override draws Arabic letters unjoined, left to right)."""
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0.0
    pending = 0.0  # the trailing spaces of the line so far: counted only if more follows
    for start, ink, end, ink_width, space_width in _segments(styled, rtl_base, resolved):
        if ink == start:  # spaces only
            pending += space_width
            continue
        room = available(len(lines))
        if line_start is not None and used + pending + ink_width <= room + _TOLERANCE:
            line_end, used, pending = ink, used + pending + ink_width, space_width
            continue
        if line_start is not None:
            lines.append((line_start, line_end))
            line_start = None
            room = available(len(lines))
        if ink_width <= room + _TOLERANCE:
            line_start, line_end, used, pending = start, ink, ink_width, space_width
            continue
        # Last resort: cut the stretch at grapheme boundaries, each piece as long as fits.
        widths = advances(styled, start, ink, rtl_base, resolved)
        piece_start = previous = start
        piece_width = 0.0
        for cut in _grapheme_starts(styled.text, start, ink) + [ink]:
            grapheme = sum(widths[previous - start:cut - start])
            if piece_width + grapheme > available(len(lines)) + _TOLERANCE and previous > piece_start:
                lines.append((piece_start, previous))
                piece_start, piece_width = previous, 0.0
            piece_width += grapheme
            previous = cut
        line_start, line_end, used, pending = piece_start, ink, piece_width, space_width
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines


def layout_line(styled: StyledText, paragraph: ParagraphBidi, start: int, end: int) -> Line:
    """Reorder text[start:end] with the paragraph's resolved levels (UAX #9 L1-L2) and shape it
    into pieces placed left to right; bidi formatting characters are not drawn."""
    order = paragraph.line(start, end)
    groups = _visual_groups(styled, start, order.indices, order.rtl)
    pieces = [_piece(styled, min(first, last), max(first, last) + 1, rtl) for first, last, rtl in groups]
    if not pieces:  # a line of formatting characters only: an empty piece keeps its place
        pieces = [Piece(start, start, start, styled.fonts[start], styled.styles[start], paragraph.rtl_base, (),
                        0.0, True)]
    return Line(start, end, pieces, sum(piece.width for piece in pieces))


def _visual_groups(styled: StyledText, start: int, indices: tuple[int, ...],
                   rtl: tuple[bool, ...]) -> list[tuple[int, int, bool]]:
    """The line's characters in visual order, grouped into stretches of one font, one style, one
    direction and logically consecutive: (first, last, rtl), first and last in visual order.
    Spaces are a group of their own; bidi formatting characters belong to none."""
    text, fonts, styles = styled.text, styled.fonts, styled.styles
    groups: list[tuple[int, int, bool]] = []
    first = last = -1
    last_rtl = False
    for offset in indices:
        i = start + offset
        char = text[i]
        if char in BIDI_CONTROLS:
            continue
        char_rtl = rtl[offset]
        if first >= 0 and char_rtl == last_rtl and i == last + (-1 if char_rtl else 1) \
                and (char == " ") == (text[last] == " ") and fonts[i] is fonts[last] \
                and (styles[i] is styles[last] or styles[i] == styles[last]):
            last = i
            continue
        if first >= 0:
            groups.append((first, last, last_rtl))
        first = last = i
        last_rtl = char_rtl
    if first >= 0:
        groups.append((first, last, last_rtl))
    return groups


def _piece(styled: StyledText, start: int, end: int, rtl: bool) -> Piece:
    text = styled.text
    space = text[start] == " "
    context, context_end = start, end
    if not space:  # the whole word around the piece: HarfBuzz joins letters across its pieces
        context = text.rfind(" ", 0, start) + 1
        context_end = text.find(" ", end)
        if context_end < 0:
            context_end = len(text)
    style, font = styled.styles[start], styled.fonts[start]
    word = text[context:context_end]
    glyphs = shape(word, start - context, end - context, font, rtl, style.lang)
    advance = shaped_width(word, start - context, end - context, font, rtl, style.lang)
    return Piece(start, end, context, font, style, rtl, glyphs, advance * style.size, space, word=word)


# Arabic is justified partly by lengthening letter joins (kashida), partly by wider spaces.
KASHIDA_SHARE = 0.5
MAX_KASHIDAS_PER_WORD = 2
KASHIDA_MIN_LETTERS = 4
_ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FC\u06FF]")
# Letters that join only to the letter before them (Unicode joining type R), and hamza (U),
# cannot be followed by a kashida.
_NO_JOIN_AFTER = set("\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062F\u0630\u0631\u0632\u0648"
                     "\u0671\u0672\u0673\u0675\u0676\u0677\u0688\u0689\u068A\u068B\u068C\u068D"
                     "\u068E\u068F\u0690\u0691\u0692\u0693\u0694\u0695\u0696\u0697\u0698\u0699"
                     "\u06C0\u06C3\u06C4\u06C5\u06C6\u06C7\u06C8\u06C9\u06CA\u06CB\u06CD\u06CF"
                     "\u06D2\u06D3\u06D5")
_ALEFS = set("\u0622\u0623\u0625\u0627\u0671")
_LAM = "\u0644"


def kashida_point(word: str) -> int | None:
    """Where a kashida may lengthen the word: before the last letter that the letter before it
    joins, never inside lam-alef. The join nearest the word's end is the classic place."""
    for at in range(len(word) - 1, 0, -1):
        if not _ARABIC_LETTER.match(word[at]) or word[at] == "\u0621":
            continue
        before = at - 1
        while before > 0 and unicodedata.combining(word[before]):
            before -= 1
        previous = word[before]
        if not _ARABIC_LETTER.match(previous) or previous in _NO_JOIN_AFTER:
            continue
        if previous == _LAM and word[at] in _ALEFS:
            continue
        return at
    return None


def stretch_with_kashida(line: Line, budget: float) -> float:
    """Lengthen right-to-left words of the line with kashidas, up to `budget` points; returns
    the width added. Whole kashidas only, the longest words first and one more per word in
    turn, so the stretch is spread and short words stay as they are."""
    candidates = []
    for index, piece in enumerate(line.pieces):
        if not piece.rtl or piece.space or piece.style.artifact or piece.start != piece.context \
                or piece.end - piece.start != len(piece.word) or len(piece.word) < KASHIDA_MIN_LETTERS:
            continue
        at = kashida_point(piece.word)
        if at is not None:
            candidates.append((index, at))
    candidates.sort(key=lambda candidate: -len(line.pieces[candidate[0]].word))

    def stretched(index: int, at: int, count: int) -> tuple:
        piece = line.pieces[index]
        return shape_stretched(piece.word, piece.font, piece.style.lang, at, count)

    counts = {index: 0 for index, _ in candidates}
    added = {index: 0.0 for index, _ in candidates}
    used = 0.0
    growing = True
    while growing:
        growing = False
        for index, at in candidates:
            if counts[index] >= MAX_KASHIDAS_PER_WORD:
                continue
            piece = line.pieces[index]
            more = (width(stretched(index, at, counts[index] + 1)) * piece.style.size - piece.width) - added[index]
            if more > 0 and used + more <= budget:
                counts[index] += 1
                added[index] += more
                used += more
                growing = True
    for index, at in candidates:
        if counts[index]:
            piece = line.pieces[index]
            piece.glyphs = stretched(index, at, counts[index])
            piece.width = width(piece.glyphs) * piece.style.size
    line.width += used
    return used


def align_line(line: Line, available: float, align: str, rtl_base: bool, last: bool) -> None:
    """Set each piece's x for the alignment; justified lines stretch their spaces."""
    extra = 0.0
    spaces = [piece for piece in line.pieces if piece.space]
    slack = available - line.width
    if align == "justify" and not last and rtl_base and slack > 0:
        slack -= stretch_with_kashida(line, slack * KASHIDA_SHARE)
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
