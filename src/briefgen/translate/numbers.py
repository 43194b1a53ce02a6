"""Numbers in running text: found, re-punctuated for another language, compared.

A translation may reorder words but must carry every number unchanged, so
numbers are protected from the model and re-written with the target
language's decimal and group separators (Babel's CLDR data): "2.4" in English
is "2,4" in Russian. Digit strings are kept as written (leading zeros, years),
only separators change; anything that does not parse as one number (a date
like 20.12.2025) is carried verbatim.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

NUMBER = re.compile(r"(?<![\d.,٫٬\u00a0\u202f])\d+(?:[.,٫٬\u00a0\u202f]\d+)*(?!\d)")
"""Digits with inner separators (no-break spaces group digits in CLDR); `\\d` also matches Arabic-Indic digits."""

ARABIC_DECIMAL, ARABIC_GROUP = "٫", "٬"


@dataclass(frozen=True)
class Number:
    """One number as written: integer digit groups, optional fraction, or a verbatim token."""

    groups: tuple[str, ...]
    fraction: str | None = None
    verbatim: str | None = None

    @property
    def key(self) -> str:
        """The value as a comparable string, independent of language and separators."""
        if self.verbatim is not None:
            return self.verbatim
        whole = "".join(self.groups)
        return f"{whole}.{self.fraction}" if self.fraction is not None else whole

    def render(self, lang: str) -> str:
        """The number as `lang` writes it (Western digits; briefs localize digits later)."""
        if self.verbatim is not None:
            return self.verbatim
        decimal, group = separators(lang)
        text = group.join(self.groups)
        return f"{text}{decimal}{self.fraction}" if self.fraction is not None else text


@lru_cache(maxsize=None)
def separators(lang: str) -> tuple[str, str]:
    """(decimal, group) separators of a language with Western digits, from CLDR."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    return get_decimal_symbol(locale, numbering_system="latn"), get_group_symbol(locale, numbering_system="latn")


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def parse_number(token: str, lang: str) -> Number:
    """Read a matched token with the conventions of the language it is written in."""
    token = _ascii_digits(token)
    decimal, group = separators(lang)
    decimal_marks = {decimal, ARABIC_DECIMAL}
    group_marks = {group, ARABIC_GROUP} - decimal_marks
    parts = re.split(r"([.,٫٬\u00a0\u202f])", token)
    digits, marks = parts[0::2], parts[1::2]
    fraction = None
    if marks and marks[-1] in decimal_marks:
        fraction = digits.pop()
        marks.pop()
    if all(mark in group_marks for mark in marks) and all(len(g) == 3 for g in digits[1:]):
        return Number(groups=tuple(digits), fraction=fraction)
    return Number(groups=(), verbatim=token)


def find_numbers(text: str, lang: str) -> list[tuple[int, int, Number]]:
    """Every number in `text` with its span."""
    return [(m.start(), m.end(), parse_number(m.group(), lang)) for m in NUMBER.finditer(text)]


def numbers_match(source: str, source_lang: str, target: str, target_lang: str) -> bool:
    """True when both texts hold the same numbers, each as often."""
    found = lambda text, lang: Counter(number.key for _, _, number in find_numbers(text, lang))
    return found(source, source_lang) == found(target, target_lang)
