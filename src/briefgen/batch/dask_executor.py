"""Jobs on a Dask distributed cluster (`batch --executor dask`), from the `cluster` extra.

The payload (parsed corpus, templates as bytes) is scattered to every worker
once; a task is one brief; workers return bytes and the client writes them.
Workers need briefgen (the same version) installed, nothing else: no shared
file system. A worker that dies mid-batch has its tasks rescheduled by the
Dask scheduler on the others (up to `distributed.scheduler.allowed-failures`
times); a task whose Python code raises is retried `retries` times.
"""

from __future__ import annotations

import secrets
from typing import Callable

from ..errors import BriefgenError
from .executors import Done
from .work import Payload, Result, Task, describe, run_task


class DaskExecutor:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 2, *, retries: int = 2,
                 function: Callable[[Payload, Task], list[Result]] = run_task) -> None:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            raise BriefgenError("--executor dask needs the cluster extra: pip install 'briefgen[cluster]'") from None
        self.scheduler = scheduler
        self.workers = workers
        self.retries = retries
        self.function = function
        self.cluster = None
        self._client = None

    @property
    def client(self):
        """Connected (or the local cluster started) on first use: a batch with nothing to build needs neither."""
        if self._client is None:
            from dask.distributed import Client, LocalCluster

            if self.scheduler is None:
                # Loopback only, no dashboard: a private cluster for this command, gone when it ends.
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None, silence_logs=50)
                self._client = Client(self.cluster)
            else:
                try:
                    self._client = Client(self.scheduler, timeout="10s")
                except (OSError, TimeoutError) as error:
                    raise BriefgenError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}") from None
        return self._client

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self.cluster is not None:
            self.cluster.close()
        self._client = self.cluster = None

    def run(self, payload: Payload, tasks: list[Task], done: Done) -> None:
        from dask.distributed import as_completed

        if not tasks:
            return
        shared = self.client.scatter(payload, broadcast=True, hash=False)
        run = secrets.token_hex(4)
        futures = {}
        for task in tasks:
            future = self.client.submit(self.function, shared, task, key=f"briefgen-{task.label}-{run}",
                                        retries=self.retries, pure=False)
            futures[future] = task
        for future in as_completed(futures):
            task = futures[future]
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - lost too often, or not unpicklable: this brief only
                line, trace = describe(error)
                results = [Result(fmt, "failed", 0.0, error=line, traceback=trace) for fmt, _ in task.outputs]
            done(task, results)
        self.client.cancel([shared])
