"""Sentence splitting before translation: Argos models are trained on single sentences.

sentencex (rule-based, pure Python, Wikimedia) knows abbreviations and
punctuation of Arabic, English and Russian and needs no model download, unlike
the Stanza/MiniSBD splitters argostranslate uses.
"""

from __future__ import annotations


def split_sentences(text: str, lang: str) -> list[tuple[str, str]]:
    """(sentence, whitespace after it) pairs; joining them gives back `text` minus outer space."""
    from sentencex import segment

    pieces = []
    for chunk in segment(lang, text.strip()):
        sentence = chunk.rstrip()
        if sentence:
            pieces.append((sentence, chunk[len(sentence):] or " "))
        elif pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + chunk)
    return pieces


def join_sentences(pieces: list[tuple[str, str]]) -> str:
    return "".join(sentence + gap for sentence, gap in pieces).strip()
