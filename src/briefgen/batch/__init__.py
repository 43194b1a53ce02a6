"""Batch generation: jobs, the manifest, executors and schedules."""

from .executors import LocalExecutor, default_workers
from .jobs import Job, Outcome, Report, plan, run_batch
from .schedule import parse_interval, repeat

__all__ = ["Job", "LocalExecutor", "Outcome", "Report", "default_workers", "parse_interval", "plan", "repeat",
           "run_batch"]
