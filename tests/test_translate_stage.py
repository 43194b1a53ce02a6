"""translate_brief on real (tiny) Argos packages: provenance, pivoting, term lock, checks, cache, review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from make_sample_briefs import sample_brief

from briefgen.brief import Brief, Paragraph, Run, Section
from briefgen.errors import TranslationUnavailable
from briefgen.translate import ArgosEngine, Glossary, ReviewedStore, TranslationCache, Translator, translate_brief, translate_briefs
from briefgen.translate.reviewed import ReviewedEntry, source_hash

GLOSSARY = Glossary.from_mapping({
    "person:tokayev": {"ar": "توكاييف", "en": "Tokayev", "ru": "Токаев"},
    "country:KZ": {"ar": "كازاخستان", "en": "Kazakhstan", "ru": "Казахстан"},
    "country:JP": {"ar": "اليابان", "en": "Japan", "ru": "Япония"},
    "org:jbic": {"ar": "JBIC", "en": "JBIC", "ru": "JBIC"},
})
AR_TRADE = "قال توكاييف إن التجارة زادت إلى 2.4 مليار دولار في عام 2024."
AR_MEETING = "التقى الرئيس مع اليابان وكازاخستان."
EN_TRADE = "Tokayev said that trade grew by 80 percent."
PLACEHOLDER = re.compile("[\ue000-\uf8ff]")


class CountingEngine:
    """An ArgosEngine that records every model call (model id, number of texts)."""

    def __init__(self, engine: ArgosEngine) -> None:
        self.engine, self.name, self.calls = engine, engine.name, []

    def models(self):
        return self.engine.models()

    def translate(self, model, texts):
        self.calls.append((model.id, len(texts)))
        return self.engine.translate(model, texts)


def brief_with(lang: str, runs: list[Run], digits: str = "latn") -> Brief:
    """The hand-made sample brief plus one paragraph per extra run."""
    brief = sample_brief(lang)
    brief.meta.digits = digits
    brief.sections.append(Section(id="extra", blocks=[Paragraph(inlines=[run]) for run in runs]))
    return brief


def missing(text: str, lang: str, wanted: str, fact: str) -> Run:
    return Run(text=text, lang=lang, provenance="missing", wanted_lang=wanted, facts=[fact])


def machine_runs(brief: Brief) -> dict[str, Run]:
    return {run.facts[0]: run for run in brief.runs() if run.provenance == "machine"}


@pytest.fixture
def engine(argos) -> CountingEngine:
    return CountingEngine(ArgosEngine([argos.packages]))


def test_pivot_through_english_one_call_per_model(engine: CountingEngine, tmp_path: Path) -> None:
    brief = brief_with("ru", [missing(AR_TRADE, "ar", "ru", "f-trade"), missing(AR_MEETING, "ar", "ru", "f-meet"),
                              missing(EN_TRADE, "en", "ru", "f-en")])
    out = translate_brief(brief, Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path)))

    assert engine.calls == [("translate-ar_en-1.0", 2), ("translate-en_ru-1.0", 3)]
    runs = machine_runs(out)
    assert runs["f-trade"].text == "заявил Токаев что торговля выросла до 2,4 млрд долларов в году 2024."
    assert runs["f-meet"].text == "встретился президент с Япония и Казахстан."
    assert runs["f-en"].text == "Токаев заявил что торговля выросла на 80 процентов."
    pivoted = runs["f-trade"].translation
    assert (pivoted.engine, pivoted.model, pivoted.source_lang, pivoted.pivot) == (
        "argos", "translate-ar_en-1.0+translate-en_ru-1.0", "ar", ["en"])
    assert runs["f-en"].translation.pivot == [] and runs["f-en"].translation.model == "translate-en_ru-1.0"
    assert all(runs[f].lang == "ru" and runs[f].wanted_lang is None for f in ("f-trade", "f-meet", "f-en"))
    assert not any(PLACEHOLDER.search(run.text) for run in out.runs())


def test_curated_and_other_runs_are_never_replaced(engine: CountingEngine, tmp_path: Path) -> None:
    brief = brief_with("ru", [missing(EN_TRADE, "en", "ru", "f-en")])
    out = translate_brief(brief, Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path)))
    before = [run for run in brief.runs() if run.provenance != "missing"]
    after = [run for run in out.runs() if run.facts != ["f-en"]]
    assert before == after
    assert [run.provenance for run in brief.runs()].count("missing") == 1  # the input brief is left as it was


def test_term_lock_uses_glossary_forms_in_each_target_language(engine: CountingEngine, tmp_path: Path) -> None:
    to_ar = brief_with("ar", [missing("Tokayev met Japan in 2024.", "en", "ar", "f-x")])
    ar = machine_runs(translate_brief(to_ar, Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path))))["f-x"]
    assert ar.text == "توكاييف التقى اليابان في 2024."
    assert (ar.translation.numbers_ok, ar.translation.terms_ok) == (True, True)


def test_arabic_brief_with_arabic_indic_digits_gets_them_in_machine_text(engine: CountingEngine, tmp_path: Path) -> None:
    brief = brief_with("ar", [missing("Tokayev met Japan in 2024.", "en", "ar", "f-x")], digits="arab")
    run = machine_runs(translate_brief(brief, Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path))))["f-x"]
    assert run.text == "توكاييف التقى اليابان في ٢٠٢٤."


def test_lost_numbers_and_names_are_flagged(argos, tmp_path: Path) -> None:
    lossy = Translator(ArgosEngine([argos.lossy]), GLOSSARY, cache=TranslationCache(tmp_path))
    brief = brief_with("ru", [missing("trade grew by 80 percent.", "en", "ru", "f-number"),
                              missing("Tokayev said that.", "en", "ru", "f-name"),
                              missing("trade grew.", "en", "ru", "f-plain")])
    runs = machine_runs(translate_brief(brief, lossy))
    assert "80" not in runs["f-number"].text
    assert (runs["f-number"].translation.numbers_ok, runs["f-number"].translation.terms_ok) == (False, True)
    assert "Токаев" not in runs["f-name"].text
    assert (runs["f-name"].translation.numbers_ok, runs["f-name"].translation.terms_ok) == (True, False)
    assert (runs["f-plain"].translation.numbers_ok, runs["f-plain"].translation.terms_ok) == (True, True)
    assert runs["f-plain"].text == "торговля выросла."


def test_second_build_makes_zero_model_calls(argos, tmp_path: Path) -> None:
    briefs = [brief_with(lang, [missing(AR_TRADE, "ar", lang, "f-trade"), missing(EN_TRADE, "en", lang, "f-en")])
              for lang in ("ru",)] + [brief_with("en", [missing(AR_MEETING, "ar", "en", "f-meet")])]
    first = CountingEngine(ArgosEngine([argos.packages]))
    built = translate_briefs(briefs, Translator(first, GLOSSARY, cache=TranslationCache(tmp_path)))
    assert first.calls == [("translate-ar_en-1.0", 2), ("translate-en_ru-1.0", 2)]

    again = CountingEngine(ArgosEngine([argos.packages]))
    rebuilt = translate_briefs(briefs, Translator(again, GLOSSARY, cache=TranslationCache(tmp_path)))
    assert again.calls == []
    assert [b.model_dump() for b in rebuilt] == [b.model_dump() for b in built]


def test_cache_key_includes_glossary_version(argos, tmp_path: Path) -> None:
    brief = brief_with("ru", [missing(EN_TRADE, "en", "ru", "f-en")])
    translate_brief(brief, Translator(CountingEngine(ArgosEngine([argos.packages])), GLOSSARY, cache=TranslationCache(tmp_path)))
    changed = GLOSSARY | Glossary.from_mapping({"person:tokayev": {"en": "Tokayev", "ru": "Токаев К.-Ж."}})
    assert changed.version != GLOSSARY.version
    engine = CountingEngine(ArgosEngine([argos.packages]))
    out = translate_brief(brief, Translator(engine, changed, cache=TranslationCache(tmp_path)))
    assert engine.calls == [("translate-en_ru-1.0", 1)]
    assert machine_runs(out)["f-en"].text.startswith("Токаев К.-Ж. заявил")


def test_reviewed_text_wins_as_curated_and_stale_reviews_are_ignored(engine: CountingEngine, tmp_path: Path) -> None:
    store = ReviewedStore(tmp_path / "reviewed")
    store.merge("ru", [
        ReviewedEntry(facts=["f-en"], source_lang="en", source_sha256=source_hash(EN_TRADE), source=EN_TRADE,
                      text="Токаев заявил, что торговля выросла на 80 %."),
        ReviewedEntry(facts=["f-old"], source_lang="en", source_sha256=source_hash("an older wording"),
                      source="an older wording", text="устаревший перевод"),
    ])
    brief = brief_with("ru", [missing(EN_TRADE, "en", "ru", "f-en"), missing("trade grew.", "en", "ru", "f-old")])
    translator = Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path / "cache"), reviewed=ReviewedStore(tmp_path / "reviewed"))
    out = translate_brief(brief, translator)
    by_fact = {run.facts[0]: run for run in out.runs() if run.facts and run.facts[0].startswith("f-")}
    assert by_fact["f-en"].provenance == "curated"
    assert by_fact["f-en"].text == "Токаев заявил, что торговля выросла на 80 %."
    assert by_fact["f-en"].translation is None and by_fact["f-en"].lang == "ru"
    assert by_fact["f-old"].provenance == "machine" and by_fact["f-old"].text == "торговля выросла."
    assert engine.calls == [("translate-en_ru-1.0", 1)]


def test_no_model_names_the_install_command(argos, tmp_path: Path) -> None:
    only_ar_en = tmp_path / "packages"
    only_ar_en.mkdir()
    (only_ar_en / "translate-ar_en-1_0").symlink_to(argos.packages / "translate-ar_en-1_0")
    translator = Translator(ArgosEngine([only_ar_en]), GLOSSARY, cache=TranslationCache(tmp_path))
    brief = brief_with("ru", [missing(AR_TRADE, "ar", "ru", "f-trade")])
    with pytest.raises(TranslationUnavailable) as error:
        translate_brief(brief, translator)
    message = str(error.value)
    assert "\n" not in message
    assert "ar→ru" in message and "translate-en_ru" in message
    assert "briefgen models install en ru" in message and "argospm install translate-en_ru" in message


def test_allow_missing_keeps_untranslatable_runs_missing(argos, tmp_path: Path) -> None:
    engine = CountingEngine(ArgosEngine([tmp_path / "nothing-installed"]))
    brief = brief_with("ru", [missing(AR_TRADE, "ar", "ru", "f-trade")])
    out = translate_brief(brief, Translator(engine, GLOSSARY, cache=TranslationCache(tmp_path)), allow_missing=True)
    assert out == brief
    assert engine.calls == []


def test_translation_is_deterministic_without_cache(argos) -> None:
    brief = brief_with("ru", [missing(AR_TRADE, "ar", "ru", "f-trade"), missing(EN_TRADE, "en", "ru", "f-en")])
    first = translate_brief(brief, Translator(ArgosEngine([argos.packages]), GLOSSARY))
    second = translate_brief(brief, Translator(ArgosEngine([argos.packages]), GLOSSARY))
    assert first.model_dump() == second.model_dump()
