"""Fonts, sizes and language tags of one brief's DOCX, decided once from its metadata and the house style.

The families are the bundled ones the PDF writer embeds (render/fonts.py:
Amiri for Arabic and for the Latin inside Arabic briefs, Noto Sans for
English and Russian), and the sizes and spacing come from the style sheet
the PDF writer reads, so both formats of a brief look alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...brief import Metadata
from ...lang import word_lang_tag
from ...style import Style, house_style
from ..fonts import ARABIC_FAMILY, LATIN_FAMILY


@dataclass(frozen=True)
class Typography:
    rtl: bool
    latin_font: str
    cs_font: str
    body_pt: float
    cs_body_pt: float
    lang_tag: str
    """w:lang/@w:val (and w:eastAsia) of the document: the brief's language, whatever its script, so
    that Word and LibreOffice (its PDF export's /Lang) take the document for what it is."""
    bidi_lang_tag: str
    """w:lang/@w:bidi: the language of its complex-script text."""
    leading: float
    """Line height as a factor of the size (the style sheet's, as in the PDF)."""
    style_key: str
    """The style's fingerprint: what the cached template depends on besides the fields above."""
    style: Style = field(compare=False, hash=False, repr=False, default_factory=house_style)

    @classmethod
    def for_meta(cls, meta: Metadata, style: Style | None = None) -> "Typography":
        style = style or house_style()
        rtl = meta.direction == "rtl"
        body = style.body_for(rtl)
        common = dict(leading=body.leading, style_key=style.fingerprint(), style=style)
        if rtl:
            # Amiri's x-height is small: Arabic needs a larger size than Latin to read alike.
            return cls(rtl=True, latin_font=ARABIC_FAMILY, cs_font=ARABIC_FAMILY, body_pt=body.size_pt,
                       cs_body_pt=body.size_pt, lang_tag=word_lang_tag(meta.lang), bidi_lang_tag=word_lang_tag(meta.lang),
                       **common)
        return cls(rtl=False, latin_font=LATIN_FAMILY, cs_font=ARABIC_FAMILY, body_pt=body.size_pt,
                   cs_body_pt=style.body.rtl.size_pt, lang_tag=word_lang_tag(meta.lang),
                   bidi_lang_tag=word_lang_tag("ar"), **common)

    def points(self, ems: float) -> float:
        """A spacing of `ems` body sizes, in points, as the PDF writer computes it."""
        return self.body_pt * ems

    def scaled(self, factor: float) -> tuple[float, float]:
        """(Latin, complex-script) point sizes for a style `factor` times the body size."""
        return round(self.body_pt * factor * 2) / 2, round(self.cs_body_pt * factor * 2) / 2
