"""Argos Translate packages run directly with CTranslate2 and SentencePiece.

Packages are found where argostranslate installs them (its settings honour
ARGOS_PACKAGES_DIR / XDG_DATA_HOME), but translation does not go through
`argostranslate.translate`: that module imports Stanza, spaCy and torch
(about 3 s and 300 MB before the first sentence), splits sentences with a
model it downloads at first use (impossible offline), and calls the model once
per paragraph. Here every text of one language pair goes to a single
`translate_batch` call, with the decoding settings argostranslate uses.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..errors import BriefgenError, TranslationUnavailable
from .engine import ModelInfo
from .sentences import join_sentences, split_sentences

REQUIRED_MODULES = ("ctranslate2", "sentencepiece", "argostranslate", "sentencex")


def require_translation_extra() -> None:
    """Fail with the install command when the optional translation dependencies are absent."""
    missing = []
    for name in REQUIRED_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise TranslationUnavailable(
            f"machine translation needs the 'translate' extra (missing: {', '.join(missing)}): "
            "pip install 'briefgen[translate]'"
        )


def installed_package_dirs() -> list[Path]:
    """The directories argostranslate installs packages into and reads them from."""
    require_translation_extra()
    from argostranslate import settings

    return [Path(p) for p in settings.package_dirs]


def discover_models(package_dirs: Sequence[Path]) -> list[ModelInfo]:
    """Every installed translate package with a CTranslate2 model and a SentencePiece model."""
    found = []
    for root in package_dirs:
        if not root.is_dir():
            continue
        for directory in sorted(p for p in root.iterdir() if p.is_dir()):
            info = _read_package(directory)
            if info is not None:
                found.append(info)
    return found


def _read_package(directory: Path) -> ModelInfo | None:
    metadata_file = directory / "metadata.json"
    if not metadata_file.is_file() or not (directory / "model" / "model.bin").is_file():
        return None
    try:
        metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BriefgenError(f"{metadata_file}: unreadable Argos package metadata ({error})") from None
    if metadata.get("type", "translate") != "translate" or not (directory / "sentencepiece.model").is_file():
        return None
    source, target = metadata.get("from_code"), metadata.get("to_code")
    if not source or not target:
        return None
    version = str(metadata.get("package_version", "0"))
    digest = hashlib.sha256(metadata_file.read_bytes())
    for part in ("model/config.json", "model/model.bin", "sentencepiece.model"):
        path = directory / part
        if path.exists():
            digest.update(f"{part}:{path.stat().st_size}".encode())
    return ModelInfo(
        id=f"translate-{source}_{target}-{version}", source=source, target=target, version=version,
        fingerprint=digest.hexdigest()[:16], path=directory,
    )


@dataclass
class _Loaded:
    translator: Any
    tokenizer: Any
    target_prefix: str


class ArgosEngine:
    """Translate with installed Argos packages; models load on first use and stay loaded."""

    name = "argos"

    def __init__(
        self, package_dirs: Sequence[Path] | None = None, *, beam_size: int = 4, max_batch_size: int = 32,
        max_decoding_length: int = 256, device: str = "cpu", compute_type: str = "auto", threads: int | None = None,
    ) -> None:
        self.package_dirs = list(package_dirs) if package_dirs is not None else None
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        self.max_decoding_length = max_decoding_length
        # CTranslate2's default of 4 threads oversubscribes small machines; one per usable core measured best
        self.device, self.compute_type = device, compute_type
        self.threads = threads if threads is not None else len(os.sched_getaffinity(0))
        self._loaded: dict[str, _Loaded] = {}

    def models(self) -> list[ModelInfo]:
        """Rescanned on each call (a directory listing), so newly installed packages show up."""
        return discover_models(self.package_dirs if self.package_dirs is not None else installed_package_dirs())

    def translate(self, model: ModelInfo, texts: Sequence[str]) -> list[str]:
        """Translate every text with one model in one batched call; sentences are split and rejoined."""
        loaded = self._load(model)
        split = [split_sentences(text, model.source) for text in texts]
        sentences = [sentence for pieces in split for sentence, _ in pieces]
        translated = iter(self.translate_sentences(loaded, sentences))
        return [join_sentences([(next(translated), gap) for _, gap in pieces]) for pieces in split]

    def translate_sentences(self, loaded: _Loaded, sentences: Sequence[str]) -> list[str]:
        if not sentences:
            return []
        tokens = loaded.tokenizer.encode(list(sentences), out_type=str)
        prefix = [[loaded.target_prefix]] * len(tokens) if loaded.target_prefix else None
        results = loaded.translator.translate_batch(
            tokens, target_prefix=prefix, beam_size=self.beam_size, max_batch_size=self.max_batch_size,
            max_decoding_length=self.max_decoding_length, replace_unknowns=True, length_penalty=0.2,
        )
        hypotheses = [result.hypotheses[0] for result in results]
        if loaded.target_prefix:
            hypotheses = [h[1:] if h[:1] == [loaded.target_prefix] else h for h in hypotheses]
        return [text.strip() for text in loaded.tokenizer.decode(hypotheses)]

    def _load(self, model: ModelInfo) -> _Loaded:
        key = f"{model.id}@{model.fingerprint}"
        if key in self._loaded:
            return self._loaded[key]
        if model.path is None:
            raise TranslationUnavailable(f"model {model.id} has no installed files")
        require_translation_extra()
        import ctranslate2
        import sentencepiece

        try:
            translator = ctranslate2.Translator(
                str(model.path / "model"), device=self.device, compute_type=self.compute_type,
                inter_threads=1, intra_threads=self.threads,
            )
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        except (RuntimeError, OSError, ValueError) as error:
            raise BriefgenError(f"cannot load translation model {model.id} from {model.path}: {error}") from None
        metadata = json.loads((model.path / "metadata.json").read_text(encoding="utf-8"))
        self._loaded[key] = _Loaded(translator, tokenizer, metadata.get("target_prefix", ""))
        return self._loaded[key]
