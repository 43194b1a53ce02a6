"""Skipping briefs whose inputs have not changed since the last batch.

A job's fingerprint hashes everything that can change its bytes: the data,
the templates, the fonts, briefgen's own code, the spec and the format. The
manifest beside the outputs records each fingerprint with the output's hash,
so a file edited or deleted by hand is rebuilt too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".briefgen-cache.json"


def tree_digest(*roots: Path) -> str:
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


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Manifest:
    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> "Manifest":
        path = out_dir / MANIFEST
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def is_fresh(self, key: str, fingerprint: str, output: Path) -> bool:
        entry = self.entries.get(key)
        return bool(entry) and entry.get("inputs") == fingerprint and output.exists() and entry.get("output") == file_digest(output)

    def record(self, key: str, fingerprint: str, output: Path) -> None:
        self.entries[key] = {"inputs": fingerprint, "output": file_digest(output)}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.path)
