"""Direction runs: Latin inside Arabic (and Arabic inside English) gets runs of its own, text unchanged."""

from __future__ import annotations

import pytest

from briefgen.render.docx.scripts import LRM, direction_segments


def _joined(segments: list[tuple[str, bool]]) -> str:
    return "".join(text for text, _ in segments).replace(LRM, "").replace("\u200f", "")


@pytest.mark.parametrize("text, rtl, expected", [
    ("مبادرة طوكيو CA+JAD، وتتضمن", True,
     [("مبادرة طوكيو ", True), ("CA+JAD", False), ("، وتتضمن", True)]),
    ("بنك اليابان (JBIC).", True, [("بنك اليابان ", True), (LRM + "(JBIC)" + LRM, False), (".", True)]),
    ("بنك (JBIC و JICA)", True, [("بنك (", True), ("JBIC", False), (" و ", True), ("JICA", False), (")", True)]),
    ("بمشروع SmartMining Plus مع", True, [("بمشروع ", True), ("SmartMining Plus", False), (" مع", True)]),
    ("نموذج translate-ar_en-1.0 جديد", True, [("نموذج ", True), ("translate-ar_en-1.0", False), (" جديد", True)]),
    ("Dialogue began. تم إنشاء الحوار في عام 2004. Done", False,
     [("Dialogue began. ", False), ("تم إنشاء الحوار في عام 2004", True), (". Done", False)]),
    ("400 مليون دولار إلى 2.4 مليار", True, [("400 مليون دولار إلى 2.4 مليار", True)]),
    ("Plain English, 80% and [1].", False, [("Plain English, 80% and [1].", False)]),
    ("[1]", True, [("[1]", True)]),
    ("", True, []),
])
def test_segments(text: str, rtl: bool, expected: list[tuple[str, bool]]) -> None:
    assert direction_segments(text, rtl) == expected


def test_a_token_starting_with_digits_stays_whole_behind_a_direction_mark() -> None:
    segments = direction_segments("قمة طوكيو 000_2d1b1e867ba90598.txt", True)
    assert segments == [("قمة طوكيو ", True), (LRM + "000_2d1b1e867ba90598.txt", False)]
    segments = direction_segments("قمة طوكيو (000_2d1b1e867ba90598.txt)", True)
    assert segments == [("قمة طوكيو ", True), (LRM + "(000_2d1b1e867ba90598.txt)" + LRM, False)]


@pytest.mark.parametrize("text", [
    "أعلنت رئيسة الوزراء ساناي تاكايشي عن إطلاق مبادرة طوكيو CA+JAD، وتتضمن هدفًا بقيمة 3 تريليون ين (حوالي 17.9 مليار يورو).",
    "Торговля между Японией и регионом выросла в шесть раз — с 400 млн до 2,4 млрд долларов в 2024 году.",
    "mixed مختلط text نص 12 (x) [3]",
])
@pytest.mark.parametrize("rtl", [True, False])
def test_segments_keep_every_character_in_logical_order(text: str, rtl: bool) -> None:
    segments = direction_segments(text, rtl)
    assert _joined(segments) == text
    assert all(segment for segment, _ in segments)
    assert all(a[1] != b[1] for a, b in zip(segments, segments[1:])), "neighbouring segments share a direction"
