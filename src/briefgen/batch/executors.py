"""Where jobs run: in this process, in a local process pool, or on a Dask cluster.

An executor takes the payload and the tasks and calls `done(task, results)`
in this process as each task finishes, in whatever order they finish, so
the client can write files and the manifest job by job.
"""

from __future__ import annotations

from typing import Callable, Protocol

from .. import collector
from .work import Payload, Result, Task, describe, run_task

Done = Callable[[Task, list[Result]], None]


class Executor(Protocol):
    name: str

    def run(self, payload: Payload, tasks: list[Task], done: Done) -> None: ...


_PAYLOAD: Payload | None = None


def _init_worker(payload: Payload) -> None:
    global _PAYLOAD
    collector.for_pool_worker()
    _PAYLOAD = payload


def _run_in_pool(task: Task) -> list[Result]:
    return run_task(_PAYLOAD, task)


class LocalExecutor:
    """A pool of worker processes on this machine (or this process alone for one worker).

    A worker process that dies (killed, out of memory) breaks the pool; the
    tasks it left unfinished are run once more in a fresh pool, and fail only
    if that one breaks too.
    """

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def run(self, payload: Payload, tasks: list[Task], done: Done) -> None:
        if self.workers <= 1 or len(tasks) <= 1:
            for task in tasks:
                done(task, run_task(payload, task))
            return
        _preload_writers(tasks)
        pending = list(tasks)
        for attempt in range(2):
            pending = self._pool(payload, pending, done)
            if not pending:
                return
        for task in pending:
            done(task, [Result(fmt, "failed", 0.0, error="a worker process died while building this brief (twice)")
                        for fmt, _ in task.outputs])

    def _pool(self, payload: Payload, tasks: list[Task], done: Done) -> list[Task]:
        """Run the tasks; return those a broken pool left unfinished."""
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait  # not needed when all is fresh
        from concurrent.futures.process import BrokenProcessPool

        unfinished = []
        with ProcessPoolExecutor(max_workers=min(self.workers, len(tasks)), initializer=_init_worker,
                                 initargs=(payload,)) as pool:
            futures = {pool.submit(_run_in_pool, task): task for task in tasks}
            while futures:
                finished, _ = wait(futures, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = futures.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        unfinished.append(task)
                        continue
                    except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be sent back
                        line, trace = describe(error)
                        results = [Result(fmt, "failed", 0.0, error=line, traceback=trace) for fmt, _ in task.outputs]
                    done(task, results)
        return unfinished


def _preload_writers(tasks: list[Task]) -> None:
    """Import the assembler and the writers before forking, so each worker inherits them instead of
    importing its own (the command line itself imports neither until a brief is to be made)."""
    from ..assemble import build  # noqa: F401 - Jinja2, markdown-it and the assembler, for every worker
    from ..render import writer

    for fmt in sorted({fmt for task in tasks for fmt, _ in task.outputs}):
        try:
            writer(fmt).load()
        except Exception:  # noqa: BLE001 - the jobs of that format report it themselves
            pass
