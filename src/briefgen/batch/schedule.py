"""Scheduled batches: run now and then every interval, never two at once.

Cron or a systemd timer can call `briefgen batch` directly; `--every` is for
hosts without them. Either way a lock file keeps overlapping runs apart, and
the cache makes a run with unchanged inputs cost almost nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import re
import time
from pathlib import Path
from typing import Callable, Iterator

from ..errors import BriefgenError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'90s', '15m', '6h', '1d' → seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise BriefgenError(f"bad interval {text!r}: use a number with s, m, h or d, e.g. 6h")
    return float(match.group(1)) * _UNITS[match.group(2)]


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BriefgenError(f"another batch is writing to {lock_path.parent} (lock {lock_path.name})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def repeat(task: Callable[[], bool], interval: float, max_runs: int | None = None,
           sleep: Callable[[float], None] = time.sleep) -> int:
    """Run `task` now and every `interval` seconds; returns how many runs failed."""
    failures = runs = 0
    while max_runs is None or runs < max_runs:
        started = time.monotonic()
        failures += 0 if task() else 1
        runs += 1
        if max_runs is not None and runs >= max_runs:
            break
        sleep(max(0.0, interval - (time.monotonic() - started)))
    return failures
