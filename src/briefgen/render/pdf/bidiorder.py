"""Visual order of one laid-out line, exactly as python-bidi's get_display gives it.

The Unicode Bidirectional Algorithm is applied per visual line after line
breaking (UAX #9, rules L1-L2), never to a whole paragraph before wrapping.
get_display only returns the reordered string, but drawing shaped glyphs
needs to know where each logical character went and at which direction it
was resolved. So every character is followed by two invisible tag
characters (Bidi_Class BN, which the algorithm ignores) encoding its
logical index; get_display moves them with their character, reversing the
triple when the character is at a right-to-left level. Reading the tags
back gives the permutation and the directions, and the result is checked
against a plain get_display call, so it cannot drift from the reference.

Tags after the last character would count as trailing format characters
and be reset to the paragraph level (rule L1), so a strong character of the
paragraph's own direction is appended: it resolves nothing differently
from the end of the paragraph it stands for, and is dropped afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bidi import get_display

_RADIX = 48
_HIGH = 0xE0020  # TAG SPACE ..: 48 tags for the high digit
_LOW = _HIGH + _RADIX  # 48 further tags for the low digit
_MAX_LEN = _RADIX * _RADIX
_SENTINEL_RTL = "\u05d0"  # HEBREW LETTER ALEF: Bidi_Class R
_SENTINEL_LTR = "a"


@dataclass(frozen=True)
class VisualOrder:
    """`indices[k]` is the logical index drawn at visual position k (left to right)."""

    indices: tuple[int, ...]
    rtl: tuple[bool, ...]  # per logical index: resolved at an odd (right-to-left) level
    display: str  # get_display's string (python-bidi reorders without mirroring)


_TAGS = [chr(_HIGH + index // _RADIX) + chr(_LOW + index % _RADIX) for index in range(_MAX_LEN)]
_HIGH_VALUE = {chr(_HIGH + d): d * _RADIX for d in range(_RADIX)}
_LOW_VALUE = {chr(_LOW + d): d for d in range(_RADIX)}
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067\U00010800-\U00010fff"
    "\U0001e800-\U0001efff]"
)


def visual_order(text: str, rtl_base: bool) -> VisualOrder:
    """Reorder one line of logical text for display with the paragraph's base direction."""
    if not text:
        return VisualOrder((), (), "")
    if not rtl_base and not _RIGHT_TO_LEFT.search(text):
        return VisualOrder(tuple(range(len(text))), (False,) * len(text), text)  # nothing to reorder
    if len(text) >= _MAX_LEN:
        raise ValueError(f"line of {len(text)} characters is longer than the {_MAX_LEN - 1} this reordering encodes")
    base_dir = "R" if rtl_base else "L"
    sentinel = _SENTINEL_RTL if rtl_base else _SENTINEL_LTR
    shown = get_display("".join(char + _TAGS[i] for i, char in enumerate(text)) + sentinel, base_dir=base_dir)
    indices: list[int] = []
    rtl = [False] * len(text)
    plain = []
    high, low = _HIGH_VALUE, _LOW_VALUE
    sentinel_at = 0 if rtl_base else len(shown) - 1  # the last character, at the paragraph level
    for k, char in enumerate(shown):
        if char in high or char in low or k == sentinel_at:
            continue
        if k + 2 < len(shown) and shown[k + 1] in high:
            index = high[shown[k + 1]] + low[shown[k + 2]]
        else:
            index = high[shown[k - 1]] + low[shown[k - 2]]
            rtl[index] = True
        indices.append(index)
        plain.append(char)
    display = get_display(text, base_dir=base_dir)
    if sorted(indices) != list(range(len(text))) or "".join(plain) != display:
        raise AssertionError(f"bidi tag decoding disagrees with get_display for {text!r}")
    return VisualOrder(tuple(indices), tuple(rtl), display)
