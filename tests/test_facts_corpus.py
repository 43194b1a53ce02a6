"""The curated corpus itself: size, coverage, quotes verbatim in the seed articles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from briefgen.facts import check_sources
from briefgen.facts.numbers import contains_number, normalize_digits

from conftest import SEEDS


def test_corpus_is_substantial_and_covers_every_subject(corpus) -> None:
    assert len(corpus.facts) > 80
    by_country = Counter(c for f in corpus.facts.values() for c in f.countries)
    by_theme = Counter(t for f in corpus.facts.values() for t in f.themes)
    by_event = Counter(f.event for f in corpus.facts.values())
    for country in (c.code for c in corpus.countries.values() if c.subject):
        assert by_country[country] >= 3, country
    for theme in corpus.themes:
        assert by_theme[theme] >= 3, theme
    for event in corpus.events:
        assert by_event[event] >= 2, event


def test_every_fact_has_curated_arabic_english_and_russian(corpus) -> None:
    for fact in corpus.facts.values():
        assert {"ar", "en", "ru"} <= set(fact.text), fact.id


def test_conflicts_are_recorded(corpus) -> None:
    assert len(corpus.conflicts) >= 5
    topics = " ".join(c.topic["en"].text.lower() for c in corpus.conflicts.values())
    assert "yen" in topics or "trillion" in topics
    assert "postpone" in topics or "astana" in topics


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles (../shared/seeds) not beside the checkout")
def test_every_quote_is_verbatim_in_its_seed(corpus) -> None:
    result = check_sources(corpus, SEEDS)
    assert result.problems == []
    assert result.quotes >= len(corpus.facts)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles (../shared/seeds) not beside the checkout")
def test_no_fact_quotes_the_news_ticker(corpus) -> None:
    noise = (SEEDS / "001_9864b0098ba5d5de.txt").read_text(encoding="utf-8").split("{clean_title}")[0]
    for fact in corpus.facts.values():
        for source in fact.sources:
            if source.file.startswith("001_"):
                assert source.quote not in noise, fact.id


def test_source_check_catches_altered_quote_and_missing_figure(corpus, tmp_path: Path) -> None:
    fact = next(f for f in corpus.facts.values() if f.figures and f.figures[0].written is None)
    altered = fact.model_copy(update={"sources": [s.model_copy(update={"quote": s.quote + " (edited)"}) for s in fact.sources]})
    broken = corpus.model_copy(update={"facts": {fact.id: altered}})
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in fact.sources:
        (seeds / source.file).write_text(source.quote, encoding="utf-8")
    result = check_sources(broken, seeds)
    assert any("quote not found verbatim" in p for p in result.problems)
    wrong_number = fact.model_copy(update={"figures": [fact.figures[0].model_copy(update={"number": 987654.0})]})
    result = check_sources(corpus.model_copy(update={"facts": {fact.id: wrong_number}}), seeds)
    assert any("figure 987654" in p for p in result.problems)


def test_arabic_indic_digits_count_as_numbers() -> None:
    assert normalize_digits("٢٫٤ مليار") == "2.4 مليار"
    assert contains_number("زادت من ٥٫٧ إلى ١١ مليار", 5.7)
    assert contains_number("بطاقة 1000 ميغاواط", 1000)
    assert contains_number("بقيمة 1,000", 1000)
    assert not contains_number("بنسبة 26.8%", 26)
    assert not contains_number("عام 2024", 202)


def test_curated_text_uses_the_quotation_marks_of_its_language(corpus) -> None:
    """Straight quotes mix with «» and “” in print; each language has its own (quotes from sources stay verbatim)."""
    marks = {"ar": "«»", "en": "“”", "ru": "«»"}
    for fact in corpus.facts.values():
        for lang, pair in marks.items():
            text = fact.text[lang].text
            assert '"' not in text, (fact.id, lang, text)
            assert text.count(pair[0]) == text.count(pair[1]), (fact.id, lang, text)



@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles (../shared/seeds) not beside the checkout")
def test_both_ends_of_a_range_must_be_in_the_quote(corpus) -> None:
    fact = next(f for f in corpus.facts.values() if any(fig.to is not None for fig in f.figures))
    figures = [fig.model_copy(update={"to": fig.to + 1}) if fig.to is not None else fig for fig in fact.figures]
    figure = next(fig for fig in figures if fig.to is not None)
    altered = corpus.model_copy(update={"facts": {**corpus.facts, fact.id: fact.model_copy(update={"figures": figures})}})
    problems = check_sources(altered, SEEDS).problems
    assert len(problems) == 1
    assert f"figure {figure.number:g}-{figure.to:g}" in problems[0] and fact.id in problems[0]
