"""Fonts, sizes and language tags of one brief's DOCX, decided once from its metadata.

The families are the bundled ones the PDF writer embeds (render/fonts.py:
Amiri for Arabic and for the Latin inside Arabic briefs, Noto Sans for
English and Russian), so both formats of a brief look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from ...brief import Metadata
from ...lang import word_lang_tag
from ..fonts import ARABIC_FAMILY, LATIN_FAMILY


@dataclass(frozen=True)
class Typography:
    rtl: bool
    latin_font: str
    cs_font: str
    body_pt: float
    cs_body_pt: float
    lang_tag: str
    """w:lang/@w:val of the document: the language of its Latin or Cyrillic text."""
    bidi_lang_tag: str
    """w:lang/@w:bidi: the language of its complex-script text."""

    @classmethod
    def for_meta(cls, meta: Metadata) -> "Typography":
        rtl = meta.direction == "rtl"
        if rtl:
            # Amiri's x-height is small: Arabic needs a larger size than Latin to read alike.
            return cls(rtl=True, latin_font=ARABIC_FAMILY, cs_font=ARABIC_FAMILY, body_pt=13, cs_body_pt=13,
                       lang_tag=word_lang_tag("en"), bidi_lang_tag=word_lang_tag(meta.lang))
        return cls(rtl=False, latin_font=LATIN_FAMILY, cs_font=ARABIC_FAMILY, body_pt=10.5, cs_body_pt=12.5,
                   lang_tag=word_lang_tag(meta.lang), bidi_lang_tag=word_lang_tag("ar"))

    def scaled(self, factor: float) -> tuple[float, float]:
        """(Latin, complex-script) point sizes for a style `factor` times the body size."""
        return round(self.body_pt * factor * 2) / 2, round(self.cs_body_pt * factor * 2) / 2
