"""Facts about languages and scripts, in one place: everything else asks here.

Direction and script come from CLDR (through Babel), so a language is right-
to-left exactly when CLDR says it is (`sd`, Sindhi in Arabic script, is right-
to-left in assembly and in every writer alike). The rest is derived from
those two: which bundled font family draws a language first, which digit
systems a brief in it may use, how Word is told to number pages in those
digits, and how numbers in running text take the brief's digits — one rule
for curated and machine-translated text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global

Direction = Literal["rtl", "ltr"]

RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Samr", "Mand", "Yezi"})
ARABIC_SCRIPT = "Arab"

# Digit systems (CLDR numbering-system ids) a brief can print; Eastern digits belong to RTL scripts.
DIGIT_SYSTEMS = ("latn", "arab", "arabext")
_DIGIT_TABLES = {
    "arab": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "arabext": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}
# Separators that go with Eastern digits (CLDR: ARABIC DECIMAL and THOUSANDS SEPARATOR for both);
# Latin-digit Arabic text writes numbers as English does ("1,000.5").
_EASTERN_SEPARATORS = str.maketrans({".": "٫", ",": "٬"})

# Word's own defaults for the languages briefs are written in; others come from CLDR likely subtags.
_WORD_LANG_TAGS = {"ar": "ar-SA", "en": "en-US", "ru": "ru-RU"}


def base_language(lang: str) -> str:
    """'ar-EG' → 'ar', 'pt_BR' → 'pt': the language subtag, for comparing languages whatever their region."""
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=None)
def script(lang: str) -> str:
    """ISO 15924 script a language is written in ('Arab', 'Cyrl', 'Latn', ...), 'Zyyy' if unknown."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "Zyyy"
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else "Zyyy"


@lru_cache(maxsize=None)
def direction(lang: str) -> Direction:
    """'rtl' or 'ltr', as CLDR has it for the language; unknown languages are left-to-right."""
    try:
        order = Locale.parse(lang.replace("-", "_")).character_order
    except (UnknownLocaleError, ValueError, TypeError):
        order = None
    if order:
        return "rtl" if order == "right-to-left" else "ltr"
    return "rtl" if script(lang) in RTL_SCRIPTS else "ltr"


def is_rtl(lang: str) -> bool:
    return direction(lang) == "rtl"


def uses_arabic_script(lang: str) -> bool:
    return script(lang) == ARABIC_SCRIPT


def digit_systems(lang: str) -> tuple[str, ...]:
    """Digit systems a brief in `lang` may print: Eastern ones only for right-to-left languages."""
    return DIGIT_SYSTEMS if is_rtl(lang) else ("latn",)


def brief_digits(lang: str, wanted: str) -> str:
    """The digits a brief in `lang` prints when `wanted` is asked for ('latn' if it cannot)."""
    return wanted if wanted in digit_systems(lang) else "latn"


def localize_digits(text: str, digits: str) -> str:
    """Swap every Western digit for the brief's own (Arabic-Indic, Extended Arabic-Indic)."""
    table = _DIGIT_TABLES.get(digits)
    return text.translate(table) if table else text


# A number standing alone: not part of an identifier ('GTG-2', 'CA+JAD', 'file_2.txt'); a range
# of numbers ('1996-1999') is two numbers standing alone.
_LONE_NUMBER = re.compile(r"(?<![A-Za-z\d_/.,])(?<![A-Za-z_]-)\d+(?:[.,]\d+)*(?![A-Za-z\d_/])(?!-[A-Za-z_])(?![.,]\d)")


def localize_numbers(text: str, digits: str) -> str:
    """Numbers that stand alone in running text take the brief's digits, with the Arabic decimal
    separator; digits inside identifiers ('GTG-2', 'file_2.txt') stay as written. The one rule
    for curated, generated and machine-translated text."""
    if digits not in _DIGIT_TABLES:
        return text

    def convert(match: re.Match) -> str:
        number = localize_digits(match.group(0), digits)
        return number if number.count(".") > 1 else number.translate(_EASTERN_SEPARATORS)  # a date stays a date

    return _LONE_NUMBER.sub(convert, text)


def font_families(lang: str, arabic: str, latin: str) -> tuple[str, str]:
    """Bundled families in preference order for text in `lang`: Arabic-script languages take
    the Arabic family first, everything else the Latin one."""
    return (arabic, latin) if uses_arabic_script(lang) else (latin, arabic)


def shaping_script(lang: str) -> str:
    """The script HarfBuzz is told for runs of characters without a script of their own."""
    found = script(lang)
    return "Latn" if found == "Zyyy" else found


@lru_cache(maxsize=None)
def word_lang_tag(lang: str) -> str:
    """The language-REGION tag Word expects in w:lang (Word ignores bare 'ar')."""
    if lang in _WORD_LANG_TAGS:
        return _WORD_LANG_TAGS[lang]
    likely = get_global("likely_subtags").get(lang, "")
    territory = likely.split("_")[-1]
    return f"{lang}-{territory}" if likely and territory.isupper() else lang


def word_page_number_format(digits: str) -> tuple[str | None, str]:
    """How Word numbers pages in `digits`: (w:pgNumType/@w:fmt or None, PAGE/NUMPAGES field switch).

    Word has one format for Eastern Arabic digits ('hindiNumbers', field switch HINDIARABIC); it
    draws them in the Arabic-Indic or the Extended (Persian, Urdu) shapes by the text's language.
    """
    if digits in _DIGIT_TABLES:
        return "hindiNumbers", r" \* HINDIARABIC"
    return None, ""


# -- paragraph direction ------------------------------------------------------------------------

_STRONG_CLASSES = {"L": "ltr", "R": "rtl", "AL": "rtl"}
ISOLATE_FOR = {"ltr": "\u2066", "rtl": "\u2067"}  # LEFT-TO-RIGHT / RIGHT-TO-LEFT ISOLATE
POP_ISOLATE = "\u2069"
_ISOLATE_INITIATORS = frozenset("\u2066\u2067\u2068")


def has_strong(text: str) -> bool:
    """Whether `text` has a character of a strong bidi class (L, R, AL): stops at the first one."""
    import unicodedata

    return not _STRONG_CLASSES.keys().isdisjoint(map(unicodedata.bidirectional, text))


def paragraph_direction(runs: Iterable[tuple[str, str]], default: Direction) -> Direction:
    """A paragraph's base direction from its own text: the direction of the language of the run
    holding its first strong character (UAX #9 P2, with the run's language deciding, so an Arabic
    sentence that opens with "SmartMining" is still right-to-left, and an untranslated English
    passage in an Arabic brief is left-to-right); `default` (the brief's) when there is none.
    `runs` are (text, language) pairs in logical order."""
    for text, lang in runs:
        if has_strong(text):
            return direction(lang)
    return default


_SINGLE_CITATION = re.compile(r"^\[[0-9\u0660-\u0669\u06f0-\u06f9]+\]$")


def citation_text(label: str, paragraph: Direction) -> str:
    """A one-number citation label ("[4]") in a right-to-left paragraph as a left-to-right isolate:
    it looks the same, and is one directional run, which word processors never break inside
    (LibreOffice breaks between bidi levels: "[" at a line's end, "4]" on the next). Lists like
    "[1، 3]" keep their right-to-left order."""
    if paragraph == "rtl" and _SINGLE_CITATION.match(label):
        return ISOLATE_FOR["ltr"] + label + POP_ISOLATE
    return label


def isolate_run(text: str, lang: str, paragraph: Direction) -> str:
    """A run written the other way from its paragraph, fenced as a directional isolate (UAX #9
    LRI/RLI … PDI) so its punctuation stays with it ("2025." not ".2025"); any isolate the text
    itself leaves open is closed first, so the fence holds. Other runs come back unchanged."""
    side = direction(lang)
    if side == paragraph or not has_strong(text):
        return text
    open_isolates = 0
    for char in text:
        if char in _ISOLATE_INITIATORS:
            open_isolates += 1
        elif char == POP_ISOLATE and open_isolates:
            open_isolates -= 1
    return ISOLATE_FOR[side] + text + POP_ISOLATE * (open_isolates + 1)
