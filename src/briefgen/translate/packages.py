"""Listing and installing Argos packages with argostranslate's own index and installer.

Installed packages stay where argostranslate (and `argospm`) put them, so
models installed either way are shared. Offline, the index cannot be fetched:
the error says so and names the file-based install instead.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import BriefgenError, TranslationUnavailable
from .argos import discover_models, installed_package_dirs, require_translation_extra
from .engine import ModelInfo, version_key

INDEX_TIMEOUT_SECONDS = 15


@dataclass(frozen=True)
class AvailableModel:
    source: str
    target: str
    version: str

    @property
    def name(self) -> str:
        return f"translate-{self.source}_{self.target}"


def installed_models() -> list[ModelInfo]:
    return discover_models(installed_package_dirs())


@contextlib.contextmanager
def _quiet_network() -> Iterator[None]:
    """argostranslate logs network failures itself; we report them as one line instead."""
    logger = logging.getLogger("argostranslate.utils")
    previous_timeout, previous_disabled = socket.getdefaulttimeout(), logger.disabled
    socket.setdefaulttimeout(INDEX_TIMEOUT_SECONDS)
    logger.disabled = True
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous_timeout)
        logger.disabled = previous_disabled


def refresh_index() -> list[AvailableModel]:
    """Download argostranslate's package index; fail clearly when it is unreachable."""
    require_translation_extra()
    from argostranslate import package, settings

    index = Path(settings.local_package_index)
    before = index.stat().st_mtime_ns if index.exists() else None
    with _quiet_network():
        package.update_package_index()
    if not index.exists() or index.stat().st_mtime_ns == before:
        raise TranslationUnavailable(
            f"cannot reach the Argos package index ({settings.remote_package_index}); offline, download a "
            ".argosmodel file elsewhere and install it with: briefgen models install --file PATH.argosmodel"
        )
    return sorted(
        {AvailableModel(p.from_code, p.to_code, p.package_version) for p in package.get_available_packages()
         if p.type == "translate" and p.from_code and p.to_code},
        key=lambda m: (m.source, m.target, m.version),
    )


def install_pair(source: str, target: str) -> ModelInfo:
    """Download and install the index's package for source → target."""
    from argostranslate import package

    available = refresh_index()
    if not any(m.source == source and m.target == target for m in available):
        pivots = [m for m in available if m.source == source and any(n.source == m.target and n.target == target for n in available)]
        hint = f"; install {source} {pivots[0].target} and {pivots[0].target} {target} to pivot" if pivots else ""
        raise TranslationUnavailable(f"the Argos index has no {source}→{target} package{hint}")
    with _quiet_network():
        try:
            ok = package.install_package_for_language_pair(source, target)
        except Exception as error:  # argostranslate raises bare Exception on download failures
            raise TranslationUnavailable(f"downloading translate-{source}_{target} failed: {error}") from None
    if not ok:
        raise TranslationUnavailable(f"installing translate-{source}_{target} failed")
    return _installed(source, target)


def install_file(path: Path) -> ModelInfo:
    """Install a downloaded .argosmodel file after checking it is an Argos translate package."""
    require_translation_extra()
    from argostranslate import package

    metadata = read_archive_metadata(path)
    package.install_from_path(path)
    return _installed(metadata["from_code"], metadata["to_code"])


def read_archive_metadata(path: Path) -> dict:
    if not path.is_file():
        raise BriefgenError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise BriefgenError(f"{path}: not an Argos package (.argosmodel files are zip archives)")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata_names = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
        if len(metadata_names) != 1:
            raise BriefgenError(f"{path}: not an Argos package (expected one top directory holding metadata.json)")
        top = metadata_names[0].split("/")[0]
        for required in ("model/model.bin", "sentencepiece.model"):
            if f"{top}/{required}" not in names:
                raise BriefgenError(f"{path}: Argos package without {required} (only CTranslate2 + SentencePiece packages are supported)")
        try:
            metadata = json.loads(archive.read(metadata_names[0]))
        except ValueError as error:
            raise BriefgenError(f"{path}: unreadable metadata.json ({error})") from None
    if not metadata.get("from_code") or not metadata.get("to_code"):
        raise BriefgenError(f"{path}: metadata.json lacks from_code/to_code")
    return metadata


def _installed(source: str, target: str) -> ModelInfo:
    matches = [m for m in installed_models() if (m.source, m.target) == (source, target)]
    if not matches:
        raise TranslationUnavailable(f"translate-{source}_{target} was installed but cannot be found in {installed_package_dirs()}")
    return max(matches, key=lambda m: version_key(m.version))
