"""The command line as its users expect: where files go, codes in any case, plain help, a damaged cache rebuilt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from briefgen.cli.app import run


def test_out_with_the_format_suffix_is_the_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["build", "--country", "kz", "--lang", "AR", "-f", "md", "--out", "kz.md"]) == 0
    assert (tmp_path / "kz.md").is_file()
    assert (tmp_path / "kz.md").read_text(encoding="utf-8").startswith("**موجز قطري: كازاخستان**")
    assert capsys.readouterr().out.strip() == "kz.md"
    assert run(["build", "--country", "KZ", "-f", "md", "--out", "KZ.MD"]) == 0  # the suffix in any case
    assert (tmp_path / "KZ.MD").is_file()


def test_out_directory_and_default_place(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["build", "--theme", "energy_climate", "--lang", "RU", "-f", "json", "--out", "drafts"]) == 0
    assert (tmp_path / "drafts" / "theme-energy_climate-ru.json").is_file()
    assert run(["build", "--country", "tm", "-f", "docx"]) == 0
    assert [p.relative_to(tmp_path).as_posix() for p in (tmp_path / "out").rglob("*")] == ["out/docx", "out/docx/country-TM-en.docx"]


def test_batch_accepts_codes_in_any_case(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(["batch", "--country", "kz", "--lang", "EN", "-f", "md", "--out", "o", "--jobs", "1"]) == 0
    assert (tmp_path / "o" / "md" / "country-KZ-en.md").is_file()


@pytest.mark.parametrize("command", [["build"], ["batch"], ["facts", "list"], ["translate", "import"], []])
def test_help_shows_flags_without_a_value_and_arguments_by_name(command: list[str], capsys) -> None:
    assert run([*command, "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "<bool>" not in help_text and "{" not in help_text
    if command == ["translate", "import"]:
        assert "Usage: briefgen translate import [OPTIONS] REVIEW_FILE" in help_text


def test_damaged_translation_cache_is_set_aside_and_rebuilt(tmp_path: Path, capsys) -> None:
    from briefgen.translate.cache import CacheKey, CachedTranslation, TranslationCache

    (tmp_path / "translations.sqlite").write_bytes(b"\x00garbage" * 100)
    cache = TranslationCache(tmp_path)
    assert "translation cache unreadable (file is not a database)" in capsys.readouterr().err
    assert (tmp_path / "translations.sqlite.corrupt").read_bytes() == b"\x00garbage" * 100
    key = CacheKey("route", "en", "ru", "Hello", "g1")
    cache.put_many([CachedTranslation(key, "Привет", "argos", "m", ("en", "ru"), True, True)])
    assert cache.get_many([key])[key].text == "Привет"
    cache._db.execute("UPDATE translations SET pivot = 'not json'")
    cache._db.commit()
    assert cache.get_many([key]) == {} and list(cache) == []  # a damaged row is a miss, recomputed
    cache.close()


def test_translation_cache_of_another_layout_is_rebuilt(tmp_path: Path, capsys) -> None:
    from briefgen.translate.cache import TranslationCache

    with sqlite3.connect(tmp_path / "translations.sqlite") as db:
        db.execute("CREATE TABLE translations (key TEXT, text TEXT)")
    cache = TranslationCache(tmp_path)
    assert "unexpected columns key, text" in capsys.readouterr().err
    assert list(cache) == []
    cache.close()
    TranslationCache(tmp_path).close()
    assert capsys.readouterr().err == ""  # once rebuilt, quiet


def test_translate_export_accepts_a_tag_in_any_case(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    assert run(["translate", "export", "--lang", "RU", "-o", str(tmp_path / "review.yaml")]) == 0
    assert "\nlang: ru\n" in (tmp_path / "review.yaml").read_text(encoding="utf-8")


def test_an_edited_catalog_is_read_again(tmp_path: Path) -> None:
    """A scheduled batch runs in one process for days: a translator's edit must show in the next run."""
    import os
    import shutil

    from briefgen.assemble.locale import Locale

    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).resolve().parents[1] / "templates", templates)
    po = templates / "locale" / "ru" / "LC_MESSAGES" / "briefgen.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Test label"\nmsgstr "Первый"\n', encoding="utf-8")
    assert Locale("ru", templates / "locale").gettext("Test label") == "Первый"
    po.write_text(po.read_text(encoding="utf-8").replace('"Первый"', '"Второй"'), encoding="utf-8")
    os.utime(po, ns=(po.stat().st_atime_ns, po.stat().st_mtime_ns + 1_000_000_000))
    assert Locale("ru", templates / "locale").gettext("Test label") == "Второй"
