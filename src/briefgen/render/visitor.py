"""Block dispatch shared by the writers: a block a writer has no rule for is an error, never dropped.

Sphinx's builders work this way: each writer names a handler per block type,
and a new block type added to the Brief fails loudly in every writer that
has not learnt it, instead of vanishing from one format.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping


class UnknownBlockError(TypeError):
    """A writer met a block type it has no handler for (a programming error, not a user's)."""


def dispatch(block: Any, handlers: Mapping[type, Callable[[Any], Any]], writer: str) -> Any:
    """Call the handler registered for the block's type (or a base type of it)."""
    for cls in type(block).__mro__:
        handler = handlers.get(cls)
        if handler is not None:
            return handler(block)
    raise UnknownBlockError(f"the {writer} writer has no rule for a {type(block).__name__} block")
