"""Schedules for `batch`: a cron expression in a time zone, or a fixed interval.

Cron or a systemd timer can call `briefgen batch` directly; `--cron` and
`--every` keep one process running instead. Runs happen one after another
in this loop (never two at once, and the output folder's lock keeps other
processes out); slots missed while a run was going are coalesced into the
next run.

Cron expressions are read by croniter (standard cron: day-of-week 0 is
Sunday, names like MON accepted) in the schedule's time zone, so a
`0 6 * * MON` run stays at 06:00 local time across daylight-saving changes.
At those changes: a fixed time that does not exist (02:30 when clocks jump
from 02:00 to 03:00) runs at the first minute that does, and a fixed time
that happens twice (clocks going back) runs once; schedules whose hour
field is `*` run in both repeated hours, as cron does.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from typing import Callable, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import BriefgenError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'90s', '15m', '6h', '1d' → seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", text)
    if not match or float(match.group(1)) <= 0:
        raise BriefgenError(f"bad interval {text!r}: use a number with s, m, h or d, e.g. 6h")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_zone(name: str | None) -> dt.tzinfo:
    if name is None:
        return dt.timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BriefgenError(f"unknown time zone {name!r}: use an IANA name such as Asia/Almaty or UTC") from None


class Schedule(Protocol):
    def first(self, now: dt.datetime) -> dt.datetime: ...

    def next(self, previous: dt.datetime, now: dt.datetime) -> dt.datetime: ...

    def describe(self) -> str: ...


@dataclass
class Every:
    """Now, then every `seconds` after the previous run started (or at once, if it took longer)."""

    seconds: float

    def first(self, now: dt.datetime) -> dt.datetime:
        return now

    def next(self, previous: dt.datetime, now: dt.datetime) -> dt.datetime:
        return max(previous + dt.timedelta(seconds=self.seconds), now)

    def describe(self) -> str:
        return f"every {self.seconds:g} s"


class Cron:
    """The slots of a cron expression in a time zone; the first is the next slot after now."""

    def __init__(self, expression: str, zone: str | None = None) -> None:
        from croniter import croniter

        self.expression = " ".join(expression.split())
        self.zone = parse_zone(zone)
        self.zone_name = zone or "UTC"
        fields = self.expression.split()
        if len(fields) != 5:
            raise BriefgenError(f"bad cron expression {expression!r}: use five fields, minute hour day month "
                                "day-of-week, e.g. '0 6 * * MON'")
        if not croniter.is_valid(self.expression):
            try:
                croniter(self.expression)
            except (ValueError, KeyError) as error:
                raise BriefgenError(f"bad cron expression {expression!r}: {error}") from None
            raise BriefgenError(f"bad cron expression {expression!r}")
        self._hourly = fields[1].startswith("*")

    def first(self, now: dt.datetime) -> dt.datetime:
        return self._after(now)

    def next(self, previous: dt.datetime, now: dt.datetime) -> dt.datetime:
        """The first slot after both the previous one and now: slots missed during a long run coalesce."""
        return self._after(max(previous, now), previous)

    def _after(self, moment: dt.datetime, previous: dt.datetime | None = None) -> dt.datetime:
        from croniter import croniter

        local = moment.astimezone(self.zone)
        slots = croniter(self.expression, local)
        last_wall = previous.astimezone(self.zone).replace(tzinfo=None) if previous else None
        while True:
            slot = slots.get_next(dt.datetime)
            wall = slot.replace(tzinfo=None)
            if not self._hourly and last_wall is not None and wall == last_wall:
                continue  # the same wall-clock time again as clocks go back: once is enough
            return slot.astimezone(dt.timezone.utc)

    def describe(self) -> str:
        return f"cron '{self.expression}' ({self.zone_name})"


def slots(schedule: Schedule, start: dt.datetime, count: int) -> list[dt.datetime]:
    """The first `count` run times if every run were instant (for tests and `--help` examples)."""
    times = [schedule.first(start)]
    while len(times) < count:
        times.append(schedule.next(times[-1], times[-1]))
    return times


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def run_schedule(task: Callable[[dt.datetime], bool], schedule: Schedule, max_runs: int | None = None, *,
                 now: Callable[[], dt.datetime] = utcnow, sleep: Callable[[float], None] = time.sleep,
                 announce: Callable[[dt.datetime], None] | None = None) -> int:
    """Run `task(slot)` at each slot, one run at a time; returns how many runs failed.

    Sleeps in steps of at most a minute against the wall clock, so a machine
    that was suspended or had its clock set wakes up on time.
    """
    failures = runs = 0
    slot = schedule.first(now())
    while max_runs is None or runs < max_runs:
        if announce:
            announce(slot)
        while (remaining := (slot - now()).total_seconds()) > 0:
            sleep(min(remaining, 60.0))
        failures += 0 if task(slot) else 1
        runs += 1
        if max_runs is not None and runs >= max_runs:
            break
        slot = schedule.next(slot, now())
    return failures


def repeat(task: Callable[[], bool], interval: float, max_runs: int | None = None,
           sleep: Callable[[float], None] = time.sleep) -> int:
    """Run `task` now and every `interval` seconds; returns how many runs failed."""
    return run_schedule(lambda _slot: task(), Every(interval), max_runs, sleep=sleep)
