"""Finding a figure's number in Arabic text.

Sources mix Western and Arabic-Indic digits and spell small numbers out;
the source check must see "٢٫٤" and "2.4" as the same number.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Extended Arabic-Indic digits and separators to ASCII."""
    return text.translate(_DIGITS)


def number_forms(number: float) -> list[str]:
    """How a number may be written: '17.9', '1000', '1,000'."""
    if float(number).is_integer():
        whole = int(number)
        forms = [str(whole)]
        if abs(whole) >= 1000:
            forms.append(f"{whole:,}")
        return forms
    return [repr(float(number)).rstrip("0")]


def contains_number(text: str, number: float) -> bool:
    normalized = normalize_digits(text)
    for form in number_forms(number):
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", normalized):
            return True
    return False
