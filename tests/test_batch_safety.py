"""The output folder under attack or after accidents: planted links, leftovers, corrupt bookkeeping, bad jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen.assemble import BriefSpec
from briefgen.batch import plan, run_batch
from briefgen.batch import work
from briefgen.batch.cache import MANIFEST
from briefgen.errors import BriefgenError
from briefgen.pipeline import Options
from briefgen.render.output import atomic_output

from conftest import ROOT

VICTIM_TEXT = "precious, never to be touched\n"


@pytest.fixture
def workspace(tiny_data: Path) -> tuple[Path, Options]:
    templates = tiny_data.parent / "templates"
    import shutil

    shutil.copytree(ROOT / "templates", templates)
    return tiny_data, Options(templates=templates, translate=False)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    file = tmp_path / "victim.txt"
    file.write_text(VICTIM_TEXT)
    return file


def _jobs(formats=("md", "json")):
    specs = [BriefSpec(kind="country", subject="KZ", lang=lang) for lang in ("en", "ar")]
    specs.append(BriefSpec(kind="theme", subject="transport_logistics", lang="en"))
    return plan(specs, list(formats))


def _cli(data: Path, options: Options, out: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "briefgen", "batch", "-f", "md", "--country", "KZ", "--lang", "en", "--data", str(data),
            "--templates", str(options.templates), "--out", str(out), "--no-translate", "-j", "1", *extra]
    return subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_a_planted_lock_link_is_refused_and_its_target_untouched(workspace, victim, tmp_path: Path) -> None:
    data, options = workspace
    out = tmp_path / "out"
    out.mkdir()
    (out / ".briefgen.lock").symlink_to(victim)
    run = _cli(data, options, out)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"error: {out / '.briefgen.lock'}: is a symbolic link; briefgen does not write through links (remove it and run again)"]
    assert victim.read_text() == VICTIM_TEXT
    assert not (out / "md").exists()


def test_links_planted_at_the_manifest_its_temporary_and_an_output_are_replaced_not_followed(workspace, victim,
                                                                                            tmp_path: Path) -> None:
    data, options = workspace
    out = tmp_path / "out"
    (out / "md").mkdir(parents=True)
    (out / ".briefgen-cache.tmp").symlink_to(victim)  # briefgen 0.1's fixed temporary name
    (out / MANIFEST).symlink_to(victim)
    (out / "md" / "country-KZ-en.md").symlink_to(victim)
    run = _cli(data, options, out)
    assert run.returncode == 0, run.stderr
    assert victim.read_text() == VICTIM_TEXT
    assert f"warning: {out / MANIFEST}: is a symbolic link" in run.stderr
    for path in (out / MANIFEST, out / "md" / "country-KZ-en.md"):
        assert not path.is_symlink() and path.is_file()
    assert not os.path.lexists(out / ".briefgen-cache.tmp")
    assert json.loads((out / MANIFEST).read_text())["outputs"]["country-KZ-en.md"]["output"] == "md/country-KZ-en.md"


def test_a_format_folder_that_is_a_link_fails_its_jobs_only(workspace, tmp_path: Path) -> None:
    data, options = workspace
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "md").symlink_to(elsewhere, target_is_directory=True)
    report = run_batch(_jobs(), out, data_dir=data, options=options)
    assert {o.job.fmt for o in report.failed} == {"md"} and report.count("built") == 3
    assert {o.error for o in report.failed} == {f"{out / 'md'}: is a symbolic link; briefgen does not write through links (remove it)"}
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_that_is_a_file_fails_its_jobs_only(workspace, tmp_path: Path) -> None:
    data, options = workspace
    out = tmp_path / "out"
    out.mkdir()
    (out / "md").write_text("not a folder")
    report = run_batch(_jobs(), out, data_dir=data, options=options)
    assert {o.job.key for o in report.failed} == {j.key for j in _jobs() if j.fmt == "md"}
    assert {o.error for o in report.failed} == {f"{out / 'md'}: not a folder (a file of that name is in the way)"}
    assert report.count("built") == 3 and (out / "json" / "country-KZ-ar.json").is_file()
    assert "Traceback" in report.failed[0].traceback
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["outputs"]) == sorted(j.key for j in _jobs() if j.fmt == "json")


def test_temporaries_of_a_killed_run_are_removed_by_the_next(workspace, victim, tmp_path: Path) -> None:
    data, options = workspace
    out = tmp_path / "out"
    (out / "md").mkdir(parents=True)
    leftovers = [out / "md" / ".country-KZ-en.md.ab12cd34.part", out / ".briefgen-cache.json.0f0f0f0f.part"]
    for path in leftovers:
        path.write_bytes(b"half a file")
    planted = out / "md" / ".country-KZ-ar.md.zz99zz99.part"
    planted.symlink_to(victim)
    keep = out / "md" / "notes.part"  # not a name briefgen makes: left alone
    keep.write_text("mine")
    report = run_batch(_jobs(), out, data_dir=data, options=options)
    assert not report.failed
    assert not any(os.path.lexists(p) for p in [*leftovers, planted])
    assert sorted(report.cleaned) == [".briefgen-cache.json.0f0f0f0f.part", "md/.country-KZ-ar.md.zz99zz99.part",
                                      "md/.country-KZ-en.md.ab12cd34.part"]
    assert victim.read_text() == VICTIM_TEXT and keep.read_text() == "mine"


@pytest.mark.parametrize("content", [b'{"key": "x"}', b'{"briefgen_manifest": 2, "outputs": {"a.md": "x"}}',
                                     b"\xff\xfe not utf-8", b"{ truncated", b"[]"])
def test_a_corrupt_manifest_is_a_warning_and_everything_rebuilds(workspace, tmp_path: Path, content: bytes) -> None:
    data, options = workspace
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_bytes(content)
    warnings: list[str] = []
    report = run_batch(_jobs(), out, data_dir=data, options=options, warn=warnings.append)
    assert report.count("built") == 6 and not report.failed
    assert len(warnings) == 1 and warnings[0].startswith(f"{out / MANIFEST}: ")
    assert "rebuild" in warnings[0]
    assert run_batch(_jobs(), out, data_dir=data, options=options).count("fresh") == 6


def test_cli_warns_about_a_corrupt_manifest_and_succeeds(workspace, tmp_path: Path) -> None:
    data, options = workspace
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_bytes(b'{"key": "x"}')
    run = _cli(data, options, out)
    assert run.returncode == 0
    assert run.stderr.splitlines()[0] == (f"warning: {out / MANIFEST}: not a briefgen manifest of format 2; "
                                          "ignoring it and rebuilding every output")


@pytest.mark.parametrize("error", [ValueError("bad value"), KeyError("k"), RuntimeError("boom"), MemoryError(),
                                   RecursionError("deep"), SystemExit(3), AssertionError("invariant"),
                                   OSError(28, "No space left on device", "/tmp/x"), BriefgenError("one line\nmore")])
def test_every_exception_type_stays_in_its_job(workspace, tmp_path: Path, monkeypatch, error: BaseException) -> None:
    data, options = workspace
    real = work.render_bytes

    def flaky(brief, fmt, opts):
        if brief.meta.id == "country-KZ-ar" and fmt == "json":
            raise error
        return real(brief, fmt, opts)

    monkeypatch.setattr(work, "render_bytes", flaky)
    report = run_batch(_jobs(), tmp_path / "out", data_dir=data, options=options)
    assert [o.job.key for o in report.failed] == ["country-KZ-ar.json"]
    assert report.count("built") == 5
    failure = report.failed[0]
    assert "\n" not in failure.error and failure.error
    assert type(error).__name__ in failure.traceback
    assert not (tmp_path / "out" / "json" / "country-KZ-ar.json").exists()


def test_an_exception_while_assembling_fails_that_briefs_outputs_only(workspace, tmp_path: Path, monkeypatch) -> None:
    data, options = workspace
    real = work.make_brief

    def broken(corpus, spec, opts):
        if spec.id == "theme-transport_logistics-en":
            raise ZeroDivisionError("division by zero")
        return real(corpus, spec, opts)

    monkeypatch.setattr(work, "make_brief", broken)
    report = run_batch(_jobs(), tmp_path / "out", data_dir=data, options=options, workers=2)
    assert sorted(o.job.key for o in report.failed) == ["theme-transport_logistics-en.json", "theme-transport_logistics-en.md"]
    assert {o.error for o in report.failed} == {"internal error: ZeroDivisionError: division by zero"}


def test_errors_name_the_users_path_not_a_temporary(tmp_path: Path) -> None:
    for target in (Path("/proc/foo.pdf"), tmp_path / "missing-parent-is-a-file" / "x.pdf"):
        if target.parent.name == "missing-parent-is-a-file":
            target.parent.write_text("file")
        with pytest.raises(OSError) as caught:
            with atomic_output(target) as handle:
                handle.write(b"x")
        assert caught.value.filename in (str(target), str(target.parent))
        assert ".part" not in str(caught.value)


def test_a_killed_batch_keeps_what_it_finished(workspace, tmp_path: Path) -> None:
    """SIGKILL mid-batch: the manifest holds every finished file; the next run builds only the rest."""
    data, options = workspace
    out = tmp_path / "out"
    args = [sys.executable, "-m", "briefgen", "batch", "-f", "pdf", "-f", "md", "--data", str(data),
            "--templates", str(options.templates), "--out", str(out), "--no-translate", "--allow-missing", "-j", "1",
            "--lang", "en", "--lang", "ar"]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    manifest = out / MANIFEST
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(json.loads(manifest.read_text() or "{}").get("outputs", {})) >= 2:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    kept = json.loads(manifest.read_text())["outputs"]
    again = subprocess.run(args + ["--report", str(tmp_path / "report.json")], capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
    assert again.returncode == 0, again.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    fresh = {f"{j['id']}.{j['format']}" for j in report["jobs"] if j["status"] == "fresh"}
    assert fresh == set(kept)
    assert report["totals"]["built"] == report["totals"]["jobs"] - len(kept) > 0
    assert not list(out.rglob("*.part"))


def test_a_local_worker_process_that_dies_has_its_brief_run_again(workspace, tmp_path: Path, monkeypatch) -> None:
    from briefgen.batch import LocalExecutor, executors

    data, options = workspace
    marker = tmp_path / "a-worker-died"
    real = executors.run_task

    def die_once(payload, task):
        if task.spec.id == "country-KZ-ar":
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.close(fd)
                os._exit(1)
        return real(payload, task)

    monkeypatch.setattr(executors, "run_task", die_once)  # forked workers inherit the patch
    report = run_batch(_jobs(), tmp_path / "out", data_dir=data, options=options, executor=LocalExecutor(2))
    assert marker.exists()
    assert report.count("built") == 6 and not report.failed


def test_a_worker_with_different_code_refuses_its_jobs(workspace) -> None:
    from briefgen.batch.work import Payload, Task, run_task
    from briefgen.facts import load_corpus

    data, options = workspace
    payload = Payload(corpus=load_corpus(data), options=options, environment="0" * 64)
    results = run_task(payload, Task(BriefSpec(kind="country", subject="KZ", lang="en"), (("md", None), ("pdf", None))))
    assert [r.status for r in results] == ["failed", "failed"]
    assert results[0].error == ("this worker runs a different briefgen (code or fonts) from the client; "
                                "install the same version on every worker")
