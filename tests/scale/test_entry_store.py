"""The entry store in `termsite build`: unchanged entries are not parsed again, and the
build says the same things as one that parsed them (`tests/load/test_entry_cache.py` holds
the loader-level checks; `test_build_cache.py` compares cached sites with clean ones)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from site_builds import termsite_build

from termsite.load import entry_cache
from termsite.load.entry_cache import BASE, FOLDER

Project = Callable[[int], Path]

ENTRIES = 40
EDITED = "glossary/definitions/entry-00003.yml"
STORE = Path(".termsite-cache") / FOLDER / BASE


pytestmark = pytest.mark.usefixtures("mkdocs_logging")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The entry files the store parsed (the ones it could not take from itself)."""
    seen: list[str] = []
    real = entry_cache.load_entry_bytes

    def counting(raw: bytes, stem: str, shown: str, kind: entry_cache.EntryKind) -> Any:
        seen.append(shown)
        return real(raw, stem, shown, kind)

    monkeypatch.setattr(entry_cache, "load_entry_bytes", counting)
    return seen


def entry_files(config_file: Path) -> int:
    return len(list((config_file.parent / "glossary").rglob("*.yml")))


def _short_summary(root: Path) -> None:
    path = root / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join("summary: Short.\n" if x.startswith("summary:") else x for x in lines))


def test_a_second_build_parses_only_the_edited_entry(
    synthetic_project: Project, capsys: pytest.CaptureFixture[str], parsed: list[str]
) -> None:
    config_file = synthetic_project(ENTRIES)
    files = entry_files(config_file)
    termsite_build(config_file, capsys)
    first = len(parsed)
    termsite_build(config_file, capsys)
    assert (first, len(parsed)) == (files, files)
    _short_summary(config_file.parent)
    termsite_build(config_file, capsys, "--no-strict")
    assert parsed[files:] == [EDITED]


def test_a_stored_entry_warns_in_every_build(
    synthetic_project: Project, capsys: pytest.CaptureFixture[str], parsed: list[str]
) -> None:
    config_file = synthetic_project(ENTRIES)
    _short_summary(config_file.parent)
    warning = f"{EDITED}:2: field 'summary': warning: the summary has 6 characters"
    said = [termsite_build(config_file, capsys, "--no-strict") for _ in range(2)]
    assert len(parsed) == entry_files(config_file)  # the second build parsed nothing
    assert [text.count(warning) for text in said] == [1, 1], said


def test_no_cache_builds_without_the_store(
    synthetic_project: Project, capsys: pytest.CaptureFixture[str], parsed: list[str]
) -> None:
    config_file = synthetic_project(ENTRIES)
    termsite_build(config_file, capsys, "--no-cache")
    assert not (config_file.parent / STORE).exists()
    assert parsed == []  # the store's reader was never used


def test_a_damaged_store_is_ignored_with_one_line(
    synthetic_project: Project, capsys: pytest.CaptureFixture[str], parsed: list[str]
) -> None:
    config_file = synthetic_project(ENTRIES)
    termsite_build(config_file, capsys)
    store = config_file.parent / STORE
    store.write_bytes(store.read_bytes()[:-100])
    said = termsite_build(config_file, capsys)
    assert said.count(f"The entry store {FOLDER}/{BASE} is damaged") == 1, said
    assert len(parsed) == 2 * entry_files(config_file)
