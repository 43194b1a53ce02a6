"""Curated facts: model, loading with file/line errors, validation, source checks."""

from .loader import CorpusError, default_data_dir, load_corpus
from .model import Conflict, Corpus, Country, Event, Fact, Figure, Person, Source, SourceRef, Theme
from .sources import check_sources, default_sources_dir

__all__ = [
    "Conflict", "Corpus", "CorpusError", "Country", "Event", "Fact", "Figure", "Person", "Source", "SourceRef",
    "Theme", "check_sources", "default_data_dir", "default_sources_dir", "load_corpus",
]
