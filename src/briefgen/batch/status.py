"""Which outputs of an output folder are fresh, stale or missing (`briefgen list`), without building any.

The same two checks as a batch: an intact output whose recorded inputs
digest still matches is fresh at once; otherwise its brief is assembled and
its fingerprint compared, so the answer is exactly what the next batch would
do (built ⇔ stale or missing).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..assemble import default_templates_dir
from ..facts.model import Corpus
from ..pipeline import Options, make_brief
from .cache import Manifest
from .fingerprint import brief_fingerprint, environment_digest, inputs_digest
from .jobs import Job
from .outdir import OutputDir


@dataclass
class State:
    job: Job
    state: str  # fresh | stale | missing
    reason: str = ""


def output_states(jobs: list[Job], out_dir: Path, *, data_dir: Path, corpus: Corpus, options: Options = Options(),
                  warn=None) -> list[State]:
    templates_dir = Path(options.templates or default_templates_dir())
    options = dataclasses.replace(options, templates=templates_dir)
    if not Path(out_dir).is_dir():
        return [State(job, "missing", "no output folder") for job in jobs]
    states = []
    with OutputDir(out_dir, create=False) as folder:
        manifest = Manifest.load(folder, warn or (lambda message: None))
        inputs = inputs_digest(data_dir, templates_dir, options)
        briefs: dict = {}
        for job in jobs:
            try:
                present = folder.read(job.relative) is not None
            except OSError as error:
                states.append(State(job, "stale", error.strerror))
                continue
            if not present:
                states.append(State(job, "missing"))
                continue
            entry = manifest.intact(job.key, job.relative)
            if entry is None:
                states.append(State(job, "stale", "not made by this batch, or changed since"))
            elif entry["inputs"] == inputs:
                states.append(State(job, "fresh"))
            else:
                if job.spec not in briefs:
                    try:
                        briefs[job.spec] = make_brief(corpus, job.spec, options)
                    except Exception as error:  # noqa: BLE001 - the next batch would fail it: stale
                        briefs[job.spec] = error
                brief = briefs[job.spec]
                if isinstance(brief, Exception):
                    states.append(State(job, "stale", str(brief).splitlines()[0] if str(brief) else type(brief).__name__))
                elif brief_fingerprint(brief, job.fmt, options, environment_digest()) == entry["fingerprint"]:
                    states.append(State(job, "fresh"))
                else:
                    states.append(State(job, "stale", "its inputs changed"))
    return states
