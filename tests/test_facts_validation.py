"""Each kind of broken input gives a clear error with file and line, and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.facts import CorpusError, load_corpus

from conftest import VALID_FACT


def _break(data: Path, old: str, new: str) -> Path:
    file = data / "facts" / "one.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def _line_of(file: Path, needle: str) -> int:
    return next(i for i, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_valid_fixture_loads(tiny_data: Path) -> None:
    corpus = load_corpus(tiny_data)
    assert list(corpus.facts) == ["t-freight-share"]
    assert corpus.origin["t-freight-share"].endswith("one.yaml:1")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("countries: [KZ]", "countries: [KZ, QQ]", "countries:", "unknown country 'QQ'"),
        ("themes: [transport_logistics]", "themes: [tourism]", "themes:", "unknown theme 'tourism'"),
        ("event: tokyo_summit_2025", "event: tokyo_2031", "event:", "unknown event 'tokyo_2031'"),
        ("speaker: tokayev", "speaker: nobody", "speaker:", "unknown speaker 'nobody'"),
        ("    - number: 80\n", "    - number: eighty\n", "number: eighty", "figures.0.number"),
        ("      unit: percent\n", "", "- number: 80", "missing field 'figures.0.unit'"),
        ("  kind: statement", "  kind: statement\n  colour: red", "colour:", "unknown field 'colour'"),
        ("file: 000_2d1b1e867ba90598.txt", "file: 999_unknown.txt", "999_unknown", "unknown source file"),
        ("status: held", "status: cancelled", "status:", "status"),
        ("    - number: 80\n", "    - number: 80\n      to: 70\n", "- number: 80", "'to' must be larger than 'number'"),
    ],
)
def test_broken_field_is_reported_with_line(tiny_data: Path, old: str, new: str, needle: str, message: str) -> None:
    file = _break(tiny_data, old, new)
    with pytest.raises(CorpusError) as caught:
        load_corpus(tiny_data)
    text = str(caught.value)
    assert message in text
    assert f"{file}:{_line_of(file, needle)}:" in text


def test_missing_english_text(tiny_data: Path) -> None:
    file = _break(tiny_data, '    en: {text: "More than 80% of overland freight between Asia and Europe passes through Kazakhstan.", curated: true}\n', "")
    with pytest.raises(CorpusError, match=r"missing English text") as caught:
        load_corpus(tiny_data)
    assert f"{file}:1:" in str(caught.value)


def test_machine_text_cannot_pose_as_curated(tiny_data: Path) -> None:
    _break(tiny_data, "Kazakhstan.\", curated: true}", "Kazakhstan.\", curated: false}")
    with pytest.raises(CorpusError, match=r"text.en.curated"):
        load_corpus(tiny_data)


def test_duplicate_id_names_both_places(tiny_data: Path) -> None:
    (tiny_data / "facts" / "two.yaml").write_text(VALID_FACT, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_corpus(tiny_data)
    assert f"{tiny_data / 'facts' / 'two.yaml'}:1: duplicate fact id 't-freight-share' (first at {tiny_data / 'facts' / 'one.yaml'}:1)" in str(caught.value)


def test_duplicate_yaml_key(tiny_data: Path) -> None:
    file = _break(tiny_data, "  kind: statement", "  kind: statement\n  kind: proposal")
    with pytest.raises(CorpusError, match="duplicate key 'kind'") as caught:
        load_corpus(tiny_data)
    assert f"{file}:{_line_of(file, 'kind: proposal')}" in str(caught.value)


def test_yaml_syntax_error_has_line(tiny_data: Path) -> None:
    file = _break(tiny_data, "  kind: statement", "  kind: [statement")
    with pytest.raises(CorpusError, match="invalid YAML") as caught:
        load_corpus(tiny_data)
    assert str(file) in str(caught.value)


def test_cli_exits_non_zero_with_one_line_per_problem(tiny_data: Path) -> None:
    _break(tiny_data, "countries: [KZ]", "countries: [KZ, QQ]")
    result = subprocess.run([sys.executable, "-m", "briefgen", "facts", "validate", "--data", str(tiny_data)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "unknown country 'QQ'" in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_validate_passes_on_corpus() -> None:
    result = subprocess.run([sys.executable, "-m", "briefgen", "facts", "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout and "by country" in result.stdout


def test_visual_terminal_text_wraps_before_it_reorders() -> None:
    from briefgen.cli.facts_cmds import visual_lines

    text = "عُقد الاجتماع التشاوري السادس لرؤساء دول آسيا الوسطى في أستانا (كازاخستان) في 9 أغسطس 2024."
    lines = visual_lines(text, 40).splitlines()
    assert len(lines) == 3
    first = lines[0]
    assert first.endswith("ﻋُ")  # the first word read is at the right end, its damma right after its ain
    assert first.startswith("ﻝﻭﺩ")
    assert "ﺀﺎﺳﺅﺮﻟ" in first and "ﻻ" in first and first.count("\u064f") == 1  # lam-alef joined, damma kept
    assert "(ﻥﺎﺘﺴﺧﺍﺯﺎﻛ)" in lines[1]  # brackets mirrored for a terminal that will not
    assert lines[2].startswith(".2024")  # the full stop ends the sentence at the left


def test_yaml_uses_the_c_loader() -> None:
    import yaml

    from briefgen.facts import yamlfile

    assert yaml.__with_libyaml__, "PyYAML was built without libyaml"
    assert yamlfile.SafeLoader is yaml.CSafeLoader


def test_raw_control_character_names_code_point_line_and_column(tiny_data: Path) -> None:
    file = _break(tiny_data, "More than 80%", "More\athan 80%")
    line = _line_of(file, "More\athan")
    column = file.read_text(encoding="utf-8").splitlines()[line - 1].index("\a") + 1
    with pytest.raises(CorpusError) as caught:
        load_corpus(tiny_data)
    assert str(caught.value) == (f"{file}:{line}:{column}: invalid YAML: raw control character U+0007 (BEL) is not "
                                 'allowed; delete it or write it as "\\a" inside a double-quoted string')


def test_unclosed_quote_points_at_the_opening_quote(tiny_data: Path) -> None:
    # Many quoted lines after the mistake, as in the real files: the parser itself gives up far below.
    (tiny_data / "facts" / "one.yaml").write_text(VALID_FACT + "".join(
        VALID_FACT.replace("t-freight-share", f"t-freight-{n}") for n in range(5)), encoding="utf-8")
    file = _break(tiny_data, "speaker: tokayev", 'speaker: "tokayev')
    line = _line_of(file, 'speaker: "tokayev')
    with pytest.raises(CorpusError) as caught:
        load_corpus(tiny_data)
    assert str(caught.value).startswith(f"{file}:{line}:12: invalid YAML: the quote opened here is not closed on its line")


def test_quote_open_at_end_of_file(tiny_data: Path) -> None:
    file = tiny_data / "facts" / "one.yaml"
    file.write_text(VALID_FACT + '- id: "t-broken\n', encoding="utf-8")
    line = _line_of(file, '"t-broken')
    with pytest.raises(CorpusError) as caught:
        load_corpus(tiny_data)
    assert str(caught.value) == f"{file}:{line}:7: invalid YAML: this quoted string is never closed (add the closing quote)"
