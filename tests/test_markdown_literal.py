"""Curated text is text in every format: Markdown syntax inside a fact never becomes structure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefgen.assemble import BriefSpec, assemble
from briefgen.brief import Brief, Heading, Paragraph, Run, Section
from briefgen.facts import load_corpus
from briefgen.render.markdown import brief_markdown, escape

PARSER = MarkdownIt("commonmark").enable("table")
ORIGINAL = "More than 80% of overland freight between Asia and Europe passes through Kazakhstan."
HOSTILE = [
    "# Heading",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> a quote",
    "- a bullet",
    "1. a numbered item",
    "2) another",
    "Line one\n===",
    "Line one\n---",
    "***",
    "```\ncode\n```",
    "    indented code",
    "*emphasis* and __strong__ and `code`",
    "[a link](http://example.org) and ![image](x.png) and <http://example.org>",
    "[ref]: http://example.org",
    "<b>html</b> &amp; &#35; entities",
    "a back\\slash \\* and a trailing #",
    "text\n# heading after a line break",
    "file_name.txt, a__b and _x_ and x_ y",
]


def _texts(tokens) -> list[str]:
    """What a reader sees of each block: the text of its inline children, markup resolved."""
    return ["".join(c.content for c in t.children if c.type == "text") for t in tokens if t.type == "inline"]


def _one_paragraph_brief(text: str) -> Brief:
    brief = assemble(load_corpus(Path(__file__).resolve().parents[1] / "briefs"), BriefSpec(kind="country", subject="TM", lang="en"))
    run = Run(text=text, lang="en", provenance="curated")
    return brief.model_copy(update={"sections": [Section(id="s", heading=Heading(level=1, inlines=[run]),
                                                         blocks=[Paragraph(inlines=[run])])]})


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_as_one_plain_paragraph(text: str) -> None:
    tokens = PARSER.parse(escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    plain = "".join(c.content if c.type == "text" else "\n" for c in tokens[1].children)
    assert plain == "\n".join(line.lstrip() for line in text.split("\n"))


@pytest.mark.parametrize("text", HOSTILE)
def test_a_heading_and_a_paragraph_stay_one_heading_and_one_paragraph(text: str) -> None:
    tokens = PARSER.parse(brief_markdown(_one_paragraph_brief(text)))
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close",
                                        "paragraph_open", "inline", "paragraph_close"]
    heading = "".join(c.content for c in tokens[1].children if c.type == "text")
    assert heading == " ".join(line.strip() for line in text.split("\n")).strip()


def test_hostile_fact_is_literal_in_markdown_pdf_and_docx(tiny_data: Path, tmp_path: Path) -> None:
    from docx import Document

    from readback import body_text, normalize, open_pdf
    from briefgen.render import write

    tricky = "# Not a heading | not | a table | *not emphasis*"
    spec = BriefSpec(kind="country", subject="KZ", lang="en")
    clean = PARSER.parse(brief_markdown(assemble(load_corpus(tiny_data), spec)))
    file = tiny_data / "facts" / "one.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace(ORIGINAL, tricky), encoding="utf-8")
    brief = assemble(load_corpus(tiny_data), spec)
    tokens = PARSER.parse(brief_markdown(brief))
    assert [t.type for t in tokens] == [t.type for t in clean]  # the same headings, paragraphs and tables
    assert any(tricky in text for text in _texts(tokens)), brief_markdown(brief)  # after any event label
    write(brief, "pdf", tmp_path / "b.pdf")
    write(brief, "docx", tmp_path / "b.docx")
    assert normalize(tricky) in normalize(body_text(open_pdf((tmp_path / "b.pdf").read_bytes())))
    docx_text = "\n".join(p.text for p in Document(io.BytesIO((tmp_path / "b.docx").read_bytes())).paragraphs)
    assert tricky in docx_text


def test_plain_text_stays_readable() -> None:
    assert escape("003_42077914264d8127.txt, 26.8% of R&D (2024) [1]") == "003_42077914264d8127.txt, 26.8% of R&D (2024) \\[1]"
