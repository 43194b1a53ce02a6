"""What briefgen does with each kind of invisible character, decided once for loader and writers.

- Bidi formatting characters (LRM, RLM, ALM, LRE…PDF, LRI…PDI) steer UAX #9 and are never drawn.
- Paragraph and segment separators (CR, LF, TAB, VT, FF, NEL U+0085, U+001C–U+001F, LINE and
  PARAGRAPH SEPARATOR U+2028/U+2029) inside a fact's text become a space: a fact is one run of a
  paragraph, so a separator in it cannot start a new paragraph of the brief.
- Every other control character (C0, DEL, C1) is refused where the text is loaded, with its file,
  line and code point: it has no glyph, no meaning in a brief, and no place in a DOCX (XML 1.0
  forbids most of them).
- Zero-width and other format characters (ZWJ, ZWNJ, ZWSP, WJ, soft hyphen, variation selectors)
  are text: shaping consumes them.
"""

from __future__ import annotations

import re
import unicodedata

SEPARATORS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TO_SPACE = {ord(char): " " for char in SEPARATORS}

# General category Cc is exactly C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F), fixed by Unicode's
# stability policy; these are the ones of them not in SEPARATORS. A class the regex engine scans in C
# instead of a category lookup per character: the loader and both writers check every string.
_REFUSED = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def is_refused_control(char: str) -> bool:
    """A control character (general category Cc) that is not a separator."""
    return _REFUSED.fullmatch(char) is not None


def first_refused(text: str) -> int | None:
    """Index of the first refused control character in `text`, or None."""
    found = _REFUSED.search(text)
    return found.start() if found is not None else None


def describe(char: str) -> str:
    """'U+0007 (BEL)': the code point and a name a curator can look up."""
    name = unicodedata.name(char, "")
    if not name:
        aliases = {0x07: "BEL", 0x00: "NUL", 0x08: "BACKSPACE", 0x1B: "ESCAPE", 0x7F: "DELETE"}
        name = aliases.get(ord(char), "control character")
    return f"U+{ord(char):04X} ({name})"


def separators_to_spaces(text: str) -> str:
    return text.translate(_TO_SPACE)
