"""Offline machine translation of passages that have no curated text.

Curated text always wins: the stage only fills runs assembly marked
'missing', prefers reviewed translations, and marks what it produced as
machine output with the model, pivot and number/term checks. Importing this
package needs no translation dependency; ctranslate2, sentencepiece,
argostranslate and sentencex load only when a model is used
(`pip install 'briefgen[translate]'`).
"""

from .argos import ArgosEngine, require_translation_extra
from .cache import TranslationCache, default_cache_dir
from .engine import Engine, ModelInfo, find_route
from .glossary import Glossary, Term
from .reviewed import ReviewedStore
from .service import corpus_requests, default_translator, prefill, translate_missing
from .stage import Outcome, Request, Translator, translate_brief, translate_briefs

__all__ = [
    "ArgosEngine", "Engine", "Glossary", "ModelInfo", "Outcome", "Request", "ReviewedStore", "Term",
    "TranslationCache", "Translator", "corpus_requests", "default_cache_dir", "default_translator", "find_route", "prefill",
    "require_translation_extra", "translate_brief", "translate_briefs", "translate_missing",
]
