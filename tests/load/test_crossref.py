"""A serve session's checks (`CheckMemo`) answer what checking everything again answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from loader_samples import TODAY, write_entry_file

from termsite.load import LoadResult, load_glossary
from termsite.load.crossref import CheckMemo
from termsite.mkdocs_plugin.incremental import EntryCache

Edit = Callable[[str], str | None]
"""A file's new text from its old, or None to delete it."""

ENTRIES = {
    "terms/kendall-tau.yml": """\
        title: Kendall's Tau
        summary: A rank correlation that counts how many pairs of observations agree in order.
        published: 2025-03-01
        author: risk-desk
        areas: [crypto-asset-correlation]
        related: [basis, pearson]
        """,
    "definitions/pearson.yml": """\
        title: Pearson Correlation
        summary: The covariance of two series divided by the product of their deviations.
        published: 2025-03-02
        author: risk-desk
        related: [kendall-tau]
        body: One sentence.
        """,
    "definitions/orphan.yml": """\
        title: Orphan
        summary: A definition whose related entry has not been written yet, for this test.
        published: 2025-03-03
        related: [not-written-yet]
        body: One sentence.
        """,
    "definitions/twin.yml": """\
        title: Pearson correlation
        summary: A second definition whose title reads the same as another's, for this test.
        published: 2025-03-04
        body: One sentence.
        """,
}


def replaced(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new)

    return edit


EDITS: dict[str, tuple[str, Edit, bool]] = {
    "the summary of an entry others relate to": (
        "definitions/basis.yml",
        replaced("The difference", "The gap"),
        True,
    ),
    "a related slug nobody has": (
        "definitions/pearson.yml",
        replaced("[kendall-tau]", "[kendall-tau, nowhere]"),
        True,
    ),
    "lines added above a dangling reference": (
        "definitions/orphan.yml",
        lambda text: "# one\n# two\n" + text,
        True,
    ),
    "a summary too short": (
        "terms/kendall-tau.yml",
        replaced("pairs of observations agree in order.", "pairs."),
        True,
    ),
    "a new title": ("definitions/basis.yml", replaced("Basis", "Futures Basis"), False),
    "a draft others relate to": (
        "definitions/basis.yml",
        lambda text: text + "draft: true\n",
        False,
    ),
    "a new slug": ("definitions/pearson.yml", lambda text: "slug: pearson-r\n" + text, False),
    "lines added above a duplicate title": (
        "definitions/twin.yml",
        lambda text: "# one\n" + text,
        False,
    ),
    "a deleted entry others relate to": ("definitions/basis.yml", lambda text: None, False),
}


def load(project: Path, memo: CheckMemo | None, entries: EntryCache | None) -> LoadResult:
    """With `entries`, an unchanged file gives the same entry object again, as in a session."""
    reader = entries.read if entries is not None else None
    root = project / "glossary"
    return load_glossary(root, display_root=project, today=TODAY, read_entry=reader, checks=memo)


def entry_files(project: Path) -> int:
    return sum(1 for _ in (project / "glossary").rglob("*.yml"))


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_saved_entry_is_checked_as_a_whole_check_would(base_glossary: Path, name: str) -> None:
    for relative, text in ENTRIES.items():
        write_entry_file(base_glossary, relative, text)
    memo, entries = CheckMemo(), EntryCache()
    before = load(base_glossary, memo, entries)
    assert memo.rechecked == entry_files(base_glossary)
    relative, edit, patched = EDITS[name]
    path = base_glossary / "glossary" / relative
    text = edit(path.read_text(encoding="utf-8"))
    path.unlink() if text is None else path.write_text(text, encoding="utf-8")

    after = load(base_glossary, memo, entries)
    whole = load(base_glossary, None, None)

    assert after.problems == whole.problems
    assert after.glossary == whole.glossary
    assert (after.problems, after.glossary) != (before.problems, before.glossary)
    assert memo.rechecked == (1 if patched else entry_files(base_glossary))


def test_an_unchanged_glossary_checks_no_entry_again(base_glossary: Path) -> None:
    for relative, text in ENTRIES.items():
        write_entry_file(base_glossary, relative, text)
    memo, entries = CheckMemo(), EntryCache()
    first = load(base_glossary, memo, entries)

    again = load(base_glossary, memo, entries)

    assert memo.rechecked == 0
    assert (again.problems, again.glossary) == (first.problems, first.glossary)
