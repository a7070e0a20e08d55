"""Which files the loader reads, and in which order (`termsite.load.files`)."""

from __future__ import annotations

from pathlib import Path

from termsite.load.files import candidate_files


def test_candidates_come_in_path_order_without_a_sort(tmp_path: Path) -> None:
    """The walk lists each folder by name, depth first: `Path` order, not string order
    (which puts `terms-old/` before `terms/`, since "-" sorts before "/")."""
    root = tmp_path / "glossary"
    names = [
        "terms/a.yml",
        "terms/a-b.yml",
        "terms/B.yml",
        "terms-old/a.yml",
        "terms.d/x.yml",
        "definitions/z.yml",
        "definitions/a/nested.yml",
        "definitions/a.yml",
    ]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("title: x\n", encoding="utf-8")
    found = candidate_files(root, tmp_path, lambda path: path).files
    assert found == [str(path) for path in sorted(root / name for name in names)]
    assert found != sorted(found)  # the string sort would have been wrong here


def test_hidden_files_and_editor_backups_are_not_candidates(tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    (root / "terms").mkdir(parents=True)
    for name in ("kept.yml", ".hidden.yml", "backup.yml~"):
        (root / "terms" / name).write_text("title: x\n", encoding="utf-8")
    found = candidate_files(root, tmp_path, lambda path: path).files
    assert found == [str(root / "terms" / "kept.yml")]
