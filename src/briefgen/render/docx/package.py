"""Package-level care: metadata, leftovers of python-docx's template, byte-for-byte reproducible zips.

python-docx stamps "now" into three places (core properties, comment dates,
zip entry times); all three get the document timestamp here, so the same
Brief always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Callable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ...brief import Metadata
from .typography import word_lang_tag

# Template parts that would describe a different document: a Word 2010 copy of the
# styles that goes stale once styles change, a thumbnail of a blank page, a stray customXml item.
_STALE_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
_STALE_PACKAGE_RELS = (RT.THUMBNAIL,)


def tidy_template(document: Document) -> None:
    """Drop the template's stale parts and settings (a preview picture, revision ids, a claim that
    spelling was checked); declare Word 2013+ layout rules (compatibility mode 15) so that Word
    does not open every brief in "Compatibility Mode"."""
    package = document.part.package
    for rels, reltypes in ((document.part.rels, _STALE_DOCUMENT_RELS), (package.rels, _STALE_PACKAGE_RELS)):
        for rId in [rId for rId, rel in rels.items() if rel.reltype in reltypes]:
            del rels[rId]
    settings = document.settings.element
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    for setting in settings.iterfind(f"{qn('w:compat')}/{qn('w:compatSetting')}"):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def set_core_properties(document: Document, meta: Metadata, timestamp: dt.datetime) -> None:
    props = document.core_properties
    props.title = meta.title
    props.subject = meta.subject_name
    props.language = word_lang_tag(meta.lang)
    props.author = props.last_modified_by = meta.creator
    props.identifier = meta.id
    props.keywords = f"{meta.kind}; {meta.subject}"
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = props.modified = timestamp


def stamp_comments(document: Document, timestamp: dt.datetime) -> None:
    """Give every comment the document timestamp instead of the moment it was added."""
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    for part in document.part.package.iter_parts():
        if part.content_type == CT.WML_COMMENTS:
            for comment in part.element.iterchildren(qn("w:comment")):
                comment.set(qn("w:date"), stamp)


def reproducible_zip(data: bytes, timestamp: dt.datetime, parts: dict[str, bytes] | None = None,
                     edits: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """Rewrite the package with fixed entry times and attributes (zip times cannot precede 1980),
    putting in `parts` (replacing same-named ones) and applying `edits`: one pass over the zip."""
    date_time = max(timestamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    parts, edits = dict(parts or {}), edits or {}
    out = io.BytesIO()

    def put(target: zipfile.ZipFile, name: str, content: bytes) -> None:
        entry = zipfile.ZipInfo(name, date_time=date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        target.writestr(entry, edits[name](content) if name in edits else content, compresslevel=6)

    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            put(target, info.filename, parts.pop(info.filename) if info.filename in parts else source.read(info))
        for name, content in parts.items():
            put(target, name, content)
    return out.getvalue()
