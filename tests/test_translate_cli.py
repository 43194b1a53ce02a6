"""`briefgen translate` and `briefgen models` on a copy of the real data and the tiny Argos packages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner, Result

from briefgen.cli.translate_cmds import register
from briefgen.errors import BriefgenError, TranslationUnavailable
from briefgen.facts import load_corpus
from briefgen.translate import corpus_requests

DATA = Path(__file__).resolve().parents[1] / "briefs"
UNTRANSLATED = 4


def cli(*args: str) -> Result:
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    return CliRunner().invoke(app, [str(a) for a in args])


def failed(result: Result, kind: type[BriefgenError] = BriefgenError) -> str:
    """The one-line message of a failed command (the main app prints it as `error: ...`)."""
    assert result.exit_code != 0
    assert isinstance(result.exception, kind), result.output
    message = str(result.exception)
    assert message and "\n" not in message
    return message


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of briefs/ where a few facts lost their Russian text."""
    copy = tmp_path / "briefs"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("reviewed"))
    facts_file = copy / "facts" / "tokyo_summit_2025.yaml"
    facts = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    for fact in facts[:UNTRANSLATED]:
        fact["text"].pop("ru")
        for figure in fact.get("figures", []):
            figure.get("label", {}).pop("ru", None)
    facts_file.write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


@pytest.fixture
def installed(argos, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty argostranslate packages directory for this test only."""
    packages = tmp_path / "argos-packages"
    packages.mkdir()
    monkeypatch.setattr("argostranslate.settings.package_data_dir", packages)
    monkeypatch.setattr("argostranslate.settings.package_dirs", [packages])
    monkeypatch.setattr("briefgen.translate.service._ENGINE", None)
    return packages


def test_models_install_file_then_list(argos, installed: Path) -> None:
    assert "no translation models installed" in cli("models", "list").output
    result = cli("models", "install", "--file", argos.archives["en_ru"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"installed translate-en_ru-1.0 (en → ru) in {installed / 'translate-en_ru-1_0'}"
    listing = cli("models", "list").output
    assert "en → ru  translate-en_ru-1.0" in listing


def test_models_install_rejects_non_packages(installed: Path, tmp_path: Path) -> None:
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_text("hello", encoding="utf-8")
    assert "not an Argos package" in failed(cli("models", "install", "--file", not_zip))
    assert "no such file" in failed(cli("models", "install", "--file", tmp_path / "absent.argosmodel"))
    assert "give SOURCE TARGET" in failed(cli("models", "install", "ar"))


def test_models_install_offline_says_how_to_install_a_file(installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("argostranslate.settings.remote_package_index", "http://127.0.0.1:9/index.json")
    message = failed(cli("models", "install", "ar", "en"), TranslationUnavailable)
    assert "cannot reach the Argos package index" in message
    assert "briefgen models install --file PATH.argosmodel" in message


def test_translate_prefills_cache_then_makes_no_model_calls(argos, installed: Path, data: Path, tmp_path: Path) -> None:
    wanted = len(corpus_requests(load_corpus(data), "ru"))
    assert wanted >= UNTRANSLATED
    message = failed(cli("translate", "--lang", "ru", "--data", data, "--cache-dir", tmp_path / "cache"), TranslationUnavailable)
    assert "briefgen models install en ru" in message

    assert cli("models", "install", "--file", argos.archives["en_ru"]).exit_code == 0
    first = cli("translate", "--lang", "ru", "--data", data, "--cache-dir", tmp_path / "cache")
    assert first.exit_code == 0, first.output
    assert f"ru: {wanted} passages without curated text: 0 reviewed, {wanted} machine-translated (1 model calls)" in first.output
    second = cli("translate", "--lang", "ru", "--data", data, "--cache-dir", tmp_path / "cache")
    assert f"{wanted} machine-translated (0 model calls)" in second.output


def test_export_review_import_makes_curated_text(argos, installed: Path, data: Path, tmp_path: Path) -> None:
    cli("models", "install", "--file", argos.archives["en_ru"])
    review = tmp_path / "review.yaml"
    common = ["--data", data, "--cache-dir", tmp_path / "cache"]
    exported = cli("translate", "export", "--lang", "ru", "--out", review, *common)
    assert exported.exit_code == 0, exported.output
    document = yaml.safe_load(review.read_text(encoding="utf-8"))
    entries = document["entries"]
    assert document["lang"] == "ru" and len(entries) == len(corpus_requests(load_corpus(data), "ru"))
    assert all(e["reviewed"] is False and e["text"] == e["machine"] and e["model"] == "translate-en_ru-1.0" for e in entries)

    chosen = entries[0]
    chosen.update(text="Проверенный перевод.", reviewed=True)
    review.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    imported = cli("translate", "import", review, "--data", data)
    assert imported.exit_code == 0, imported.output
    assert "1 reviewed ru entries imported" in imported.output
    stored = yaml.safe_load((data / "reviewed" / "ru.yaml").read_text(encoding="utf-8"))
    assert stored == [{key: chosen[key] for key in ("facts", "source_lang", "source_sha256", "source", "text")}]

    prefill = cli("translate", "--lang", "ru", *common)
    assert ": 1 reviewed," in prefill.output
    again = cli("translate", "export", "--lang", "ru", "--out", review, *common)
    assert f"{len(entries) - 1} ru translations to review" in again.output


def test_import_refuses_an_edited_source(data: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.yaml"
    review.write_text(yaml.safe_dump({"lang": "ru", "entries": [{
        "facts": ["x"], "source_lang": "en", "source_sha256": "0" * 16, "source": "Edited source.",
        "text": "Текст.", "machine": "Текст.", "model": "m", "numbers_ok": True, "terms_ok": True, "reviewed": True,
    }]}), encoding="utf-8")
    assert "`source` was edited" in failed(cli("translate", "import", review, "--data", data))


def test_translate_needs_a_language() -> None:
    assert "briefgen translate --lang ru" in failed(cli("translate"))


def test_pipeline_brief_gets_machine_runs_and_prefill_makes_builds_model_free(
        argos, installed: Path, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.assemble import BriefSpec, assemble
    from briefgen.pipeline import Options, make_brief
    from briefgen.translate import prefill, service

    monkeypatch.setenv("BRIEFGEN_DATA", str(data))
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    cli("models", "install", "--file", argos.archives["en_ru"])
    corpus = load_corpus(data)
    spec = BriefSpec(kind="country", subject="JP", lang="ru")
    assert prefill([assemble(corpus, spec)], corpus) == 1

    calls = []
    engine = service.shared_engine()
    monkeypatch.setattr(engine, "translate", lambda model, texts: calls.append(model.id))
    brief = make_brief(corpus, spec, Options())
    machine = [run for run in brief.runs() if run.provenance == "machine"]
    assert machine and calls == []
    assert not any(run.provenance == "missing" for run in brief.runs())
    assert all(run.lang == "ru" and run.translation.model == "translate-en_ru-1.0" for run in machine)
