"""UAX #9 as the standard has it: levels resolved per paragraph, reordering per line.

ICU's ubidi (through PyICU) resolves the explicit, weak, neutral and implicit
rules (X1–X10, W1–W7, N0–N2, I1–I2) once over the whole paragraph; each laid-
out line is then reordered alone (L1–L2) from those levels. So "(2002-2005)"
after Arabic reads the same whether or not a line starts with it, as in Word,
LibreOffice and browsers. Mirroring (L4) is HarfBuzz's job when it shapes a
right-to-left run; combining marks stay after their base (L3 is not needed
because shaping keeps clusters together).

ICU counts in UTF-16 code units; Python strings count code points, so
indices are mapped both ways when the paragraph has characters outside the
Basic Multilingual Plane (emoji).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import icu

from ..chars import BIDI_CONTROLS  # noqa: F401 - steer UAX #9, never drawn


@dataclass(frozen=True)
class VisualOrder:
    """`indices[k]` is the logical index (from the line's start) drawn at visual position k, left to right."""

    indices: tuple[int, ...]
    rtl: tuple[bool, ...]  # per logical index of the line: resolved at an odd (right-to-left) level
    levels: tuple[int, ...]  # per logical index of the line: the embedding level after L1


class ParagraphBidi:
    """A paragraph's resolved levels, ready to reorder any of its lines."""

    def __init__(self, text: str, rtl_base: bool) -> None:
        self.text = text
        self.rtl_base = rtl_base
        self._bidi = icu.Bidi()
        self._astral = max(text, default="\0") > "\uffff"  # any code point outside the BMP
        if self._astral:
            self._unit_of: list[int] = []  # code point index → UTF-16 index
            self._index_of: dict[int, int] = {}  # UTF-16 index of a code point start → code point index
            unit = 0
            for index, char in enumerate(text):
                self._unit_of.append(unit)
                self._index_of[unit] = index
                unit += 2 if ord(char) > 0xFFFF else 1
            self._unit_of.append(unit)
        self._patched: list[int] | None = None
        if text:
            self._bidi.setPara(icu.UnicodeString(text), 1 if rtl_base else 0)
            self._patched = _marks_after_brackets(text, self._icu_levels())

    def _unit(self, index: int) -> int:
        return self._unit_of[index] if self._astral else index

    def levels(self) -> list[int]:
        """Resolved level of every character of the paragraph (before the per-line rule L1)."""
        return list(self._patched) if self._patched is not None else self._icu_levels()

    def _icu_levels(self) -> list[int]:
        if not self.text:
            return []
        units = self._bidi.getLevels()
        if not self._astral:
            return list(units)
        return [units[self._unit_of[index]] for index in range(len(self.text))]

    def line(self, start: int, end: int) -> VisualOrder:
        """Visual order of text[start:end], which must not split a paragraph's line in a cluster."""
        if start >= end:
            return VisualOrder((), (), ())
        if self._patched is not None:
            return _reorder_line(self.text, self._patched, start, end, int(self.rtl_base))
        unit_start, unit_end = self._unit(start), self._unit(end)
        if unit_start == 0 and unit_end == self._unit(len(self.text)):
            line = self._bidi
        else:
            line = self._bidi.setLine(unit_start, unit_end)
        visual_map = line.getVisualMap()
        unit_levels = line.getLevels()
        if not self._astral:
            return VisualOrder(tuple(visual_map), tuple(bool(level & 1) for level in unit_levels), tuple(unit_levels))
        index_of, base = self._index_of, unit_start
        indices = tuple(index_of[base + unit] - start for unit in visual_map if base + unit in index_of)
        levels = tuple(unit_levels[self._unit_of[start + offset] - unit_start] for offset in range(end - start))
        return VisualOrder(indices, tuple(bool(level & 1) for level in levels), levels)


def visual_order(text: str, rtl_base: bool) -> VisualOrder:
    """Visual order of a one-line paragraph."""
    return ParagraphBidi(text, rtl_base).line(0, len(text))


_BRACKET = icu.UProperty.BIDI_PAIRED_BRACKET_TYPE


def _marks_after_brackets(text: str, levels: list[int]) -> list[int] | None:
    """UAX #9 N0, last paragraph: combining marks right after a paired bracket that N0 resolved
    take the bracket's direction. ICU 78 leaves them at the level around (BidiCharacterTest.txt
    lines 83-113 fail); the corrected levels, or None when no mark needed it."""
    marks = sorted(char for char in set(text) if unicodedata.bidirectional(char) == "NSM")
    if not marks:  # as in most paragraphs
        return None
    patched = None
    for found in re.finditer(f"[{re.escape(''.join(marks))}]", text):  # the marks, not every character
        index = found.start()
        if index == 0:
            continue
        base = index - 1
        while base > 0 and (unicodedata.bidirectional(text[base]) in ("NSM", "BN")):
            base -= 1
        if icu.Char.getIntPropertyValue(text[base], _BRACKET) and levels[index] != levels[base]:
            patched = patched or list(levels)
            for at in range(base + 1, index + 1):
                if unicodedata.bidirectional(text[at]) == "NSM":
                    patched[at] = levels[base]
    return patched


_TRAILING = {"WS", "LRI", "RLI", "FSI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "S", "B"}


def _reorder_line(text: str, levels: list[int], start: int, end: int, base: int) -> VisualOrder:
    """L1 (trailing whitespace and isolate controls to the paragraph level) and L2 (reverse every
    run at or above each level, highest first) on one line, from the paragraph's levels."""
    line = list(levels[start:end])
    at = end - start
    while at > 0 and unicodedata.bidirectional(text[start + at - 1]) in _TRAILING:
        at -= 1
        line[at] = base
    order = list(range(end - start))
    current = list(line)
    odd = [level for level in line if level % 2]
    for level in range(max(line), min(odd, default=max(line) + 1) - 1, -1):
        i = 0
        while i < len(order):
            if current[i] < level:
                i += 1
                continue
            j = i
            while j < len(order) and current[j] >= level:
                j += 1
            order[i:j], current[i:j] = order[i:j][::-1], current[i:j][::-1]
            i = j
    return VisualOrder(tuple(order), tuple(bool(level & 1) for level in line), tuple(line))
