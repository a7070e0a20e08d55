"""Building into a staging folder and swapping it in, so `site/` is never half-written.

MkDocs cleans `site_dir` before it builds, so a build that fails half-way (a
broken entry, a template error, Ctrl-C) would leave a deploy folder with half
a site. Building into a sibling folder and renaming it into place only once
the build has succeeded keeps the previous `site/` byte-for-byte otherwise.
Renames within one folder are atomic on POSIX file systems.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["build_atomically", "staging_prefix"]


def staging_prefix(site_dir: Path) -> str:
    """`.site-`: hidden, beside `site/`, and removed by `make clean`."""
    return f".{site_dir.name}-"


def build_atomically(site_dir: Path, build: Callable[[Path], None]) -> None:
    """Run `build(staging)`, then put `staging` in the place of `site_dir`.

    When `build` raises (including KeyboardInterrupt), the staging folder is
    removed, `site_dir` is untouched, and the exception propagates.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Named before and created inside `try`: a Ctrl-C arriving just after the folder
    # exists (which `mkdtemp` + assignment left open) must still remove it.
    staging = site_dir.parent / f"{staging_prefix(site_dir)}new-{secrets.token_hex(6)}"
    try:
        staging.mkdir()
        _make_readable(staging)
        build(staging)
        _swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _make_readable(folder: Path) -> None:
    """`mkdtemp` makes a private folder; a deployed site must be readable like any other."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Two renames; if the second fails or is interrupted, the first is undone."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=staging_prefix(site_dir) + "old-", dir=site_dir.parent))
    try:  # both renames inside: a Ctrl-C between them must still put the old site back
        site_dir.rename(old)  # replaces the empty folder `mkdtemp` made
        staging.rename(site_dir)
    except BaseException:
        if not site_dir.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
