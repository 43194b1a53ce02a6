"""Writers: each walks a Brief and knows nothing of facts or templates.

One registry names every writer once: its format, file suffix, the
options it takes, and the function that turns a Brief into bytes. Build,
batch and the CLI all go through `render` and `write`, so every format is
written the same way (atomically, through one function) and an option is
passed only to the writers that use it. Writers are imported lazily, so
building a Markdown preview never pays for ReportLab or python-docx.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import BriefgenError

if TYPE_CHECKING:  # the Brief model (pydantic) is loaded by whoever makes a brief, not by the registry
    from ..brief import Brief


@dataclass(frozen=True)
class WriterSpec:
    name: str
    suffix: str
    target: str
    """'module:function': the function takes the Brief (and the options below) and returns bytes or text."""
    options: frozenset[str] = frozenset()
    text: bool = False
    """Text formats print to standard output when no output path is given."""

    def load(self) -> Callable[..., bytes | str]:
        module_name, function = self.target.split(":")
        return getattr(importlib.import_module(module_name), function)


WRITERS: dict[str, WriterSpec] = {spec.name: spec for spec in (
    WriterSpec("pdf", ".pdf", "briefgen.render.pdf.writer:render_pdf", frozenset({"style"})),
    WriterSpec("docx", ".docx", "briefgen.render.docx.writer:docx_bytes", frozenset({"style", "embed_fonts"})),
    WriterSpec("md", ".md", "briefgen.render.markdown:brief_markdown", text=True),
    WriterSpec("json", ".json", "briefgen.render.json:brief_json", text=True),
)}


def formats() -> list[str]:
    return list(WRITERS)


def writer(fmt: str) -> WriterSpec:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise BriefgenError(f"unknown format {fmt!r}; choose one of: {', '.join(WRITERS)}") from None


def render(brief: Brief, fmt: str, **options: Any) -> bytes:
    """The brief in `fmt` as bytes; options the writer does not take are left out."""
    spec = writer(fmt)
    data = spec.load()(brief, **{name: value for name, value in options.items() if name in spec.options})
    return data.encode("utf-8") if isinstance(data, str) else data


def write(brief: Brief, fmt: str, path: Path, **options: Any) -> Path:
    """Render, then write in one step that never leaves a partial file (render/output.py)."""
    from .output import write_output

    write_output(Path(path), render(brief, fmt, **options))
    return Path(path)

