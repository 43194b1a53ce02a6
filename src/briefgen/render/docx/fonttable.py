"""The font table: the bundled families described, and embedded on request.

python-docx's template lists fonts no brief uses (Cambria, MS Mincho...) and
none it does. Word picks a substitute for a missing font from the table's
PANOSE numbers, family class and Unicode ranges, so each bundled family is
described from its own OS/2 table. With embedding, the font files travel in
the package as Word stores them (ECMA-376 Part 1, 17.8.1: the first 32
bytes XOR-ed with a key taken from the font's GUID), and Word and
LibreOffice draw the brief in its own fonts on machines that lack them.
"""

from __future__ import annotations

import hashlib
import re
import struct
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Callable

import uharfbuzz as hb

from ..fonts import font_file_paths

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_EMBED_TAGS = {"regular": "embedRegular", "bold": "embedBold", "italic": "embedItalic"}


def font_table_changes(families: list[str], embed: bool) -> tuple[dict[str, bytes], dict[str, Callable[[bytes], bytes]]]:
    """What the package needs for its font table: parts to put in (replacing any of that name) and
    edits to existing parts; applied when the package is zipped for good (package.reproducible_zip)."""
    parts: dict[str, bytes] = {}
    relationships = []
    entries = []
    for family in families:
        embedded = []
        if embed:
            for style, path in font_file_paths(family).items():
                name = f"font{len(relationships) + 1}.odttf"
                rel_id = f"rId{len(relationships) + 1}"
                key, parts[f"word/fonts/{name}"] = _embedded(path)
                relationships.append(f'<Relationship Id="{rel_id}" Type="{FONT_REL}" Target="fonts/{name}"/>')
                embedded.append(f'<w:{_EMBED_TAGS[style]} r:id="{rel_id}" w:fontKey="{key}"/>')
        entries.append(_font_entry(family, "".join(embedded)))
    parts["word/fontTable.xml"] = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">{"".join(entries)}</w:fonts>'
    ).encode("utf-8")
    if relationships:
        parts["word/_rels/fontTable.xml.rels"] = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{"".join(relationships)}</Relationships>'
        ).encode("utf-8")
    edits = {"[Content_Types].xml": _declare_odttf, "word/settings.xml": _embed_setting} if embed else {}
    return parts, edits


@lru_cache(maxsize=None)
def _embedded(path: Path) -> tuple[str, bytes]:
    """The font's key, a GUID derived from its bytes so the package stays reproducible, and the
    file obfuscated with it; read once per process, whatever the number of briefs."""
    data = path.read_bytes()
    key = "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"
    return key, obfuscate(data, key)


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID's 16 bytes read from its end (the same call undoes it)."""
    digits = key.strip("{}").replace("-", "")
    mask = bytes(int(digits[i:i + 2], 16) for i in range(30, -1, -2))
    head = bytes(byte ^ mask[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=None)
def _font_entry(family: str, embedded: str) -> str:
    os2 = hb.Face(hb.Blob.from_file_path(str(font_file_paths(family)["regular"]))).reference_table("OS/2").data
    panose = os2[32:42]
    usb = struct.unpack(">4I", os2[42:58])
    csb = struct.unpack(">2I", os2[78:86]) if len(os2) >= 86 else (0, 0)
    sans = panose[0] == 2 and panose[1] in (11, 12, 13)
    return (
        f'<w:font w:name="{family}"><w:panose1 w:val="{panose.hex().upper()}"/><w:charset w:val="00"/>'
        f'<w:family w:val="{"swiss" if sans else "roman"}"/><w:pitch w:val="variable"/>'
        f'<w:sig w:usb0="{usb[0]:08X}" w:usb1="{usb[1]:08X}" w:usb2="{usb[2]:08X}" w:usb3="{usb[3]:08X}" '
        f'w:csb0="{csb[0]:08X}" w:csb1="{csb[1]:08X}"/>{embedded}</w:font>'
    )


def _declare_odttf(content_types: bytes) -> bytes:
    return content_types.replace(b"</Types>", f'<Default Extension="odttf" ContentType="{OBFUSCATED_FONT}"/></Types>'.encode())


def _embed_setting(settings: bytes) -> bytes:
    """w:embedTrueTypeFonts, placed where the schema orders it (before w:defaultTabStop)."""
    return re.sub(rb"(<w:defaultTabStop\b)", b"<w:embedTrueTypeFonts/>\\1", settings, count=1)
