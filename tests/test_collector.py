"""Garbage-collector settings: briefgen's own processes get them, a program importing briefgen does not."""

from __future__ import annotations

import json
import subprocess
import sys

from briefgen import collector

TUNED = [collector.YOUNG, collector.OLDER, collector.OLDER]


def _in_fresh_python(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code + "\nimport gc, json\n"
                           "print(json.dumps({'threshold': gc.get_threshold(), 'frozen': gc.get_freeze_count()}))"],
                          capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_briefgen_as_a_library_leaves_the_collector_alone() -> None:
    default = _in_fresh_python("")
    state = _in_fresh_python("import briefgen.pipeline, briefgen.render.pdf, briefgen.render.docx, briefgen.batch, "
                             "briefgen.batch.executors, briefgen.batch.dask_executor")
    assert state == default and state["threshold"] != TUNED


def test_the_command_line_tunes_the_collector_before_its_imports() -> None:
    state = _in_fresh_python("import briefgen.cli.app")
    assert state["threshold"] == TUNED


def test_a_batch_pool_worker_freezes_what_it_inherits() -> None:
    state = _in_fresh_python("import briefgen.facts, briefgen.batch.executors as e\n"
                             "e._init_worker(None)")
    assert state["threshold"] == TUNED and state["frozen"] > 10_000
