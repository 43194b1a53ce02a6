"""Telling a person how a batch goes: a rich progress bar on a terminal, plain lines otherwise.

Progress and diagnostics go to stderr; the one-line summary goes to stdout.
On a terminal the bar shows jobs done / total, the brief just finished and
the time left; in a log (cron, systemd, CI) each built or failed output is
one stamped line, and unchanged outputs are only counted in the summary.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from rich.console import Console

from .jobs import Outcome


class Reporter:
    def __init__(self, console: Console, stamp: str = "") -> None:
        self.console = console
        self.stamp = stamp
        self._progress = None
        self._bar = None

    @contextlib.contextmanager
    def live(self) -> Iterator["Reporter"]:
        if not self.console.is_terminal:
            yield self
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      TextColumn("{task.fields[current]}"), console=self.console, transient=True) as progress:
            self._progress = progress
            self._bar = progress.add_task("briefs", total=None, current="")
            try:
                yield self
            finally:
                self._progress = None

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self.console.print(f"{self.stamp}[red]failed[/red] {outcome.job.key}: {outcome.error}", highlight=False)
        elif outcome.status == "built" and self._progress is None:
            self.console.print(f"{self.stamp}[{done}/{total}] built {outcome.job.key} ({outcome.seconds:.2f} s)",
                               highlight=False, markup=False)
        if self._progress is not None:
            self._progress.update(self._bar, total=total, completed=done, current=outcome.job.key)

    def warn(self, message: str) -> None:
        self.console.print(f"{self.stamp}warning: {message}", highlight=False, markup=False)
