"""A Pyodide memory snapshot of the imported calculators, made in Node at site-build time.

Booting Python in the browser and importing the calculators is most of a reader's
wait. The build boots the pinned Pyodide once in Node (`node/make_snapshot.mjs`),
imports every calculator module and saves the interpreter's memory; the worker
restores that memory instead (and falls back to the plain boot with the wheel when
the snapshot is missing, broken or from another build).

The snapshot is a pure function of its inputs, so it is named by their hash and
kept in a cache under ``node_modules/.cache``: a build only pays the Node run
(seconds) when the calculators, Pyodide or the script changed, and the test suite's
many builds share one run. ``TERMSITE_SNAPSHOT_CACHE`` names another folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from termsite.widgets.wheel import Wheel

__all__ = [
    "SCRIPT",
    "SNAPSHOT_FORMAT",
    "Snapshot",
    "SnapshotError",
    "snapshot_path",
    "snapshot_site_file",
]

SCRIPT = Path(__file__).resolve().parent / "node" / "make_snapshot.mjs"
SNAPSHOT_FORMAT = "1"
"""Bump when the worker's expectations of a snapshot change, so old URLs are not reused."""
INPUT_FILES = ("pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip")
"""The runtime files whose bytes end up in (or decide) the snapshot's memory."""
CACHE_FOLDER = Path(".cache") / "termsite-snapshots"
"""Under node_modules, beside the runtime the snapshot is made from."""
CACHE_VARIABLE = "TERMSITE_SNAPSHOT_CACHE"
"""Another cache folder (the reproducibility test gives each build an empty one)."""
NODE_TIMEOUT_S = 600
FAILED = "The calculators' memory snapshot could not be made"


class SnapshotError(Exception):
    """The snapshot cannot be made; the message says why and what to change."""


@dataclass(frozen=True)
class Snapshot:
    """Where the snapshot goes in the site, and the cached file that holds it."""

    site_path: str
    source: Path


def snapshot_path(index_path: str, wheel: Wheel) -> str:
    """The snapshot's site path beside the runtime: named by the hash of what it is made of.

    The Pyodide version is the folder; the wheel, the script and the format are
    hashed here. Cheap (no Node run), so every widget can link it.
    """
    digest = hashlib.sha256()
    for part in (SNAPSHOT_FORMAT.encode(), SCRIPT.read_bytes(), wheel.content):
        digest.update(hashlib.sha256(part).digest())
    return f"{index_path}snapshot-{digest.hexdigest()[:16]}.bin"


def snapshot_site_file(index_path: str, wheel: Wheel, pyodide_dir: Path) -> Snapshot:
    """The snapshot for this wheel and runtime, made by Node unless the cache holds it."""
    site_path = snapshot_path(index_path, wheel)
    key = _cache_key(site_path, pyodide_dir.resolve())
    cache = Path(os.environ.get(CACHE_VARIABLE) or pyodide_dir.resolve().parent / CACHE_FOLDER)
    cached = cache / f"{key}.bin"
    if not cached.is_file():
        _make(pyodide_dir, wheel, cached)
    return Snapshot(site_path, cached)


def _cache_key(site_path: str, pyodide_dir: Path) -> str:
    """Everything the bytes depend on: the site path's inputs, Pyodide's files and Node."""
    digest = hashlib.sha256(site_path.encode())
    for name in INPUT_FILES:
        digest.update(_file_digest(pyodide_dir / name).encode())
    digest.update(_node_version().encode())
    return digest.hexdigest()[:32]


def _file_digest(path: Path) -> str:
    stat = path.stat()
    return _file_digest_cached(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _file_digest_cached(path: Path, size: int, mtime_ns: int) -> str:
    """Hash once per process and file version; size and mtime are only the cache key."""
    del size, mtime_ns
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@lru_cache(maxsize=1)
def _node_version() -> str:
    return _run([_node(), "--version"], timeout=60).strip()


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise SnapshotError(
            "Node.js is needed to make the calculators' memory snapshot, but 'node' is "
            "not on PATH. Install Node.js 20 (the Makefile's 'npm ci' needs it too)."
        )
    return node


def _make(pyodide_dir: Path, wheel: Wheel, target: Path) -> None:
    """Run the Node script with every outside influence pinned, then move the file in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        wheel_file = Path(work) / wheel.filename
        wheel_file.write_bytes(wheel.content)
        output = Path(work) / "snapshot.bin"
        command = [_node(), str(SCRIPT), str(pyodide_dir), str(wheel_file), wheel.digest]
        report = _run([*command, str(output)], timeout=NODE_TIMEOUT_S, cwd=work)
        json.loads(report.strip().splitlines()[-1])  # the script's last line is its report
        os.replace(output, target)


def _run(command: list[str], *, timeout: int, cwd: str | None = None) -> str:
    """Run a Node command in a fixed environment; a failure becomes one SnapshotError."""
    env = {"PATH": os.environ.get("PATH", ""), "TZ": "UTC", "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SnapshotError(f"{FAILED}: {error}.") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["Node exited with an error"])[-1]
        raise SnapshotError(f"{FAILED}: {reason}.")
    return done.stdout
