"""Unicode's conformance files through the code the writers use (see unicode_conformance.py)."""

from __future__ import annotations

import pytest

import unicode_conformance as conformance

pytestmark = pytest.mark.skipif(not conformance.BIDI_CHARACTER_TEST.exists(),
                                reason="unicode-data is not installed (scripts/system-deps.sh)")

EMBEDDINGS = set("\u202a\u202b\u202d\u202e\u202c")


def test_bidi_character_test_visual_order() -> None:
    """Every case is reordered as the file says, except where ICU 78 resolves explicit embeddings
    and overrides (LRE, RLE, LRO, RLO, PDF) differently, and past 63 nested brackets (BD16)."""
    result = conformance.bidi_character_test()
    assert result.order.passed > 90_000
    for number, line in result.order.failures:
        text = "".join(chr(int(code, 16)) for code in line.split(";")[0].split())
        assert EMBEDDINGS & set(text) or text.count("(") > 63, (number, line)


def test_bidi_test_visual_order() -> None:
    """BidiTest.txt: all 770,241 class sequences in all paragraph directions reorder as listed."""
    result = conformance.bidi_test()
    assert result.order.failed == 0 and result.order.passed > 700_000, result.order.failures[:3]


def test_line_break_test() -> None:
    """LineBreakTest.txt from Debian's unicode-data (Unicode 15.0) against ICU's rules (Unicode
    17): the few differences are rules Unicode changed since (LB20a hyphens, LB28a, LB15)."""
    result = conformance.line_break_test()
    assert result.passed / (result.passed + result.failed) > 0.99, result.failures[:3]
