"""Runs and citations: direction, fonts, languages, and provenance marks for reviewers.

Direction follows UAX #9 as the PDF writer applies it, with no direction marks: a paragraph's base
direction comes from its own text (briefgen.lang.paragraph_direction), a run written the other way
from its paragraph is fenced by a directional isolate (LRI/RLI … PDI), and the paragraph's text is
cut into runs where its resolved level changes parity, each marked w:rtl when it resolved right-to-
left. Word, which classifies neutral characters by their run's w:rtl, and LibreOffice, which runs
UAX #9 over the paragraph's text, then both show the order the PDF draws. Each run names the
bundled family that has its characters, chosen per character exactly as the PDF writer chooses
(render/fonts.face_for), so "₸" or "№" in Arabic text is never left to a font that lacks it.

Machine-translated text is shaded (character style "Machine Translation")
and carries a Word comment naming the engine, model and source language;
text still in the source language is shaded differently ("Missing
Translation") with its own comment. Curated, fixed and generated text is
left unmarked. Reviewers accept a passage by clearing its character style
and resolving the comment.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import groupby

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ...brief import Cite, Inline, Run
from ...chars import BIDI_CONTROLS, describe, first_refused, separators_to_spaces
from ...errors import UnsupportedTextError
from ...lang import citation_text, is_rtl, isolate_run, paragraph_direction, has_strong
from ..bidi import ParagraphBidi
from ..fonts import faces_for_text
from . import oxml
from .context import Context
from .styles import CITATION_STYLE, MACHINE_STYLE, MISSING_STYLE
from .typography import word_lang_tag

_MARK_STYLES = {"machine": MACHINE_STYLE, "missing": MISSING_STYLE}
NBSP = "\u00a0"
WORD_JOINER = "\u2060"


@dataclass
class _Piece:
    """One inline's text as written into the paragraph, with what its runs need."""

    text: str
    lang: str | None
    bold: bool = False
    italic: bool = False
    style: str | None = None


def add_inlines(ctx: Context, paragraph: DocxParagraph, inlines: list[Inline], lead: str | None = None) -> None:
    """The paragraph's inlines as runs; `lead` (a source entry's label) comes first, then a tab."""
    runs = [(inline.text, inline.lang) for inline in inlines if isinstance(inline, Run)]
    side = paragraph_direction(runs, ctx.meta.direction)
    set_direction(ctx, paragraph, side == "rtl")
    pieces: list[tuple[_Piece, Inline | None]] = []
    if lead is not None:
        pieces += [(_Piece(lead, None), None), (_Piece("\t", None), None)]
    for inline in inlines:
        if isinstance(inline, Cite):
            # A citation never breaks inside ("[2، 3]" keeps its space as a no-break space) nor
            # from the word it follows (a WORD JOINER, where no space separates them).
            label = citation_text(inline.label.replace(" ", NBSP), side)
            glued = pieces and pieces[-1][0].text and not pieces[-1][0].text[-1].isspace()
            pieces.append((_Piece((WORD_JOINER if glued else "") + label, None, style=CITATION_STYLE), inline))
        else:
            text = isolate_run(_clean(inline.text), inline.lang, side)
            pieces.append((_Piece(text, inline.lang, inline.bold, inline.italic, _MARK_STYLES.get(inline.provenance)),
                           inline))
    written = _write(ctx, paragraph, [piece for piece, _ in pieces], side == "rtl")
    for (piece, inline), docx_runs in zip(pieces, written):
        if isinstance(inline, Cite):
            if docx_runs and inline.numbers[0] in ctx.sources:
                oxml.internal_link(paragraph._p, [run._r for run in docx_runs], ctx.source_bookmark(inline.numbers[0]))
        elif isinstance(inline, Run) and docx_runs and inline.provenance in _MARK_STYLES:
            _comment(ctx, docx_runs, inline)


def add_text(ctx: Context, paragraph: DocxParagraph, text: str, lang: str | None = None, bold: bool = False,
             italic: bool = False, style: str | None = None) -> list[DocxRun]:
    """Append `text` (page chrome, a comment) as runs, its direction resolved on its own."""
    return _write(ctx, paragraph, [_Piece(_clean(text), lang, bold, italic, style)], ctx.typo.rtl)[0]


def set_direction(ctx: Context, paragraph: DocxParagraph, rtl: bool) -> None:
    """w:bidi for a right-to-left paragraph; an explicit 'off' where the style says otherwise."""
    if rtl != ctx.typo.rtl:
        oxml.child(paragraph._p.get_or_add_pPr(), "bidi", oxml.PPR_ORDER, val="1" if rtl else "0")


def _clean(text: str) -> str:
    """Separators become spaces (as in the PDF); other control characters are refused."""
    text = separators_to_spaces(text)
    bad = first_refused(text)
    if bad is not None:
        raise UnsupportedTextError(f"control character {describe(text[bad])} in {text[:40]!r}: a DOCX cannot hold it")
    return text


def _write(ctx: Context, paragraph: DocxParagraph, pieces: list[_Piece], rtl_base: bool) -> list[list[DocxRun]]:
    """Runs for each piece: cut where the resolved level changes parity or another font is needed."""
    full = "".join(piece.text for piece in pieces)
    classes = list(map(unicodedata.bidirectional, full))
    odd = _run_directions(full, classes, pieces, rtl_base)
    result = []
    at = 0
    for piece in pieces:
        runs: list[DocxRun] = []
        style_id = ctx.style_id(piece.style, WD_STYLE_TYPE.CHARACTER) if piece.style else None
        families = [face.family if face is not None else None
                    for face in faces_for_text(piece.text, piece.lang or ctx.meta.lang, piece.bold, piece.italic)]
        cut = at
        for (rtl, family), group in groupby(zip(odd[at:at + len(piece.text)], families)):
            end = cut + len(list(group))
            if full[cut:end] == "\t":
                run = paragraph.add_run()
                run.add_tab()
            else:
                template = run_template(ctx, style_id, rtl, piece.lang, piece.bold, piece.italic,
                                        _named_font(ctx, classes[cut:end], rtl, family))
                run = DocxRun(oxml.new_run(full[cut:end], template), paragraph)
                paragraph._p.append(run._r)
            runs.append(run)
            cut = end
        at += len(piece.text)
        result.append(runs)
    return result


_BIDI_CONTROL = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _run_directions(full: str, classes: list[str], pieces: list[_Piece], rtl_base: bool) -> list[bool]:
    """Per character of the paragraph's text `full` (bidi classes `classes`): whether its run is w:rtl."""
    levels = ParagraphBidi(full, rtl_base).levels()
    if len(set(levels)) == 1:  # one direction throughout, as most paragraphs are
        odd = [bool(levels[0] & 1)] * len(levels)
    else:
        odd = [bool(level & 1) for level in levels]
    # A number after right-to-left letters (UAX #9 W2: an Arabic number) sits one level up, left to
    # right; Word lays out digits in a w:rtl run the same way, so it stays in the run around it
    # ("[1]", "(2002-2005)" are one run each, as a reviewer would type them).
    if any(level and not level & 1 for level in set(levels)):  # only text at an even level above 0 moves
        strong = "R" if rtl_base else "L"
        for index, bidi_class in enumerate(classes):
            if bidi_class in ("L", "R", "AL"):
                strong = bidi_class
            elif strong != "L" and levels[index] and not odd[index]:
                odd[index] = True
    at = 0
    for piece in pieces:  # a citation label without letters is one run, in the direction of its bracket
        end = at + len(piece.text)
        if piece.style == CITATION_STYLE and end > at and not has_strong(piece.text):
            odd[at:end] = [odd[at]] * (end - at)
        at = end
    # Formatting characters go with the run after them (or before, at the end): no one-mark runs.
    for index in reversed([found.start() for found in _BIDI_CONTROL.finditer(full)]):
        odd[index] = odd[index + 1] if index + 1 < len(full) else rtl_base
    return odd


_COMPLEX_SCRIPT_CLASSES = frozenset({"R", "AL", "AN"})


def _named_font(ctx: Context, classes: list[str], rtl: bool, family: str | None) -> str | None:
    """The family to name on a run (of characters of bidi classes `classes`) when it is not the one
    Word would pick from the styles: Word draws complex-script characters (and everything in a w:rtl
    run) with the cs font, the rest with the Latin font."""
    if family is None:
        return None
    complex_script = rtl or not _COMPLEX_SCRIPT_CLASSES.isdisjoint(classes)
    default = ctx.typo.cs_font if complex_script else ctx.typo.latin_font
    if family == default:
        return None
    ctx.fallback_fonts.add(family)
    return family


def run_template(ctx: Context, style_id: str | None, rtl: bool, lang: str | None, bold: bool = False,
                 italic: bool = False, font: str | None = None):
    """An empty w:r with the direct run properties for this kind of text: only what differs from
    the styles, plus what Word writes for RTL text. Built once per document and copied per run.
    `font` names a bundled family the styles' fonts lack characters for, in every slot."""
    key = (style_id, rtl, lang, bold, italic, font)
    if key not in ctx.run_templates:
        rPr = OxmlElement("w:rPr")
        if style_id:
            rPr.style = style_id
        if font:
            oxml.set_run_fonts(rPr, latin=font, cs=font)
        oxml.set_emphasis(rPr, bold, italic)
        if rtl:
            oxml.set_run_fonts(rPr, cs=font or ctx.typo.cs_font, hint_cs=True)
            oxml.set_run_rtl(rPr)
            bidi = word_lang_tag(lang) if lang and is_rtl_language(lang) else ctx.typo.bidi_lang_tag
            oxml.set_lang(rPr, bidi=bidi)
        elif lang and not is_rtl_language(lang) and word_lang_tag(lang) != ctx.typo.lang_tag:
            oxml.set_lang(rPr, val=word_lang_tag(lang))
        run = OxmlElement("w:r")
        if len(rPr):
            run.append(rPr)
        run.append(OxmlElement("w:t"))
        ctx.run_templates[key] = run
    return ctx.run_templates[key]


is_rtl_language = is_rtl  # the one rule, in briefgen.lang


def _comment(ctx: Context, runs: list[DocxRun], run: Run) -> None:
    if run.provenance == "machine" and run.translation is not None:
        t = run.translation
        path = ">".join([t.source_lang, *t.pivot, run.lang])
        note = f"{ctx.label('machine')} ({t.engine} {t.model}, {path})"
    elif run.provenance == "machine":
        note = ctx.label("machine")
    else:
        note = f"{ctx.label('missing')} ({run.lang}>{run.wanted_lang or ctx.meta.lang})"
    comment = ctx.document.add_comment(runs, author=ctx.meta.creator, initials=ctx.meta.creator[:2].upper())
    paragraph = comment.paragraphs[0]
    if ctx.typo.rtl:
        oxml.set_paragraph_bidi(paragraph._p.get_or_add_pPr())
    add_text(ctx, paragraph, note)
