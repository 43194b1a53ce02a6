"""HarfBuzz shaping of one directional, single-font stretch of a word.

The whole word is handed to HarfBuzz as context, so Arabic letters still
join across a font or direction boundary inside the word. Results are in
em units and cached: briefs repeat the same words and chrome on every page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import uharfbuzz as hb

from ...errors import MissingGlyphError
from ...lang import shaping_script
from .glyphfont import PdfFont



@dataclass(frozen=True)
class Glyph:
    gid: int
    cluster: int  # index of the first character this glyph belongs to, within the word
    advance: float  # em
    x_offset: float  # em
    y_offset: float  # em
    filler: bool = False  # a kashida added for justification: drawn, standing for no character


@lru_cache(maxsize=65536)
def shape(word: str, start: int, end: int, font: PdfFont, rtl: bool, lang: str) -> tuple[Glyph, ...]:
    """Glyphs for word[start:end], left to right as drawn (visual order)."""
    buffer = hb.Buffer()
    buffer.add_str(word, start, end - start)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    if buffer.script in (None, "Zyyy", "Zinh", "Zzzz"):
        buffer.script = shaping_script(lang)
    buffer.language = lang
    hb.shape(font.hb_font, buffer, {})
    for info in buffer.glyph_infos:
        if info.codepoint == 0:  # never a silent box: the font choice let through a character it lacks
            char = word[info.cluster]
            raise MissingGlyphError(f"{font.font_face.family} has no glyph for U+{ord(char):04X} "
                                    f"{unicodedata.name(char, 'unnamed character')} in {word[:40]!r}")
    scale = 1.0 / font.upem
    return tuple(
        Glyph(info.codepoint, info.cluster, pos.x_advance * scale, pos.x_offset * scale, pos.y_offset * scale)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions)
    )


@lru_cache(maxsize=65536)
def shaped_width(word: str, start: int, end: int, font: PdfFont, rtl: bool, lang: str) -> float:
    """width(shape(...)) in em, cached of its own: line breaking measures the same words over and over."""
    return width(shape(word, start, end, font, rtl, lang))


TATWEEL = "\u0640"


@lru_cache(maxsize=16384)
def shape_stretched(word: str, font: PdfFont, lang: str, at: int, count: int) -> tuple[Glyph, ...]:
    """Glyphs for a right-to-left word with `count` kashidas (tatweel) inserted before word[at].

    The tatweels are shaped with the word, so the letters on both sides take their joining
    forms, but they are not text: their glyphs join the cluster of the letter before them and
    are marked as fillers, so the word still extracts as written.
    """
    base = at - 1
    while base > 0 and unicodedata.combining(word[base]):
        base -= 1
    stretched = word[:at] + TATWEEL * count + word[at:]
    glyphs = []
    for glyph in shape(stretched, 0, len(stretched), font, True, lang):
        if glyph.cluster < at:
            glyphs.append(glyph)
        elif glyph.cluster < at + count:
            glyphs.append(replace(glyph, cluster=base, filler=True))
        else:
            glyphs.append(replace(glyph, cluster=glyph.cluster - count))
    return tuple(glyphs)


def width(glyphs: tuple[Glyph, ...]) -> float:
    """Advance width in em."""
    return sum(glyph.advance for glyph in glyphs)
