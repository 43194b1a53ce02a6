"""Writing files so that a failure never leaves a partial file and no planted link is followed.

Every write goes to a temporary created next to the target with
`O_CREAT | O_EXCL | O_NOFOLLOW` (so a name someone planted, link or file,
is never opened), relative to a descriptor of the target's folder, and is
renamed over the target only when complete: a symbolic link at the target's
name is replaced, never written through. Errors name the user's path, never
the temporary's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Iterator

PART_SUFFIX = ".part"
# `.{name}.{8 random characters}.part`: what a killed writer can leave behind.
ORPHAN = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def user_error(error: OSError, shown: Path | str) -> OSError:
    """The same error (type and errno) naming `shown`, the path the user gave."""
    return type(error)(error.errno, error.strerror or str(error), str(shown))


def open_dir(path: Path, *, create: bool = True, dir_fd: int | None = None, shown: Path | None = None) -> int:
    """A descriptor of the folder `path` (relative to `dir_fd` when given, then never through a link)."""
    shown = shown or path
    try:
        if create:
            if dir_fd is None:
                Path(path).mkdir(parents=True, exist_ok=True)
            else:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(path, 0o777, dir_fd=dir_fd)
        flags = os.O_RDONLY | _DIRECTORY | _CLOEXEC | (_NOFOLLOW if dir_fd is not None else 0)
        return os.open(path, flags, dir_fd=dir_fd)
    except OSError as error:
        if dir_fd is not None and (error.errno == errno.ELOOP or _is_link(path, dir_fd)):
            raise OSError(errno.ELOOP, "is a symbolic link; briefgen does not write through links (remove it)",
                          str(shown)) from None
        if error.errno == errno.ENOTDIR or isinstance(error, FileExistsError):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder (a file of that name is in the way)", str(shown)) from None
        raise user_error(error, shown) from None


def read_at(dir_fd: int, name: str, shown: Path | str) -> bytes | None:
    """The bytes of the regular file `name` in the folder, None when absent; a link is never followed."""
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "is a symbolic link; briefgen does not read through links", str(shown)) from None
        raise user_error(error, shown) from None
    with os.fdopen(fd, "rb") as handle:
        if not _is_regular(handle.fileno()):
            raise OSError(errno.EINVAL, "not a regular file", str(shown))
        return handle.read()


@contextlib.contextmanager
def atomic_at(dir_fd: int, name: str, shown: Path | str) -> Iterator[BinaryIO]:
    """Yield a new temporary in the folder; rename it to `name` only when the block succeeds."""
    tmp = f".{name}.{secrets.token_hex(4)}{PART_SUFFIX}"
    try:
        # 0o666 less the umask: outputs are shared documents, like any file the user makes.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666, dir_fd=dir_fd)
    except OSError as error:
        raise user_error(error, shown) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        try:
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError as error:
            raise user_error(error, shown) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise


def write_at(dir_fd: int, name: str, data: bytes, shown: Path | str) -> None:
    with atomic_at(dir_fd, name, shown) as handle:
        try:
            handle.write(data)
            handle.flush()
        except OSError as error:  # a full disk names the user's file, not the temporary
            raise user_error(error, shown) from None


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, without following links; errors name `path`, never the temporary."""
    path = Path(path)
    dir_fd = open_dir(path.parent if str(path.parent) else Path("."), shown=path.parent)
    try:
        write_at(dir_fd, path.name, data, path)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file next to `path`; move it into place only on success."""
    path = Path(path)
    dir_fd = open_dir(path.parent if str(path.parent) else Path("."), shown=path.parent)
    try:
        with atomic_at(dir_fd, path.name, path) as handle:
            yield handle
    finally:
        os.close(dir_fd)


def remove_orphans(dir_fd: int) -> list[str]:
    """Delete temporaries a killed writer left in the folder (links themselves, never their targets)."""
    removed = []
    for entry in os.scandir(dir_fd):
        if ORPHAN.match(entry.name) and not entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.name, dir_fd=dir_fd)
                removed.append(entry.name)
    return removed


def _is_link(name, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)
