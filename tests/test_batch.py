"""Batch runs: outputs per job, unchanged inputs skipped, failures isolated, scheduling."""

from __future__ import annotations

import datetime as dt
import re
import time
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.assemble import BriefSpec
from briefgen.batch import parse_interval, plan, repeat, run_batch
from briefgen.batch.outdir import OutputDir
from briefgen.batch.schedule import Every, run_schedule
from briefgen.errors import BriefgenError
from briefgen.pipeline import Options

from conftest import ROOT


@pytest.fixture
def workspace(tiny_data: Path) -> tuple[Path, Path]:
    templates = tiny_data.parent / "templates"
    shutil.copytree(ROOT / "templates", templates)
    return tiny_data, templates


def _jobs(langs=("en", "ar")):
    specs = [BriefSpec(kind="country", subject="KZ", lang=lang) for lang in langs]
    specs.append(BriefSpec(kind="theme", subject="transport_logistics", lang="en"))
    return plan(specs, ["md", "json"])


def test_second_run_with_unchanged_inputs_builds_nothing(workspace, tmp_path: Path) -> None:
    data, templates = workspace
    out = tmp_path / "out"
    options = Options(templates=templates, translate=False)
    first = run_batch(_jobs(), out, data_dir=data, options=options)
    assert first.count("built") == 6 and not first.failed
    assert (out / "md" / "country-KZ-ar.md").read_text(encoding="utf-8").startswith("**موجز قطري: كازاخستان**")
    second = run_batch(_jobs(), out, data_dir=data, options=options)
    assert second.count("fresh") == 6 and second.count("built") == 0
    (out / "json" / "country-KZ-en.json").unlink()
    third = run_batch(_jobs(), out, data_dir=data, options=options)
    assert [o.job.key for o in third.outcomes if o.status == "built"] == ["country-KZ-en.json"]
    fact_file = data / "facts" / "one.yaml"
    fact_file.write_text(fact_file.read_text(encoding="utf-8").replace("passes through", "goes through"), encoding="utf-8")
    fourth = run_batch(_jobs(), out, data_dir=data, options=options)
    # Only the English text changed: the Arabic brief shows none of it and is not re-rendered.
    assert sorted(o.job.key for o in fourth.outcomes if o.status == "built") == [
        "country-KZ-en.json", "country-KZ-en.md", "theme-transport_logistics-en.json", "theme-transport_logistics-en.md"]
    assert fourth.count("fresh") == 2
    assert "goes through" in (out / "md" / "country-KZ-en.md").read_text(encoding="utf-8")


def test_parallel_run_gives_the_same_bytes(workspace, tmp_path: Path) -> None:
    data, templates = workspace
    options = Options(templates=templates, translate=False)
    run_batch(_jobs(), tmp_path / "serial", data_dir=data, options=options, workers=1)
    run_batch(_jobs(), tmp_path / "parallel", data_dir=data, options=options, workers=2)
    for job in _jobs():
        assert job.output(tmp_path / "serial").read_bytes() == job.output(tmp_path / "parallel").read_bytes()


def test_a_failing_job_leaves_no_file_and_others_still_build(workspace, tmp_path: Path) -> None:
    data, templates = workspace
    out = tmp_path / "out"
    report = run_batch(_jobs(("en", "ru")), out, data_dir=data, options=Options(templates=templates, translate=False))
    failed = {o.job.key for o in report.failed}
    assert failed == {"country-KZ-ru.md", "country-KZ-ru.json"}
    assert all("no curated ru text" in o.error for o in report.failed)
    assert not (out / "md" / "country-KZ-ru.md").exists()
    assert not list(out.rglob("*.part"))
    assert report.count("built") == 4


def test_cli_batch_exit_code_reflects_failures(workspace, tmp_path: Path) -> None:
    data, templates = workspace
    args = [sys.executable, "-m", "briefgen", "batch", "-f", "md", "--country", "KZ", "--data", str(data),
            "--templates", str(templates), "--out", str(tmp_path / "out"), "--no-translate", "-j", "1"]
    ok = subprocess.run(args + ["--lang", "en"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "1 built, 0 unchanged, 0 failed" in ok.stdout
    bad = subprocess.run(args + ["--lang", "ru"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "failed country-KZ-ru.md" in bad.stderr


def test_a_schedule_outlives_a_bad_edit_to_the_data(workspace, tmp_path: Path) -> None:
    """Each scheduled run reads the data afresh; a broken file fails that run, stamped, and the schedule goes on."""
    data, templates = workspace
    fact_file = data / "facts" / "one.yaml"
    fact_file.write_text(fact_file.read_text(encoding="utf-8").replace("countries: [KZ]", "countries: [QQ]"),
                         encoding="utf-8")
    args = [sys.executable, "-m", "briefgen", "batch", "-f", "md", "--country", "KZ", "--lang", "en", "--data", str(data),
            "--templates", str(templates), "--out", str(tmp_path / "out"), "--no-translate", "-j", "1",
            "--every", "1s", "--max-runs", "2"]
    run = subprocess.run(args, capture_output=True, text=True)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2, run.stderr
    for line in lines:
        assert re.fullmatch(rf"\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ error: {re.escape(str(fact_file))}:\d+: .*unknown country 'QQ'.*", line)


def test_parse_interval() -> None:
    assert parse_interval("90s") == 90
    assert parse_interval("15m") == 900
    assert parse_interval("6h") == 21600
    assert parse_interval("1d") == 86400
    for bad in ("", "6", "h", "-1h", "0m", "1w"):
        with pytest.raises(BriefgenError, match="bad interval"):
            parse_interval(bad)


def test_repeat_waits_out_the_interval_and_counts_failures() -> None:
    results = iter([True, False, True])
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        time.sleep(seconds if seconds < 1 else 0)
        clock[0] += dt.timedelta(seconds=seconds)

    clock = [dt.datetime.now(dt.timezone.utc)]
    failures = run_schedule(lambda slot: next(results), Every(3600), max_runs=3, sleep=sleep, now=lambda: clock[0])
    assert failures == 1
    assert sum(sleeps) == pytest.approx(7200)
    assert all(s <= 60 for s in sleeps)  # woken every minute at least, against the wall clock


def test_overlapping_runs_are_refused(tmp_path: Path) -> None:
    with OutputDir(tmp_path) as first, first.lock():
        with OutputDir(tmp_path) as second:
            with pytest.raises(BriefgenError, match="another batch"):
                with second.lock():
                    pass
    with OutputDir(tmp_path) as again, again.lock():
        pass
