"""DOCX writer: an editable Word draft of a Brief, right-to-left where the brief is.

Laid out like python-docx itself: `writer` (the public entry points) drives
`blocks`, `inlines` and `chrome` through python-docx's API, and `oxml` adds
the WordprocessingML python-docx lacks (bidi paragraphs and sections,
complex-script fonts and languages, fields). `styles` and `numbering` define
the brief's styles; `package` makes the output reproducible.
"""

from .writer import build_document, docx_bytes, write_docx

__all__ = ["build_document", "docx_bytes", "write_docx"]
