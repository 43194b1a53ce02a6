"""Control characters in curated text are refused where they are loaded, with file:line.

A YAML escape ("\\a", "\\x07") or a pasted terminal sequence puts characters into a fact that
no font draws and no DOCX can hold; briefgen.chars decides which are refused.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from ..chars import describe, first_refused


def control_problems(data: Any, where: Callable[[tuple], str], path: tuple = ()) -> Iterator[str]:
    """One problem line per string in `data` (nested lists and mappings) holding a refused control."""
    if isinstance(data, str):
        index = first_refused(data)
        if index is not None:
            field = ".".join(str(part) for part in path[1:]) or "text"
            yield (f"{where(path)}: {field}: control character {describe(data[index])} at character {index + 1}; "
                   f"remove it (line breaks and tabs are allowed)")
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from control_problems(value, where, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from control_problems(value, where, (*path, index))
