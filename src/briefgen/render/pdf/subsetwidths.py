"""Giving each code of a ReportLab TrueType subset a glyph whose own advance is its /Widths entry.

A glyph key's /Widths entry is not always its glyph's advance (glyphfont.py): a glyph that
carries a whole cluster's text is given the distance to the next text-carrying glyph, so
extractors see a row of abutting character boxes. PDF/A-2 (ISO 19005-2, 6.2.11.5) wants the
/Widths of a font consistent with the advances of the embedded font program. So every code
whose width differs from its glyph's advance is given a glyph of its own in the subset: a
composite glyph with the original as its one component, unmoved, and the wanted advance in
`hmtx`. It draws exactly the original outline, and the content stream, the /Widths and the
text extractors read stay as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from struct import pack, unpack_from

from reportlab.pdfbase.ttfonts import TTFontMaker

_COMPOSITE_FLAGS = 0x0001 | 0x0002  # ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES; never USE_MY_METRICS
_CMAP_GLYPHS = 22  # ReportLab's one cmap subtable: (1, 0) format 6 from code 0, glyph ids from byte 22


def with_own_advances(font: bytes, advances: Sequence[int]) -> bytes:
    """`font`, a ReportLab subset whose code `i` draws cmap glyph `g`, with each code `i` whose
    `advances[i]` (font units) is not `g`'s advance mapped to a new composite of `g` that has it."""
    tables = _tables(font)
    num_glyphs = unpack_from(">H", tables["maxp"], 4)[0]
    metrics = _hmetrics(tables["hmtx"], unpack_from(">H", tables["hhea"], 34)[0], num_glyphs)
    long_loca = unpack_from(">h", tables["head"], 50)[0] == 1
    loca = _loca(tables["loca"], long_loca, num_glyphs)
    glyf = bytearray(tables["glyf"])
    cmap = bytearray(tables["cmap"])
    own: dict[tuple[int, int], int] = {}  # (glyph, advance) -> the glyph that has that advance
    for code, advance in enumerate(advances):
        glyph = unpack_from(">H", cmap, _CMAP_GLYPHS + 2 * code)[0]
        if metrics[glyph][0] == advance:
            continue
        new = own.get((glyph, advance))
        if new is None:
            new = own[(glyph, advance)] = len(metrics)
            start, end = loca[glyph], loca[glyph + 1]
            if end > start:  # an empty glyph (a space) stays empty: nothing to refer to
                bbox = glyf[start + 2:start + 10]
                glyf += pack(">h", -1) + bbox + pack(">HHhh", _COMPOSITE_FLAGS, glyph, 0, 0)
                glyf += b"\0" * (-len(glyf) % 4)
            loca.append(len(glyf))
            metrics.append((advance, metrics[glyph][1]))
        cmap[_CMAP_GLYPHS + 2 * code:_CMAP_GLYPHS + 2 * code + 2] = pack(">H", new)
    if not own:
        return font
    num_glyphs = len(metrics)
    long_loca = long_loca or loca[-1] > 0x1FFFE
    tables["loca"] = pack(f">{len(loca)}L", *loca) if long_loca else \
        pack(f">{len(loca)}H", *(offset >> 1 for offset in loca))
    tables["glyf"] = bytes(glyf)
    tables["cmap"] = bytes(cmap)
    tables["hmtx"] = b"".join(pack(">Hh", advance, lsb) for advance, lsb in metrics)
    tables["hhea"] = tables["hhea"][:34] + pack(">H", num_glyphs) + tables["hhea"][36:]
    maxp = bytearray(tables["maxp"])
    maxp[4:6] = pack(">H", num_glyphs)
    if unpack_from(">I", maxp)[0] >= 0x00010000:  # version 1.0: limits the new composites may reach
        points, contours, composite_points, composite_contours = unpack_from(">4H", maxp, 6)
        maxp[10:14] = pack(">HH", max(composite_points, points), max(composite_contours, contours))
        elements, depth = unpack_from(">HH", maxp, 28)
        maxp[28:32] = pack(">HH", max(elements, 1), depth + 1)
    tables["maxp"] = bytes(maxp)
    head = bytearray(tables["head"])
    head[50:52] = pack(">h", 1 if long_loca else 0)
    tables["head"] = bytes(head)
    maker = TTFontMaker()
    for tag, data in tables.items():
        maker.add(tag, data)
    return maker.makeStream()


def _tables(font: bytes) -> dict[str, bytes]:
    count = unpack_from(">H", font, 4)[0]
    tables = {}
    for index in range(count):
        tag, _, offset, length = unpack_from(">4sLLL", font, 12 + 16 * index)
        tables[tag.decode("latin-1")] = font[offset:offset + length]
    return tables


def _hmetrics(hmtx: bytes, full: int, num_glyphs: int) -> list[tuple[int, int]]:
    metrics = [unpack_from(">Hh", hmtx, 4 * index) for index in range(full)]
    lsbs = unpack_from(f">{num_glyphs - full}h", hmtx, 4 * full)
    return metrics + [(metrics[-1][0], lsb) for lsb in lsbs]


def _loca(loca: bytes, long: bool, num_glyphs: int) -> list[int]:
    if long:
        return list(unpack_from(f">{num_glyphs + 1}L", loca))
    return [offset * 2 for offset in unpack_from(f">{num_glyphs + 1}H", loca)]
