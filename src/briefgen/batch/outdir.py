"""The output folder of a batch, used only through a descriptor of it.

The folder the user names may be a link (their choice); everything briefgen
keeps inside it — the lock, the manifest, the last report, the per-format
folders and their temporaries — is opened relative to that descriptor
without following links, so a link planted at any of those names is never
written through.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path
from typing import Iterator

from ..errors import BriefgenError
from ..render.output import open_dir, read_at, remove_orphans, user_error, write_at

LOCK = ".briefgen.lock"
LEGACY_TEMPORARIES = (".briefgen-cache.tmp",)  # what briefgen 0.1 used as the manifest's temporary


class OutputDir:
    """An open output folder: read, write atomically, lock, clean up."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self.fd = open_dir(self.path, create=create)
        self._subdirs: dict[str, int] = {}

    def close(self) -> None:
        for fd in self._subdirs.values():
            os.close(fd)
        self._subdirs.clear()
        os.close(self.fd)

    def __enter__(self) -> "OutputDir":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def shown(self, relative: str) -> Path:
        return self.path / relative

    def _split(self, relative: str) -> tuple[int, str]:
        """The descriptor of the folder holding `relative` (one level at most) and the file name."""
        folder, _, name = relative.rpartition("/")
        if not folder:
            return self.fd, name
        if folder not in self._subdirs:
            self._subdirs[folder] = open_dir(Path(folder), dir_fd=self.fd, shown=self.shown(folder))
        return self._subdirs[folder], name

    def read(self, relative: str) -> bytes | None:
        """The file's bytes; None when it, or its folder, is missing."""
        folder, _, name = relative.rpartition("/")
        if folder and folder not in self._subdirs:
            try:
                os.lstat(folder, dir_fd=self.fd)
            except FileNotFoundError:
                return None
        dir_fd, name = self._split(relative)
        return read_at(dir_fd, name, self.shown(relative))

    def write(self, relative: str, data: bytes) -> None:
        dir_fd, name = self._split(relative)
        write_at(dir_fd, name, data, self.shown(relative))

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the folder's lock for a run: a second batch on the same folder is refused."""
        shown = self.shown(LOCK)
        try:
            fd = os.open(LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=self.fd)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise BriefgenError(f"{shown}: is a symbolic link; briefgen does not write through links "
                                    "(remove it and run again)") from None
            raise user_error(error, shown) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BriefgenError(f"another batch is writing to {self.path} (lock {LOCK})") from None
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def remove_orphans(self, folders: list[str]) -> list[str]:
        """Temporaries a killed run left behind, in the folder and the given sub-folders (call under the lock)."""
        removed = remove_orphans(self.fd)
        for name in LEGACY_TEMPORARIES:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name, dir_fd=self.fd)
                removed.append(name)
        for folder in folders:
            try:
                fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=self.fd)
            except OSError:
                continue  # absent, a file or a link: the jobs writing there report it
            try:
                removed += [f"{folder}/{name}" for name in remove_orphans(fd)]
            finally:
                os.close(fd)
        return removed


__all__ = ["LOCK", "OutputDir", "write_at"]
