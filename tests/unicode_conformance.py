"""Unicode's own conformance files, run through what the writers use (ICU's ubidi through
briefgen.render.bidi, ICU's line break iterator). The files come from Debian's unicode-data
package (/usr/share/unicode, installed by scripts/system-deps.sh); they may be older than ICU's
Unicode version, so a case whose characters changed properties since is told apart.

Run as a script to print the figures: python tests/unicode_conformance.py
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import icu

UCD = Path("/usr/share/unicode")
BIDI_CHARACTER_TEST = UCD / "BidiCharacterTest.txt"
BIDI_TEST = UCD / "BidiTest.txt"
LINE_BREAK_TEST = UCD / "auxiliary" / "LineBreakTest.txt"

# One character of each Bidi_Class, for BidiTest.txt (which lists classes, not characters).
REPRESENTATIVE = {
    "L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "ES": "+", "ET": "%", "AN": "\u0660", "CS": ",",
    "NSM": "\u0300", "BN": "\u00ad", "B": "\u2029", "S": "\t", "WS": " ", "ON": "!", "LRE": "\u202a",
    "LRO": "\u202d", "RLE": "\u202b", "RLO": "\u202e", "PDF": "\u202c", "LRI": "\u2066", "RLI": "\u2067",
    "FSI": "\u2068", "PDI": "\u2069",
}


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    failures: list = field(default_factory=list)

    def add(self, ok: bool, case) -> None:
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            if len(self.failures) < 20:
                self.failures.append(case)

    def __str__(self) -> str:
        total = self.passed + self.failed
        return f"{self.passed}/{total} passed ({100 * self.passed / max(total, 1):.3f}%)"


def _icu_para(text: str, para_level: int):
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), para_level)
    return bidi


def _check(text: str, para_level: int, want_para: int | None, want_levels: list, want_order: list[int]):
    """(levels right, order right) for ICU on one paragraph laid out as one line."""
    bidi = _icu_para(text, para_level)
    levels = bidi.getLevels()  # after L1 on the single line
    levels_ok = (want_para is None or bidi.getParaLevel() == want_para) and all(
        want == "x" or level == int(want) for level, want in zip(levels, want_levels))
    order = [i for i in bidi.getVisualMap() if want_levels[i] != "x"]
    return levels_ok, order == want_order


@dataclass
class Pair:
    """Levels and visual order tallied apart: ICU gives Arabic digits in a left-to-right paragraph
    without right-to-left letters level 0 instead of 2 (an optimisation that draws them the same)."""

    levels: Tally = field(default_factory=Tally)
    order: Tally = field(default_factory=Tally)

    def add(self, result, case) -> None:
        self.levels.add(result[0], case)
        self.order.add(result[1], case)

    def __str__(self) -> str:
        return f"visual order {self.order}; levels {self.levels}"


def bidi_character_test() -> Pair:
    tally = Pair()
    levels_of = {"0": 0, "1": 1, "2": icu.Bidi.DEFAULT_LTR}
    for number, line in enumerate(BIDI_CHARACTER_TEST.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split(";")
        text = "".join(chr(int(code, 16)) for code in fields[0].split())
        if any(ord(char) > 0xFFFF for char in text):
            continue
        want_levels = fields[3].split()
        want_order = [int(i) for i in fields[4].split()]
        if fields[1] == "2":
            result = _check(text, levels_of[fields[1]], int(fields[2]), want_levels, want_order)
        else:  # the writers' own code path: briefgen.render.bidi
            from briefgen.render.bidi import ParagraphBidi

            bidi = ParagraphBidi(text, fields[1] == "1")
            shown = bidi.line(0, len(text))
            order = [i for i in shown.indices if want_levels[i] != "x"]
            levels_ok = all(want == "x" or level == int(want) for level, want in zip(shown.levels, want_levels))
            result = (levels_ok, order == want_order)
        tally.add(result, (number, line))
    return tally


def bidi_test() -> Pair:
    tally = Pair()
    levels: list = []
    order: list[int] = []
    for number, line in enumerate(BIDI_TEST.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            levels = line.split(":", 1)[1].split()
            continue
        if line.startswith("@Reorder:"):
            order = [int(i) for i in line.split(":", 1)[1].split()]
            continue
        if line.startswith("@"):
            continue
        classes, bitset = line.split(";")
        text = "".join(REPRESENTATIVE[name] for name in classes.split())
        bits = int(bitset)
        for bit, para_level in ((1, icu.Bidi.DEFAULT_LTR), (2, 0), (4, 1)):
            if bits & bit:
                tally.add(_check(text, para_level, None, levels, order), (number, line, para_level))
    return tally


def line_break_test() -> Tally:
    tally = Tally()
    iterator = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
    for number, line in enumerate(LINE_BREAK_TEST.read_text(encoding="utf-8").splitlines(), 1):
        data = line.split("#", 1)[0].strip()
        if not data:
            continue
        tokens = data.split()
        text, wanted, units = "", [], 0
        for token in tokens:
            if token == "÷":
                wanted.append(units)
            elif token != "×":
                char = chr(int(token, 16))
                text += char
                units += 2 if ord(char) > 0xFFFF else 1
        iterator.setText(icu.UnicodeString(text))
        tally.add(list(iterator) == wanted, (number, line))
    return tally


if __name__ == "__main__":
    import time

    for name, run in (("BidiCharacterTest.txt", bidi_character_test), ("BidiTest.txt", bidi_test),
                      ("LineBreakTest.txt", line_break_test)):
        started = time.perf_counter()
        result = run()
        print(f"{name}: {result} in {time.perf_counter() - started:.1f} s (ICU {icu.ICU_VERSION}, "
              f"Unicode {icu.UNICODE_VERSION})")
        failures = result.order.failures if isinstance(result, Pair) else result.failures
        for failure in failures[:3]:
            print("   ", failure)
