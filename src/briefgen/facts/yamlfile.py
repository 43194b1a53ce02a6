"""YAML loading that remembers where every value came from.

Curators edit these files by hand, so an error must point at a line. The
composed node tree carries positions; we keep a map from each value's path
(keys and list indexes) to its 1-based line number.

Parsing uses PyYAML's C loader (libyaml), several times faster than the
pure-Python one on the corpus; its nodes carry the same marks. Where PyYAML
was built without libyaml the pure-Python loader is used instead.

Errors name `file:line:column` of the mistake itself, not where the parser
gave up: a raw control character is named by code point, and a quote left
open is reported at the opening quote, however many lines later the
parser noticed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

Path_ = tuple[Any, ...]

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters YAML 1.1 forbids in a stream (PyYAML's own set, shared by libyaml).
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_C0_NAMES = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB "
             "ESC FS GS RS US").split()
_YAML_ESCAPES = {0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x0B: "\\v", 0x0C: "\\f", 0x1B: "\\e"}
# A continuation line that looks like YAML structure: a quoted string ran on past its line.
_STRUCTURE = re.compile(r"^\s*(?:-\s|[\w.-]+:(?:\s|$))")


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
    except IsADirectoryError:
        raise InputError("is a directory, not a YAML file", str(file)) from None
    except UnicodeDecodeError as exc:
        line = exc.object.count(b"\n", 0, exc.start) + 1
        column = exc.start - (exc.object.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 (byte 0x{exc.object[exc.start]:02X}: {exc.reason}); save the file as UTF-8",
                         f"{file}:{line}:{column}") from None
    return parse_yaml(text, file)


def parse_yaml(text: str, file: Path) -> LocatedData:
    """Parse `text` (the contents of `file`) keeping the line of every value."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LocatedData(file, None, {(): 1})
        lines: dict[Path_, int] = {}
        _index(node, (), lines, file, set())
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, OverflowError) as exc:  # 2024-13-45, !!int "x": a value, not the syntax
            raise _bad_value(node, exc, file) from None
    except RecursionError:
        raise InputError("invalid YAML: nested too deeply", str(file)) from None
    except yaml.reader.ReaderError:
        raise _control_character(text, file) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, file) from None
    finally:
        loader.dispose()
    return LocatedData(file, data, lines)


def _control_character(text: str, file: Path) -> InputError:
    match = _NON_PRINTABLE.search(text)
    if match is None:  # not expected: libyaml and PyYAML agree on the set
        return InputError("invalid YAML: a character YAML does not allow", str(file))
    line, column = _line_column(text, match.start())
    code = ord(match.group())
    name = (_C0_NAMES[code] if code < 0x20 else "DEL" if code == 0x7F
            else unicodedata.name(match.group(), "control character" if code < 0xA0 else "non-character"))
    fix = (f' or write it as "{_YAML_ESCAPES[code]}" inside a double-quoted string'
           if code in _YAML_ESCAPES else "")
    return InputError(f"invalid YAML: raw control character U+{code:04X} ({name}) is not allowed; delete it{fix}",
                      f"{file}:{line}:{column}")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: Path) -> InputError:
    depth = "nesting depth" in (exc.problem or "")  # libyaml's limit; the quote heuristic would crawl
    unclosed = None if depth or not ('"' in text or "'" in text) else _runaway_quote(text, exc.problem_mark)
    if unclosed is not None:
        (line, column), runs_to = unclosed
        return InputError(f"invalid YAML: the quote opened here is not closed on its line (the string runs on to "
                          f"line {runs_to}); add the closing quote", f"{file}:{line}:{column}")
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        mark = exc.context_mark
        return InputError("invalid YAML: this quoted string is never closed (add the closing quote)",
                          f"{file}:{mark.line + 1}:{mark.column + 1}")
    bracket = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}.get(exc.context or "")
    if bracket and exc.context_mark is not None and exc.problem_mark is not None:
        mark = exc.context_mark
        return InputError(f"invalid YAML: the '{bracket}' here is not closed where expected ({exc.problem} at line "
                          f"{exc.problem_mark.line + 1})", f"{file}:{mark.line + 1}:{mark.column + 1}")
    mark = exc.problem_mark or exc.context_mark
    place = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else str(file)
    problem = exc.problem or exc.context or "not valid YAML"
    return InputError(f"invalid YAML: {problem}", place)


def _bad_value(root: yaml.Node, exc: Exception, file: Path) -> InputError:
    """The scalar PyYAML could not turn into a value (the constructor does not say which)."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError) as found:
                mark = node.start_mark
                return InputError(f"invalid value {node.value!r} for {node.tag.rsplit(':', 1)[-1]}: {found}",
                                  f"{file}:{mark.line + 1}:{mark.column + 1}")
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
    return InputError(f"invalid value: {exc}", str(file))


def _runaway_quote(text: str, stop: yaml.Mark | None) -> tuple[tuple[int, int], int] | None:
    """The first quoted string that runs past its line into what looks like YAML keys or list items.

    Called only once parsing failed: a missing closing quote makes the parser
    pair every later quote wrongly and give up far below the mistake.
    """
    scanner = yaml.SafeLoader(text)  # the pure-Python scanner: tokens with their source positions
    try:
        while True:
            token = scanner.get_token()
            if token is None or isinstance(token, yaml.StreamEndToken) \
                    or (stop is not None and token.start_mark.line > stop.line):
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                raw = text[token.start_mark.index:token.end_mark.index].splitlines()[1:]
                if any(_STRUCTURE.match(line) for line in raw):
                    return (token.start_mark.line + 1, token.start_mark.column + 1), token.end_mark.line + 1
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _index(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: Path, seen_nodes: set[int]) -> None:
    """Record lines; refuse aliases, which curated data never needs and which let a few lines
    stand for billions of values ("billion laughs")."""
    if id(node) in seen_nodes:  # the alias's own place is not kept: name its key, or its list's line
        raise InputError("YAML aliases (*name) are not allowed in briefgen data; write the value out",
                         f"{file}:{lines.get(path) or lines.get(path[:-1], 1)}")
    seen_nodes.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a key must be plain text, not a list or mapping", f"{file}:{key_node.start_mark.line + 1}")
            key = key_node.value
            if key in seen:
                raise InputError(f"duplicate key {key!r}", f"{file}:{key_node.start_mark.line + 1}")
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _index(value_node, path + (key,), lines, file, seen_nodes)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), lines, file, seen_nodes)
