"""Option values as people type them: case-insensitive codes and tags, and options that cannot apply refused."""

from __future__ import annotations

from typer.core import TyperArgument, TyperCommand

from ..errors import BriefgenError


def language_tag(tag: str) -> str:
    """'AR' → 'ar', 'pt_br' → 'pt-BR', 'sr-latn' → 'sr-Latn': BCP 47 casing, as catalogs and facts spell it."""
    parts = tag.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part.lower())
    return "-".join(out)


def country_code(code: str) -> str:
    """'kz' → 'KZ': ISO 3166 codes are case-insensitive."""
    return code.strip().upper()


def check_digits(digits: str, lang: str) -> None:
    """Eastern Arabic digits belong to right-to-left languages; asking for them elsewhere is a mistake, not a no-op."""
    from ..lang import digit_systems  # Babel: only for the commands that take --digits

    if digits not in digit_systems(lang):
        raise BriefgenError(f"--digits {digits} applies to right-to-left languages (ar, fa, ur, ...); "
                            f"--lang {lang} is written with Latin digits (drop --digits, or choose --lang ar)")


class PlainUsage(TyperCommand):
    """A usage line in the usual convention: `briefgen translate import [OPTIONS] REVIEW_FILE`.

    Recent Typer releases print a required argument as `{review_file}`; the
    usage line is rebuilt from click's own parameter data instead.
    """

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        return pieces
