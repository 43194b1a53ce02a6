"""Glossary from reference data and briefs/glossary.yaml; numbers; placeholder protection and checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.errors import InputError
from briefgen.facts import load_corpus
from briefgen.translate import Glossary
from briefgen.translate.numbers import find_numbers, numbers_match
from briefgen.translate.protect import protect, restore

DATA = Path(__file__).resolve().parents[1] / "briefs"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_corpus(load_corpus(DATA), extra=DATA / "glossary.yaml")


def found(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.term.id, text[m.start:m.end]) for m in glossary.find(text, lang)]


def test_corpus_terms_cover_leaders_countries_places(glossary: Glossary) -> None:
    ids = {term.id for term in glossary.terms}
    assert {"person:tokayev", "person:tokayev:short", "country:KZ", "country:JP", "place:Astana", "place:Tokyo"} <= ids
    assert not any(i.startswith("theme:") for i in ids)
    tokayev = next(t for t in glossary.terms if t.id == "person:tokayev:short")
    assert dict(tokayev.forms) == {"ar": "توكاييف", "en": "Tokayev", "ru": "Токаев"}


def test_arabic_variants_and_proclitics(glossary: Glossary) -> None:
    text = "التقى جاباروف وصدر جباروف لليابان وبكازاخستان، وكازاخستاني"
    assert found(glossary, text, "ar") == [
        ("person:japarov:short", "جاباروف"), ("person:japarov", "وصدر جباروف"),
        ("country:JP", "لليابان"), ("country:KZ", "وبكازاخستان"),
    ]


def test_longest_term_wins_and_words_stay_whole(glossary: Glossary) -> None:
    text = "Japan Bank for International Cooperation and Japan's JBIC met Central Asian leaders in Central Asia."
    assert found(glossary, text, "en") == [
        ("jbic_name", "Japan Bank for International Cooperation"), ("country:JP", "Japan"), ("jbic", "JBIC"),
        ("country:XC", "Central Asia"),
    ]


def test_extra_glossary_file_has_every_language() -> None:
    data = yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8"))
    for term_id in ("ca_jad", "jbic", "jica", "smartmining_plus", "tokyo_declaration", "trans_caspian_route"):
        assert {"ar", "en", "ru"} <= set(data[term_id]), term_id
    assert all(all(entry.get(lang) for lang in ("ar", "en", "ru")) for entry in data.values())


def test_version_is_a_content_hash() -> None:
    a = Glossary.from_mapping({"x": {"en": "JBIC", "ru": "JBIC"}, "y": {"en": "Japan", "ru": "Япония"}})
    b = Glossary.from_mapping({"y": {"en": "Japan", "ru": "Япония"}, "x": {"en": "JBIC", "ru": "JBIC"}})
    c = Glossary.from_mapping({"x": {"en": "JBIC", "ru": "ЯБМС"}, "y": {"en": "Japan", "ru": "Япония"}})
    assert a.version == b.version != c.version


def test_bad_glossary_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"^{bad}: expected a mapping"):
        Glossary.from_yaml(bad)


@pytest.mark.parametrize(("text", "lang", "keys"), [
    ("from 400 million to 2.4 billion in 2024", "en", ["400", "2.4", "2024"]),
    ("1,000,000 yen; 20.12.2025", "en", ["1000000", "20.12.2025"]),
    ("с 400 млн до 2,4 млрд", "ru", ["400", "2.4"]),
    ("١٧٫٩ مليار و 3 تريليون", "ar", ["17.9", "3"]),
])
def test_numbers_are_read_in_their_language(text: str, lang: str, keys: list[str]) -> None:
    assert [number.key for _, _, number in find_numbers(text, lang)] == keys


def test_numbers_match_across_languages() -> None:
    assert numbers_match("2.4 billion and 1,000 tonnes", "en", "2,4 млрд и 1\u00a0000 тонн", "ru")
    assert not numbers_match("2.4 billion in 2024", "en", "2,4 млрд", "ru")
    assert not numbers_match("80%", "en", "80 % и 80 %", "ru")


def test_protect_and_restore_render_target_forms(glossary: Glossary) -> None:
    source = "Tokayev said trade with Japan reached $2.4 billion in 2024."
    protected = protect(source, "en", "ru", glossary)
    assert "Tokayev" not in protected.text and "2.4" not in protected.text
    assert [(s.kind, s.target) for s in protected.slots] == [
        ("term", "Токаев"), ("term", "Япония"), ("number", "2,4"), ("number", "2024")]
    model_output = protected.text.replace("said trade with", "заявил, что торговля с").replace("reached", "достигла")
    restored = restore(model_output, protected, source, "en", "ru")
    assert restored.text == "Токаев заявил, что торговля с Япония достигла $2,4 billion in 2024."
    assert (restored.numbers_ok, restored.terms_ok) == (True, True)


def test_restore_flags_lost_duplicated_and_invented(glossary: Glossary) -> None:
    source = "Tokayev said trade grew by 80 percent."
    protected = protect(source, "en", "ru", glossary)
    name, number = (slot.placeholder for slot in protected.slots)
    lost_number = restore(f"{name} заявил.", protected, source, "en", "ru")
    assert (lost_number.numbers_ok, lost_number.terms_ok) == (False, True)
    doubled_name = restore(f"{name} {name} на {number} процентов.", protected, source, "en", "ru")
    assert (doubled_name.numbers_ok, doubled_name.terms_ok) == (True, False)
    invented = restore(f"{name} заявил, что на {number} процентов за 5 лет.", protected, source, "en", "ru")
    assert (invented.numbers_ok, invented.terms_ok) == (False, True)
