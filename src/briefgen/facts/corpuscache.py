"""A cache of the parsed, validated corpus, keyed by the digest of everything it is read from.

Parsing and validating the YAML is most of a cold `build` and all of a
`facts validate`; the result only changes when a data file (or the code
that reads them) does. The key covers every YAML file under reference/ and
facts/ (names and bytes), the data folder's path (error places name it),
the facts package's code and the PyYAML and pydantic versions; only corpora
that loaded without a problem are stored, so every error is found afresh.

The cache is a pickle, so it is only read from a folder that belongs to the
user and that nobody else can write to. `BRIEFGEN_CORPUS_CACHE` names the
folder (default `$XDG_CACHE_HOME/briefgen/corpus`), or `off` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Callable

from .model import Corpus

KEEP = 8  # corpora kept; the oldest go first


def cache_dir() -> Path | None:
    value = os.environ.get("BRIEFGEN_CORPUS_CACHE", "")
    if value.lower() in {"off", "0", "no", "false"}:
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefgen" / "corpus"


def corpus_digest(root: Path) -> str:
    import pydantic
    import yaml

    digest = hashlib.sha256(f"{Path(root).resolve()}|{yaml.__version__}|{pydantic.VERSION}".encode())
    code = Path(__file__).resolve().parent
    for file in sorted(code.glob("*.py")):
        digest.update(file.name.encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    files = [Path(root) / "briefs.yaml"]  # parse_corpus reads its pinned leads too
    for folder in ("reference", "facts"):
        files += sorted((Path(root) / folder).glob("*.yaml"))
    for file in files:
        digest.update(str(file.relative_to(root)).encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest() if file.is_file() else b"absent")
    return digest.hexdigest()


def cached_corpus(root: Path, parse: Callable[[Path], Corpus]) -> Corpus:
    """The corpus under `root`: from the cache when its digest matches, else parsed (and stored)."""
    folder = cache_dir()
    if folder is None:
        return parse(root)
    try:
        key = corpus_digest(root)
    except OSError:
        return parse(root)  # a missing folder or file: the parser says so properly
    path = folder / f"{key}.pickle"
    corpus = _read(folder, path)
    if corpus is not None:
        return corpus
    corpus = parse(root)
    with contextlib.suppress(OSError, pickle.PicklingError):
        _write(folder, path, corpus)
    return corpus


def _private(st: os.stat_result, kind: int) -> bool:
    return stat.S_IFMT(st.st_mode) == kind and st.st_uid == os.getuid() and not st.st_mode & 0o022


def _read(folder: Path, path: Path) -> Corpus | None:
    try:
        if not _private(os.lstat(folder), stat.S_IFDIR):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not _private(os.fstat(handle.fileno()), stat.S_IFREG):
            return None
        try:
            corpus = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a truncated or foreign file: parse instead
            return None
    return corpus if isinstance(corpus, Corpus) else None


def _write(folder: Path, path: Path, corpus: Corpus) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not _private(os.lstat(folder), stat.S_IFDIR):
        return
    fd, tmp = tempfile.mkstemp(prefix=".corpus.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(corpus, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
