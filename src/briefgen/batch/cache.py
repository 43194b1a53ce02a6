"""The manifest beside the outputs: what each file was built from, saved after every job.

Each entry records, for one output, the digest of the whole input tree it
was last checked against (`inputs`), the fingerprint of the brief it was
rendered from (`fingerprint`, see fingerprint.py) and the output's own
sha256 and size. A file edited or deleted by hand is rebuilt; an unreadable
or foreign manifest is reported and treated as empty (everything rebuilds),
never a crash. The manifest is replaced atomically after every finished job,
so a run that is killed keeps what it finished.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .outdir import OutputDir

MANIFEST = ".briefgen-cache.json"
FORMAT = 2
_FIELDS = {"output": str, "inputs": str, "fingerprint": str, "sha256": str, "bytes": int}

Warn = Callable[[str], None]


def tree_digest(*roots: Path | None) -> str:
    """One hash over every file below the roots (names and contents, in sorted order)."""
    digest = hashlib.sha256()
    for root in roots:
        if root is None or not root.exists():
            continue
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            digest.update(str(file.relative_to(root.parent)).encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


@dataclass
class Manifest:
    folder: OutputDir
    entries: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: OutputDir, warn: Warn) -> "Manifest":
        shown = folder.shown(MANIFEST)
        try:
            raw = folder.read(MANIFEST)
        except OSError as error:
            warn(f"{shown}: {error.strerror}; rebuilding every output")
            return cls(folder)
        if raw is None:
            return cls(folder)
        try:
            doc = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            warn(f"{shown}: not UTF-8 (byte {error.start}); ignoring it and rebuilding every output")
            return cls(folder)
        except json.JSONDecodeError as error:
            warn(f"{shown}: not JSON ({error.msg} at line {error.lineno}); ignoring it and rebuilding every output")
            return cls(folder)
        if not isinstance(doc, dict) or doc.get("briefgen_manifest") != FORMAT or not isinstance(doc.get("outputs"), dict):
            warn(f"{shown}: not a briefgen manifest of format {FORMAT}; ignoring it and rebuilding every output")
            return cls(folder)
        entries = {key: entry for key, entry in doc["outputs"].items() if _valid(entry)}
        if len(entries) < len(doc["outputs"]):
            warn(f"{shown}: {len(doc['outputs']) - len(entries)} malformed entries ignored; those outputs rebuild")
        return cls(folder, entries)

    def intact(self, key: str, relative: str) -> dict | None:
        """The entry for `key` when the output on disk is the very file it describes."""
        entry = self.entries.get(key)
        if not entry or entry["output"] != relative:
            return None
        try:
            data = self.folder.read(relative)
        except OSError:
            return None  # a link or something odd in its place: rebuilt, and replaced
        if data is None or len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            return None
        return entry

    def record(self, key: str, *, relative: str, inputs: str, fingerprint: str, sha256: str, size: int) -> None:
        self.entries[key] = {"output": relative, "inputs": inputs, "fingerprint": fingerprint, "sha256": sha256,
                             "bytes": size}

    def save(self) -> None:
        doc = {"briefgen_manifest": FORMAT, "outputs": dict(sorted(self.entries.items()))}
        self.folder.write(MANIFEST, json.dumps(doc, indent=1).encode("utf-8"))


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and all(isinstance(entry.get(name), kind) for name, kind in _FIELDS.items())
