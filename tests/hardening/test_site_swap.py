"""`kill -9` at any point of a real `termsite build` leaves `site/` whole: old or new.

A runner process wraps the swap's steps (and the page writes of the build) and
kills itself with SIGKILL at the K-th of those events. K runs from 0 until a
build gets through untouched, so every step is a kill point: before and after
the staging folder is made, mid-build, before and after the exchange, and while
the old copy is deleted. After each kill, `site/` must be the previous tree or
the complete new one, and the next build must tidy what the killed one left.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_build import write_project

from termsite import atomic_site

FIRST_BUILD = "from termsite.cli import main; main(['build', '-q', '--no-cache'])"
RUNNER = """
import os, signal, sys
import termsite.atomic_site as swap
import termsite.cli as cli
from termsite.mkdocs_plugin import TermsitePlugin

kill_at = int(sys.argv[1])
if sys.argv[2] == "no-exchange":
    swap._exchange = lambda first, second: False

def watched(name, function):
    def wrapper(*args, **kwargs):
        event(name)
        result = function(*args, **kwargs)
        event(name)
        return result
    return wrapper

names, tidying = [], [False]
def event(name):
    if tidying[0]:
        return  # what `recover` removes depends on earlier kills: not a kill point
    names.append(name)
    if len(names) - 1 == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

recover = swap.recover
def quiet_recover(target):
    event("recover")
    tidying[0] = True
    recover(target)
    tidying[0] = False
    event("recover")
swap.recover = quiet_recover
for name in ("_make_readable", "_exchange", "_rename", "_remove_tree"):
    setattr(swap, name, watched(name, getattr(swap, name)))
cli._mkdocs_build = watched("build", cli._mkdocs_build)
post_page = TermsitePlugin.on_post_page
def on_post_page(self, output, /, **kwargs):
    event("page")
    return post_page(self, output, **kwargs)
TermsitePlugin.on_post_page = on_post_page
status = cli.main(["build", "-q", "--no-cache"])  # every page written: every kill point
print("EVENTS " + " ".join(names), file=sys.stderr)
print("completed" if status == 0 else f"status {status}")
"""


def tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def set_summary(project: Path, text: str) -> None:
    path = project / "glossary" / "terms" / "first-term.yml"
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry["summary"] = text
    path.write_text(yaml.safe_dump(entry), encoding="utf-8")


def run_killed(project: Path, kill_at: int, mode: str = "exchange") -> str:
    """Run one build that kills itself at event `kill_at`; '' when it was killed."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(kill_at), mode],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == -signal.SIGKILL:
        return ""
    assert result.returncode == 0 and "completed" in result.stdout, result.stderr[-2000:]
    return result.stdout.strip()


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site-*"))


def is_new_complete(site: Path, old: dict[str, str], marker: str) -> bool:
    """The new build, whole: the same files as before, and the edited page shows the edit.

    The search bundle's files are named by their content, so only their number is compared.
    """
    page = site / "term" / "first-term" / "index.html"
    return shape(tree(site)) == shape(old) and marker in page.read_text(encoding="utf-8")


def shape(files: dict[str, str]) -> tuple[list[str], int]:
    named = sorted(name for name in files if not name.startswith("pagefind/"))
    return named, len(files) - len(named)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path, None, None, None, None)
    set_summary(
        tmp_path, "Version zero of this summary, long enough for the length check of the loader."
    )
    first = subprocess.run(
        [sys.executable, "-c", FIRST_BUILD],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr[-2000:]
    return tmp_path


def event_names(project: Path, mode: str = "exchange") -> list[str]:
    """The events of one whole build, in order, from a run that kills nothing."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, "-1", mode],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr.split("EVENTS ")[1].split()


def kill_points(names: list[str]) -> list[int]:
    """Every step of the swap, and the first, middle and last page write."""
    pages = [i for i, name in enumerate(names) if name == "page"]
    chosen = {i for i, name in enumerate(names) if name != "page"}
    return sorted(chosen | {pages[0], pages[len(pages) // 2], pages[-1]})


def test_sigkill_at_every_step_leaves_the_old_or_the_new_site(project: Path) -> None:
    site = project / "site"
    names = event_names(project)
    outcomes = []
    for number, kill_at in enumerate(kill_points(names)):
        old = tree(site)
        marker = (
            f"Version {number + 1} of this summary, long enough for the length check of the loader."
        )
        set_summary(project, marker)
        assert run_killed(project, kill_at) == "", f"the build outlived kill point {kill_at}"
        assert tree(site) == old or is_new_complete(site, old, marker), names[kill_at]
        outcomes.append("old" if tree(site) == old else "new")
    assert "old" in outcomes and "new" in outcomes, outcomes
    set_summary(
        project, "The last version of this summary, long enough for the length check of the loader."
    )
    assert run_killed(project, -1) == "completed"
    assert leftovers(project) == []


def test_a_swap_cut_between_two_renames_is_repaired_by_the_next_start(project: Path) -> None:
    site = project / "site"
    old = tree(site)
    names = event_names(project, "no-exchange")
    between = [i for i, name in enumerate(names) if name == "_rename"][1]  # after the first
    set_summary(
        project, "Version two of this summary, long enough for the length check of the loader."
    )
    assert run_killed(project, between, "no-exchange") == ""
    assert not site.exists()
    atomic_site.recover(site)
    assert tree(site) == old
    assert leftovers(project) == []


def test_folders_of_a_running_build_are_not_touched(project: Path) -> None:
    site = project / "site"
    with atomic_site._owned_token(site) as token:  # another build, still running
        staging = project / f".site-new-{token}"
        staging.mkdir()
        (project / ".site-new-0badc0ffee00").mkdir()  # a killed build's: its lock is gone
        atomic_site.recover(site)
        assert leftovers(project) == [f".site-lock-{token}", staging.name]
