"""Garbage-collector settings for briefgen's own processes: the command line and batch pool workers.

Rendering a brief allocates hundreds of thousands of small, short-lived objects (glyph tuples,
Brief nodes, XML elements) and makes few reference cycles. CPython's default thresholds
(700, 10, 10) then collect so often that a full collection, which walks every live object (the
imported libraries, the parsed corpus, the fonts), runs every few briefs: measured over the 51
default briefs in one process, the collector took about 1 s of 11.5 s CPU. A young generation of
50,000 objects cuts that to about 0.2 s, for about 18 MiB more peak memory; freezing what a
worker inherits from the batch client at fork keeps it out of every collection (and its pages
shared). `benchmarks/bench_gc.py` measures both.

Applied only to processes briefgen starts and owns, never when it is imported as a library or
runs inside someone else's Dask worker.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # objects allocated (net) before a generation-0 collection; CPython's default is 700
OLDER = 20  # collections of the generation below before the next one is collected; default 10


def for_command() -> None:
    """A one-shot `briefgen` command: fewer collections while it imports and renders."""
    gc.set_threshold(YOUNG, OLDER, OLDER)


def for_pool_worker() -> None:
    """A batch worker just forked from the client: what it inherited is never collected (it lives
    as long as the worker), and the young generation is as for a command."""
    gc.freeze()
    gc.set_threshold(YOUNG, OLDER, OLDER)
