"""What every part of the writer needs while it fills one document."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from ...brief import Metadata
from .typography import Typography

# Labels the assembler localizes; these English forms only cover a Brief built without them.
_FALLBACK_LABELS = {
    "page": "{page} / {pages}", "draft": "DRAFT", "machine": "Machine-translated: please review",
    "missing": "Not yet translated",
}


def document_timestamp(meta: Metadata) -> dt.datetime:
    """The one instant stamped everywhere: SOURCE_DATE_EPOCH when set (reproducible builds), else the brief's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(meta.date, dt.time(0, 0), tzinfo=dt.timezone.utc)


@dataclass
class Context:
    document: Document
    meta: Metadata
    typo: Typography
    timestamp: dt.datetime
    _style_ids: dict = field(default_factory=dict)
    run_templates: dict = field(default_factory=dict)
    """Empty runs with their properties by (style, direction, language, emphasis), copied per run."""
    paragraph_properties: dict = field(default_factory=dict)
    """Paragraph property templates by style name."""
    sources: frozenset[int] = frozenset()
    """Numbers of the brief's source entries: citations of these link to their bookmark."""
    fallback_fonts: set = field(default_factory=set)
    """Families named for runs the typography's Latin font cannot draw (the font table lists them)."""

    @staticmethod
    def source_bookmark(number: int) -> str:
        """Bookmark name of a source entry (Word names start with a letter, at most 40 characters)."""
        return f"source_{number}"

    def add_paragraph(self) -> DocxParagraph:
        """A new empty paragraph at the end of the body, as document.add_paragraph() adds it, minus
        python-docx's search of the body for w:sectPr (a proxy object made per child, so quadratic
        in the brief's length): the body's section properties, when present, are its last child."""
        body = self.document.element.body
        p = OxmlElement("w:p")
        if len(body) and body[-1].tag == qn("w:sectPr"):
            body[-1].addprevious(p)
        else:
            body.append(p)
        return DocxParagraph(p, self.document._body)

    def label(self, key: str) -> str:
        return self.meta.labels.get(key) or _FALLBACK_LABELS[key]

    def style_id(self, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
        """The styleId for a style name, looked up once: python-docx's own look-up (it checks
        whether the style is the default one) scans every style in the document each time."""
        if name not in self._style_ids:
            style = self.document.styles[name]
            if style.type != kind:
                raise KeyError(f"style {name!r} is not a {kind} style")
            self._style_ids[name] = style.style_id
        return self._style_ids[name]
