"""The glossary folder → a checked `Glossary`, plus every problem found on the way.

Loading never stops at the first problem and raises nothing for content: an
editor fixing a glossary wants the whole list at once, and the caller (the
build, `termsite check`) decides what fails. Each problem names the file, the
line and the field, in plain words; its severity comes from the site's
`validation:` settings, as MkDocs grades its own checks.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from termsite.collector import collection_paused
from termsite.load.crossref import CheckMemo, Loaded, check_glossary, known_calculators
from termsite.load.files import candidate_files
from termsite.load.yaml_source import Document, SourceError, document_from_bytes, read_document
from termsite.model import MODELS, Entry, EntryKind, Glossary
from termsite.problems import Problem
from termsite.wording import field_path, reworded

__all__ = [
    "DEFAULT_SEVERITIES",
    "EXTENSIONS",
    "FOLDERS",
    "LoadResult",
    "SourceRef",
    "load_entry",
    "load_entry_bytes",
    "load_glossary",
]

FOLDERS: Mapping[str, EntryKind] = {kind.folder: kind for kind in EntryKind}
"""The folder an entry file sits in gives its kind."""

EXTENSIONS = (".yml", ".yaml")

DEFAULT_SEVERITIES: Mapping[str, str] = {
    "summary-length": "warn",
    "future-date": "warn",
    "invisible-character": "warn",
    "confusable-characters": "warn",
}
"""Codes not listed here are errors unless the site's settings say otherwise."""

_LEVELS = {"error": "error", "warn": "warning", "warning": "warning"}


@dataclass(frozen=True)
class SourceRef:
    """Where an entry came from, for messages and for the build's file watching."""

    path: str
    kind: EntryKind


@dataclass(frozen=True)
class LoadResult:
    """The published glossary, every problem found, and each entry's source file."""

    glossary: Glossary
    problems: tuple[Problem, ...]
    published: Sequence[Loaded] = field(default=(), compare=False, repr=False)
    """What `sources` is made from (the glossary and problems are the result)."""

    @functools.cached_property
    def sources(self) -> Mapping[str, SourceRef]:
        """Made when asked (by `termsite check`), not by every build of a serve session."""
        return _sources(self.published)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "warning")


def load_glossary(
    root: Path,
    *,
    display_root: Path | None = None,
    severities: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    read_entry: Callable[[str, str, EntryKind], tuple[Loaded | None, list[Problem]]] | None = None,
    follow_symlinks: bool = False,
    checks: CheckMemo | None = None,
) -> LoadResult:
    """Read every entry under `root`, check each alone and all together, and report it all.

    `display_root` is what paths in messages are relative to (default: the
    folder holding `root`, so they read `glossary/terms/x.yml`). `read_entry`
    replaces the one-file reader (`load_entry`); `termsite.mkdocs_plugin.incremental` passes
    a cached one so a rebuild reads only the files that were saved. A symbolic
    link to a file outside the project (`display_root`) is refused unless
    `follow_symlinks`; anything that is not a regular file is refused by name.
    A serve session passes its `checks` memo too (`CheckMemo`).
    """
    shown = _Shown(display_root if display_root is not None else root.parent)
    if not root.is_dir():
        missing = Problem(
            shown(root), None, None, "the glossary folder does not exist", "error", "missing-folder"
        )
        return LoadResult(Glossary(), _graded([missing], severities))
    project = display_root if display_root is not None else root.parent
    with collection_paused():  # what loading makes lives as long as the glossary
        candidates = candidate_files(root, project, shown, follow_symlinks=follow_symlinks)
        loaded, problems, unreadable = _read_all(
            candidates.files, root, shown, read_entry or load_entry
        )
        problems = candidates.problems + problems
        today = today or dt.date.today()
        published, found = check_glossary(loaded, today, known_calculators(), unreadable, checks)
    return LoadResult(_glossary(published), _graded(problems + found, severities), published)


def _read_all(
    files: list[str],
    root: Path,
    shown: _Shown,
    read: Callable[[str, str, EntryKind], tuple[Loaded | None, list[Problem]]],
) -> tuple[list[Loaded], list[Problem], frozenset[tuple[EntryKind, str]]]:
    """Every file read on its own: valid entries, problems, and the entries that failed."""
    problems: list[Problem] = []
    loaded: list[Loaded] = []
    unreadable: set[tuple[EntryKind, str]] = set()
    kinds: dict[str, EntryKind | None] = {}
    """By folder: a path's folder and suffix as strings cost a tenth of `Path.parent`."""
    for path in files:
        # The listing joined each folder and name with `os.sep`: partitioned back, at a
        # tenth of `os.path.split` and `splitext` (10,000 files a save).
        folder, _, name = path.rpartition(os.sep)
        if folder not in kinds:
            kinds[folder] = _folder_kind(Path(folder), root)
        entry_file = name.endswith(EXTENSIONS)
        kind = kinds[folder] if entry_file else None
        where = shown.split(path, folder, name)
        if kind is None:
            problems.append(_misplaced(entry_file, where))
            continue
        item, found = read(path, where, kind)
        problems += found
        if item is not None:
            loaded.append(item)
        else:
            unreadable.add((kind, os.path.splitext(name)[0]))
    return loaded, problems, frozenset(unreadable)


@dataclass(frozen=True)
class _Shown:
    """Turns a file path into the POSIX path shown in messages.

    Folders are resolved once each, not once a file: at 10,000 entries the
    `realpath` calls, and even the path arithmetic, cost more than a whole
    incremental rebuild may.
    """

    base: Path
    folders: dict[str, str | None] = field(default_factory=dict, compare=False)

    def __call__(self, path: str | Path) -> str:
        folder, name = os.path.split(path)
        return self.split(path, folder, name)

    def split(self, path: str | Path, folder: str, name: str) -> str:
        """`path`, already split into its folder and name (every entry file is, once)."""
        prefix = self._prefix(folder)
        return Path(path).as_posix() if prefix is None else prefix + name

    @functools.cached_property
    def _base(self) -> Path:
        return self.base.resolve()

    def _prefix(self, folder: str) -> str | None:
        """`folder` as shown, with its trailing slash ("" for the base), or None outside it."""
        if folder not in self.folders:
            try:
                relative = Path(folder).resolve().relative_to(self._base).as_posix()
            except ValueError:
                self.folders[folder] = None
            else:
                self.folders[folder] = "" if relative == "." else relative + "/"
        return self.folders[folder]


def _folder_kind(folder: Path, root: Path) -> EntryKind | None:
    """The kind of the entries in `folder`: only the kind folders right under `root` hold any."""
    return FOLDERS.get(folder.name) if folder.parent == root else None


def _misplaced(entry_file: bool, shown: str) -> Problem:
    folders = ", ".join(f"{name}/" for name in FOLDERS)
    if entry_file:
        message = f"entry files belong directly in one of {folders}; this file is not read"
    else:
        message = "only .yml and .yaml files are read; move this file out of the glossary folder"
    return Problem(shown, None, None, message, "error", "unexpected-file")


def load_entry(
    path: str | Path, shown: str, kind: EntryKind
) -> tuple[Loaded | None, list[Problem]]:
    """One file read and validated; the entry, or None when it cannot be used."""
    file = Path(path)
    return _validated(lambda: read_document(file), file.stem, shown, kind)


def load_entry_bytes(
    raw: bytes, stem: str, shown: str, kind: EntryKind
) -> tuple[Loaded | None, list[Problem]]:
    """`load_entry` of a file whose bytes (at most `MAX_BYTES`) were read already."""
    return _validated(lambda: document_from_bytes(raw), stem, shown, kind)


def _validated(
    read: Callable[[], Document], stem: str, shown: str, kind: EntryKind
) -> tuple[Loaded | None, list[Problem]]:
    try:
        doc = read()
    except SourceError as error:
        where = (field_path(error.loc) or None) if error.loc else None
        return None, [Problem(shown, error.line, where, error.message, "error", error.code)]
    problems = [
        Problem(
            shown, finding.line, field_path(finding.loc), finding.message, "error", finding.code
        )
        for finding in doc.findings
    ]
    data: dict[str, Any] = {"slug": stem, **doc.data}
    model = MODELS[kind]
    try:
        entry: Entry = model.model_validate(data)
    except ValidationError as error:
        return None, problems + _validation_problems(
            error, model, doc, shown, "slug" not in doc.data
        )
    return Loaded(entry, shown, doc), problems


def _validation_problems(
    error: ValidationError, model: type[BaseModel], doc: Document, shown: str, slug_from_file: bool
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc, message, code = reworded(detail, model)
        if loc == ("slug",) and slug_from_file:
            message = f"the file name is not a valid slug: {message}"
        problems.append(
            Problem(shown, doc.line_of(loc), field_path(loc) or None, message, "error", code)
        )
    return problems


def _glossary(published: list[Loaded]) -> Glossary:
    by_kind: dict[EntryKind, dict[str, Any]] = {kind: {} for kind in EntryKind}
    for item in published:
        by_kind[item.entry.kind][item.entry.slug] = item.entry
    return Glossary(
        terms=by_kind[EntryKind.TERM],
        definitions=by_kind[EntryKind.DEFINITION],
        areas=by_kind[EntryKind.AREA],
        authors=by_kind[EntryKind.AUTHOR],
    )


def _sources(published: Sequence[Loaded]) -> dict[str, SourceRef]:
    """Keyed by slug; a slug used by two kinds (say an area and an author) keeps the first."""
    sources: dict[str, SourceRef] = {}
    for item in published:
        sources.setdefault(item.entry.slug, SourceRef(item.path, item.entry.kind))
    return sources


def _graded(problems: list[Problem], severities: Mapping[str, str] | None) -> tuple[Problem, ...]:
    """Each problem at the severity the settings give its code; `ignore` drops it."""
    levels = {**DEFAULT_SEVERITIES, **(severities or {})}
    graded = []
    for problem in problems:
        level = _LEVELS.get(str(levels.get(problem.code, "error")))
        if level is not None:
            graded.append(replace(problem, severity="error" if level == "error" else "warning"))
    return tuple(sorted(graded, key=Problem.sort_key))
