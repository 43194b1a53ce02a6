"""Batch generation: jobs, the input-fingerprint cache, and scheduling."""

from .jobs import Job, Outcome, Report, default_workers, plan, run_batch
from .schedule import exclusive, parse_interval, repeat

__all__ = ["Job", "Outcome", "Report", "default_workers", "exclusive", "parse_interval", "plan", "repeat", "run_batch"]
