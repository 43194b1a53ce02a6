"""The standalone rule: curated text must make sense wherever a brief puts it.

A brief reorders facts (lead, sections, annex), so a fact's text cannot lean
on the fact before it. `lint` flags text that opens with a reference to
something outside itself — "the same", "elsewhere", "also", "alongside",
"the meeting", "the treaty", "the project" and their Arabic and Russian
equivalents. A fact whose opening is clear where it stands says why in its
`standalone:` field, and is then accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Corpus, plain

OPENING_WORDS = 6
"""How far into a sentence a reference counts as its opening ('Tokayev also stressed' leans on what came before)."""

PATTERNS: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"\bthe same\b", "the same"), (r"\belsewhere\b", "elsewhere"), (r"\balso\b", "also"),
        (r"\balongside\b", "alongside"), (r"^the meeting\b", "the meeting"), (r"^the treaty\b", "the treaty"),
        (r"^the project\b", "the project"), (r"^the summit\b", "the summit"), (r"^the postponement\b", "the postponement"),
        (r"^(he|she|it|they|this|these|both)\b", "a pronoun"), (r"^the two\b", "the two"),
    ],
    "ar": [
        (r"(?:^|\s)(?:نفسه|نفسها|ذاته|ذاتها)(?=\s|$|[،.])", "نفسه (the same)"), (r"في موضع آخر", "في موضع آخر (elsewhere)"),
        (r"(?:^|\s)(?:أيضًا|أيضاً|أيضا|كذلك)(?=\s|$|[،.])", "أيضًا/كذلك (also)"), (r"^كما\s", "كما (also)"),
        (r"^إلى جانب", "إلى جانب (alongside)"), (r"^(?:\S+\s)?الاجتماع(?=\s|$|[،.])(?!\s+(?:التشاوري|الأول|الثاني|الثالث|الرابع|الخامس|السادس))", "الاجتماع (the meeting)"),
        (r"^(?:\S+\s)?المعاهدة(?=\s|$|[،.])", "المعاهدة (the treaty)"), (r"^(?:\S+\s)?المشروع(?=\s|$|[،.])", "المشروع (the project)"),
        (r"^(?:\S+\s)?التأجيل(?=\s|$|[،.])", "التأجيل (the postponement)"),
    ],
    "ru": [
        (r"\b(?:тот же|та же|то же|те же|того же|той же|том же|тем же|тех же)\b", "тот же (the same)"),
        (r"\bв другом месте\b", "в другом месте (elsewhere)"), (r"\bтакже\b", "также (also)"),
        (r"\bнаряду\b", "наряду (alongside)"), (r"^встреч[аеиуй]\b(?!\s+(?:глав|министров|в\s))", "встреча (the meeting)"),
        (r"^договор\b", "договор (the treaty)"), (r"^проект\b", "проект (the project)"),
        (r"^саммит\b(?!\s*«)", "саммит (the summit)"), (r"^(он|она|оно|они|это|эти|оба|обе)\b", "местоимение (a pronoun)"),
    ],
}


@dataclass(frozen=True)
class Finding:
    fact: str
    lang: str
    phrase: str
    sentence: str
    where: str

    def __str__(self) -> str:
        field = "resolution" if self.fact.startswith("cf-") else "text"
        return f"{self.where}: {self.fact}: {field}.{self.lang} opens with a reference outside itself ({self.phrase}): {self.sentence!r}"


def sentences(text: str) -> list[str]:
    """Sentences of curated text (a split on '. ' and '; ' is enough for openings)."""
    return [s.strip() for s in re.split(r"(?<=[.;؛!?])\s+", plain(text)) if s.strip()]


def openings(text: str, lang: str) -> list[tuple[str, str]]:
    """(phrase, sentence) for each sentence whose opening words refer outside the text."""
    found = []
    for sentence in sentences(text)[:1]:  # a later sentence may lean on the first: it stands beside it
        opening = " ".join(sentence.split()[:OPENING_WORDS])
        for pattern, phrase in PATTERNS.get(lang, []):
            if re.search(pattern, opening, re.IGNORECASE):
                found.append((phrase, sentence))
                break
    return found


def lint(corpus: Corpus, languages: list[str] | None = None) -> list[Finding]:
    """Every fact text (in the given languages, default all) that opens leaning on something outside it."""
    findings = []
    for fact in corpus.facts.values():
        if fact.standalone:
            continue
        for lang, curated in fact.text.items():
            if languages and lang not in languages:
                continue
            for phrase, sentence in openings(curated.text, lang):
                findings.append(Finding(fact.id, lang, phrase, sentence, corpus.origin.get(fact.id, "")))
    for conflict in corpus.conflicts.values():  # a short conflicts section shows the reading alone
        for lang, curated in conflict.resolution.items():
            if languages and lang not in languages:
                continue
            for phrase, sentence in openings(curated.text, lang):
                findings.append(Finding(conflict.id, lang, phrase, sentence, "conflicts.yaml"))
    return findings
