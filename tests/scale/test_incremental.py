"""The edit loop: a `serve --dirty` rebuild after one saved entry equals a clean build."""

from __future__ import annotations

import filecmp
import gc
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from termsite.generate.render import TEMPLATE_DIR

Project = Callable[[int], Path]
"""The `synthetic_project` fixture: entries in, mkdocs.yml out."""

ENTRIES = 60
EDITED = "glossary/definitions/entry-00003.yml"
"""A definition other entries list as related: its title shows on their pages too."""


def strict_project(synthetic_project: Project) -> Path:
    """A generated project built as the starter site is, with `strict: true`."""
    config_file = synthetic_project(ENTRIES)
    with config_file.open("a", encoding="utf-8") as config:
        config.write("strict: true\n")
    return config_file


def session_build(config_file: Path, site_dir: Path) -> Any:
    """One rebuild of a `serve --dirty` session; returns the termsite plugin."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    return config.plugins["termsite"]


def clean_build(config_file: Path, site_dir: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def edit_line(project: Path, key: str, value: str) -> None:
    """Save the edited entry with one top-level field changed."""
    path = project / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [f"{key}: {value}\n" if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


EDITS = {
    "title": ("title", "Zz Renamed Entry Three"),
    "summary": ("summary", "A rewritten one-line summary that listings and related links show."),
}
"""A new title moves the entry to another letter; a new summary changes only listings."""


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only (the search index is built from the HTML
    in the background while serving, so it is left out)."""
    found: list[str] = []
    compare = filecmp.dircmp(left, right, ignore=["pagefind"])
    stack = [(compare, "")]
    while stack:
        node, prefix = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found += [prefix + name for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


@pytest.fixture(params=sorted(EDITS))
def session(
    request: pytest.FixtureRequest, synthetic_project: Project, tmp_path: Path
) -> Iterator[tuple[Path, Path, Any]]:
    """A served project built once, then one entry edited and rebuilt incrementally."""
    config_file = strict_project(synthetic_project)
    served = tmp_path / "served"
    session_build(config_file, served)
    edit_line(config_file.parent, *EDITS[request.param])
    plugin = session_build(config_file, served)
    yield config_file, served, plugin
    plugin.on_shutdown()


def test_incremental_rebuild_equals_a_clean_build(
    session: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    config_file, served, _ = session
    clean = tmp_path / "clean"
    clean_build(config_file, clean)
    assert differences(served, clean) == []


def test_incremental_rebuild_reads_only_the_saved_entry(session: tuple[Path, Path, Any]) -> None:
    _, _, plugin = session
    assert plugin.incremental.entries.last_reads == 1


def test_incremental_rebuild_writes_only_the_pages_the_edit_touches(
    synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    session_build(config_file, tmp_path / "served")
    edit_line(config_file.parent, *EDITS["summary"])
    plugin = session_build(config_file, tmp_path / "served")
    plugin.on_shutdown()
    assert 1 <= plugin.report.writing.done < ENTRIES // 4


@pytest.mark.parametrize("before", [False, True], ids=["added", "edited"])
def test_a_site_template_saved_mid_session_is_used_by_the_next_rebuild(
    before: bool, synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    served, clean = tmp_path / "served", tmp_path / "clean"
    template = config_file.parent / "templates/pages/definition.md.j2"
    package_template = (TEMPLATE_DIR / "pages/definition.md.j2").read_text(encoding="utf-8")
    template.parent.mkdir(parents=True)
    if before:
        template.write_text(package_template + "\nA first site note.\n", encoding="utf-8")
    session_build(config_file, served)
    template.write_text(package_template + "\nA site note.\n", encoding="utf-8")
    session_build(config_file, served).on_shutdown()
    clean_build(config_file, clean)
    assert "A site note." in (served / "definition/entry-00003/index.html").read_text("utf-8")
    assert differences(served, clean) == []


def _add_entry(root: Path) -> None:
    """A new definition titled to sort first: A–Z pages and listings after it shift."""
    text = (root / EDITED).read_text(encoding="utf-8")
    title = "title: Aaa First Entry\n"
    lines = [title if x.startswith("title:") else x for x in text.splitlines(True)]
    (root / "glossary/definitions/aaa-first-entry.yml").write_text("".join(lines), "utf-8")


def _first_area(path: Path) -> str:
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("areas:"))
    return line.split("[", 1)[1].split(",")[0].strip(" ]")


def _in_area(path: Path, area: str) -> bool:
    return any(
        line.startswith("areas:") and area in line
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def _page_size_of_one_full_page(config_file: Path, area: str) -> None:
    """A page size of exactly `area`'s member count: one more member opens its page 2."""
    glossary = config_file.parent / "glossary"
    members = sum(1 for path in glossary.rglob("*.yml") if _in_area(path, area))
    text = config_file.read_text(encoding="utf-8")
    options = f"  - termsite:\n      page_size: {members}\n"
    config_file.write_text(text.replace("  - termsite\n", options), encoding="utf-8")


def test_incremental_rebuild_after_an_entry_opens_a_listing_page_equals_a_clean_build(
    synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    area = _first_area(config_file.parent / EDITED)
    _page_size_of_one_full_page(config_file, area)
    served, clean = tmp_path / "served", tmp_path / "clean"
    second = Path(f"area/{area}/resource/2/index.html")
    session_build(config_file, served)
    assert not (served / second).exists()
    _add_entry(config_file.parent)
    session_build(config_file, served).on_shutdown()
    assert (served / second).is_file()
    clean_build(config_file, clean)
    assert differences(served, clean) == []


def _delete_entry(root: Path) -> None:
    """Delete a definition, and take it out of the `related:` lists that name it."""
    (root / "glossary/definitions/entry-00005.yml").unlink()
    for path in (root / "glossary").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        kept = re.sub(r"(, )?entry-00005(, )?", lambda m: ", " if m[1] and m[2] else "", text)
        if kept != text:
            path.write_text(kept, encoding="utf-8")


def _change_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "copyright: A copyright line on every page.\n", encoding="utf-8")


SITE_EDITS: dict[str, Callable[[Path], None]] = {
    "new entry": _add_entry,
    "deleted entry": _delete_entry,
    "mkdocs.yml": _change_config,
}
"""Edits beyond one entry's own fields: a new file, a deleted one, a site-wide change."""


@pytest.mark.parametrize("edit", sorted(SITE_EDITS))
def test_incremental_rebuild_after_a_site_edit_equals_a_clean_build(
    edit: str, synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session_build(config_file, served)
    SITE_EDITS[edit](config_file.parent)
    session_build(config_file, served).on_shutdown()
    clean_build(config_file, clean)
    assert differences(served, clean) == []


MENTIONING = "glossary/definitions/entry-00010.yml"
"""An entry that neither relates to nor links the edited one: only its text names it."""


def _mention(root: Path, words: str) -> None:
    """`MENTIONING`'s body says `words`, so its page links whatever entry they name."""
    path = root / MENTIONING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("body: |\n", f"body: |\n  A note on {words} here.\n", 1))


def _title_of(path: Path) -> str:
    line = next(x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("title:"))
    return line.removeprefix("title:").strip()


def _give(root: Path, line: str) -> None:
    """The edited entry gets a top-level field (`synonyms: […]`), above its body."""
    path = root / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace("body: |\n", f"{line}\nbody: |\n", 1))


def _take(root: Path, line: str) -> None:
    path = root / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace(f"{line}\n", "", 1))


SYNONYM = "synonyms: [Quux Measure]"

MENTION_EDITS: dict[str, tuple[Callable[[Path], str], Callable[[Path], None]]] = {
    "summary of a mentioned entry": (
        lambda root: _title_of(root / EDITED),
        lambda root: edit_line(root, *EDITS["summary"]),
    ),
    "new entry a page already mentions": (lambda root: "Aaa First Entry", _add_entry),
    "new synonym a page already mentions": (
        lambda root: "Quux Measure",
        lambda r: _give(r, SYNONYM),
    ),
    "new alias a page already mentions": (
        lambda root: "quux ratio",
        lambda root: _give(root, "aliases: [quux-ratio]"),
    ),
}
"""(what the mentioning page says before the first build, the save)."""


@pytest.mark.parametrize("edit", sorted(MENTION_EDITS))
def test_a_page_that_only_mentions_an_entry_follows_its_save(
    edit: str, synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    root, (words, save) = config_file.parent, MENTION_EDITS[edit]
    _mention(root, words(root))
    served, clean = tmp_path / "served", tmp_path / "clean"
    session_build(config_file, served)
    save(root)
    session_build(config_file, served).on_shutdown()
    clean_build(config_file, clean)
    page = (clean / "definition/entry-00010/index.html").read_text(encoding="utf-8")
    assert re.search(r'class="termsite-autolink" href="\.\./(entry-00003|aaa-first-entry)/"', page)
    assert differences(served, clean) == []


def test_a_page_stops_linking_an_entry_whose_synonym_it_mentions_is_taken_away(
    synthetic_project: Project, tmp_path: Path
) -> None:
    config_file = strict_project(synthetic_project)
    root = config_file.parent
    _mention(root, "Quux Measure")
    _give(root, SYNONYM)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session_build(config_file, served)
    page = Path("definition/entry-00010/index.html")
    assert 'href="../entry-00003/"' in (served / page).read_text(encoding="utf-8")
    _take(root, SYNONYM)
    session_build(config_file, served).on_shutdown()
    clean_build(config_file, clean)
    assert 'href="../entry-00003/"' not in (clean / page).read_text(encoding="utf-8")
    assert differences(served, clean) == []


def test_garbage_is_collected_as_usual_after_a_save_and_after_a_failed_one(
    synthetic_project: Project, tmp_path: Path
) -> None:
    """A save is rebuilt with the cyclic collector paused; it runs again once the line after
    the build is said, and when the build fails."""
    config_file = strict_project(synthetic_project)
    served = tmp_path / "served"
    session_build(config_file, served)
    edit_line(config_file.parent, *EDITS["summary"])
    plugin = session_build(config_file, served)
    plugin.editorial.wait()
    assert gc.isenabled()
    edit_line(config_file.parent, "published", "not a date")
    with pytest.raises(Abort):
        session_build(config_file, served)
    plugin.on_shutdown()
    assert gc.isenabled()


def test_a_served_folder_deleted_mid_session_is_written_whole_again(
    synthetic_project: Project, tmp_path: Path
) -> None:
    """Kept pages are trusted to be on disk only in the folder the last build wrote into."""
    config_file = strict_project(synthetic_project)
    served, clean = tmp_path / "served", tmp_path / "clean"
    session_build(config_file, served).indexer.wait()  # search reads the folder meanwhile
    shutil.rmtree(served)
    edit_line(config_file.parent, *EDITS["summary"])
    session_build(config_file, served).on_shutdown()
    clean_build(config_file, clean)
    assert differences(served, clean) == []
