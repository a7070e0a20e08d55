"""The entry store: a load that takes unchanged entries from it equals a fresh load."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest
from loader_samples import TODAY, LoadFn, WriteEntry

from termsite.load import LoadResult, load_glossary
from termsite.load.entry_cache import BASE, DELTA, FOLDER, EntryStore

SHORT_SUMMARY = """\
title: Spread
summary: Too short.
published: 2025-02-11
author: risk-desk
related: [bassis]
body: One sentence.
"""
"""Valid alone, with a warning (summary length) and a cross-file error (no entry 'bassis')."""

BROKEN = """\
title: Broken
summary: An entry whose publication date is not a date, so it fails validation alone.
published: soon
"""

FUTURE = """\
title: Tomorrow
summary: An entry published on the day after the fixed day the tests take as today.
published: 2026-11-25
"""


def cached_load(project: Path, today: dt.date = TODAY) -> tuple[LoadResult, EntryStore]:
    """Load through the store in the project's cache folder, and save it, as a build does."""
    store = EntryStore.open(project / ".termsite-cache")
    result = load_glossary(
        project / "glossary", display_root=project, today=today, read_entry=store.read
    )
    store.save()
    return result, store


@pytest.fixture
def project(base_glossary: Path, write_entry: WriteEntry) -> Path:
    write_entry(base_glossary, "definitions/spread.yml", SHORT_SUMMARY)
    write_entry(base_glossary, "terms/broken.yml", BROKEN)
    return base_glossary


def test_a_load_from_the_store_equals_a_fresh_load(project: Path, load: LoadFn) -> None:
    cached_load(project)
    result, store = cached_load(project)
    assert store.hits == 5
    assert result == load(project)


def test_unchanged_entries_report_their_problems_every_time(project: Path) -> None:
    first, _ = cached_load(project)
    second, _ = cached_load(project)
    shown = [str(problem) for problem in second.problems]
    assert shown == [str(problem) for problem in first.problems]
    assert [(p.path, p.line, p.field, p.code) for p in second.problems] == [
        ("glossary/definitions/spread.yml", 2, "summary", "summary-length"),
        ("glossary/definitions/spread.yml", 5, "related[0]", "dangling-reference"),
        ("glossary/terms/broken.yml", 3, "published", "wrong-type"),
    ]


def test_an_edited_entry_is_read_again(
    project: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    cached_load(project)
    write_entry(project, "definitions/spread.yml", SHORT_SUMMARY.replace("bassis", "basis"))
    result, store = cached_load(project)
    assert store.hits == 4
    assert result == load(project)
    assert "dangling-reference" not in {problem.code for problem in result.problems}


def test_an_edit_keeping_size_and_time_is_still_seen(project: Path, load: LoadFn) -> None:
    path = project / "glossary" / "definitions" / "spread.yml"
    cached_load(project)
    before = path.stat()
    path.write_text(SHORT_SUMMARY.replace("bassis", "basiz"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    result, store = cached_load(project)
    assert store.hits == 4
    assert result == load(project)


def test_added_and_deleted_entries(project: Path, write_entry: WriteEntry, load: LoadFn) -> None:
    cached_load(project)
    write_entry(project, "definitions/bassis.yml", SHORT_SUMMARY.replace("Spread", "Bassis"))
    (project / "glossary" / "terms" / "broken.yml").unlink()
    result, store = cached_load(project)
    assert store.hits == 4
    assert result == load(project)
    assert sorted(result.glossary.definitions) == ["basis", "bassis", "spread"]


def test_a_new_day_checks_dates_again(project: Path, write_entry: WriteEntry) -> None:
    write_entry(project, "terms/tomorrow.yml", FUTURE)
    early, _ = cached_load(project)
    later, store = cached_load(project, today=TODAY + dt.timedelta(days=1))
    assert store.hits == 6
    assert "future-date" in {problem.code for problem in early.problems}
    assert "future-date" not in {problem.code for problem in later.problems}
    fresh = load_glossary(
        project / "glossary", display_root=project, today=TODAY + dt.timedelta(days=1)
    )
    assert later == fresh


def test_one_changed_entry_is_written_apart_from_the_rest(
    project: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    for number in range(20):
        write_entry(project, f"definitions/extra-{number}.yml", SHORT_SUMMARY)
    cached_load(project)
    folder = project / ".termsite-cache" / FOLDER
    base = (folder / BASE).read_bytes()
    write_entry(project, "definitions/spread.yml", SHORT_SUMMARY.replace("Too", "Far too"))
    result, _ = cached_load(project)
    assert (folder / BASE).read_bytes() == base
    assert (folder / DELTA).is_file()
    again, store = cached_load(project)
    assert store.hits == 25
    assert result == again == load(project)


def _damage(project: Path, change: bytes, keep_header: bool) -> None:
    path = project / ".termsite-cache" / FOLDER / BASE
    header, _, body = path.read_bytes().partition(b"\n")
    if keep_header:  # a body that matches its digest but is not an entry store
        from hashlib import blake2b

        fields = header.split(b" ")
        fields[3] = blake2b(change, digest_size=20).hexdigest().encode()
        path.write_bytes(b" ".join(fields) + b"\n" + change)
    else:
        path.write_bytes(header + b"\n" + body[: len(body) // 2] + change)


def test_a_truncated_store_is_ignored_with_one_line(project: Path, load: LoadFn) -> None:
    cached_load(project)
    _damage(project, b"", keep_header=False)
    result, store = cached_load(project)
    assert store.hits == 0
    assert store.note == (
        f"The entry store {FOLDER}/{BASE} is damaged: its contents do not match their "
        "digest; reading every entry again."
    )
    assert result == load(project)
    assert cached_load(project)[1].hits == 5  # and the next build has a good one again


def test_a_planted_pickle_never_runs(project: Path, load: LoadFn) -> None:
    cached_load(project)
    _damage(project, pickle.dumps(os.system), keep_header=True)
    result, store = cached_load(project)
    assert store.hits == 0
    assert store.note.endswith("it cannot be read (UnpicklingError); reading every entry again.")
    assert result == load(project)


def test_a_store_of_another_termsite_is_cold_without_a_note(project: Path) -> None:
    cached_load(project)
    store = EntryStore.open(project / ".termsite-cache", salt="another termsite")
    load_glossary(project / "glossary", display_root=project, today=TODAY, read_entry=store.read)
    assert (store.hits, store.note) == (0, "")


def test_the_store_is_written_into_a_folder_git_ignores(project: Path) -> None:
    cached_load(project)
    ignore = project / ".termsite-cache" / ".gitignore"
    assert ignore.read_text(encoding="utf-8").splitlines() == ["# written by termsite", "*"]
