"""Every default brief, written as PDF and DOCX and read back: nothing curated is lost.

The writer tests use small hand-made briefs; these run the real corpus
through the real templates, so a fact whose text wraps oddly, a character
the fonts lack or a table cell that drops a run shows up here by name.
"""

from __future__ import annotations

import io

import docx
import pytest

from briefgen.brief import reading_lines
from briefgen.render.docx import docx_bytes

from default_outputs import default_brief, default_corpus, default_pdf, default_spec_list
from readback import writer_paragraphs, assert_lines_in_bidi_order, assert_lines_in_order, body_paragraphs, body_text, normalize, open_pdf, visible

CORPUS = default_corpus()
SPECS = default_spec_list()


@pytest.fixture(scope="module", params=SPECS, ids=[spec.id for spec in SPECS])
def brief(request):
    return default_brief(request.param.id)


def test_pdf_holds_every_line_of_the_brief_in_reading_order(brief) -> None:
    doc = open_pdf(default_pdf(brief.meta.id))
    assert_lines_in_order(body_text(doc), reading_lines(brief))
    assert assert_lines_in_bidi_order(doc, writer_paragraphs(brief)) > 20  # paragraph-level UAX #9 (FriBidi)


def test_docx_holds_every_line_of_the_brief_in_reading_order(brief) -> None:
    document = docx.Document(io.BytesIO(docx_bytes(brief)))
    texts = [visible(paragraph.text) for paragraph in body_paragraphs(document)]
    assert [text for text in texts if text] == [visible(line) for line in reading_lines(brief)]


def _about(fact, kind: str, subject: str) -> bool:
    """Whether a fact belongs in a brief on the subject, stated from the corpus alone."""
    if kind == "theme":
        return subject in fact.themes
    speaker = CORPUS.people.get(fact.speaker) if fact.speaker else None
    return subject in fact.countries or (speaker is not None and speaker.kind == "official" and speaker.country == subject)


def test_every_fact_on_the_subject_reaches_the_brief_whole(brief) -> None:
    lines = normalize(" ".join(reading_lines(brief)))
    kind, subject = brief.meta.kind, brief.meta.subject
    facts = [fact for fact in CORPUS.facts.values() if _about(fact, kind, subject)]
    assert facts, brief.meta.id
    for fact in facts:
        assert normalize(fact.text[brief.meta.lang].text) in lines, (brief.meta.id, fact.id)
