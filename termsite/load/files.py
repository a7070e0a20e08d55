"""Which files under the glossary folder are read, and which are refused before any read.

A FIFO named `x.yml` would block the build for ever on its first read, a link
to `/dev/zero` would be read without end, and a link to a file outside the
project would publish it silently. So every candidate is looked at before it is
opened: only regular files are read, and a symbolic link only when it stays
inside the project (or the site sets `follow_symlinks: true`). `os.scandir`
knows regular files, folders and links from the directory listing itself, so
the common case costs no `stat` per file (10,000 entries). Paths stay the
strings the listing gives: a `Path` each, made, hashed and turned back into a
string, cost a serve session's save at 10,000 entries a tenth of a second.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from termsite.problems import Problem

__all__ = ["Candidates", "candidate_files"]

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass
class Candidates:
    """The files to read, in path order, and a problem for each thing refused."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def candidate_files(
    root: Path, project: Path, shown: Callable[[str], str], *, follow_symlinks: bool = False
) -> Candidates:
    """Every readable entry candidate under `root`, hidden files and editor backups left out.

    The files come in `Path` order without a sort: each folder is listed by name and
    walked depth first, which is the order of their parts.
    """
    found = Candidates()
    inside = project.resolve()
    _scan(str(root), 0, inside, shown, follow_symlinks, found)
    found.problems.sort(key=Problem.sort_key)
    return found


def _scan(
    folder: str,
    depth: int,
    project: Path,
    shown: Callable[[str], str],
    follow: bool,
    found: Candidates,
) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        path = entry.path
        if entry.is_symlink():
            refusal = _link_refusal(Path(path), project, follow)
            if refusal is not None:
                found.problems.append(_problem(shown(path), refusal, "outside-symlink"))
                continue
        if entry.is_dir():
            if not entry.is_symlink() or depth == 0:  # a linked kind folder, never a loop
                _scan(path, depth + 1, project, shown, follow, found)
        elif entry.is_file():
            found.files.append(path)
        else:
            found.problems.append(_problem(shown(path), _not_a_file(Path(path)), "not-a-file"))


def _link_refusal(path: Path, project: Path, follow: bool) -> str | None:
    """Why the link at `path` is not read, or None when it may be."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "this is a symbolic link to nothing (its target does not exist); remove the link"
    if follow or target.is_relative_to(project):
        return None
    what = "folder" if target.is_dir() else "file"
    return (
        f"this is a symbolic link to a {what} outside the project, which is not published by "
        f"default; copy the {what} into the project, or set follow_symlinks: true"
    )


def _not_a_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError:
        return "this cannot be read as a file; remove it from the glossary folder"
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"this is {kind}, not a regular file, so it is not read; move it out of the glossary"


def _problem(shown: str, message: str, code: str) -> Problem:
    return Problem(shown, None, None, message, "error", code)
