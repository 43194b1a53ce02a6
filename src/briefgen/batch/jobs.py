"""Batch generation: many briefs × formats, in parallel, skipping unchanged ones."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..assemble import BriefSpec, default_templates_dir
from ..errors import BriefgenError
from ..facts import default_data_dir, load_corpus
from ..facts.model import Corpus
from ..pipeline import Options, make_brief, write
from ..resources import PACKAGE_DIR, bundled
from .cache import Manifest, tree_digest


@dataclass(frozen=True)
class Job:
    spec: BriefSpec
    fmt: str

    @property
    def key(self) -> str:
        return f"{self.spec.id}.{self.fmt}"

    def output(self, out_dir: Path) -> Path:
        return out_dir / self.fmt / self.key


@dataclass
class Outcome:
    job: Job
    status: str  # built | fresh | failed
    seconds: float = 0.0
    error: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def plan(specs: list[BriefSpec], formats: list[str]) -> list[Job]:
    return [Job(spec, fmt) for spec in specs for fmt in formats]


def inputs_fingerprint(data_dir: Path, templates_dir: Path, options: Options) -> str:
    """What every job shares: data, templates, fonts, code and options."""
    shared = tree_digest(data_dir, templates_dir, bundled("fonts"), PACKAGE_DIR)
    return hashlib.sha256(f"{shared}|{options!r}|{options.style_fingerprint()}".encode()).hexdigest()


def run_batch(
    jobs: list[Job],
    out_dir: Path,
    *,
    data_dir: Path | None = None,
    options: Options = Options(),
    workers: int = 1,
    force: bool = False,
) -> Report:
    data_dir = data_dir or default_data_dir()
    templates_dir = options.templates or default_templates_dir()
    options = dataclasses.replace(options, templates=templates_dir)
    manifest = Manifest.load(out_dir)
    shared = inputs_fingerprint(data_dir, templates_dir, options)
    fingerprints = {job.key: hashlib.sha256(f"{shared}|{job.key}".encode()).hexdigest() for job in jobs}
    report = Report()
    todo = []
    for job in jobs:
        if not force and manifest.is_fresh(job.key, fingerprints[job.key], job.output(out_dir)):
            report.outcomes.append(Outcome(job, "fresh"))
        else:
            todo.append(job)
    if todo:
        load_corpus(data_dir)  # fail once, up front, on bad data instead of once per job
        if workers > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(data_dir,)) as pool:
                results = list(pool.map(_run_job, todo, [out_dir] * len(todo), [options] * len(todo), chunksize=4))
        else:
            _init_worker(data_dir)
            results = [_run_job(job, out_dir, options) for job in todo]
        for outcome in results:
            report.outcomes.append(outcome)
            if outcome.status == "built":
                manifest.record(outcome.job.key, fingerprints[outcome.job.key], outcome.job.output(out_dir))
        manifest.save()
    report.outcomes.sort(key=lambda o: o.job.key)
    return report


_CORPUS: Corpus | None = None


def _init_worker(data_dir: Path) -> None:
    global _CORPUS
    _CORPUS = load_corpus(data_dir)


def _run_job(job: Job, out_dir: Path, options: Options) -> Outcome:
    start = time.perf_counter()
    try:
        brief = make_brief(_CORPUS, job.spec, options)
        write(brief, job.fmt, job.output(out_dir), options)
    except BriefgenError as error:
        return Outcome(job, "failed", time.perf_counter() - start, str(error).splitlines()[0])
    return Outcome(job, "built", time.perf_counter() - start)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
