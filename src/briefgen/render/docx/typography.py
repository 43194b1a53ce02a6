"""Fonts, sizes and language tags of one brief's DOCX, decided once from its metadata.

The families are the bundled ones the PDF writer embeds (render/fonts.py:
Amiri for Arabic and for the Latin inside Arabic briefs, Noto Sans for
English and Russian), so both formats of a brief look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel.core import get_global

from ...brief import Metadata
from ..fonts import ARABIC_FAMILY, LATIN_FAMILY

# Word's own defaults for the languages briefs are written in; others come from CLDR likely subtags.
_WORD_LANG_TAGS = {"ar": "ar-SA", "en": "en-US", "ru": "ru-RU"}


@lru_cache(maxsize=None)
def word_lang_tag(lang: str) -> str:
    """The language-REGION tag Word expects in w:lang (Word ignores bare 'ar')."""
    if lang in _WORD_LANG_TAGS:
        return _WORD_LANG_TAGS[lang]
    likely = get_global("likely_subtags").get(lang, "")
    territory = likely.split("_")[-1]
    return f"{lang}-{territory}" if likely and territory.isupper() else lang


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
