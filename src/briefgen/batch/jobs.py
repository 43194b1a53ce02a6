"""Batch generation: many briefs × formats, skipping unchanged ones, one job's failure its own.

The client (this module) decides what is fresh, hands the rest to an
executor, and writes each returned file atomically into the output folder,
saving the manifest after every finished brief: a run killed halfway keeps
what it finished and the next run does only the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..assemble import BriefSpec, default_templates_dir
from ..facts import default_data_dir, load_corpus
from ..facts.model import Corpus
from ..pipeline import Options
from .cache import Manifest, tree_digest
from .executors import Executor, LocalExecutor
from .fingerprint import environment_digest, inputs_digest
from .outdir import OutputDir
from .work import Payload, Result, Task, describe, folder_files


@dataclass(frozen=True)
class Job:
    spec: BriefSpec
    fmt: str

    @property
    def key(self) -> str:
        return f"{self.spec.id}.{self.fmt}"

    @property
    def relative(self) -> str:
        """The output's path inside the output folder."""
        return f"{self.fmt}/{self.key}"

    def output(self, out_dir: Path) -> Path:
        return Path(out_dir) / self.fmt / self.key


@dataclass
class Outcome:
    job: Job
    status: str  # built | fresh | failed
    seconds: float = 0.0
    error: str = ""
    traceback: str = ""
    sha256: str = ""
    bytes: int | None = None


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    finished: dt.datetime | None = None
    cleaned: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def plan(specs: list[BriefSpec], formats: list[str]) -> list[Job]:
    return [Job(spec, fmt) for spec in specs for fmt in formats]


Progress = Callable[[Outcome, int, int], None]


def run_batch(
    jobs: list[Job],
    out_dir: Path,
    *,
    data_dir: Path | None = None,
    options: Options = Options(),
    workers: int = 1,
    force: bool = False,
    executor: Executor | None = None,
    corpus: Corpus | None = None,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Build the jobs into `out_dir` (holding its lock); returns every job's outcome."""
    data_dir = Path(data_dir or default_data_dir())
    templates_dir = Path(options.templates or default_templates_dir())
    options = dataclasses.replace(options, templates=templates_dir)
    executor = executor or LocalExecutor(workers)
    warn = warn or (lambda message: None)
    report = Report()
    with OutputDir(out_dir) as folder, folder.lock():
        report.cleaned = folder.remove_orphans(sorted({job.fmt for job in jobs}))
        manifest = Manifest.load(folder, warn)
        inputs = inputs_digest(data_dir, templates_dir, options)
        by_spec: dict[BriefSpec, list[tuple[Job, str | None]]] = {}
        for job in jobs:
            entry = None if force else manifest.intact(job.key, job.relative)
            if entry and entry["inputs"] == inputs:
                report.outcomes.append(Outcome(job, "fresh", sha256=entry["sha256"], bytes=entry["bytes"]))
                if progress:
                    progress(report.outcomes[-1], len(report.outcomes), len(jobs))
            else:
                by_spec.setdefault(job.spec, []).append((job, entry["fingerprint"] if entry else None))
        if by_spec:
            corpus = corpus or load_corpus(data_dir)
            tasks = {spec: Task(spec, tuple((job.fmt, previous) for job, previous in todo))
                     for spec, todo in by_spec.items()}
            payload = _payload(corpus, options, templates_dir, remote=executor.name != "local")
            saving = _Saver(manifest, warn)

            def done(task: Task, results: list[Result]) -> None:
                jobs_of = {job.fmt: job for job, _ in by_spec[task.spec]}
                for result in results:
                    outcome = _settle(jobs_of[result.fmt], result, folder, manifest, inputs)
                    report.outcomes.append(outcome)
                    if progress:
                        progress(outcome, len(report.outcomes), len(jobs))
                saving.save()

            executor.run(payload, list(tasks.values()), done)
    report.finished = dt.datetime.now(dt.timezone.utc)
    report.outcomes.sort(key=lambda o: o.job.key)
    return report


def _settle(job: Job, result: Result, folder: OutputDir, manifest: Manifest, inputs: str) -> Outcome:
    """Write a built file into place and note it in the manifest; any failure stays this job's."""
    if result.status == "failed":
        return Outcome(job, "failed", result.seconds, result.error, result.traceback)
    if result.status == "fresh":
        entry = manifest.entries[job.key]
        manifest.record(job.key, relative=job.relative, inputs=inputs, fingerprint=result.fingerprint,
                        sha256=entry["sha256"], size=entry["bytes"])
        return Outcome(job, "fresh", result.seconds, sha256=entry["sha256"], bytes=entry["bytes"])
    try:
        folder.write(job.relative, result.data)
    except Exception as error:  # noqa: BLE001 - out/pdf a file, a full disk, no permission: this job only
        manifest.entries.pop(job.key, None)
        line, trace = describe(error)
        return Outcome(job, "failed", result.seconds, line, trace)
    manifest.record(job.key, relative=job.relative, inputs=inputs, fingerprint=result.fingerprint,
                    sha256=result.sha256, size=len(result.data))
    return Outcome(job, "built", result.seconds, sha256=result.sha256, bytes=len(result.data))


class _Saver:
    """Saves the manifest after each brief; a manifest that cannot be saved is said once, not fatal."""

    def __init__(self, manifest: Manifest, warn: Callable[[str], None]) -> None:
        self.manifest, self.warn, self.warned = manifest, warn, False

    def save(self) -> None:
        try:
            self.manifest.save()
        except OSError as error:
            if not self.warned:
                self.warn(f"{error.filename}: {error.strerror}; finished outputs will be rebuilt next run")
                self.warned = True


def _payload(corpus: Corpus, options: Options, templates_dir: Path, *, remote: bool) -> Payload:
    templates = folder_files(templates_dir) if remote else None
    digest = tree_digest(templates_dir) if remote else ""
    return Payload(corpus=corpus, options=options, environment=environment_digest(), templates=templates,
                   templates_digest=digest, source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"))


__all__ = ["Job", "Outcome", "Report", "plan", "run_batch"]
