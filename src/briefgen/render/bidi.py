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
        self._astral = any(ord(char) > 0xFFFF for char in text)
        if self._astral:
            self._unit_of: list[int] = []  # code point index → UTF-16 index
            self._index_of: dict[int, int] = {}  # UTF-16 index of a code point start → code point index
            unit = 0
            for index, char in enumerate(text):
                self._unit_of.append(unit)
                self._index_of[unit] = index
                unit += 2 if ord(char) > 0xFFFF else 1
            self._unit_of.append(unit)
        if text:
            self._bidi.setPara(icu.UnicodeString(text), 1 if rtl_base else 0)

    def _unit(self, index: int) -> int:
        return self._unit_of[index] if self._astral else index

    def levels(self) -> list[int]:
        """Resolved level of every character of the paragraph (before the per-line rule L1)."""
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
