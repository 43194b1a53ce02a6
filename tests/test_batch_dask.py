"""The Dask executor on a two-worker LocalCluster bound to loopback: same bytes as local, lost workers retried."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed", reason="the cluster extra (scripts/test.sh installs it)")

from briefgen.assemble import BriefSpec  # noqa: E402
from briefgen.batch import LocalExecutor, plan, run_batch  # noqa: E402
from briefgen.batch.dask_executor import DaskExecutor  # noqa: E402
from briefgen.pipeline import Options  # noqa: E402

from conftest import ROOT  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    executor = DaskExecutor(workers=2)
    assert all(address.startswith("tcp://127.0.0.1:") for address in executor.client.scheduler_info()["workers"])
    yield executor
    executor.close()


@pytest.fixture
def workspace(tiny_data: Path) -> tuple[Path, Options]:
    templates = tiny_data.parent / "templates"
    shutil.copytree(ROOT / "templates", templates)
    return tiny_data, Options(templates=templates, translate=False)


def _jobs():
    specs = [BriefSpec(kind="country", subject="KZ", lang=lang) for lang in ("en", "ar")]
    specs.append(BriefSpec(kind="theme", subject="transport_logistics", lang="en"))
    return plan(specs, ["pdf", "docx", "md", "json"])


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
            and not p.name.startswith(".")}


def test_a_dask_cluster_writes_the_same_bytes_as_the_local_executor(cluster, workspace, tmp_path: Path) -> None:
    data, options = workspace
    local = run_batch(_jobs(), tmp_path / "local", data_dir=data, options=options, executor=LocalExecutor(1))
    remote = run_batch(_jobs(), tmp_path / "dask", data_dir=data, options=options, executor=cluster)
    assert local.count("built") == remote.count("built") == 12 and not remote.failed
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    assert len(_files(tmp_path / "dask")) == 12
    again = run_batch(_jobs(), tmp_path / "dask", data_dir=data, options=options, executor=cluster)
    assert again.count("fresh") == 12


def test_a_template_error_on_a_worker_names_the_users_template(cluster, workspace, tmp_path: Path) -> None:
    data, options = workspace
    template = sorted((options.templates / "theme").glob("*.md.j2"))[0]
    template.write_text(template.read_text(encoding="utf-8") + "\n{{ no_such_helper() }}\n", encoding="utf-8")
    report = run_batch(_jobs(), tmp_path / "out", data_dir=data, options=options, executor=cluster)
    assert {o.job.spec.id for o in report.failed} == {"theme-transport_logistics-en"}
    assert report.count("built") == 8
    assert all(o.error.startswith(f"{template}:") for o in report.failed), report.failed[0].error


def test_a_killed_dask_worker_has_its_jobs_retried(cluster, workspace, tmp_path: Path, monkeypatch) -> None:
    """The first brief to start kills its worker process; the scheduler runs it again elsewhere."""
    data, options = workspace
    marker = str(tmp_path / "a-worker-died")

    def die_once(payload, task):
        import os

        from briefgen.batch.work import run_task

        if task.spec.id == "country-KZ-ar":
            try:
                fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.close(fd)
                os._exit(1)  # the worker process dies mid-job, as when killed or out of memory
        return run_task(payload, task)

    monkeypatch.setattr(cluster, "function", die_once)
    report = run_batch(_jobs(), tmp_path / "out", data_dir=data, options=options, executor=cluster)
    assert Path(marker).exists()
    assert report.count("built") == 12 and not report.failed
    local = run_batch(_jobs(), tmp_path / "local", data_dir=data, options=options, executor=LocalExecutor(1))
    assert local.count("built") == 12
    assert _files(tmp_path / "out") == _files(tmp_path / "local")


def test_cli_batch_on_a_local_dask_cluster(workspace, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    data, options = workspace
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "briefgen", "batch", "--executor", "dask", "-j", "2", "-f", "md",
                          "--country", "KZ", "--lang", "en", "--lang", "ar", "--data", str(data), "--templates",
                          str(options.templates), "--out", str(out), "--no-translate", "--report",
                          str(tmp_path / "r.json")], capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"2 built, 0 unchanged, 0 failed → {out}"
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["options"]["executor"] == "dask" and report["totals"]["built"] == 2


def test_a_batch_with_nothing_to_build_starts_no_cluster(workspace, tmp_path: Path) -> None:
    data, options = workspace
    run_batch(_jobs()[:2], tmp_path / "out", data_dir=data, options=options, executor=LocalExecutor(1))
    idle = DaskExecutor(workers=2)
    report = run_batch(_jobs()[:2], tmp_path / "out", data_dir=data, options=options, executor=idle)
    assert report.count("fresh") == 2
    assert idle.cluster is None and idle._client is None
    idle.close()
