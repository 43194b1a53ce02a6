"""Split text into direction runs the way Word stores mixed Arabic/Latin text.

Word marks right-to-left runs with w:rtl, which also makes the neutral
characters inside them (spaces, '+', '.', brackets) right-to-left. Left as one
rtl run, "مبادرة CA+JAD" would show as "JAD+CA". Word therefore keeps each
stretch of Latin text, with the neutrals between its letters, in its own
non-rtl run, and everything else in rtl runs; in left-to-right paragraphs the
same holds for stretches of Arabic. Text stays in logical order and unshaped:
the word processor does the shaping and reordering.
"""

from __future__ import annotations

import unicodedata

LRM, RLM = "\u200e", "\u200f"

# One letter per character: L(eft-to-right letter), R(ight-to-left letter), D(igit),
# G(lue: number separators and "_@" that join a token), n(eutral). Filled lazily per
# character; str.translate then classifies a whole text at C speed.
_CLASS_CODES: dict[int, str] = {}
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CODE_OF = {"L": "L", "R": "R", "AL": "R", "EN": "D", "AN": "D", "ES": "G", "ET": "G", "CS": "G"}


_CLASSIFIED: set[str] = set()


def _classes(text: str) -> str:
    for ch in set(text).difference(_CLASSIFIED):
        _CLASS_CODES[ord(ch)] = "G" if ch in "_@" else _CODE_OF.get(unicodedata.bidirectional(ch), "n")
        _CLASSIFIED.add(ch)
    return text.translate(_CLASS_CODES)


def direction_segments(text: str, rtl_base: bool) -> list[tuple[str, bool]]:
    """Cut `text` into (segment, is_rtl) pieces in logical order.

    A segment against the paragraph direction runs from its first strong
    letter through the last letter or digit before the paragraph's own script
    resumes: the stretch the Unicode bidi algorithm itself would lay out in
    that direction. Everything else belongs to the paragraph direction.

    A token that starts with digits glued to foreign letters ("000_2d1b.txt")
    is kept whole, with a direction mark in front: otherwise the bidi
    algorithm splits it and LibreOffice, which ignores w:rtl, shows
    "2d1b.txt_000". Brackets right around a foreign stretch ("(JBIC)") join
    it between direction marks; they look the same either way, but
    LibreOffice breaks lines wherever the direction changes and would
    otherwise leave "(" alone at the end of a line.
    """
    if not text:
        return []
    classes = _classes(text)
    foreign, native = ("L", "R") if rtl_base else ("R", "L")
    segments: list[tuple[str, bool]] = []
    start = 0
    pos = classes.find(foreign)
    while pos >= 0:
        begin = pos
        while begin > start and classes[begin - 1] in "DG":
            begin -= 1
        limit = classes.find(native, pos)
        limit = len(text) if limit < 0 else limit
        end = 1 + max(classes.rfind(foreign, pos, limit), classes.rfind("D", pos, limit))
        mark = LRM if rtl_base else RLM
        opening = mark if begin < pos else ""
        closing = ""
        if begin > start and end < len(text) and _BRACKETS.get(text[begin - 1]) == text[end]:
            begin, end = begin - 1, end + 1
            opening = closing = mark
        if start < begin:
            segments.append((text[start:begin], rtl_base))
        segments.append((opening + text[begin:end] + closing, not rtl_base))
        start = end
        pos = classes.find(foreign, end)
    if start < len(text):
        segments.append((text[start:], rtl_base))
    return segments
