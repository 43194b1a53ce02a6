"""Term lock: hide names and numbers from the model, put the glossary's forms back.

Each protected stretch becomes one Private Use Area character. Trained
SentencePiece models have no piece for it, so it reaches CTranslate2 as an
unknown token, and `replace_unknowns` copies the source token to wherever the
model put its <unk>: the placeholder travels through the translation (and
through a pivot language) untouched. Afterwards each placeholder is replaced
by the target-language form, and the result is checked: every placeholder
must come back exactly once, and the numbers of source and result must agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .glossary import Glossary
from .numbers import find_numbers, numbers_match

FIRST_PLACEHOLDER = 0xE000
PLACEHOLDERS = re.compile("[\ue000-\uf8ff]")


@dataclass(frozen=True)
class Slot:
    placeholder: str
    kind: Literal["term", "number"]
    source: str
    target: str


@dataclass(frozen=True)
class Protected:
    """Source text with placeholders, and what each placeholder stands for in the target language."""

    text: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Restored:
    text: str
    numbers_ok: bool
    terms_ok: bool


def protect(text: str, source_lang: str, target_lang: str, glossary: Glossary) -> Protected:
    """Replace glossary terms (that have a target form) and numbers by placeholders."""
    spans: list[tuple[int, int, Literal["term", "number", "space"], str]] = []
    for match in glossary.find(text, source_lang):
        target = match.term.forms.get(target_lang)
        if target:
            spans.append((match.start + len(match.prefix), match.end, "term", target))
            if match.prefix:
                # a proclitic glued to a placeholder would be copied with it; as a word the model translates it
                spans.append((match.start + len(match.prefix), match.start + len(match.prefix), "space", " "))
    taken = [(start, end) for start, end, _, _ in spans]
    for start, end, number in find_numbers(text, source_lang):
        if not any(s < end and start < e for s, e in taken):
            spans.append((start, end, "number", number.render(target_lang)))
    spans.sort(key=lambda span: (span[0], span[1], span[2] != "space"))
    pieces, slots, cursor = [], [], 0
    for start, end, kind, target in spans:
        if kind == "space":
            pieces.append(text[cursor:start] + " ")
            cursor = start
            continue
        placeholder = chr(FIRST_PLACEHOLDER + len(slots))
        pieces.append(text[cursor:start] + placeholder)
        slots.append(Slot(placeholder, kind, text[start:end], target))
        cursor = end
    pieces.append(text[cursor:])
    return Protected("".join(pieces), tuple(slots))


def restore(translated: str, protected: Protected, source: str, source_lang: str, target_lang: str) -> Restored:
    """Put target forms back and say whether every number and term survived the model."""
    count = {slot.placeholder: translated.count(slot.placeholder) for slot in protected.slots}
    lost = {slot.kind for slot in protected.slots if count[slot.placeholder] != 1}
    invented_digits = bool(find_numbers(PLACEHOLDERS.sub(" ", translated), target_lang))
    by_placeholder = {slot.placeholder: slot.target for slot in protected.slots}
    text = PLACEHOLDERS.sub(lambda m: by_placeholder.get(m.group(), ""), translated)
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    numbers_ok = "number" not in lost and not invented_digits and numbers_match(source, source_lang, text, target_lang)
    return Restored(text, numbers_ok=numbers_ok, terms_ok="term" not in lost)
