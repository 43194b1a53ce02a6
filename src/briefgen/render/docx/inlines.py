"""Runs and citations: direction, fonts, languages, and provenance marks for reviewers.

Machine-translated text is shaded (character style "Machine Translation")
and carries a Word comment naming the engine, model and source language;
text still in the source language is shaded differently ("Missing
Translation") with its own comment. Curated, fixed and generated text is
left unmarked. Reviewers accept a passage by clearing its character style
and resolving the comment.
"""

from __future__ import annotations

import copy
import re

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ...brief import Cite, Inline, Run
from ...lang import is_rtl
from ..fonts import ARABIC_FAMILY, LATIN_FAMILY, font_face, needs_glyph
from . import oxml
from .context import Context
from .scripts import LRM, RLM, direction_segments
from .styles import CITATION_STYLE, MACHINE_STYLE, MISSING_STYLE
from .typography import word_lang_tag

_MARK_STYLES = {"machine": MACHINE_STYLE, "missing": MISSING_STYLE}
_BREAKS = re.compile(r"[\t\n\r]")
# In right-to-left text "[3]" is three bidi levels (bracket, digits, bracket), and LibreOffice
# breaks lines between levels, leaving "[" at the end of one line and "3]" on the next. Between
# LRMs the label is one left-to-right island that looks the same and moves as a whole.
# (Lists like "[1، 3]" must keep their right-to-left order, so they are left alone.)
_SINGLE_NUMBER = re.compile(r"^\[[0-9]+\]$")


def add_inlines(ctx: Context, paragraph: DocxParagraph, inlines: list[Inline]) -> None:
    for inline in inlines:
        if isinstance(inline, Cite):
            label = f"{LRM}{inline.label}{LRM}" if ctx.typo.rtl and _SINGLE_NUMBER.match(inline.label) else inline.label
            runs = add_text(ctx, paragraph, label, style=CITATION_STYLE)
            if runs and inline.numbers[0] in ctx.sources:
                oxml.internal_link(paragraph._p, [run._r for run in runs], ctx.source_bookmark(inline.numbers[0]))
            continue
        runs = add_text(ctx, paragraph, inline.text, lang=inline.lang, bold=inline.bold, italic=inline.italic,
                        style=_MARK_STYLES.get(inline.provenance))
        if runs and inline.provenance in _MARK_STYLES:
            _comment(ctx, runs, inline)


def add_text(ctx: Context, paragraph: DocxParagraph, text: str, lang: str | None = None, bold: bool = False,
             italic: bool = False, style: str | None = None) -> list[DocxRun]:
    """Append `text` as one run per direction segment, each carrying its direction, font and language.

    Text in a language written the other way (an English sentence left untranslated in an Arabic
    brief) is laid out in its own direction and fenced with direction marks, so its punctuation
    stays with it: "2025." rather than ".2025" at the end of an English sentence.
    """
    style_id = ctx.style_id(style, WD_STYLE_TYPE.CHARACTER) if style else None
    text_rtl = is_rtl_language(lang) if lang else ctx.typo.rtl
    segments = direction_segments(text, text_rtl)
    if text_rtl != ctx.typo.rtl and segments:
        mark = RLM if text_rtl else LRM
        segments[0] = (mark + segments[0][0], segments[0][1])
        segments[-1] = (segments[-1][0] + mark, segments[-1][1])
    runs = []
    for segment, rtl in segments:
        template = run_template(ctx, style_id, rtl, lang, bold, italic, None if rtl else _fallback_font(ctx, segment))
        if _BREAKS.search(segment):
            run = paragraph.add_run(segment)
            if template[0].tag == qn("w:rPr"):
                run._r.insert(0, copy.deepcopy(template[0]))
        else:
            run = DocxRun(oxml.new_run(segment, template), paragraph)
            paragraph._p.append(run._r)
        runs.append(run)
    return runs


def _fallback_font(ctx: Context, text: str) -> str | None:
    """The bundled family to name for left-to-right text the brief's Latin font cannot draw (the
    'ə' of Gündəm in Amiri), as the PDF writer falls back per character; None if it can."""
    primary = font_face(ctx.typo.latin_font)
    if all(primary.covers(char) or not needs_glyph(char) for char in text):
        return None
    for family in (LATIN_FAMILY, ARABIC_FAMILY):
        face = font_face(family)
        if family != ctx.typo.latin_font and all(face.covers(char) or not needs_glyph(char) for char in text):
            ctx.fallback_fonts.add(family)
            return family
    return None


def run_template(ctx: Context, style_id: str | None, rtl: bool, lang: str | None, bold: bool = False,
                 italic: bool = False, latin_font: str | None = None):
    """An empty w:r with the direct run properties for this kind of text: only what differs from
    the styles, plus what Word writes for RTL text. Built once per document and copied per run."""
    key = (style_id, rtl, lang, bold, italic, latin_font)
    if key not in ctx.run_templates:
        rPr = OxmlElement("w:rPr")
        if style_id:
            rPr.style = style_id
        if latin_font:
            oxml.set_run_fonts(rPr, latin=latin_font)
        oxml.set_emphasis(rPr, bold, italic)
        if rtl:
            oxml.set_run_fonts(rPr, cs=ctx.typo.cs_font, hint_cs=True)
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
