"""One home for language and script facts: every module gets the same answer."""

from __future__ import annotations

import pytest

from briefgen.assemble.locale import Locale
from briefgen.lang import direction, font_families, localize_numbers, script, word_page_number_format
from briefgen.render.fonts import family_order


@pytest.mark.parametrize("lang,expected", [("ar", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("sd", "rtl"), ("he", "rtl"),
                                           ("en", "ltr"), ("ru", "ltr"), ("kk", "ltr"), ("ar-EG", "rtl")])
def test_direction_is_cldr_and_assembly_agrees(lang, expected) -> None:
    assert direction(lang) == expected
    from briefgen.render.docx.inlines import is_rtl_language
    assert is_rtl_language(lang) == (expected == "rtl")


def test_sindhi_is_right_to_left_in_assembly_too(tmp_path) -> None:
    """Regression: assembly had its own list without `sd`, the DOCX writer asked CLDR."""
    po = tmp_path / "sd" / "LC_MESSAGES" / "briefgen.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    locale = Locale("sd", tmp_path, digits="arabext")
    assert locale.direction == "rtl" and locale.digits == "arabext"
    assert Locale("en", tmp_path, digits="arab").digits == "latn"


def test_scripts_and_font_order() -> None:
    assert script("ar") == script("fa") == script("sd") == "Arab"
    assert script("ru") == "Cyrl" and script("en") == "Latn" and script("he") == "Hebr"
    assert font_families("ur", "A", "L") == ("A", "L") and font_families("he", "A", "L") == ("L", "A")
    assert family_order("sd")[0] == "Amiri"


def test_curated_and_machine_text_take_the_same_digits() -> None:
    """Regression: curated '٢٦٫٨' but machine-translated '٢٦.٨ … GTG-٢'; ranges stayed Latin."""
    assert localize_numbers("26.8% GTG-2", "arab") == "٢٦٫٨% GTG-2"
    assert localize_numbers("(1996-1999) و(2004)", "arab") == "(١٩٩٦-١٩٩٩) و(٢٠٠٤)"
    assert localize_numbers("يومي 19 و20", "arabext") == "يومي ۱۹ و۲۰"
    assert localize_numbers("file_2.txt 2d1b 5G CA+JAD", "arab") == "file_2.txt 2d1b 5G CA+JAD"
    assert localize_numbers("26.8", "latn") == "26.8"
    from briefgen.translate import stage
    assert stage.localize_numbers is localize_numbers


def test_page_number_fields_know_every_eastern_digit_system() -> None:
    """Regression: DOCX page-number fields knew only `arab`."""
    assert word_page_number_format("arab") == word_page_number_format("arabext") == ("hindiNumbers", r" \* HINDIARABIC")
    assert word_page_number_format("latn") == (None, "")
