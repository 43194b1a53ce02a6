"""briefgen.chars: which invisible characters are refused, decided the same way everywhere."""

from __future__ import annotations

import sys
import unicodedata

from briefgen.chars import SEPARATORS, first_refused, is_refused_control


def test_refused_controls_are_exactly_category_cc_minus_separators() -> None:
    """The precompiled class must agree with the Unicode database over every code point."""
    for code_point in range(sys.maxunicode + 1):
        char = chr(code_point)
        expected = unicodedata.category(char) == "Cc" and char not in SEPARATORS
        assert is_refused_control(char) is expected, f"U+{code_point:04X}"
        assert first_refused(char) == (0 if expected else None), f"U+{code_point:04X}"


def test_first_refused_is_the_index_of_the_first_one() -> None:
    assert first_refused("") is None
    assert first_refused("abc\tdef\u0085\u2029 ج") is None
    assert first_refused("ab\x1b\x00c") == 2
    assert first_refused("\u0627\x7f") == 1
    assert first_refused("😀\x9f") == 1  # code points, not UTF-16 units
