"""Writing placed lines into a page's content stream so that the text extracts in logical order.

Glyphs are drawn where bidi and shaping put them, but they are *emitted*
in logical order: a line's pieces by their first character, a right-to-
left piece's glyphs from right to left. One glyph of each HarfBuzz cluster
carries the cluster's logical text in its ToUnicode entry (the whole lam-
alef, the base letter with its marks); any further glyph of the cluster
maps to an invisible WORD JOINER and is wrapped in an empty /ActualText
span, so extraction neither counts it twice nor invents a letter for it.
Markers and other decoration get an empty /ActualText too.

Extractors (MuPDF among them) guess each glyph's direction from its
character, and neutral characters inherit the guess of the glyph before.
After a Latin word or a number inside Arabic, a following bracket or full
stop would inherit left-to-right and be split off onto a line of its own.
Before such a glyph an invisible direction hint is emitted: a RIGHT-TO-
LEFT MARK (or LEFT-TO-RIGHT MARK) drawn in render mode 3 inside an empty
/ActualText, which sets the guess without adding any text. Characters whose
guess is fixed by their class but wrong for their resolved level (a percent
sign after digits in Arabic text, which UAX #9 puts at a right-to-left
level) cannot be hinted: their glyph's ToUnicode entry is the direction
mark instead, and their text travels in an /ActualText span around it.
Two paragraphs sharing a baseline (table cells) are kept apart by an
invisible space at the start of the second, where a change of direction
would otherwise let an extractor run them together.

For a tagged PDF (tagging.py) every stretch of glyphs belonging to one
structure element is marked content with an MCID; glyphs of untagged lines
(page chrome), markers, kashida fillers, direction hints, cell separators
and all shapes are /Artifact. An /ActualText span inside tagged text is not
nested in the element's sequence but is a sequence of its own with the next
MCID (poppler, for one, stops reading a sequence at a nested EMC), and the
element's following glyphs open another.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add, mul

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .glyphfont import PdfFont
from .lines import Piece
from .shaping import Glyph
from .pages import Box, Dot, Page, Picture, PlacedLine, Rule
from .tagging import Element, Tagger

_STRONG = {"L": 0, "EN": 0, "ES": 0, "ET": 0, "R": 1, "AL": 1, "AN": 1}
_INHERITING = {"CS", "NSM", "BN", "B", "S", "WS", "ON"}
_HINTS = {0: "\u200e", 1: "\u200f"}  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
# ToUnicode of a glyph that carries no text of its own. It must map to something: without an entry
# extractors fall back to the font's encoding and may read a letter, with a direction, into the
# gap. WORD JOINER is invisible, ignorable, transparent to Arabic joining and direction-neutral.
_NO_TEXT = "\u2060"


class _Directions(dict[str, "int | None"]):
    """Per character, the direction an extractor guesses from it alone: 0 = LTR, 1 = RTL, None =
    the guess of the glyph before (a neutral). Filled on first use: painting asks for every glyph."""

    def __missing__(self, char: str) -> int | None:
        bidi_class = unicodedata.bidirectional(char)
        direction = _STRONG.get(bidi_class, None if bidi_class in _INHERITING else 0)
        self[char] = direction
        return direction


_DIRECTION = _Directions()


def _guess(text: str, current: int) -> int:
    """The direction an extractor guesses for a glyph whose text is `text` (0 = LTR, 1 = RTL)."""
    if not text:
        return current
    direction = _DIRECTION[text[0]]
    return current if direction is None else direction


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# One glyph as emitted: its key, where it is drawn (x, y), the logical text it carries ('' for
# the extra glyphs of a cluster) and whether it is a kashida filler. Plain tuples: a brief has
# hundreds of thousands of glyphs, and painting is most of a PDF's time.
_Placed = tuple[str, float, float, str, bool]


@dataclass(slots=True)
class _Run:
    """The glyphs of one piece of a line, in the order they are read, and what they share."""

    font: PdfFont
    size: float
    color: tuple[float, float, float]
    artifact: bool
    rtl: bool
    leaf: Element | None  # the structure element its text belongs to; None: an artifact
    glyphs: list[_Placed]


class TextStream:
    """Accumulates text operators for one page, tracking what an extractor will infer."""

    _ARTIFACT = object()

    def __init__(self, canvas: Canvas, codes: dict[tuple[int, str], tuple[str, str, float]],
                 tagger: Tagger | None = None) -> None:
        self.canvas = canvas
        self.tagger = tagger
        self.marked: object = None  # the element whose marked content is open (_ARTIFACT, or None: none open)
        self.resume: Element | None = None  # the element a span with its own MCID interrupted
        self.opened: tuple[int, int] = (-1, -1)  # len(ops) after the last tagged BDC, and its MCID
        self.doc = canvas._doc
        self.codes = codes
        self.ops: list[str] = ["BT"]
        self.font_name: str | None = None  # the font and size of the last Tf
        self.font_size = 0.0
        self.color: tuple[float, float, float] | None = None
        self.pen: tuple[float, float] | None = None  # where the next glyph lands without a move
        self.in_array = False
        self.guess = 0  # the extractor's running direction guess
        self.last_y: float | None = None
        self.last_guess = 0

    # -- low level ----------------------------------------------------------

    def _mark(self, leaf: Element | None) -> None:
        """Open the marked content `leaf`'s glyphs go in (an artifact for None), closing the last."""
        if self.tagger is None:
            return
        wanted = self._ARTIFACT if leaf is None else leaf
        if wanted is self.marked:
            return
        self._end_mark()
        self._close_array()
        self.pen = None
        self.resume = None
        if leaf is None:
            self.ops.append("/Artifact BMC")
        else:
            mcid = self.tagger.content(leaf)
            self.ops.append(f"/{leaf.role} <</MCID {mcid}>> BDC")
            self.opened = (len(self.ops), mcid)
        self.marked = wanted

    def _end_mark(self) -> None:
        if self.marked is not None:
            self._close_array()
            self.pen = None
            self.ops.append("EMC")
            self.marked = None

    def _close_array(self) -> None:
        if self.in_array:
            self.ops.append("] TJ")
            self.in_array = False

    def _show(self, font: PdfFont, size: float, key: str, x: float, y: float, color, invisible: bool = False,
              actual_text: str | None = None) -> None:
        """Show one glyph; with `actual_text` it is wrapped in a /Span giving its text to extractors."""
        wrap = actual_text is not None
        if not wrap and self.marked is None and self.resume is not None:
            self._mark(self.resume)
        if wrap or invisible:
            self._close_array()
            self.pen = None
            if wrap:
                self._open_span(actual_text)
            if invisible:
                self.ops.append("3 Tr")
        self._draw(font, size, key, x, y, color)
        if wrap or invisible:
            self._close_array()
            self.pen = None
            if invisible:
                self.ops.append("0 Tr")
            if wrap:
                self.ops.append("EMC")

    def _open_span(self, actual_text: str) -> None:
        """Open a /Span whose /ActualText is what extractors read for the glyph inside it."""
        actual = f"/ActualText <FEFF{actual_text.encode('utf-16-be').hex().upper()}>"
        leaf = self.marked if isinstance(self.marked, Element) else \
            self.resume if self.marked is None else None
        if leaf is not None:
            # Never nested in a tagged sequence (poppler, for one, loses the rest of the
            # sequence after a nested EMC): the span is a sequence of its own element,
            # and the element's next glyph opens a new one. A sequence just opened and
            # still empty gives the span its MCID.
            if self.marked is leaf and len(self.ops) == self.opened[0]:
                self.ops.pop()
                mcid = self.opened[1]
                self.marked = None
            else:
                self._end_mark()
                mcid = self.tagger.content(leaf)
            self.ops.append(f"/Span <</MCID {mcid} {actual}>> BDC")
            self.resume = leaf
        else:
            self.ops.append(f"/Span <<{actual}>> BDC")

    def _draw(self, font: PdfFont, size: float, key: str, x: float, y: float, color) -> None:
        """Put one glyph in the open TJ array, first setting font, colour or position as needed."""
        cached = self.codes.get((id(font), key))
        if cached is None:
            ((subset, code),) = font.splitString(key, self.doc)
            cached = self.codes[(id(font), key)] = (font.getSubsetInternalName(subset, self.doc),
                                                     f"<{code.hex()}>", font.width_of(key))
        name, code, advance = cached
        ops = self.ops
        if name != self.font_name or size != self.font_size:
            self._close_array()
            ops.append(f"{name} {_num(size)} Tf")
            self.font_name, self.font_size = name, size
        if color != self.color:
            self._close_array()
            ops.append(f"{_num(color[0])} {_num(color[1])} {_num(color[2])} rg")
            self.color = color
        pen = self.pen
        if pen is not None and self.in_array and abs(pen[1] - y) < 1e-6:
            shift = round((pen[0] - x) * 1000 / size)  # thousandths of an em: well below visibility
            if shift:
                ops.append(str(shift))
            x = pen[0] - shift * size / 1000  # where the glyph really lands, so errors never add up
        else:
            self._close_array()
            ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm [")
            self.in_array = True
        ops.append(code)
        self.pen = (x + advance * size / 1000, y)

    # -- glyphs -------------------------------------------------------------

    def _decoration(self, run: _Run, key: str, x: float, y: float, text: str, leaf: Element | None) -> None:
        """Emit a glyph extractors must not read as text: a marker, a kashida, a cluster's extra glyph."""
        self._mark(leaf)
        self._show(run.font, run.size, key, x, y, run.color, actual_text="")
        if text:
            self.guess = _guess(text, self.guess)

    def _text(self, run: _Run, key: str, x: float, y: float, text: str, paragraph_start: float | None) -> None:
        """Emit a glyph carrying `text`; `paragraph_start` is the x of the paragraph's reading-start
        edge on its first glyph."""
        wanted = 1 if run.rtl else 0
        direction = _DIRECTION[text[0]]
        inherits = direction is None
        if paragraph_start is not None and wanted != self.last_guess and self.last_y is not None \
                and abs(self.last_y - y) < 0.8 * run.size:  # a paragraph on the baseline of another
            if self.guess != self.last_guess:
                self._hint(run, x, y, self.last_guess)
            self._separator(run, paragraph_start, y)
        if inherits and self.guess != wanted:
            self._hint(run, x, y, wanted)
        self._mark(run.leaf)
        font = run.font
        if not inherits and direction != wanted:  # the character's own direction is wrong here
            hinted = font.key(font.glyph_of(key), _HINTS[wanted], font.width_of(key))
            self._show(font, run.size, hinted, x, y, run.color, actual_text=text)
        else:  # just marked, so no interrupted element to resume
            self._draw(font, run.size, key, x, y, run.color)
        # A strong character that is not overridden guesses `wanted` itself.
        self.guess = self.last_guess = wanted
        self.last_y = y

    def _text_run(self, run: _Run, paragraph_start: float | None) -> bool:
        """Emit the glyphs of a piece of text; True if any carried text. Most glyphs need no
        direction hint, separator or new marked content: those go straight to `_draw`."""
        wanted = 1 if run.rtl else 0
        mark = None if self.tagger is None else self._ARTIFACT if run.leaf is None else run.leaf
        carried = False
        for key, x, y, text, filler in run.glyphs:
            if not text:
                self._decoration(run, key, x, y, text, None if filler else run.leaf)
                continue
            direction = _DIRECTION[text[0]]
            if carried and self.marked is mark and (direction == wanted or direction is None and self.guess == wanted):
                self._draw(run.font, run.size, key, x, y, run.color)
                self.guess = self.last_guess = wanted
                self.last_y = y
            else:
                self._text(run, key, x, y, text, None if carried else paragraph_start)
                carried = True
        return carried

    def _hint(self, run: _Run, x: float, y: float, wanted: int) -> None:
        """An invisible direction mark for extractors: no text of the document, an artifact."""
        self._mark(None)
        key = run.font.key(run.font.space_gid, _HINTS[wanted])
        self._show(run.font, run.size, key, x, y, run.color, invisible=True, actual_text="")
        self.guess = wanted

    def _separator(self, run: _Run, x: float, y: float) -> None:
        """An invisible, extractable space at the paragraph's start edge: keeps two paragraphs that
        share a baseline (table cells) from being read as one line. A hint for extractors, not
        text of the document: an artifact in a tagged PDF."""
        self._mark(None)
        self._show(run.font, run.size, run.font.key(run.font.space_gid, " "), x, y, run.color, invisible=True)

    def line(self, placed: PlacedLine, paragraph_start: bool) -> None:
        start = None
        if paragraph_start:
            left, right = placed.line.extent
            start = placed.x + (right if placed.rtl else left - placed.line.pieces[0].style.size * 0.25)
        last = None  # the run of the last glyph carrying text
        for run in _line_runs(placed):
            if run.artifact:
                for key, x, y, text, _ in run.glyphs:
                    self._decoration(run, key, x, y, text, None)
            elif self._text_run(run, start):
                start = None
                last = run
        self._break_space(placed, last)

    def _break_space(self, placed: PlacedLine, last: _Run | None) -> None:
        """In a tagged PDF, the space a line break swallowed, as an invisible glyph at the line's
        end: the structure tree's text runs on from line to line with its spaces."""
        line, text = placed.line, placed.styled.text
        if self.tagger is None or placed.tag is None or last is None or line.end >= len(text) \
                or not text[line.end].isspace():
            return
        self._mark(placed.tag.leaf(line.end))
        key = last.font.key(last.font.space_gid, " ", 0)  # no width: it never reaches into the margin
        left, right = line.extent
        self._show(last.font, last.size, key, placed.x + (left if placed.rtl else right), placed.y, last.color,
                   invisible=True)

    def finish(self) -> None:
        self._end_mark()
        self._close_array()
        self.ops.append("ET")
        self.canvas._code.append("\n".join(self.ops))


def _carries_better(glyph, current) -> bool:
    """A letter carries its text rather than a kashida added after it, and a glyph with an
    advance rather than a mark without one."""
    return (glyph.filler, glyph.advance <= 0) < (current.filler, current.advance <= 0)


@dataclass(frozen=True, slots=True)
class _Shaped:
    """A shaped piece as painting needs it, wherever it is drawn, per glyph left to right: glyph
    id, offsets and advance (em), the text it carries ('' if another glyph of its cluster
    carries the text), whether it is a kashida filler carrying none, and the key of a glyph
    without text (None for a text carrier: its key depends on where the next carrier is)."""

    glyphs: tuple[Glyph, ...]  # held, so that its id (in the cache key) is not reused
    font: PdfFont  # likewise
    gids: tuple[int, ...]
    x_offsets: tuple[float, ...]
    y_offsets: tuple[float, ...]
    advances: tuple[float, ...]
    texts: tuple[str, ...]
    fillers: tuple[bool, ...]
    blank_keys: tuple[str | None, ...]


def _shaped(piece: Piece) -> _Shaped:
    """Which glyph carries which text, worked out once per shaped word rather than once per glyph
    drawn: one glyph per cluster carries the cluster's text (the first one with an advance)."""
    glyphs, font = piece.glyphs, piece.font
    cache_key = (id(glyphs), id(font), piece.word, piece.start - piece.context, piece.end - piece.context)
    cached = _SHAPED.get(cache_key)
    if cached is not None:
        return cached
    clusters = sorted({glyph.cluster for glyph in glyphs})
    ends = dict(zip(clusters, clusters[1:] + [piece.end - piece.context]))
    carriers: dict[int, int] = {}
    for index, glyph in enumerate(glyphs):
        if glyph.cluster not in carriers or _carries_better(glyph, glyphs[carriers[glyph.cluster]]):
            carriers[glyph.cluster] = index
    carrying = [carriers[glyph.cluster] == index for index, glyph in enumerate(glyphs)]
    shaped = _Shaped(
        glyphs, font, tuple(glyph.gid for glyph in glyphs), tuple(glyph.x_offset for glyph in glyphs),
        tuple(glyph.y_offset for glyph in glyphs), tuple(glyph.advance for glyph in glyphs),
        tuple(piece.word[glyph.cluster:ends[glyph.cluster]] if carrier else "" for glyph, carrier in zip(glyphs, carrying)),
        tuple(glyph.filler and not carrier for glyph, carrier in zip(glyphs, carrying)),
        tuple(None if carrier else font.key(glyph.gid, _NO_TEXT) for glyph, carrier in zip(glyphs, carrying)))
    if len(_SHAPED) >= _SHAPED_HELD:
        _SHAPED.clear()
    _SHAPED[cache_key] = shaped
    return shaped


_SHAPED: dict[tuple, _Shaped] = {}
_SHAPED_HELD = 65536  # as many as the shaping cache: a scheduled batch process must not grow without end


def _line_runs(placed: PlacedLine) -> list[_Run]:
    """The line's glyphs with absolute positions, in the order their text is read.

    One glyph per cluster carries the cluster's text (the first one with an advance); the others
    carry none. Extractors take a glyph's /Widths entry as the distance to the next character and
    read a gap as a space, but Amiri positions many glyphs by offset (a reh tucked under the
    kaf before it) or inserts kashida glyphs inside a cluster. So each text-carrying glyph gets,
    as its width, the distance to the next text-carrying glyph on its right: to an extractor the
    line is a row of abutting character boxes, whatever the shaping did inside them. Hence the
    pieces are walked from the right.
    """
    tag = placed.tag
    next_origin = placed.x + placed.line.extent[1]  # of the text-carrying glyph to the right
    runs: dict[int, _Run] = {}
    for piece in reversed(placed.line.pieces):
        shaped = _shaped(piece)
        style = piece.style
        font, size, measured = piece.font, style.size, not style.artifact
        base_y = placed.y + style.rise
        glyphs: list[_Placed] = []
        for gid, x, y_offset, text, filler, blank in zip(
                reversed(shaped.gids), reversed(_origins(placed.x + piece.x, size, shaped)),
                reversed(shaped.y_offsets), reversed(shaped.texts), reversed(shaped.fillers),
                reversed(shaped.blank_keys)):
            if blank is not None:
                key = blank
            elif measured:  # /Widths: thousandths of an em to the next text-carrying glyph
                key = font.key(gid, text or _NO_TEXT, max(next_origin - x, 0.0) * 1000 / size)
                next_origin = x
            else:  # decoration: its own advance
                key = font.key(gid, text or _NO_TEXT)
            glyphs.append((key, x, base_y + y_offset * size, text, filler))
        if not piece.rtl:  # read left to right
            glyphs.reverse()
        runs[id(piece)] = _Run(font, size, style.color, style.artifact, piece.rtl,
                               None if tag is None or style.artifact else tag.leaf(piece.start), glyphs)
    return [runs[id(piece)] for piece in sorted(placed.line.pieces, key=lambda p: p.start)]


def _origins(pen: float, size: float, shaped: _Shaped) -> list[float]:
    """Where each glyph of the piece is drawn, left to right, the piece starting at `pen`: each
    glyph's offset from the pen, the pen moving by each advance (the arithmetic in C, by map
    and accumulate; a brief has hundreds of thousands of glyphs)."""
    pens = accumulate(map(mul, shaped.advances, repeat(size)), initial=pen)
    return list(map(add, pens, map(mul, shaped.x_offsets, repeat(size))))


def paint_page(canvas: Canvas, page: Page, codes: dict[tuple[int, str], tuple[str, str, float]],
               destinations: frozenset[str] = frozenset(), tagger: Tagger | None = None) -> None:
    """Shapes first (they sit under the text), then every text line in reading order, then links.

    `codes` caches, for one document, the subset font and code ReportLab gave each glyph key, and its width;
    `destinations` are the link targets the document has (a citation of a source the brief does
    not list stays plain text); `tagger` records the marked content and links of a tagged PDF.
    """
    if tagger is not None:
        tagger.start_page()
        if page.shapes:
            canvas._code.append("/Artifact BMC")
    for shape in page.shapes:
        if isinstance(shape, Box):
            canvas.setFillColorRGB(*shape.fill)
            canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)
        elif isinstance(shape, Rule):
            canvas.setStrokeColorRGB(*shape.color)
            canvas.setLineWidth(shape.width)
            canvas.line(shape.x1, shape.y1, shape.x2, shape.y2)
        elif isinstance(shape, Dot):
            canvas.setFillColorRGB(*shape.color)
            canvas.circle(shape.x, shape.y, shape.radius, stroke=0, fill=1)
        elif isinstance(shape, Picture):
            canvas.drawImage(ImageReader(io.BytesIO(shape.data)), shape.x, shape.y, shape.width, shape.height,
                             mask="auto")
    if tagger is not None and page.shapes:
        canvas._code.append("EMC")
    stream = TextStream(canvas, codes, tagger)
    previous = None
    for placed in page.lines:
        stream.line(placed, placed.paragraph != previous)
        previous = placed.paragraph
    stream.finish()
    for placed in page.lines:
        _link_areas(canvas, placed, destinations, tagger)


def _link_areas(canvas: Canvas, placed: PlacedLine, destinations: frozenset[str], tagger: Tagger | None) -> None:
    """One clickable area per citation per line, over the pieces (a label's brackets, digits) that carry it."""
    areas: dict[tuple[str, Element | None], list[float]] = {}
    for piece in placed.line.pieces:
        if piece.style.link in destinations and not piece.space:
            leaf = placed.tag.leaf(piece.start) if placed.tag is not None else None
            left, right = placed.x + piece.x, placed.x + piece.x + piece.width
            bottom = placed.y + piece.style.rise - piece.style.size * 0.25
            top = bottom + piece.style.size * 1.2
            area = areas.setdefault((piece.style.link, leaf), [left, bottom, right, top])
            area[:] = [min(area[0], left), min(area[1], bottom), max(area[2], right), max(area[3], top)]
    for (name, leaf), area in areas.items():
        if tagger is not None:
            if leaf is None or leaf.role != "Link":
                continue  # a tagged PDF has no annotation outside the structure tree
            tagger.annotation(leaf)
        canvas.linkRect("", name, tuple(area), relative=0, thickness=0)
