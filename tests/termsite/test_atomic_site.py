"""Deleting the previous site after the swap: all of it, and nothing outside it.

The deletion runs on several threads (`atomic_site.REMOVERS`), listing the tree
itself, so it must not follow a symlink out of the tree the way a careless walk
would, and must leave no folder behind.
"""

from __future__ import annotations

from pathlib import Path

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
