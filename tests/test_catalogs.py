"""Every fixed string the templates and code use is translated in every shipped catalog."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT

LOCALES = ROOT / "templates" / "locale"
METHODS = [("src/**.py", "python"), ("templates/**.j2", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "N_": None}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, options_map={"templates/**.j2": {"extensions": "jinja2.ext.i18n"}}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_extraction_finds_the_template_and_code_strings() -> None:
    messages = _messages()
    assert {"Sources", "Key figures", "Country brief: {subject}", "{page} / {pages}", "up to {value}"} <= messages


@pytest.mark.parametrize("lang", sorted(p.name for p in LOCALES.iterdir() if p.is_dir()))
def test_catalog_translates_every_message_with_same_placeholders(lang: str) -> None:
    with (LOCALES / lang / "LC_MESSAGES" / "briefgen.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in sorted(_messages()):
        entry = catalog.get(message)
        assert entry is not None and entry.string, f"{lang}: untranslated {message!r}"
        assert set(PLACEHOLDER.findall(entry.string)) == set(PLACEHOLDER.findall(message)), (lang, message)
