"""Embedding HarfBuzz-shaped glyphs through ReportLab's TrueType subsetting.

ReportLab subsets a TrueType font by character code and writes a ToUnicode
map from code to character. Shaped Arabic is made of glyphs that have no
character of their own (joining forms, lam-alef ligatures, marks placed by
GPOS), which is why ReportLab's own shaping loses the text when it is
extracted. Here every (glyph, text, width) a document draws gets a private
key character that ReportLab subsets like any other, and the ToUnicode map
is rewritten so each key maps to the logical text its glyph stands for: the
same glyph may stand for different text in different places (a mirrored
parenthesis, a ligature), so the key is per use, not per glyph. A key whose
width is not its glyph's advance draws, in the embedded subset, a composite
of that glyph with the key's width as its own advance (subsetwidths.py), so
the font's /Widths agree with its font program as PDF/A requires.
"""

from __future__ import annotations

from functools import cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from ..fonts import FontFace
from .subsetwidths import with_own_advances

_FIRST_KEY = 0xF0000  # Supplementary Private Use Area-A, then -B: never real text here
_LAST_KEY = 0x10FFFD
_BFCHAR_CHUNK = 100  # the PDF limit of entries per beginbfchar block


class PdfFont(TTFont):
    """A bundled face as ReportLab embeds it, plus its HarfBuzz font for shaping."""

    def __init__(self, face: FontFace) -> None:
        super().__init__(f"{face.family.replace(' ', '')}-{face.style}", str(face.path), asciiReadable=False)
        self.font_face = face
        self.hb_font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path))))
        self.upem = self.hb_font.face.upem
        self.space_gid = self.hb_font.get_nominal_glyph(0x20) or 0
        self._keys: dict[tuple[int, str, int], str] = {}
        self._advances: dict[int, float] = {}  # glyph id → its advance, thousandths of an em
        self._key_text: dict[int, str] = {}
        self.face.makeSubset = self._make_subset  # ReportLab's addSubsetObjects embeds what this returns

    def key(self, gid: int, text: str, width: float | None = None) -> str:
        """The one-character string ReportLab encodes as glyph `gid` standing for `text`.

        `width` (thousandths of an em, default the glyph's own advance) becomes the glyph's PDF
        /Widths entry: text extractors take it as the distance to the next character, so a glyph
        that carries a whole cluster's text is given the whole cluster's advance.
        """
        if width is None:
            width = self._advances.get(gid)
            if width is None:
                width = self._advances[gid] = self.hb_font.get_glyph_h_advance(gid) * 1000 / self.upem
        triple = (gid, text, round(width))
        key = self._keys.get(triple)
        return key if key is not None else self._new_key(triple)

    def _new_key(self, triple: tuple[int, str, int]) -> str:
        gid, text, width = triple
        code = _FIRST_KEY + len(self._keys)
        if code > _LAST_KEY:
            raise OverflowError(f"{self.fontName}: more distinct glyph/text/width keys than private-use codes")
        self._keys[triple] = key = chr(code)
        self._key_text[code] = text
        self.face.charToGlyph[code] = gid
        self.face.charWidths[code] = width
        return key

    def width_of(self, key: str) -> float:
        return self.face.charWidths[ord(key)]

    def glyph_of(self, key: str) -> int:
        return self.face.charToGlyph[ord(key)]

    def key_text(self, key: str) -> str:
        """The logical text a key's glyph stands for."""
        return self._key_text.get(ord(key), key)

    def _make_subset(self, subset: list[int]) -> bytes:
        """ReportLab's subset, each code's glyph given the code's /Widths entry as its advance."""
        face = self.face
        advances = [round(face.getCharWidth(code) * self.upem / 1000) for code in subset]
        return with_own_advances(type(face).makeSubset(face, subset), advances)

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802 - ReportLab's hook name
        """Embed the subsets as ReportLab does, then give each a ToUnicode map of logical text."""
        subsets = [list(subset) for subset in self.state[doc].subsets]
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject["toUnicodeCMap:" + base_name]
            stream.content = _to_unicode_cmap(base_name, [self._key_text.get(key, chr(key)) for key in subset])


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    entries = [
        f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
        for code, text in enumerate(texts)
        if code and text
    ]
    blocks = []
    for start in range(0, len(entries), _BFCHAR_CHUNK):
        chunk = entries[start:start + _BFCHAR_CHUNK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{name}-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<00> <FF>", "endcodespacerange",
        *blocks,
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


@cache
def pdf_font(face: FontFace) -> PdfFont:
    """One PdfFont per face per process: parsing a TrueType file is the slow part."""
    return PdfFont(face)
