"""The format-neutral Brief model and its plain-text views."""

from .model import (
    Block,
    Brief,
    BulletList,
    Cell,
    Cite,
    Digits,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Run,
    Section,
    SourceEntry,
    SourceList,
    Table,
    Translation,
    iter_paragraphs,
)


def __getattr__(name: str):
    """The plain-text views on first use: they need Babel (through lang), the model does not."""
    if name in ("localize_digits", "reading_lines"):
        from . import text

        value = getattr(text, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Block", "Brief", "BulletList", "Cell", "Cite", "Digits", "Heading", "Inline", "Metadata", "Paragraph", "Run",
    "Section", "SourceEntry", "SourceList", "Table", "Translation", "iter_paragraphs", "localize_digits",
    "reading_lines",
]
