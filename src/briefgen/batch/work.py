"""What a worker does for one brief: assemble it once, then render each format that changed.

Workers get everything through a `Payload` (the parsed corpus, and the
templates as bytes when they have no shared file system) and return bytes;
only the client writes files and the manifest. Every exception a job raises
becomes that job's failure, with one line for people and the traceback for
the report.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from ..assemble import BriefSpec
from ..errors import BriefgenError
from ..facts.model import Corpus
from ..pipeline import Options, make_brief, render_bytes
from .fingerprint import brief_fingerprint, environment_digest


@dataclass(frozen=True)
class Payload:
    """Everything a worker needs, sent once per worker."""

    corpus: Corpus
    options: Options  # options.templates: the user's templates folder
    environment: str  # environment_digest() of the client: code and fonts must match
    templates: dict[str, bytes] | None = None  # the templates folder's files, for workers without it
    templates_digest: str = ""
    source_date_epoch: str | None = None


@dataclass(frozen=True)
class Task:
    """One brief and the formats to (re)consider, each with the fingerprint of its intact file, if any."""

    spec: BriefSpec
    outputs: tuple[tuple[str, str | None], ...]

    @property
    def label(self) -> str:
        return self.spec.id


@dataclass
class Result:
    fmt: str
    status: str  # built | fresh | failed
    seconds: float
    fingerprint: str = ""
    data: bytes | None = None
    sha256: str = ""
    error: str = ""
    traceback: str = ""


def run_task(payload: Payload, task: Task) -> list[Result]:
    """Assemble once, fingerprint per format, render what differs; never raises."""
    with _source_date_epoch(payload.source_date_epoch):
        start = time.perf_counter()
        options = _local_options(payload)
        try:
            if environment_digest() != payload.environment:
                raise BriefgenError("this worker runs a different briefgen (code or fonts) from the client; "
                                    "install the same version on every worker")
            brief = make_brief(payload.corpus, task.spec, options)
        except BaseException as error:  # noqa: BLE001 - isolated to this brief's outputs
            if isinstance(error, KeyboardInterrupt):
                raise
            line, trace = describe(error, payload)
            spent = time.perf_counter() - start
            return [Result(fmt, "failed", spent, error=line, traceback=trace) for fmt, _ in task.outputs]
        assembled = time.perf_counter() - start
        results = []
        for fmt, previous in task.outputs:
            begin = time.perf_counter()
            share = assembled / len(task.outputs)
            fingerprint = brief_fingerprint(brief, fmt, options, payload.environment)
            if previous == fingerprint:
                results.append(Result(fmt, "fresh", share + time.perf_counter() - begin, fingerprint))
                continue
            try:
                data = render_bytes(brief, fmt, options)
            except BaseException as error:  # noqa: BLE001 - isolated to this output
                if isinstance(error, KeyboardInterrupt):
                    raise
                line, trace = describe(error, payload)
                results.append(Result(fmt, "failed", share + time.perf_counter() - begin, fingerprint,
                                      error=line, traceback=trace))
                continue
            results.append(Result(fmt, "built", share + time.perf_counter() - begin, fingerprint, data,
                                  hashlib.sha256(data).hexdigest()))
        return results


def describe(error: BaseException, payload: Payload | None = None) -> tuple[str, str]:
    """One line a person can act on, and the traceback for the report."""
    if isinstance(error, BriefgenError):
        line = (str(error).splitlines() or [type(error).__name__])[0]
    elif isinstance(error, OSError):
        line = f"{error.filename}: {error.strerror}" if error.filename else f"{error.strerror or error}"
    else:
        line = f"internal error: {type(error).__name__}: {error}".splitlines()[0]
    trace = "".join(traceback.format_exception(error))
    if payload is not None and payload.templates is not None:
        here, theirs = str(_materialized(payload)), str(payload.options.templates)
        line, trace = line.replace(here, theirs), trace.replace(here, theirs)
    return line, trace


_TEMPLATES: dict[str, Path] = {}


def _materialized(payload: Payload) -> Path:
    """The payload's templates as a folder on this worker, written once per digest."""
    if payload.templates_digest not in _TEMPLATES:
        root = Path(tempfile.mkdtemp(prefix=f"briefgen-templates-{payload.templates_digest[:12]}-"))
        for relative, data in payload.templates.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _TEMPLATES[payload.templates_digest] = root
    return _TEMPLATES[payload.templates_digest]


def _local_options(payload: Payload) -> Options:
    if payload.templates is None:
        return payload.options
    return replace(payload.options, templates=_materialized(payload))


@contextlib.contextmanager
def _source_date_epoch(value: str | None):
    """The client's SOURCE_DATE_EPOCH on the worker while it renders (DOCX stamps it)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def folder_files(root: Path) -> dict[str, bytes]:
    """Every file below `root` by relative path (links to files included, as the templates loader reads them)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
