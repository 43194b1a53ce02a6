"""Errors a user can act on: each prints as one line and exits non-zero."""

from __future__ import annotations


class BriefgenError(Exception):
    """Base for expected failures; the CLI prints `str(error)` on one line."""

    exit_code = 1


class InputError(BriefgenError):
    """Bad input data, with the place it came from (file and line when known)."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class MissingGlyphError(BriefgenError):
    """A character no bundled font can draw; never rendered as a tofu box."""


class TranslationUnavailable(BriefgenError):
    """No curated text and no installed model for a requested language."""


class UnsupportedTextError(BriefgenError):
    """Text a writer cannot print as written (a control character), named by its code point."""
