"""YAML loading that remembers where every value came from.

Curators edit these files by hand, so an error must point at a line. PyYAML's
composed node tree carries positions; we keep a map from each value's path
(keys and list indexes) to its 1-based line number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class LocatedData:
    """Parsed YAML plus the line of every mapping key and list item."""

    file: Path
    data: Any
    lines: dict[Path_, int]

    def where(self, path: Path_) -> str:
        """`file:line` of the deepest known prefix of `path`."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return f"{self.file}:{self.lines.get(path, 1)}"


def load_yaml(file: Path) -> LocatedData:
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", str(file)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})", str(file)) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedData(file, None, {(): 1})
        lines: dict[Path_, int] = {}
        _index(node, (), lines, file)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError(f"invalid YAML: {exc.problem or exc.context}", f"{file}:{line}") from None
    finally:
        loader.dispose()
    return LocatedData(file, data, lines)


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: Path) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                raise InputError(f"duplicate key {key!r}", f"{file}:{key_node.start_mark.line + 1}")
            seen.add(key)
            _index(value_node, path + (key,), lines, file)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), lines, file)
