"""Every default brief, written as PDF and DOCX and read back: nothing curated is lost.

The writer tests use small hand-made briefs; these run the real corpus
through the real templates, so a fact whose text wraps oddly, a character
the fonts lack or a table cell that drops a run shows up here by name.
"""

from __future__ import annotations

import io
import re

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
    """Whether a fact belongs in a brief on the subject, stated from the corpus alone: a country's
    facts, what its officials said, and the outcomes and decisions of events it hosted or chaired."""
    if kind == "theme":
        return subject in fact.themes
    speaker = CORPUS.people.get(fact.speaker) if fact.speaker else None
    hosted = fact.kind in ("outcome", "decision") and subject in CORPUS.events[fact.event].hosts
    return (subject in fact.countries or hosted
            or (speaker is not None and speaker.kind == "official" and speaker.country == subject))


def _told(fact, lang: str) -> set[str]:
    """The forms a fact's text may take in a brief: whole, or without its speaker's name under a lead
    sentence naming them (and without an attribution the heading above makes), citation marks removed."""
    from briefgen.assemble.build import drop_phrase, elide_speaker
    from briefgen.facts.model import plain

    whole = plain(fact.text[lang].text)
    forms = {whole}
    in_text = CORPUS.events[fact.event].in_text
    if in_text is not None:  # a label or heading beside it names the article
        forms.add(drop_phrase(whole, in_text.get(lang), lang))
    if fact.speaker:
        shorter = elide_speaker(whole, CORPUS.people[fact.speaker], lang, in_text.get(lang) if in_text else None)
        if shorter:
            forms.add(shorter)
    return forms


def test_every_fact_on_the_subject_reaches_the_brief_whole(brief) -> None:
    lines = normalize(" ".join(reading_lines(brief)))
    lines_without_cites = normalize(re.sub(r"\[[0-9٠-٩, ،]+\]", "", " ".join(reading_lines(brief))))
    kind, subject = brief.meta.kind, brief.meta.subject
    facts = [fact for fact in CORPUS.facts.values() if _about(fact, kind, subject)]
    assert facts, brief.meta.id
    for fact in facts:
        forms = _told(fact, brief.meta.lang)
        assert any(normalize(form) in lines or normalize(form) in lines_without_cites for form in forms), (brief.meta.id, fact.id)
