"""Ctrl-C during a real `termsite build` leaves the previous site/ byte for byte.

`tests/termsite/test_command_line.py` raises KeyboardInterrupt inside the build
function; this test sends a real SIGINT to a running build process instead.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import copy_project

pytestmark = pytest.mark.xdist_group("standards")

BUILD = [sys.executable, "-c", "import sys; from termsite.cli import main; sys.exit(main())"]
START_TIMEOUT_S = 60.0
POLL_S = 0.005
EXIT_INTERRUPTED = 130


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def staging_dirs(project: Path) -> list[Path]:
    return sorted(project.glob(".site-*"))


def interrupt_when_staging_appears(process: subprocess.Popen[str], project: Path) -> bool:
    """Send SIGINT as soon as the build has started writing; False if it ended first."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not staging_dirs(project):
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(POLL_S)
    process.send_signal(signal.SIGINT)
    return True


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_project(tmp_path_factory.mktemp("atomic") / "project", mtime=1_700_000_000)
    first = subprocess.run([*BUILD, "build", "-q"], cwd=folder, capture_output=True, text=True)
    assert first.returncode == 0, f"the first build failed:\n{first.stderr[-3000:]}"
    (folder / "site" / "marker.txt").write_text("from the previous build", encoding="utf-8")
    return folder


def test_sigint_during_build_keeps_the_previous_site(project: Path) -> None:
    before = tree_digest(project / "site")
    process = subprocess.Popen(
        [*BUILD, "build", "-q"], cwd=project, stderr=subprocess.PIPE, text=True
    )
    interrupted = interrupt_when_staging_appears(process, project)
    _, stderr = process.communicate(timeout=START_TIMEOUT_S)
    assert interrupted, "the build ended before it could be interrupted"
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    assert tree_digest(project / "site") == before
    assert staging_dirs(project) == []
