"""`briefgen list`: the default briefs and the state of their files, exactly what the next batch would do."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)


def test_list_states_match_what_the_next_batch_builds(tiny_data: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "out"
    common = ["-f", "md", "-f", "json", "--country", "KZ", "--theme", "transport_logistics", "--lang", "en",
              "--lang", "ar", "--data", str(tiny_data), "--templates", str(templates), "--out", str(out),
              "--no-translate"]

    def states() -> dict[str, str]:
        run = _run("list", *common, "--json")
        assert run.returncode == 0, run.stderr
        doc = json.loads(run.stdout)
        assert doc["output_dir"] == str(out)
        return {Path(row["output"]).name: row["state"] for row in doc["briefs"]}

    assert set(states().values()) == {"missing"} and len(states()) == 8
    assert _run("batch", *common, "-j", "1").returncode == 0
    assert set(states().values()) == {"fresh"}
    (out / "md" / "country-KZ-ar.md").unlink()
    (out / "json" / "country-KZ-en.json").write_text("{}")
    facts = tiny_data / "facts" / "one.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("passes through", "goes through"), encoding="utf-8")
    listed = states()
    assert listed["country-KZ-ar.md"] == "missing" and listed["country-KZ-en.json"] == "stale"
    assert listed["country-KZ-ar.json"] == "fresh"  # the edit is to English text only
    assert listed["theme-transport_logistics-en.md"] == "stale"
    again = _run("batch", *common, "-j", "1", "--report", str(tmp_path / "r.json"))
    built = {Path(j["output"]).name for j in json.loads((tmp_path / "r.json").read_text())["jobs"] if j["status"] == "built"}
    assert built == {name for name, state in listed.items() if state != "fresh"}
    plain = _run("list", *common)
    assert plain.returncode == 0
    assert f"country-KZ-ar\tar\tmd\t{out / 'md' / 'country-KZ-ar.md'}\tfresh" in plain.stdout.splitlines()
    assert plain.stderr.strip() == "8 outputs: 8 fresh, 0 stale, 0 missing"


def test_list_reads_codes_and_tags_as_batch_does(tiny_data: Path, tmp_path: Path) -> None:
    """`--country kz --lang EN --theme Transport_Logistics` pick the same briefs in both commands."""
    picks = ["--country", "kz", "--theme", "Transport_Logistics", "--lang", "EN", "-f", "md",
             "--data", str(tiny_data), "--out", str(tmp_path / "out"), "--no-translate"]
    listed = _run("list", *picks, "--json")
    assert listed.returncode == 0, listed.stderr
    names = {Path(row["output"]).name for row in json.loads(listed.stdout)["briefs"]}
    assert names == {"country-KZ-en.md", "theme-transport_logistics-en.md"}
    built = _run("batch", *picks, "-j", "1")
    assert built.returncode == 0, built.stderr
    assert {p.name for p in (tmp_path / "out" / "md").iterdir()} == names
