"""Every row of docs/errors.md: the bad input, the exact message, a non-zero exit and no traceback.

The documented message is the expectation: `<...>` in it stands for a path,
line or column that depends on the run; everything else must match exactly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from briefgen.cli.app import run

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "errors.md"
ORIGINAL_EN = "More than 80% of overland freight between Asia and Europe passes through Kazakhstan."


def documented() -> dict[str, tuple[str, int]]:
    """id → (message, exit status) from every table row of docs/errors.md."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) >= 4 and re.fullmatch(r"`[a-z0-9-]+`", cells[0]):
            rows[cells[0].strip("`")] = (cells[2].strip("`"), int(cells[3]))
    return rows


def pattern(message: str) -> re.Pattern:
    parts = re.split(r"(<[a-z ]+>)", message)
    return re.compile("".join(".+?" if p.startswith("<") and p.endswith(">") else re.escape(p) for p in parts))


def _edit(file: Path, old: str, new: str) -> Path:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def _templates(tmp: Path, line: str | None = None) -> Path:
    """A copy of the templates with one more country section, whose second line is `line`."""
    templates = tmp / "templates"
    shutil.copytree(ROOT / "templates", templates)
    if line is not None:
        (templates / "country" / "99_hostile.md.j2").write_text(f"## Hostile\n{line}\n", encoding="utf-8")
    return templates


def _linked(tmp: Path) -> Path:
    """Templates where one section is a link to a file outside the folder."""
    templates = _templates(tmp)
    (tmp / "secret.txt").write_text("SECRET\n", encoding="utf-8")
    (templates / "country" / "99_hostile.md.j2").symlink_to(tmp / "secret.txt")
    return templates


def _po(tmp: Path, entry: str) -> Path:
    """A copy of the templates whose Russian catalog ends with one more entry."""
    templates = _templates(tmp)
    po = templates / "locale" / "ru" / "LC_MESSAGES" / "briefgen.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n" + entry + "\n", encoding="utf-8", errors="surrogateescape")
    return templates


_LAUGHS = "".join(f"- &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
_LAUGHS = '- &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + _LAUGHS  # "billion laughs"

# id → how to provoke it: (tmp_path, tiny data dir) → briefgen arguments
Case = Callable[[Path, Path], list[str]]
CASES: dict[str, Case] = {
    # data
    "data-missing": lambda tmp, data: ["facts", "validate", "--data", str(tmp / "nowhere")],
    "yaml-control-character": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "More than", "More\athan"), ["facts", "validate", "--data", str(data)])[1],
    "yaml-unclosed-quote": lambda tmp, data: (
        (data / "facts" / "one.yaml").write_text(
            _fact_file().replace('speaker: tokayev', 'speaker: "tokayev', 1), encoding="utf-8"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-unclosed-quote-at-end": lambda tmp, data: (
        (data / "facts" / "one.yaml").write_text(_fact_file() + '- id: "t-broken\n  kind: statement\n', encoding="utf-8"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-unclosed-bracket": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "countries: [KZ]", "countries: [KZ"), ["facts", "validate", "--data", str(data)])[1],
    "yaml-impossible-date": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "  status: held", "  status: held\n  date: 2025-02-30"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-python-tag": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "  kind: statement", "  kind: !!python/object/apply:os.system [id]"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-duplicate-key": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "  kind: statement", "  kind: statement\n  kind: proposal"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-not-utf8": lambda tmp, data: (
        (data / "facts" / "one.yaml").write_bytes((data / "facts" / "one.yaml").read_bytes() + b"# \xff\n"),
        ["facts", "validate", "--data", str(data)])[1],
    "yaml-alias": lambda tmp, data: (
        (data / "facts" / "one.yaml").write_text(_LAUGHS, encoding="utf-8"), ["facts", "validate", "--data", str(data)])[1],
    "yaml-too-deep": lambda tmp, data: (
        (data / "facts" / "one.yaml").write_text("- " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"),
        ["facts", "validate", "--data", str(data)])[1],
    "fact-unknown-country": lambda tmp, data: (
        _edit(data / "facts" / "one.yaml", "countries: [KZ]", "countries: [KZ, QQ]"), ["facts", "validate", "--data", str(data)])[1],
    # templates
    "template-sandbox-escape": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates",
        str(_templates(tmp, "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"))],
    "template-unsafe-attribute": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(tmp, "{{ ''.__class__.__mro__ }}"))],
    "template-include-outside": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(tmp, "{% include '../../etc/passwd' %}"))],
    "template-symlink-outside": lambda tmp, data: ["build", "--country", "KZ", "-f", "md", "--templates", str(_linked(tmp))],
    "template-syntax": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(tmp, "{% if %}"))],
    "template-undefined": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(tmp, "{{ nonexistent.attr }}"))],
    "template-helper-refused": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(
            tmp, "{% for f in corpus.facts.values() %}{% if loop.first %}{{ fact(f) }} {{ fact(f) }}{% endif %}{% endfor %}"))],
    "template-python-error": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates", str(_templates(tmp, "{{ 1 / 0 }}"))],
    "template-huge-loop": lambda tmp, data: [
        "build", "--country", "KZ", "-f", "md", "--templates",
        str(_templates(tmp, "{% for i in range(10 ** 9) %}{% endfor %}"))],
    # catalogs
    "po-syntax": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates", str(_po(tmp, 'msgid "Page"\nmsgstr "Страница"\ngarbage here'))],
    "po-misspelt-placeholder": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, 'msgid "Page {page} of {pages}"\nmsgstr "Страница {pag} из {pages}"'))],
    "po-percent": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, 'msgid "Share"\nmsgstr "Доля 100%"'))],
    "po-unbalanced-brace": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, 'msgid "Page {page}"\nmsgstr "Страница {page"'))],
    "po-plural-forms": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, 'msgid "{n} apple"\nmsgid_plural "{n} apples"\nmsgstr[0] "{n} яблоко"\nmsgstr[1] "{n} яблока"'))],
    "po-python-format": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, '#, python-format\nmsgid "%(n)s apples"\nmsgstr "%(m)s яблок"'))],
    "po-not-utf8": lambda tmp, data: [
        "build", "--country", "KZ", "--lang", "ru", "-f", "md", "--templates",
        str(_po(tmp, 'msgid "Page"\nmsgstr "P\udce9ge"'))],
    "po-missing": lambda tmp, data: ["build", "--country", "KZ", "--lang", "fr", "-f", "md"],
    # command line
    "option-unknown": lambda tmp, data: ["build", "--country", "KZ", "--colour"],
    "option-bad-value": lambda tmp, data: ["batch", "--jobs", "0"],
    "argument-missing": lambda tmp, data: ["translate", "import"],
    "subject-both": lambda tmp, data: ["build", "--country", "KZ", "--theme", "energy_climate"],
    "format-unknown": lambda tmp, data: ["build", "--country", "KZ", "-f", "odt"],
    "language-unknown": lambda tmp, data: ["build", "--country", "KZ", "--lang", "xx", "-f", "md"],
    "country-unknown": lambda tmp, data: ["build", "--country", "fr", "-f", "md"],
    "digits-unknown": lambda tmp, data: ["build", "--country", "KZ", "--digits", "roman"],
    "digits-left-to-right": lambda tmp, data: ["build", "--country", "KZ", "--lang", "en", "--digits", "arab"],
    "facts-list-language": lambda tmp, data: ["facts", "list", "--lang", "fr"],
    "max-runs-without-schedule": lambda tmp, data: ["batch", "--max-runs", "2"],
    "batch-unknown-language": lambda tmp, data: ["batch", "--lang", "xx", "--out", str(tmp / "out")],
    "embed-fonts-not-docx": lambda tmp, data: ["build", "--country", "KZ", "-f", "pdf", "--embed-fonts"],
    "batch-embed-fonts-not-docx": lambda tmp, data: ["batch", "-f", "pdf", "--embed-fonts"],
    "out-other-format": lambda tmp, data: ["build", "--country", "KZ", "--out", str(tmp / "brief.docx")],
    "out-is-a-file": lambda tmp, data: (
        (tmp / "out").write_text("not a directory"), ["build", "--country", "KZ", "--out", str(tmp / "out")])[1],
    # translation cache
    "translation-cache-damaged": lambda tmp, data: (
        (tmp / "cache").mkdir(), (tmp / "cache" / "translations.sqlite").write_bytes(b"not a database\xff" * 10),
        ["translate", "export", "--lang", "ru", "-o", str(tmp / "review.yaml")])[2],
    "translation-cache-not-a-directory": lambda tmp, data: (
        (tmp / "cache").write_text("a file"), ["translate", "export", "--lang", "ru", "-o", str(tmp / "review.yaml")])[1],
}
# Cases whose problem is a warning: the command still succeeds.
WARNINGS = {"translation-cache-damaged"}


def _fact_file() -> str:
    """The tiny fact file, with more quoted facts after it, as in the real files."""
    from conftest import VALID_FACT

    return VALID_FACT + "".join(VALID_FACT.replace("t-freight-share", f"t-freight-{n}") for n in range(5))


@pytest.mark.parametrize("case", sorted(CASES))
def test_documented(case: str, tmp_path: Path, tiny_data: Path, monkeypatch, capsys) -> None:
    message, status = documented()[case]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(work / "cache"))
    monkeypatch.setenv("BRIEFGEN_LOG_DIR", str(work / "logs"))
    args = CASES[case](work, tiny_data)
    assert run(args) == status
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert pattern(message).fullmatch(lines[0]), f"\n documented: {message}\n printed:    {lines[0]}"
    assert not (work / "MARKER").exists()
    if case not in WARNINGS:
        assert not list((work / "logs").glob("*")) if (work / "logs").exists() else True


def test_every_documented_row_has_a_test() -> None:
    """A row names a case here, or (in other sections) the test that backs it."""
    rows = documented()
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for row_id in rows:
        assert row_id in CASES or f'"{row_id}"' in tests, f"docs/errors.md row {row_id} has no test"
    assert set(CASES) - set(rows) == set(), "cases missing from docs/errors.md"


def test_internal_error_is_one_line_pointing_at_a_log(tmp_path: Path, monkeypatch, capsys) -> None:
    from briefgen import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "make_brief", broken)
    monkeypatch.setenv("BRIEFGEN_LOG_DIR", str(tmp_path / "logs"))
    message, status = documented()["internal-error"]
    assert run(["build", "--country", "KZ", "-f", "md"]) == status
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and pattern(message).fullmatch(lines[0]), lines
    log = Path(lines[0].rsplit(" ", 1)[1])
    assert log.parent == tmp_path / "logs"
    assert "Traceback" in log.read_text() and "RuntimeError: boom" in log.read_text()


def _package_without(tmp_path: Path, font: str) -> Path:
    """briefgen as installed, but with one bundled font file gone."""
    package = tmp_path / "site" / "briefgen"
    shutil.copytree(ROOT / "src" / "briefgen", package, ignore=shutil.ignore_patterns("_data", "__pycache__"))
    (package / "_data").mkdir()
    for name in ("briefs", "templates"):
        (package / "_data" / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "fonts", package / "_data" / "fonts")
    (package / "_data" / "fonts" / font).unlink()
    return package.parent


@pytest.mark.parametrize("command", [["build", "--country", "KZ", "-f", "pdf"],
                                     ["batch", "--country", "KZ", "--lang", "en", "-f", "docx", "--jobs", "1"]])
def test_missing_bundled_font_is_one_line(tmp_path: Path, command: list[str]) -> None:
    site = _package_without(tmp_path, "NotoSans-Regular.ttf")
    message, status = documented()["font-missing"]
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-m", "briefgen", *command, "--data", str(ROOT / "briefs"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == status and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    if command[0] == "build":
        assert len(lines) == 1 and pattern(message).fullmatch(lines[0]), result.stderr
    else:  # the job fails with the same text; the batch goes on and reports it
        assert any(pattern(message.removeprefix("error: ")).search(line) for line in lines), result.stderr
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx")]


def test_a_control_character_fails_each_scheduled_run_not_the_schedule(tiny_data: Path, tmp_path: Path, capsys) -> None:
    _edit(tiny_data / "facts" / "one.yaml", "More than", "More\athan")
    assert run(["batch", "--every", "1s", "--max-runs", "2", "-f", "md", "--data", str(tiny_data),
                "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 2 and all("raw control character U+0007 (BEL)" in line for line in errors), err
