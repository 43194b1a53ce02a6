"""The bundled fonts, and which of them draws each character.

Shared by the PDF writer (which embeds the files) and the DOCX writer (which
names the families). Text in a right-to-left script language prefers Amiri,
everything else Noto Sans; a character the preferred family lacks falls back
to the other one, so a Cyrillic word inside Arabic text, or an untranslated
Arabic sentence inside an English brief, is still drawn. A character no
bundled font has is a `MissingGlyphError` before any output is written,
never a tofu box on the page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterator

import icu
import uharfbuzz as hb

from ..brief import Brief, Cite, Run, iter_paragraphs, localize_digits
from ..chars import describe, first_refused
from ..errors import BriefgenError, MissingGlyphError, UnsupportedTextError
from ..lang import font_families
from ..resources import bundled

FONT_DIR = bundled("fonts")

ARABIC_FAMILY = "Amiri"
LATIN_FAMILY = "Noto Sans"

_FILES: dict[str, dict[str, str]] = {
    ARABIC_FAMILY: {"regular": "Amiri-Regular.ttf", "bold": "Amiri-Bold.ttf"},
    LATIN_FAMILY: {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf", "italic": "NotoSans-Italic.ttf"},
}


# Characters drawn by other means than a glyph of their own: the marks the
# PDF writer adds itself, and format characters shaping consumes.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


@dataclass(frozen=True, eq=False)
class FontFace:
    """One font file of a family in one style; one instance per file (see font_face), compared by identity."""

    family: str
    style: str
    path: Path
    codepoints: frozenset[int] = field(repr=False, compare=False)

    def covers(self, char: str) -> bool:
        return ord(char) in self.codepoints


def font_face(family: str, style: str = "regular") -> FontFace:
    """The face of `family` closest to `style` ('regular', 'bold', 'italic', 'bolditalic')."""
    files = _FILES[family]
    if style not in files:
        style = "bold" if "bold" in style and "bold" in files else "regular"
    return _load_face(family, style)


def font_file_paths(family: str) -> dict[str, Path]:
    """Every bundled file of a family by style ('regular', 'bold', 'italic'); a missing one is the user's to restore."""
    paths = {style: FONT_DIR / name for style, name in _FILES[family].items()}
    for path in paths.values():
        if not path.is_file():
            raise BriefgenError(f"{path}: bundled font file missing; restore it (git checkout -- fonts/, "
                                f"or reinstall briefgen)")
    return paths


@cache
def _load_face(family: str, style: str) -> FontFace:
    path = font_file_paths(family)[style]
    codepoints = frozenset(hb.Face(hb.Blob.from_file_path(str(path))).unicodes)
    return FontFace(family, style, path, codepoints)


@cache
def x_height(face: FontFace) -> float:
    """Height of the face's 'x' in em: what makes two faces look the same size side by side."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path))))
    extents = font.get_glyph_extents(font.get_nominal_glyph(ord("x")))
    return extents.y_bearing / font.face.upem


def style_name(bold: bool, italic: bool) -> str:
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


@cache
def family_order(lang: str) -> tuple[str, str]:
    """Families in preference order for text in `lang`."""
    return font_families(lang, ARABIC_FAMILY, LATIN_FAMILY)


@cache
def needs_glyph(char: str) -> bool:
    """False for control and format characters and other default-ignorable code points (variation
    selectors, the combining grapheme joiner): HarfBuzz shapes them away without a glyph."""
    if unicodedata.category(char) in _NO_GLYPH_CATEGORIES:
        return False
    return not icu.Char.hasBinaryProperty(char, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT)


def face_for(char: str, lang: str, bold: bool = False, italic: bool = False,
             previous: FontFace | None = None) -> FontFace | None:
    """The face that draws `char` in text of `lang`, or None if no bundled font has it.

    Combining marks and format characters stay in the face of the character
    before them, so a mark is never shaped apart from its base.
    """
    preferred, follows = _face_table(lang, bold, italic)[char]
    if follows and previous is not None and previous.covers(char):
        return previous
    return preferred


def faces_for_text(text: str, lang: str, bold: bool = False, italic: bool = False,
                   previous: FontFace | None = None) -> tuple[FontFace | None, ...]:
    """The face of each character of `text`, as both writers draw it: per character (face_for),
    then a word that would mix families is drawn whole in one family that has all its letters
    ("Gündəm" in Noto Sans inside Arabic text, not "Gündə" in Amiri and "ə" in Noto Sans)."""
    table = _face_table(lang, bold, italic)
    if text:
        first = table[text[0]][0]
        if (previous is None or previous is first) and table.preferring(first).issuperset(text):
            return (first,) * len(text)  # the common case: no character of it needs another face
    faces: list[FontFace | None] = []
    for char in text:
        preferred, follows = table[char]
        if follows and previous is not None and previous.covers(char):
            preferred = previous
        faces.append(preferred)
        previous = preferred
    if len(set(faces)) > 1:  # most strings are in one face: no word can mix families
        _one_family_per_word(text, faces)
    return tuple(faces)


_WORD = re.compile(r"\S+")  # \S is exactly `not str.isspace()`


def _one_family_per_word(text: str, faces: list[FontFace | None]) -> None:
    """Redraw each word whose characters got faces of different families in the first of those
    faces that has every character of the word (in place); a word with a character no face has
    is left for the caller to refuse."""
    for word in _WORD.finditer(text):
        start, end = word.span()
        candidates = dict.fromkeys(faces[start:end])
        if len(candidates) == 1 or None in candidates:
            continue
        for face in candidates:
            if all(face.covers(char) or not needs_glyph(char) for char in word.group()):
                faces[start:end] = [face] * (end - start)
                break


class _FaceTable(dict[str, tuple[FontFace | None, bool]]):
    """Character → (preferred face, whether it follows the face before it), for one language's
    families in one style; filled on first sight of each character, so choosing faces for a
    string costs a dictionary lookup per character instead of a font search."""

    def __init__(self, families: tuple[str, ...], style: str) -> None:
        super().__init__()
        self.families = families
        self.style = style
        self.drawn: set[str] = set()
        """Characters seen so far that some face of the families draws."""
        self._preferring: dict[FontFace | None, set[str]] = {}

    def __missing__(self, char: str) -> tuple[FontFace | None, bool]:
        preferred = _preferred_face(char, self.families, self.style)
        self[char] = entry = (preferred, _follows_previous(char))
        self.preferring(preferred).add(char)
        if preferred is not None:
            self.drawn.add(char)
        return entry

    def preferring(self, face: FontFace | None) -> set[str]:
        """Characters seen so far whose preferred face is `face`."""
        return self._preferring.setdefault(face, set())

    def first_missing(self, text: str) -> int | None:
        """Index of the first character of `text` no face of the families draws, or None."""
        if self.drawn.issuperset(text):
            return None
        for index, char in enumerate(text):
            if self[char][0] is None:
                return index
        return None


@cache
def _face_table(lang: str, bold: bool, italic: bool) -> _FaceTable:
    return _FaceTable(family_order(lang), style_name(bold, italic))


@cache
def _follows_previous(char: str) -> bool:
    return bool(unicodedata.combining(char)) or not needs_glyph(char)


@cache
def _preferred_face(char: str, families: tuple[str, ...], style: str) -> FontFace | None:
    for family in families:
        face = font_face(family, style)
        if face.covers(char) or not needs_glyph(char):
            return face
    return None


def printed_strings(brief: Brief) -> Iterator[tuple[str, str, str, bool, bool]]:
    """Every string a writer prints: (text, lang, where it comes from, bold, italic)."""
    meta = brief.meta
    for paragraph in iter_paragraphs(brief):
        for inline in paragraph.inlines:
            if isinstance(inline, Run):
                facts = inline.facts
                where = (f"fact{'s' if len(facts) > 1 else ''} {', '.join(facts)}" if facts
                         else f"text {inline.text[:30]!r}")
                yield inline.text, inline.lang, where, inline.bold, inline.italic
            elif isinstance(inline, Cite):
                yield inline.label, meta.lang, "a citation label", False, False
    for block in brief.blocks():
        for entry in getattr(block, "entries", ()):
            yield entry.label, meta.lang, "a source label", False, False
    yield meta.title, meta.lang, "the title", True, False
    yield meta.date_text, meta.lang, "the date", False, False
    for key, label in meta.labels.items():
        yield label, meta.lang, f"the {key!r} label", False, False
    yield localize_digits("0123456789", meta.digits), meta.lang, "the page numbers", False, False


def check_coverage(brief: Brief) -> None:
    """Refuse, before any output is written, the first character a writer cannot print as written:
    a control character (UnsupportedTextError) or one no bundled font can draw (MissingGlyphError)."""
    for text, lang, where, bold, italic in printed_strings(brief):
        bad = first_refused(text)
        if bad is not None:
            raise UnsupportedTextError(f"brief {brief.meta.id}: control character {describe(text[bad])} in {where}; "
                                       f"remove it from the text")
        # faces_for_text(text, …) has None exactly where _preferred_face has: the face a mark
        # follows is itself one of the families' faces in this style, and none of them has the
        # character; the per-word pass never adds or removes a None.
        missing = _face_table(lang, bold, italic).first_missing(text)
        if missing is not None:
            char = text[missing]
            name = unicodedata.name(char, "unnamed character")
            raise MissingGlyphError(
                f"brief {brief.meta.id}: no bundled font has U+{ord(char):04X} {name} (in {where}); "
                f"rephrase the text or add a font covering it to fonts/"
            )
