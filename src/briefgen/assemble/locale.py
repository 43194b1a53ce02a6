"""Everything language-specific that is not curated text.

Fixed strings come from gettext catalogs (templates/locale/<lang>/LC_MESSAGES/
briefgen.po, read with Babel, so editing a .po needs no compile step);
dates, numbers and units are formatted by Babel from CLDR data. Arabic briefs
choose Western or Arabic-Indic digits per brief.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import string
from functools import lru_cache
from pathlib import Path

from babel import Locale as BabelLocale
from babel import UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal, get_currency_name
from babel.support import NullTranslations, Translations
from babel.units import format_unit

from ..brief import localize_digits
from ..lang import brief_digits, direction, localize_numbers
from ..errors import BriefgenError
from ..facts.model import Figure, Localized


def N_(message: str) -> str:
    """Mark a string for catalog extraction where it is looked up later."""
    return message


_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_UNITS = {
    "MW": "power-megawatt",
    "GW": "power-gigawatt",
    "km": "length-kilometer",
    "degC": "temperature-celsius",
    "years": "duration-year",
    "decade": "duration-decade",
    "century": "duration-century",
}
_PLAIN_UNITS = frozenset({"count", "year", "day", "ordinal"})
_RANGE = N_("{low}–{high}")
_QUALIFIERS = {"more_than": N_("more than {value}"), "up_to": N_("up to {value}"), "about": N_("about {value}")}
LRI, PDI = "\u2066", "\u2069"
SHORT_SCALE_LANGUAGES = frozenset({"ru"})
INNER_QUOTES = {"ru": ("«»", "„“")}


class Locale:
    """A brief's language: catalog look-ups and locale-aware formatting."""

    def __init__(self, lang: str, catalogs_dir: Path, digits: str = "latn") -> None:
        try:
            self.babel = BabelLocale.parse(lang)
        except (UnknownLocaleError, ValueError):
            raise BriefgenError(f"unknown language {lang!r}; available: {', '.join(available_languages(catalogs_dir))}") from None
        self.lang = lang
        self.direction = direction(lang)
        self.digits = brief_digits(lang, digits)  # Eastern digits belong to right-to-left scripts
        self._messages = _catalog(catalogs_dir, lang)

    def gettext(self, message: str) -> str:
        return self._messages.gettext(message)

    def ngettext(self, singular: str, plural: str, n: float) -> str:
        """Plural choice by the catalog's own rule (Russian and Arabic have several forms)."""
        return self._messages.ngettext(singular, plural, int(n) if float(n).is_integer() else 5)

    def name(self, names: Localized) -> str:
        return names.get(self.lang)

    def inner_quotes(self, text: str) -> str:
        """Quotation marks inside a quotation: Russian nests „…“ inside «…» (a title put in quotes)."""
        outer, inner = INNER_QUOTES.get(self.lang, ("", ""))
        return text.translate(str.maketrans(outer, inner)) if outer else text

    def digits_of(self, text: str) -> str:
        """Localize digits of numbers that stand alone (not inside 'GTG-2' or 'CA+JAD')."""
        return localize_numbers(text, self.digits)

    def isolate(self, identifier: str) -> str:
        """Keep a left-to-right identifier (a file name) in one piece inside right-to-left text."""
        return f"{LRI}{identifier}{PDI}" if self.direction == "rtl" else identifier

    def _clean(self, text: str) -> str:
        return localize_numbers(_BIDI_MARKS.sub("", text), self.digits)

    def date(self, value: dt.date) -> str:
        return self._clean(format_date(value, "d MMMM y" if self.lang == "en" else "long", locale=self.babel))

    def number(self, value: float) -> str:
        return self._clean(format_decimal(value, locale=self.babel))

    def integer(self, value: int) -> str:
        return self._clean(str(value))

    def figure(self, figure: Figure) -> str:
        """'3 trillion Japanese yen', '26.8%', '1,000 megawatts', '24–25 megawatts', in the brief's language and digits."""
        if figure.to is not None:
            # A range reads as its upper end formatted (its plural and unit agree with it) with the
            # lower end put in front: '24–25 megawatts', 'от 24 до 25' is the catalog's business.
            high = figure.model_copy(update={"number": figure.to, "to": None})
            text, shown, low = self.figure(high), self.number(figure.to), self.number(figure.number)
            return text.replace(shown, self.gettext(_RANGE).format(low=low, high=shown), 1)
        if figure.unit == "percent":
            text = format_decimal(figure.number, locale=self.babel) + "%"
        elif figure.unit in _UNITS:
            text = format_unit(figure.number, _UNITS[figure.unit], length="long", locale=self.babel)
        elif figure.unit == "times":
            text = self.ngettext("{value} time", "{value} times", figure.number).format(value=self.number(figure.number))
        elif figure.scale >= 1_000_000:
            text = self._compact(figure.number, figure.scale)
        elif figure.unit in ("year", "ordinal", "day"):
            text = str(int(figure.number))
        else:
            text = format_decimal(figure.number * figure.scale, locale=self.babel)
        if len(figure.unit) == 3 and figure.unit.isupper():
            count = 5 if figure.scale >= 1_000_000 else figure.number * figure.scale
            text = f"{text} {get_currency_name(figure.unit, count, locale=self.babel)}"
        elif figure.unit not in _PLAIN_UNITS | {"percent", "times", *_UNITS}:
            raise BriefgenError(f"no way to format unit {figure.unit!r} (measures: {figure.measures})")
        qualifier = _QUALIFIERS.get(figure.qualifier)
        if qualifier:
            text = self.gettext(qualifier).format(value=text)
        return self._clean(text)

    def _compact(self, number: float, scale: int) -> str:
        """'400 миллионов', not Babel's '400 миллиона': the plural follows the number shown, not the full value.

        Russian writes scale words short (млн, млрд, трлн), as its curated text does; the short form
        also reads right after a preposition ('до 3 трлн японских иен', where 'до 3 триллиона' would not).
        """
        length = "short" if self.lang in SHORT_SCALE_LANGUAGES else "long"
        patterns = self.babel.compact_decimal_formats[length]
        form = self.babel.plural_form(number)
        pattern = str((patterns.get(form) or patterns["other"])[str(scale)].pattern)
        text = re.sub("0+", lambda _: format_decimal(number, locale=self.babel), pattern, count=1).replace("'", "")
        return text.replace("\u00a0", " ")


def _check_placeholders(catalog, po: Path, lines: list[str]) -> None:
    """A translation that would fail mid-render fails here, at its line: a {placeholder} its msgid
    does not have (a misspelt {pag}), a malformed brace, or a '%' (templates apply %-formatting to
    every translated string, so a lone '%' is an error there)."""
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if len(strings) > 1 and any(strings) and not all(strings):
            missing = ", ".join(f"msgstr[{n}]" for n, text in enumerate(strings) if not text)
            raise BriefgenError(f"{po}:{_msgstr_line(lines, message.lineno)}: {missing} missing: {catalog.locale} has "
                                f"{len(strings)} plural forms (see Plural-Forms in the header)")
        wanted = set().union(*(_fields(i) or set() for i in ids))
        braces = bool(wanted) or "python-brace-format" in message.flags
        for string in strings:
            if not string:
                continue
            where = f"{po}:{_msgstr_line(lines, message.lineno)}"
            fields = _fields(string)
            if braces and fields is None:
                raise BriefgenError(f"{where}: msgstr {string!r} has an unmatched '{{' or '}}' "
                                    f"(placeholders are written {{name}}; a literal brace is {{{{ or }}}})")
            unknown = sorted((fields or set()) - wanted) if braces else []
            if unknown:
                known = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
                raise BriefgenError(f"{where}: msgstr uses {', '.join(f'{{{n}}}' for n in unknown)}, which msgid "
                                    f"{ids[0]!r} does not have (its placeholders: {known})")
            if "%" in _PERCENT_SPEC.sub("", string):
                raise BriefgenError(f"{where}: msgstr {string!r} has a lone '%': templates %-format translated "
                                    f"text, so a percent sign is written '%%'")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _fields(text: str) -> set[str] | None:
    """The {placeholder} names of a str.format string; None if it is not one (an unmatched brace)."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _msgstr_line(lines: list[str], msgid_line: int) -> int:
    for number in range(msgid_line, len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return msgid_line


def available_languages(catalogs_dir: Path) -> list[str]:
    """English (the templates' own language) and every language with a catalog."""
    found = {"en"}
    if catalogs_dir.is_dir():
        found |= {d.name for d in catalogs_dir.iterdir() if (d / "LC_MESSAGES" / "briefgen.po").is_file()}
    return sorted(found)


def _catalog(catalogs_dir: Path, lang: str) -> NullTranslations:
    """The .po compiled in memory, so translators edit text files only; read again when it changes
    (a scheduled batch picks up an edited catalog as it does edited facts)."""
    po = catalogs_dir / lang / "LC_MESSAGES" / "briefgen.po"
    try:
        stat = po.stat()
    except FileNotFoundError:
        if lang == "en":
            return NullTranslations()
        raise BriefgenError(f"no message catalog for {lang!r} (available: {', '.join(available_languages(catalogs_dir))}); "
                            f"to add the language create {po} (copy another language's .po and translate it)") from None
    return _compiled_catalog(po, lang, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _compiled_catalog(po: Path, lang: str, mtime_ns: int, size: int) -> NullTranslations:
    with po.open("rb") as handle:
        try:
            catalog = read_po(handle, locale=lang, abort_invalid=True)
        except PoFileError as error:  # Babel counts lines from 0
            raise BriefgenError(f"{po}:{error.lineno + 1}: not a valid .po entry: {error.line.strip()!r}") from None
        except UnicodeDecodeError as error:
            line = next((n for n, raw in enumerate(po.read_bytes().splitlines(), 1) if not _is_utf8(raw)), 1)
            raise BriefgenError(f"{po}:{line}: not UTF-8 ({error.reason}); save the catalog as UTF-8") from None
    lines = po.read_text(encoding="utf-8", errors="replace").splitlines()
    for message, errors in catalog.check():  # Babel's own checks: plural forms, %-placeholders
        raise BriefgenError(f"{po}:{_msgstr_line(lines, message.lineno)}: {errors[0]}")
    _check_placeholders(catalog, po, lines)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)
