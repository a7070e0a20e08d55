"""Deleting the previous site: all of it, nothing outside it, and off the rebuild's path.

The deletion runs on several threads (`atomic_site.REMOVERS`), listing the tree
itself, so it must not follow a symlink out of the tree the way a careless walk
would, and must leave no folder behind. With a spare folder (the build cache's)
the old copy is moved there, and the next build deletes it while it builds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termsite import atomic_site


def _tree(root: Path, folders: int = 30) -> None:
    for number in range(folders):
        page = root / "term" / f"entry-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"page {number}", encoding="utf-8")
    (root / "index.html").write_text("home", encoding="utf-8")


def test_the_whole_tree_is_deleted(tmp_path: Path) -> None:
    old = tmp_path / ".site-new-0123456789ab"
    _tree(old)
    atomic_site._remove_tree(old)
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_in_the_tree_is_removed_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _tree(outside, folders=2)
    old = tmp_path / "old"
    _tree(old)
    (old / "term" / "linked-folder").symlink_to(outside, target_is_directory=True)
    (old / "linked-file").symlink_to(outside / "index.html")
    atomic_site._remove_tree(old)
    assert not old.exists() and not old.is_symlink()
    assert (outside / "index.html").read_text(encoding="utf-8") == "home"
    assert len(list(outside.rglob("index.html"))) == 3


def test_a_missing_tree_is_no_error(tmp_path: Path) -> None:
    atomic_site._remove_tree(tmp_path / "gone")
    assert list(tmp_path.iterdir()) == []


def _write(name: str) -> Callable[[Path], None]:
    return lambda staging: (staging / f"{name}.html").write_text(name, encoding="utf-8")


def _hidden(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def test_with_a_spare_the_old_copy_is_kept_there_not_deleted(tmp_path: Path) -> None:
    site, spare = tmp_path / "site", tmp_path / ".cache" / "previous-site"
    atomic_site.build_atomically(site, _write("first"))
    atomic_site.build_atomically(site, _write("second"), spare)
    assert [p.name for p in site.iterdir()] == ["second.html"]
    assert [p.name for p in spare.iterdir()] == ["first.html"]
    assert _hidden(tmp_path) == [".cache"]  # no staging folder is left


def test_the_next_build_deletes_the_spare_while_it_builds(tmp_path: Path) -> None:
    site, spare = tmp_path / "site", tmp_path / ".cache" / "previous-site"
    _tree(site)
    atomic_site.build_atomically(site, _write("second"), spare)
    seen: list[bool] = []

    def third(staging: Path) -> None:
        seen.append(spare.exists())  # already taken out of the way, under this build's name
        _write("third")(staging)

    atomic_site.build_atomically(site, third, spare)
    assert seen == [False]
    assert [p.name for p in spare.iterdir()] == ["second.html"]
    assert _hidden(tmp_path) == [".cache"]


def test_a_failed_build_still_finishes_deleting_the_spare(tmp_path: Path) -> None:
    site, spare = tmp_path / "site", tmp_path / ".cache" / "previous-site"
    atomic_site.build_atomically(site, _write("first"))
    atomic_site.build_atomically(site, _write("second"), spare)

    def failing(staging: Path) -> None:
        raise RuntimeError("template error")

    with pytest.raises(RuntimeError):
        atomic_site.build_atomically(site, failing, spare)
    assert [p.name for p in site.iterdir()] == ["second.html"]
    assert not spare.exists() and _hidden(tmp_path) == [".cache"]


def test_a_killed_builds_half_deleted_copy_is_removed_never_restored(tmp_path: Path) -> None:
    site = tmp_path / "site"
    gone = tmp_path / ".site-gone-0badc0ffee00"  # its build's lock is gone
    _tree(gone, folders=2)
    atomic_site.recover(site)  # even with no site/ to restore, it is not taken for one
    assert not site.exists() and not gone.exists()
