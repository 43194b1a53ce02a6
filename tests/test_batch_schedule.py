"""Cron schedules in time zones (daylight saving included), coalescing, no overlap, and option checks."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from zoneinfo import ZoneInfo

import pytest

from briefgen.batch.schedule import Cron, Every, run_schedule, slots
from briefgen.errors import BriefgenError

UTC = dt.timezone.utc


def _local(times, zone):
    return [t.astimezone(ZoneInfo(zone)).strftime("%a %Y-%m-%d %H:%M %z") for t in times]


def test_weekly_cron_in_a_time_zone() -> None:
    start = dt.datetime(2026, 11, 30, 7, 55, tzinfo=UTC)  # a Monday, 12:55 in Almaty (UTC+5)
    times = slots(Cron("0 6 * * MON", "Asia/Almaty"), start, 3)
    assert _local(times, "Asia/Almaty") == ["Mon 2026-12-07 06:00 +0500", "Mon 2026-12-14 06:00 +0500",
                                           "Mon 2026-12-21 06:00 +0500"]
    assert times[0] == dt.datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def test_day_of_week_zero_is_sunday_as_in_cron() -> None:
    times = slots(Cron("0 6 * * 0"), dt.datetime(2026, 11, 30, tzinfo=UTC), 1)
    assert times[0].strftime("%A") == "Sunday"


def test_a_daily_run_stays_at_local_time_across_daylight_saving() -> None:
    start = dt.datetime(2026, 3, 27, 12, tzinfo=UTC)
    times = slots(Cron("0 6 * * *", "Europe/Berlin"), start, 4)
    assert _local(times, "Europe/Berlin") == ["Sat 2026-03-28 06:00 +0100", "Sun 2026-03-29 06:00 +0200",
                                             "Mon 2026-03-30 06:00 +0200", "Tue 2026-03-31 06:00 +0200"]
    assert (times[1] - times[0]) == dt.timedelta(hours=23)


def test_a_time_skipped_by_spring_forward_runs_at_the_next_minute_that_exists() -> None:
    times = slots(Cron("30 2 * * *", "Europe/Berlin"), dt.datetime(2026, 3, 28, 12, tzinfo=UTC), 2)
    assert _local(times, "Europe/Berlin") == ["Sun 2026-03-29 03:00 +0200", "Mon 2026-03-30 02:30 +0200"]


def test_a_time_repeated_by_fall_back_runs_once_but_hourly_runs_run_in_both_hours() -> None:
    daily = slots(Cron("30 2 * * *", "Europe/Berlin"), dt.datetime(2026, 10, 24, 12, tzinfo=UTC), 2)
    assert _local(daily, "Europe/Berlin") == ["Sun 2026-10-25 02:30 +0200", "Mon 2026-10-26 02:30 +0100"]
    hourly = slots(Cron("0 * * * *", "Europe/Berlin"), dt.datetime(2026, 10, 24, 22, 30, tzinfo=UTC), 4)
    assert _local(hourly, "Europe/Berlin") == ["Sun 2026-10-25 01:00 +0200", "Sun 2026-10-25 02:00 +0200",
                                              "Sun 2026-10-25 02:00 +0100", "Sun 2026-10-25 03:00 +0100"]


def test_missed_slots_are_coalesced_into_one_run() -> None:
    """A run that outlasts several slots is followed by one run at the next slot, not a burst of catch-ups."""
    clock = [dt.datetime(2026, 1, 1, 0, 0, 30, tzinfo=UTC)]
    started: list[dt.datetime] = []

    def task(slot: dt.datetime) -> bool:
        started.append(clock[0])
        clock[0] += dt.timedelta(minutes=3, seconds=10) if len(started) == 1 else dt.timedelta(seconds=5)
        return True

    def sleep(seconds: float) -> None:
        clock[0] += dt.timedelta(seconds=seconds)

    run_schedule(task, Cron("* * * * *"), max_runs=3, now=lambda: clock[0], sleep=sleep)
    assert [t.strftime("%H:%M:%S") for t in started] == ["00:01:00", "00:05:00", "00:06:00"]


def test_runs_never_overlap() -> None:
    """The loop starts a run only when the previous one has returned, however late it is."""
    active = threading.Lock()
    overlaps = []
    clock = [dt.datetime(2026, 1, 1, tzinfo=UTC)]

    def task(slot):
        if not active.acquire(blocking=False):
            overlaps.append(slot)
            return False
        try:
            clock[0] += dt.timedelta(hours=2)  # each run takes longer than the interval
            return True
        finally:
            active.release()

    failures = run_schedule(task, Every(3600), max_runs=4, now=lambda: clock[0], sleep=lambda s: None)
    assert failures == 0 and not overlaps


def test_bad_cron_expressions_and_zones() -> None:
    with pytest.raises(BriefgenError, match=r"bad cron expression '61 \* \* \* \*': .*out of range"):
        Cron("61 * * * *")
    with pytest.raises(BriefgenError, match="use five fields"):
        Cron("0 6 * *")
    with pytest.raises(BriefgenError, match="unknown time zone 'Mars/Olympus'"):
        Cron("0 6 * * *", "Mars/Olympus")


@pytest.mark.parametrize("args, message", [
    (["--cron", "0 6 * * *", "--every", "6h"], "give one schedule: --every INTERVAL or --cron EXPRESSION, not both"),
    (["--tz", "Asia/Almaty"], "--tz applies to --cron only (an --every interval has no time zone)"),
    (["--max-runs", "2"], "--max-runs applies to a schedule: add --every INTERVAL or --cron EXPRESSION"),
    (["--executor", "spark"], "unknown executor 'spark'; choose from: local, dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler applies to --executor dask"),
    (["--cron", "0 6 * * XYZ"], None),
])
def test_schedule_options_that_cannot_apply_say_so(tmp_path, args, message) -> None:
    run = subprocess.run([sys.executable, "-m", "briefgen", "batch", "--out", str(tmp_path / "out"), *args],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    if message:
        assert lines[0] == f"error: {message}"
    assert not (tmp_path / "out").exists()


def test_a_cron_schedule_announces_its_next_run(tmp_path) -> None:
    """`--cron` waits for its slot; the first thing it says is when that is, in the schedule's zone."""
    process = subprocess.Popen([sys.executable, "-m", "briefgen", "batch", "--out", str(tmp_path / "out"),
                                "--cron", "0 6 * * MON", "--tz", "Asia/Almaty"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        line = process.stderr.readline()
    finally:
        process.kill()
        process.wait()
    assert line.startswith("next run at ") and "T06:00+05:00 (cron '0 6 * * MON' (Asia/Almaty))" in line
    assert not (tmp_path / "out").exists()


def test_a_schedule_outlives_an_unusable_output_folder(tiny_data, tmp_path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    run = subprocess.run([sys.executable, "-m", "briefgen", "batch", "-f", "md", "--country", "KZ", "--lang", "en",
                          "--data", str(tiny_data), "--out", str(blocker), "--no-translate", "-j", "1",
                          "--every", "1s", "--max-runs", "2"], capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=120)
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.endswith(f"error: {blocker}: not a folder (a file of that name is in the way)")
                                   for line in lines), run.stderr
