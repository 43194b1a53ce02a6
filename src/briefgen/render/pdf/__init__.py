"""PDF writer: HarfBuzz shaping, per-line bidi, logical-order text extraction."""

from .writer import render_pdf, write_pdf

__all__ = ["render_pdf", "write_pdf"]
