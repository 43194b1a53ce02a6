"""Per-brief rebuilds on the real corpus, --force, and the JSON run report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.assemble import default_specs
from briefgen.batch import plan, run_batch
from briefgen.facts import load_corpus
from briefgen.pipeline import Options

from conftest import ROOT

FACT = "bg-tm-gtg2-gasoline-plant"


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> tuple[Path, Path, list]:
    """A copy of the real data, built once as JSON (the Brief model itself), every default brief."""
    root = tmp_path_factory.mktemp("real")
    data = root / "briefs"
    shutil.copytree(ROOT / "briefs", data)
    out = root / "out"
    specs = [s for s in default_specs(data, load_corpus(data)) if s.lang in ("en", "ar")]  # ru as en, in less time
    jobs = plan(specs, ["json"])
    report = run_batch(jobs, out, data_dir=data, options=Options(translate=False), workers=2)
    assert report.count("built") == len(jobs) == 34
    return data, out, jobs


def _showing(out: Path, fact: str, lang: str) -> set[str]:
    """The briefs whose Brief has a run from `fact` in `lang`: the oracle, read from the outputs themselves."""
    shown = set()
    for file in (out / "json").glob("*.json"):
        brief = json.loads(file.read_text(encoding="utf-8"))
        if brief["meta"]["lang"] == lang and f'"{fact}"' in json.dumps(brief):
            shown.add(file.name)
    return shown


def test_a_one_fact_edit_rebuilds_exactly_the_briefs_that_show_it(real) -> None:
    data, out, jobs = real
    expected = _showing(out, FACT, "en")
    assert "country-TM-en.json" in expected and len(expected) >= 2  # the TM brief and a theme brief at least
    facts = data / "facts" / "background.yaml"
    text = facts.read_text(encoding="utf-8")
    old = "Turkmenistan plans to build a second environmentally friendly gasoline production plant (GTG-2)"
    assert old in text
    facts.write_text(text.replace(old, old.replace("(GTG-2)", "(the GTG-2 project)")), encoding="utf-8")
    try:
        report = run_batch(jobs, out, data_dir=data, options=Options(translate=False), workers=2)
    finally:
        facts.write_text(text, encoding="utf-8")
    assert {o.job.key for o in report.outcomes if o.status == "built"} == expected
    assert report.count("fresh") == len(jobs) - len(expected) and not report.failed
    assert all("the GTG-2 project" in (out / "json" / key).read_text(encoding="utf-8") for key in expected)
    # Back to the original text: the same briefs again, and then nothing.
    assert {o.job.key for o in run_batch(jobs, out, data_dir=data, options=Options(translate=False), workers=2).outcomes
            if o.status == "built"} == expected
    assert run_batch(jobs, out, data_dir=data, options=Options(translate=False)).count("fresh") == len(jobs)


def test_an_edit_no_brief_shows_rebuilds_nothing_and_force_rebuilds_everything(real) -> None:
    data, out, jobs = real
    readme = data / "facts" / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA note for curators.\n", encoding="utf-8")
    quiet = run_batch(jobs, out, data_dir=data, options=Options(translate=False), workers=2)
    assert quiet.count("fresh") == len(jobs)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "json").iterdir()}
    forced = run_batch(jobs, out, data_dir=data, options=Options(translate=False), workers=2, force=True)
    assert forced.count("built") == len(jobs)
    assert all((out / "json" / name).stat().st_mtime_ns >= mtime for name, mtime in before.items())


def test_the_run_report_and_its_copy_in_the_output_folder(tiny_data: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "out"
    (out / "md").mkdir(parents=True)
    (out / "md" / ".country-KZ-ru.md.deadbeef.part").write_text("left by a killed run")
    args = [sys.executable, "-m", "briefgen", "batch", "-f", "md", "-f", "json", "--country", "KZ", "--lang", "en",
            "--lang", "ru", "--data", str(tiny_data), "--templates", str(templates), "--out", str(out),
            "--no-translate", "-j", "1", "--report", str(tmp_path / "report.json")]
    run = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert run.returncode == 1
    assert run.stdout.strip() == f"2 built, 0 unchanged, 2 failed → {out}"
    assert "failed country-KZ-ru.md: " in run.stderr and "built country-KZ-en.md" in run.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report == json.loads((out / ".briefgen-report.json").read_text(encoding="utf-8"))
    assert set(report) == {"briefgen_report", "briefgen_version", "started", "finished", "seconds", "ok", "error",
                           "error_traceback", "output_dir", "options", "totals", "cleaned", "jobs"}
    assert report["briefgen_report"] == 1 and report["ok"] is False and report["error"] is None
    assert report["started"].endswith("Z") and report["started"] <= report["finished"]
    assert report["totals"] == {"jobs": 4, "built": 2, "fresh": 0, "failed": 2}
    assert report["cleaned"] == ["md/.country-KZ-ru.md.deadbeef.part"]
    assert report["options"]["formats"] == ["md", "json"] and report["options"]["executor"] == "local"
    jobs = {(j["id"], j["format"]): j for j in report["jobs"]}
    assert set(jobs) == {("country-KZ-en", "md"), ("country-KZ-en", "json"), ("country-KZ-ru", "md"),
                         ("country-KZ-ru", "json")}
    for job in report["jobs"]:
        assert set(job) == {"id", "format", "output", "status", "seconds", "sha256", "bytes", "error", "traceback"}
    built = jobs[("country-KZ-en", "md")]
    data = (out / "md" / "country-KZ-en.md").read_bytes()
    assert built["status"] == "built" and built["output"] == str(out / "md" / "country-KZ-en.md")
    assert built["bytes"] == len(data) and len(built["sha256"]) == 64 and built["error"] is None
    failed = jobs[("country-KZ-ru", "json")]
    assert failed["status"] == "failed" and "no curated ru text" in failed["error"] and "\n" not in failed["error"]
    assert "Traceback" in failed["traceback"] and failed["sha256"] is None and failed["bytes"] is None
    again = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"jobs": 4, "built": 0, "fresh": 2, "failed": 2}
    assert jobs[("country-KZ-en", "md")]["sha256"] == {(j["id"], j["format"]): j for j in report["jobs"]}[
        ("country-KZ-en", "md")]["sha256"]
    assert again.stdout.strip() == f"0 built, 2 unchanged, 2 failed → {out}"


def test_a_run_that_fails_before_its_jobs_still_reports(tiny_data: Path, tmp_path: Path) -> None:
    facts = tiny_data / "facts" / "one.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("countries: [KZ]", "countries: [QQ]"), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "briefgen", "batch", "-f", "md", "--data", str(tiny_data), "--out",
                          str(out), "--report", str(tmp_path / "r.json")], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL)
    assert run.returncode == 1 and "unknown country 'QQ'" in run.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["ok"] is False and "unknown country 'QQ'" in report["error"] and report["jobs"] == []
    assert json.loads((out / ".briefgen-report.json").read_text(encoding="utf-8")) == report
