"""A paragraph's inlines flattened into text with a style and a font per character.

Citation labels become small raised text that is part of the paragraph's
text (so they extract where they stand). Machine-translated and
untranslated runs get a raised marker in front of them; markers are
decoration, drawn but hidden from text extraction, and explained by a
legend. In front, not behind: a marker usually follows a space there, where
its width cannot be mistaken by an extractor for a missing space between a
sentence and its citation.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from ...brief import Cite, Run
from ...chars import describe, first_refused, separators_to_spaces
from ...errors import MissingGlyphError, UnsupportedTextError
from ...lang import citation_text, direction, isolate_run, paragraph_direction
from ..fonts import faces_for_text, family_order, font_face, x_height
from .glyphfont import PdfFont, pdf_font
from .styles import Color, ParagraphStyle

MARKERS = {"machine": "\u2020", "missing": "\u2021"}  # dagger, double dagger


@dataclass(frozen=True)
class TextStyle:
    lang: str
    size: float
    bold: bool = False
    italic: bool = False
    color: Color = (0.0, 0.0, 0.0)
    rise: float = 0.0
    artifact: bool = False  # drawn, but not part of the text
    link: str | None = None  # named destination the text links to (a citation → its source entry)


@dataclass
class StyledText:
    """Text with a style and a font per character.

    `lang` is the brief's language: its family sets the x-height that characters drawn by the
    fallback family are scaled to, so an Arabic word in English text (or a Cyrillic one in
    Arabic text) looks the size of the words around it.
    """

    lang: str
    text: str = ""
    styles: list[TextStyle] = field(default_factory=list)
    fonts: list[PdfFont] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)
    rtl: bool | None = None
    """The paragraph's base direction when its own text decides it; None: the brief's."""
    inlines: list[tuple[int, int, Run | Cite]] = field(default_factory=list)
    """Where each of the Brief's inlines lies in `text` (for the structure tree of a tagged PDF)."""
    no_break: set[int] = field(default_factory=set)
    """Indices a line may not start at although UAX #14 allows it: inside a citation label."""

    def unbreakable(self, index: int) -> bool:
        return index in self.no_break

    def append_unbroken(self, text: str, style: TextStyle) -> None:
        """Append text no line may break inside ("[2، 3]"), nor before unless a space precedes it: a
        citation stays with the word it follows."""
        start = len(self.text)
        self.append(text, style)
        glued = start > 0 and not self.text[start - 1].isspace()
        self.no_break.update(range(start if glued else start + 1, len(self.text)))

    def append(self, text: str, style: TextStyle) -> None:
        text = separators_to_spaces(text)
        bad = first_refused(text)
        if bad is not None:
            raise UnsupportedTextError(f"control character {describe(text[bad])} in {text[:40]!r}: the PDF writer "
                                       f"draws no control characters")
        previous = self.fonts[-1].font_face if self.fonts else None
        primary = font_face(family_order(self.lang)[0])
        scaled: dict[str, TextStyle] = {}
        for char, face in zip(text, faces_for_text(text, style.lang, style.bold, style.italic, previous)):
            if face is None:
                raise MissingGlyphError(f"no bundled font has U+{ord(char):04X} for the PDF writer")
            self.fonts.append(pdf_font(face))
            if face.family == primary.family:
                self.styles.append(style)
            else:
                if face.family not in scaled:
                    scaled[face.family] = replace(style, size=style.size * x_height(primary) / x_height(face))
                self.styles.append(scaled[face.family])
            previous = face
        self.text += text

    def extend(self, other: StyledText) -> None:
        self.no_break.update(index + len(self.text) for index in other.no_break)
        self.text += other.text
        self.styles += other.styles
        self.fonts += other.fonts
        self.markers |= other.markers
        shift = len(self.text) - len(other.text)
        self.inlines += [(start + shift, end + shift, inline) for start, end, inline in other.inlines]


def source_destination(number: int) -> str:
    """The named destination of a sources-list entry, which citations link to."""
    return f"source-{number}"


def base_style(style: ParagraphStyle, lang: str) -> TextStyle:
    return TextStyle(lang=lang, size=style.size, bold=style.bold, italic=style.italic, color=style.color)


def styled_inlines(inlines: Iterable[Run | Cite], style: ParagraphStyle, lang: str) -> StyledText:
    """Flatten a paragraph's inlines; `lang` is the brief's language, used for citation labels."""
    inlines = list(inlines)
    base = base_style(style, lang)
    styled = StyledText(lang)
    runs = [(inline.text, inline.lang) for inline in inlines if isinstance(inline, Run)]
    side = paragraph_direction(runs, direction(lang))
    styled.rtl = side == "rtl"
    for inline in inlines:
        if isinstance(inline, Cite):
            start = len(styled.text)
            styled.append_unbroken(citation_text(inline.label, side), replace(base, size=style.size * style.cite_size, rise=style.size * 0.33,
                                                         color=style.cite_color, bold=False, italic=False,
                                                         link=source_destination(inline.numbers[0])))
            styled.inlines.append((start, len(styled.text), inline))
            continue
        if inline.provenance in MARKERS:
            styled.markers.add(inline.provenance)
            styled.append(MARKERS[inline.provenance],
                          replace(base, size=style.size * 0.72, rise=style.size * 0.4, color=style.flag_color, bold=False,
                                  italic=False, artifact=True))
        start = len(styled.text)
        styled.append(isolate_run(inline.text, inline.lang, side), replace(base, lang=inline.lang, bold=style.bold or inline.bold,
                                           italic=style.italic or inline.italic))
        styled.inlines.append((start, len(styled.text), inline))
    return styled


def styled_plain(text: str, style: ParagraphStyle, lang: str) -> StyledText:
    styled = StyledText(lang)
    styled.append(text, base_style(style, lang))
    return styled
