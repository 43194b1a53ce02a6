"""One writer registry: every format renders to bytes, is written atomically in one place, and rejects unknown blocks."""

from __future__ import annotations

from typing import Literal

import pytest

from briefgen.brief import Brief, Run, Section
from briefgen.brief.model import Node
from briefgen.errors import BriefgenError
from briefgen.render import WRITERS, formats, render, write, writer
from briefgen.render.visitor import UnknownBlockError
from make_sample_briefs import sample_brief


class Callout(Node):
    """A block type no writer knows."""

    type: Literal["callout"] = "callout"
    inlines: list[Run]


def _with_unknown_block(brief: Brief) -> Brief:
    block = Callout(inlines=[Run(text="Boxed", lang=brief.meta.lang)])
    section = Section.model_construct(id="extra", heading=None, blocks=[block])
    return brief.model_copy(update={"sections": [*brief.sections, section]})


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_every_writer_rejects_a_block_it_has_no_rule_for(fmt):
    brief = _with_unknown_block(sample_brief("en"))
    with pytest.raises(UnknownBlockError, match="no rule for a Callout block"):
        render(brief, fmt)


@pytest.mark.parametrize("fmt", formats())
def test_every_format_renders_bytes_and_writes_them_atomically(fmt, tmp_path):
    brief = sample_brief("ar")
    data = render(brief, fmt)
    assert isinstance(data, bytes) and data
    path = write(brief, fmt, tmp_path / f"brief{writer(fmt).suffix}")
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left beside it


def test_options_reach_only_the_writers_that_take_them(tmp_path):
    brief = sample_brief("en")
    # embed_fonts means nothing to PDF or Markdown: passing it changes nothing there
    assert render(brief, "pdf", embed_fonts=True) == render(brief, "pdf")
    assert render(brief, "md", embed_fonts=True, style=None) == render(brief, "md")
    assert len(render(brief, "docx", embed_fonts=True)) > len(render(brief, "docx")) + 100_000
    assert {name: spec.suffix for name, spec in WRITERS.items()} == {
        "pdf": ".pdf", "docx": ".docx", "md": ".md", "json": ".json"}


def test_unknown_format_names_the_known_ones():
    with pytest.raises(BriefgenError, match="unknown format 'odt'; choose one of: pdf, docx, md, json"):
        writer("odt")
