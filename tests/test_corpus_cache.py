"""The parsed-corpus cache: used only when nothing changed, only from a private folder, never for errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.facts import CorpusError
from briefgen.facts.corpuscache import cached_corpus
from briefgen.facts.loader import load_corpus, parse_corpus


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "corpus-cache"
    monkeypatch.setenv("BRIEFGEN_CORPUS_CACHE", str(folder))
    return folder


def _counting():
    calls = []

    def parse(root):
        calls.append(root)
        return parse_corpus(root)

    return parse, calls


def test_an_unchanged_corpus_is_parsed_once(tiny_data: Path, cache: Path) -> None:
    parse, calls = _counting()
    first = cached_corpus(tiny_data, parse)
    second = cached_corpus(tiny_data, parse)
    assert len(calls) == 1 and second == first and second is not first
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    facts = tiny_data / "facts" / "one.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("passes through", "goes through"), encoding="utf-8")
    third = cached_corpus(tiny_data, parse)
    assert len(calls) == 2 and "goes through" in third.facts["t-freight-share"].text["en"].text
    (tiny_data / "facts" / "two.yaml").write_text("[]\n", encoding="utf-8")  # a new file counts too
    cached_corpus(tiny_data, parse)
    assert len(calls) == 3


def test_errors_are_never_cached(tiny_data: Path, cache: Path) -> None:
    facts = tiny_data / "facts" / "one.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("countries: [KZ]", "countries: [QQ]"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CorpusError, match="unknown country 'QQ'"):
            load_corpus(tiny_data)
    assert not list(cache.glob("*.pickle"))


def test_a_cache_others_can_write_to_or_a_corrupt_entry_is_not_trusted(tiny_data: Path, cache: Path) -> None:
    parse, calls = _counting()
    cached_corpus(tiny_data, parse)
    [entry] = cache.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached_corpus(tiny_data, parse).facts and len(calls) == 2
    os.chmod(cache, 0o777)
    cached_corpus(tiny_data, parse)
    cached_corpus(tiny_data, parse)
    assert len(calls) == 4


def test_the_cache_can_be_turned_off(tiny_data: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFGEN_CORPUS_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    parse, calls = _counting()
    cached_corpus(tiny_data, parse)
    cached_corpus(tiny_data, parse)
    assert len(calls) == 2 and not (tmp_path / "xdg").exists()


def test_an_edit_to_briefs_yaml_is_not_hidden_by_the_cache(tiny_data: Path, cache: Path) -> None:
    """parse_corpus reads the pinned leads in briefs.yaml: editing them must reach the next load."""
    load_corpus(tiny_data)
    briefs = tiny_data / "briefs.yaml"
    briefs.write_text(briefs.read_text(encoding="utf-8") + "leads:\n  country-KZ: [no-such-fact, t-freight-share, x]\n",
                      encoding="utf-8")
    with pytest.raises(CorpusError):
        load_corpus(tiny_data)
