"""Building into a staging folder and swapping it in, so `site/` is always a whole site.

MkDocs cleans `site_dir` before it builds, so a build that fails half-way (a
broken entry, a template error, Ctrl-C) would leave a deploy folder with half
a site. We build into a sibling folder and, once the build has succeeded,
exchange the two folders in one atomic step (`renameat2(RENAME_EXCHANGE)` on
Linux, `renamex_np(RENAME_SWAP)` on macOS). At every instant, even under
`kill -9`, `site/` is the old tree or the new one. Where the file system has no
exchange, two renames are used, and the next build repairs a swap that was cut
between them.

Each build owns its staging folders through a lock file that it holds open
and locked (`flock`) for as long as it runs, with its pid inside for people.
Folders left by builds that were killed are removed by the next build; a folder
whose lock is still held belongs to a running build and is never touched.

Deleting the old copy after the swap is a tenth of a cached rebuild at 10,000
entries (13,000 folders). `termsite build` with its cache moves it into the
cache folder instead, and the next build renames it to `.site-gone-<token>`
and deletes it with `rm` in another process while it builds.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Published", "SiteSwapError", "build_atomically", "staging_prefix"]

_EXCHANGE_FLAG = {"linux": 2, "darwin": 2}  # RENAME_EXCHANGE, RENAME_SWAP
_AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV}
REMOVERS = 8
"""Threads that delete a tree: on a disk mounted with `discard` each unlink and rmdir
that frees blocks waits for the device, and waits overlap (a 10,000-entry site has
13,000 folders; one thread spent 2.4 s on them, most of it waiting)."""


class SiteSwapError(Exception):
    """The site folder cannot be published where it is; the message says what to do."""


@dataclass(frozen=True)
class Published:
    """Where the new site went, and an old copy that an interrupt left to the next build."""

    site_dir: Path
    leftover: Path | None = None


def staging_prefix(site_dir: Path) -> str:
    """`.site-`: hidden, beside `site/`, and removed by `make clean`."""
    return f".{site_dir.name}-"


def build_atomically(
    site_dir: Path, build: Callable[[Path], None], spare: Path | None = None
) -> Published:
    """Run `build(staging)`, then put `staging` in the place of `site_dir` in one step.

    When `build` raises (including KeyboardInterrupt), the staging folder is
    removed, `site_dir` is untouched, and the exception propagates. Once the
    swap has happened the build has succeeded: an interrupt while the old copy
    is being deleted only leaves that copy for the next build to remove.

    With `spare` (a folder of the caller's, in the build cache), the old copy is
    not deleted but moved there, and the next build deletes it in another process
    while it builds: at 10,000 entries it has 13,000 folders, 2.4 s of a rebuild.
    """
    target = publish_target(site_dir)
    with _owned_token(target) as token:
        recover(target)
        deleting = _Deletion.of(spare, target, token) if spare is not None else None
        staging = target.parent / f"{staging_prefix(target)}new-{token}"
        new_tree: int | None = None
        try:
            staging.mkdir()
            _make_readable(staging)
            build(staging)
            new_tree = staging.stat().st_ino
            _swap_in(staging, target, token)
        except BaseException:
            if not _is_tree(target, new_tree):  # not swapped yet: the old site stands
                _remove_tree(staging)
                _finish(deleting)
                raise
        _finish(deleting)
        if spare is not None and _kept_as(staging, spare):
            return Published(target)
        return Published(target, _discard(staging))


class _Deletion:
    """The last build's old copy being deleted by `rm` while this build runs.

    Not a thread: deleting is 40,000 system calls, each needing the interpreter
    lock back from a build that rarely lets go of it. Renamed first, under this
    build's token, so a build killed meanwhile leaves it for the next to remove.
    """

    def __init__(self, folder: Path, process: subprocess.Popen[bytes] | None) -> None:
        self.folder = folder
        self.process = process

    @classmethod
    def of(cls, spare: Path, target: Path, token: str) -> _Deletion | None:
        if spare.is_symlink() or not spare.is_dir():
            return None
        gone = target.parent / f"{staging_prefix(target)}gone-{token}"
        try:
            _rename(spare, gone)
        except OSError:  # another file system: it cannot be taken out of the way
            _remove_tree(spare)
            return None
        try:
            command = ["rm", "-rf", "--", str(gone)]
            quiet = subprocess.DEVNULL
            process = subprocess.Popen(command, stdin=quiet, stdout=quiet, stderr=quiet)
        except OSError:
            process = None
        return cls(gone, process)


def _finish(deletion: _Deletion | None) -> None:
    """Wait for the deletion; whatever `rm` could not delete is deleted here."""
    if deletion is None:
        return
    if deletion.process is not None:
        deletion.process.wait()
    if deletion.folder.exists() or deletion.folder.is_symlink():
        _remove_tree(deletion.folder)


def _kept_as(old_site: Path, spare: Path) -> bool:
    """Move the old copy to `spare` (for the next build to delete); False where it cannot
    go there (another file system, or something already in the way)."""
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        _rename(old_site, spare)
    except OSError:
        return False
    return True


def publish_target(site_dir: Path) -> Path:
    """The folder to replace: `site_dir` itself, or the folder a `site_dir` symlink points to.

    A symlinked `site/` (a web root elsewhere) keeps its link: we build beside
    the folder it points to and exchange that folder, so the link stays valid.
    """
    target = site_dir.resolve() if site_dir.is_symlink() else site_dir.absolute()
    if target.exists() and not target.is_dir():
        raise SiteSwapError(f"{site_dir} is not a folder; remove it or set another site_dir")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SiteSwapError(_cannot_write(target, error)) from None
    if not os.access(target.parent, os.W_OK):
        raise SiteSwapError(_cannot_write(target, PermissionError("permission denied")))
    return target


def recover(target: Path) -> None:
    """Finish what killed builds left: restore a site cut between two renames, then tidy.

    Only folders whose owning build is gone are touched; a running build's lock
    is held, so its folders are skipped.
    """
    prefix = staging_prefix(target)
    leftovers = _dead_leftovers(target.parent, prefix)
    if not target.exists():
        old = sorted((p for p in leftovers if p.name.startswith(prefix + "old-")), key=_mtime)
        if old:
            _rename(old[-1], target)
            leftovers.remove(old[-1])
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            _remove_tree(path)
        else:
            path.unlink(missing_ok=True)


def _dead_leftovers(folder: Path, prefix: str) -> list[Path]:
    """Staging folders and lock files of builds that no longer run, sorted by name."""
    pattern = re.compile(re.escape(prefix) + r"(new|old|gone|lock)-([0-9a-f]+)$")
    found: list[Path] = []
    for path in sorted(folder.glob(prefix + "*")):
        match = pattern.match(path.name)
        if match and not _held(folder / f"{prefix}lock-{match.group(2)}"):
            found.append(path)
    return found


def _held(lock_file: Path) -> bool:
    """True while the build that made `lock_file` runs (its `flock` is still held)."""
    try:
        handle = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)
    return False


@contextlib.contextmanager
def _owned_token(target: Path) -> Iterator[str]:
    """A fresh token whose lock file this process holds until the build ends."""
    token = secrets.token_hex(6)
    lock_file = target.parent / f"{staging_prefix(target)}lock-{token}"
    handle = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield token
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock_file.unlink()
        os.close(handle)


def _make_readable(folder: Path) -> None:
    """A new folder follows the umask; a deployed site must be readable like any other."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _swap_in(staging: Path, target: Path, token: str) -> None:
    """Exchange `staging` and `target` atomically; afterwards `staging` holds the old site."""
    if not target.exists():
        _rename(staging, target)
        return
    if _exchange(staging, target):
        return
    old = target.parent / f"{staging_prefix(target)}old-{token}"
    _rename(target, old)  # a kill here leaves no site: `recover` renames `old` back
    _rename(staging, target)
    _rename(old, staging)


def _exchange(first: Path, second: Path) -> bool:
    """One atomic exchange of two folders; False where the platform or file system has none."""
    flag = _EXCHANGE_FLAG.get(sys.platform)
    libc = ctypes.CDLL(None, use_errno=True) if flag else None
    if sys.platform == "linux" and libc is not None and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, bytes(first), _AT_FDCWD, bytes(second), flag)
    elif sys.platform == "darwin" and libc is not None and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(bytes(first), bytes(second), flag)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _is_tree(path: Path, inode: int | None) -> bool:
    """Whether `path` is the folder whose inode was `inode` (the new site, once swapped)."""
    try:
        return inode is not None and path.stat().st_ino == inode
    except OSError:
        return False


def _discard(old_site: Path) -> Path | None:
    """Delete the previous site; an interrupt here leaves it for the next build."""
    try:
        _remove_tree(old_site)
    except KeyboardInterrupt:
        return old_site
    return old_site if old_site.exists() else None


def _rename(source: Path, destination: Path) -> None:
    source.rename(destination)


def _remove_tree(path: Path) -> None:
    """Delete `path` and everything in it, never following a symlink out of it: the
    files by `REMOVERS` threads, then the folders, deepest first; what that left (a
    file that could not be listed) goes the usual way."""
    files: list[str] = []
    levels: list[list[str]] = []
    with contextlib.suppress(OSError):
        _list_tree(str(path), files, levels, 0)
    if files or len(levels) > 1:
        with ThreadPoolExecutor(REMOVERS, thread_name_prefix="remove") as pool:
            try:
                list(pool.map(_unlink_all, _batches(files)))
                for level in reversed(levels[1:]):
                    list(pool.map(_rmdir_all, _batches(level)))
            except BaseException:  # Ctrl-C: stop at once, and leave the rest to `recover`
                pool.shutdown(cancel_futures=True)
                raise
    shutil.rmtree(path, ignore_errors=True)


def _list_tree(folder: str, files: list[str], levels: list[list[str]], depth: int) -> None:
    """Every file (symlinks included, not followed) and folder under `folder`, the
    folders by depth."""
    if len(levels) <= depth:
        levels.append([])
    levels[depth].append(folder)
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _list_tree(entry.path, files, levels, depth + 1)
            else:
                files.append(entry.path)


def _batches(paths: list[str], size: int = 256) -> list[list[str]]:
    """A task per batch, not per path: handing a thread one path costs about what
    deleting it does."""
    return [paths[at : at + size] for at in range(0, len(paths), size)]


def _unlink_all(paths: list[str]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _rmdir_all(paths: list[str]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


def _cannot_write(target: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    return (
        f"cannot build beside {target} ({reason.lower()}): the new site is built in "
        f"{target.parent} and swapped in; make that folder writable, or set site_dir "
        f"to a folder whose parent is writable"
    )
