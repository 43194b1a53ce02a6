"""Writers: each walks a Brief and knows nothing of facts or templates.

Writers are looked up by format name and imported lazily, so building a
Markdown preview never pays for ReportLab or python-docx.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..brief import Brief
from ..errors import BriefgenError

Writer = Callable[[Brief, Path], None]

_WRITERS: dict[str, str] = {
    "pdf": "briefgen.render.pdf:write_pdf",
    "docx": "briefgen.render.docx:write_docx",
    "md": "briefgen.render.markdown:write_markdown",
    "json": "briefgen.render.json:write_json",
}


def formats() -> list[str]:
    return list(_WRITERS)


def get_writer(fmt: str) -> Writer:
    try:
        module_name, func = _WRITERS[fmt].split(":")
    except KeyError:
        raise BriefgenError(f"unknown format {fmt!r}; choose one of: {', '.join(_WRITERS)}") from None
    return getattr(importlib.import_module(module_name), func)
