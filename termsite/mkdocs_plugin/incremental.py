"""The edit loop at 10,000 entries: redo only what a saved entry changes.

Under `mkdocs serve --dirty` (what `termsite serve` runs) MkDocs skips every
page whose `File.is_modified()` is false. For a generated file it is always
true, because the content lives in memory, so every save would rebuild all
pages. The plugin instance outlives the rebuilds of one serve session, and
holds one `Incremental`, which remembers between builds:

- each YAML file's read-and-validated result, keyed by its stat, so only saved
  files are parsed and validated again;
- each page's rendered Markdown (and Markdown copy), keyed by its `PagePlan`,
  so pages whose plan did not change skip Jinja;
- each generated file's plan or content at the last successful build; files
  equal to it are marked kept and MkDocs skips them.

Cross-entry checks look again only at the saved entries while none of them
changed what other entries' checks depend on (their slug, title, aliases or
draft flag: `termsite.load.crossref.CheckMemo`). Planning (backlinks,
listings, A–Z) still runs over the whole glossary every time, reusing what
unchanged entries gave (`PlanMemo`): that is what makes the pages an entry
touches (listings it appears in, pages it links to) change plans and get
rebuilt, and what keeps an incremental result equal to a clean build.
Anything site-wide (`mkdocs.yml`, a template, the set of hand-written pages)
drops all memory.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import jinja2
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from termsite.generate.autolink import Matcher, Rules, Target
from termsite.generate.exports import Article
from termsite.generate.kept import KeptOrder, KeptTexts
from termsite.generate.plan import PlanMemo
from termsite.load import EXTENSIONS, load_entry
from termsite.load.crossref import Loaded
from termsite.mkdocs_plugin.progress import BuildReport, Progress
from termsite.model import EntryKind
from termsite.problems import Problem

__all__ = [
    "EntryCache",
    "Environments",
    "Incremental",
    "KeptFile",
    "RebuiltFile",
    "RenderCache",
    "site_fingerprint",
    "template_fingerprint",
]

T = TypeVar("T")
EntryResult = tuple[Loaded | None, list[Problem]]
EntryReader = Callable[[str, str, EntryKind], EntryResult]
StatKey = tuple[int, int, int]


def _stat_key(path: str | Path) -> StatKey:
    """What changes when a file is saved: modification time, size and (for editors that
    write a new file and rename it) the inode."""
    stat = os.stat(path)  # not `Path.stat`: once per entry file, every save
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class EntryCache:
    """Read-and-validated entries by path; a file is read again only when its stat changes."""

    def __init__(self, reader: EntryReader = load_entry) -> None:
        self._reader = reader
        self._entries: dict[tuple[str, str, EntryKind], tuple[StatKey, EntryResult]] = {}
        self.reads = 0
        """Files actually read (not served from the cache) since the last finished build."""
        self.last_reads = 0
        """Files the last finished build read: one after saving one entry."""
        self.progress: Progress | None = None
        """Advanced once a file, cached or not, so long loads show a count."""

    def watch(self, root: Path, report: BuildReport) -> None:
        """Count the entry files under `root` for the build's 'Loading entries' progress."""
        total = sum(
            sum(1 for name in names if name.endswith(EXTENSIONS)) for _, _, names in os.walk(root)
        )
        self.progress = report.entries(total)

    def read(self, path: str, shown: str, kind: EntryKind) -> EntryResult:
        """The cached result while the file is unchanged; otherwise read it (and remember)."""
        if self.progress is not None:
            self.progress.advance()
        key = (path, shown, kind)
        stat = _stat_key(path)
        cached = self._entries.get(key)
        if cached is not None and cached[0] == stat:
            item, problems = cached[1]
            return item, list(problems)
        self.reads += 1
        result = self._reader(path, shown, kind)
        self._entries[key] = (stat, (result[0], list(result[1])))
        return result


class RenderCache:
    """Values computed from a page plan, reused while the page's plan is unchanged."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], tuple[Any, Any]] = {}
        self.renders = 0

    def get(self, what: str, plan: Any, compute: Callable[[], T]) -> T:
        """`compute()` for `plan`, or the value kept from a build with an equal plan."""
        key = (what, plan.src_uri)
        cached = self._values.get(key)
        if cached is not None and (cached[0] is plan or cached[0] == plan):
            value: T = cached[1]
            return value
        self.renders += 1
        value = compute()
        self._values[key] = (plan, value)
        return value

    def clear(self) -> None:
        self._values.clear()


class KeptFile(File):
    """A generated file equal to what the last build wrote: MkDocs' dirty mode skips it."""

    written = False
    """Whether the last build's output is still there, looked at once a build (`keep`):
    MkDocs asks `is_modified` two or three times a file, 44,000 times at 10,000 entries."""

    def is_modified(self) -> bool:
        return not self.written

    def copy_file(self, dirty: bool = False) -> None:
        """Nothing to do for a kept file that is there (MkDocs would format a debug line
        saying so, for each of 11,000 Markdown copies and redirects)."""
        if not (dirty and self.written):
            super().copy_file(dirty)


def keep(file: File, written: bool | None = None) -> None:
    """Mark `file` kept: unless its output has gone, MkDocs leaves it as it is (`written`
    says whether it is there, when the caller knows; otherwise the file system is asked)."""
    file.__class__ = KeptFile
    there = os.path.isfile(file.abs_dest_path) if written is None else written
    cast(KeptFile, file).written = there


def _folder_identity(folder: Path) -> tuple[int, int] | None:
    """Which folder `folder` is (device and inode), or None when there is none."""
    try:
        stat = folder.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


class RebuiltFile(File):
    """A hand-written page after a site-wide change: rebuilt even if its own source is not."""

    def is_modified(self) -> bool:
        return True


def site_fingerprint(config_file: Path | None, folders: Iterable[Path], files: Files) -> str:
    """A digest of everything site-wide: `mkdocs.yml`, template files, hand-written pages.

    When it changes, every page may look different (the nav, a template), so
    nothing is kept and hand-written pages are rebuilt too.
    """
    pages = [Path(page.abs_src_path) for page in _hand_written(files) if page.abs_src_path]
    return _digest(config_file, folders, pages)


def template_fingerprint(config_file: Path | None, folders: Iterable[Path]) -> str:
    """A digest of what the Jinja environments are made from: `mkdocs.yml` (the theme, its
    locale) and the template folders."""
    return _digest(config_file, folders, [])


def _digest(config_file: Path | None, folders: Iterable[Path], extra: list[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    if config_file is not None and config_file.is_file():
        digest.update(config_file.read_bytes())
    paths = [path for folder in set(folders) if folder.is_dir() for path in folder.rglob("*")]
    for path in sorted(paths + extra):
        if path.is_file():
            digest.update(f"{path}\0{_stat_key(path)[:2]}\n".encode())
    return digest.hexdigest()


class Environments:
    """The Jinja environments of the last build, reused while their templates are unchanged.

    MkDocs makes a new theme environment for every build and compiles Material's
    templates into it again, and lists the theme's 14,000 files again to find its
    static ones; termsite's page environment was new each build too. Both are
    kept for the session under `template_fingerprint`, so a changed template or
    `mkdocs.yml` still gets new ones (the theme's loader never re-checks files).
    """

    def __init__(self) -> None:
        self._pages: tuple[Hashable, jinja2.Environment] | None = None
        self._theme: tuple[Hashable, jinja2.Environment] | None = None

    def pages(self, key: Hashable, make: Callable[[], jinja2.Environment]) -> jinja2.Environment:
        """termsite's page environment for `key`, made once."""
        if self._pages is None or self._pages[0] != key:
            self._pages = (key, make())
        return self._pages[1]

    def install(self, theme: Theme, key: Hashable) -> None:
        """Make `theme.get_env()` answer the kept environment while `key` is unchanged."""
        make = theme.get_env

        def get_env() -> jinja2.Environment:
            if self._theme is None or self._theme[0] != key:
                self._theme = (key, _listing_once(make()))
            return self._theme[1]

        theme.get_env = get_env  # type: ignore[method-assign]


def _listing_once(env: jinja2.Environment) -> jinja2.Environment:
    """`env` whose `list_templates` answers each caller once (MkDocs asks it every build, with
    a filter that depends only on `mkdocs.yml`, which the environment's key covers)."""
    listing = env.list_templates
    answers: dict[Hashable, list[str]] = {}

    def list_templates(
        extensions: Collection[str] | None = None,
        filter_func: Callable[[str], bool] | None = None,
    ) -> list[str]:
        key = (tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
        if key not in answers:
            answers[key] = listing(extensions, filter_func)
        return list(answers[key])

    env.list_templates = list_templates  # type: ignore[method-assign]
    return env


def _hand_written(files: Files) -> list[File]:
    return [file for file in files if file.generated_by is None and file.is_documentation_page()]


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave pages stale.

    It is true of plain MkDocs, not of a termsite session: every page whose
    inputs changed is rebuilt (tests/scale/test_incremental.py compares with a
    clean build), and under `strict: true` the warning would fail every rebuild.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


DIRTY_WARNING = _DirtyWarning()


GC_THRESHOLDS = gc.get_threshold()
SESSION_GC_THRESHOLD = 100_000
"""Allocations between two young-generation collections during a serve session (Python's
default is 700): a save allocates a few hundred thousand objects that live until the
build ends, and each collection promotes them towards the full collections that
`_freeze_the_site` keeps short; 100,000 makes a save's collections a handful."""


class Incremental:
    """What one serve session remembers between builds (inactive for one-off builds)."""

    def __init__(self, reader: EntryReader = load_entry) -> None:
        self.active = False
        self.entries = EntryCache(reader)
        self.renders = RenderCache()
        self.plans = PlanMemo()
        self.environments = Environments()
        self._texts: dict[str, KeptTexts[Article]] = {}
        self._memos: dict[str, Any] = {}
        """Per output (`glossary.json`, `glossary.csv`): each entry's part, while the entry
        is unchanged."""
        self._results: dict[str, tuple[Any, Any]] = {}
        self._linked: dict[str, frozenset[str]] = {}
        """The entry URLs each page linked (and showed cards of) when it was last rendered."""
        self._pending_linked: dict[str, frozenset[str]] = {}
        self._linkers: dict[str, set[str]] = {}
        """`_linked` turned round: the pages that linked each entry URL, so a save that
        changes no names looks at the few pages linking what changed, not at every file."""
        self._targets: Mapping[str, Any] = {}
        """The term matcher's targets by URL at the last successful build."""
        self._pending_targets: Mapping[str, Any] = {}
        self._pending_present: set[str] = set()
        """The last plan's pages: an unchanged entry's page comes back as the same object."""
        self._files: dict[str, tuple[Any, File]] = {}
        """Each file made through `file()` at the last successful build, with its signature."""
        self._pending_files: dict[str, tuple[Any, File]] = {}
        self._fingerprint = ""
        self._next_fingerprint = ""
        self._full = True
        self._signatures: dict[str, Any] = {}
        self._pending: dict[str, Any] = {}
        self._written: dict[str, str] = {}
        """Where each generated file of the last successful build was written."""
        self._pending_written: dict[str, str] = {}
        self._site_dir = Path()
        self._site_folder: tuple[int, int] | None = None
        """The served folder the last successful build wrote into (`_folder_identity`)."""
        self._same_site = False
        self.kept = 0
        self._matcher: Matcher | None = None
        self._collection_paused = False

    def start(self, *, serving: bool, dirty: bool) -> None:
        """Remember between builds only when MkDocs will skip unmodified pages."""
        if self.active and not (serving and dirty):
            self.collect()
            gc.unfreeze()  # the session is over: what it kept may be collected again
            gc.set_threshold(*GC_THRESHOLDS)
        elif serving and dirty and not self.active:
            gc.set_threshold(SESSION_GC_THRESHOLD, *GC_THRESHOLDS[1:])
        self.active = serving and dirty
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.removeFilter(DIRTY_WARNING)
        if self.active:
            build_log.addFilter(DIRTY_WARNING)

    def render(self, what: str, plan: Any, compute: Callable[[], T]) -> T:
        """A page's rendering, cached across builds when active."""
        return self.renders.get(what, plan, compute) if self.active else compute()

    def environment(
        self,
        theme: Theme,
        key: tuple[Path | None, list[Path], Hashable],
        make: Callable[[], jinja2.Environment],
    ) -> jinja2.Environment:
        """termsite's page environment, and the theme's, kept while their templates are
        unchanged; `key` is `mkdocs.yml`, the template folders and what else `make` uses."""
        if not self.active:
            return make()
        config_file, folders, extra = key
        fingerprint = (template_fingerprint(config_file, folders), extra)
        self.environments.install(theme, fingerprint)
        return self.environments.pages(fingerprint, make)

    def matcher(self, targets: Iterable[Target], rules: Rules) -> Matcher:
        """The build's term matcher: while the rules are the same, the last build's, with the
        names of the entries that changed compiled again (`Matcher.retargeted`)."""
        if not self.active:
            return Matcher(targets, rules)
        last = self._matcher
        same = last is not None and last.rules == rules
        self._matcher = last.retargeted(targets) if last and same else Matcher(targets, rules)
        return self._matcher

    def plan_memo(self) -> PlanMemo | None:
        """The memo to plan with: the session's when active; none for a one-off build."""
        return self.plans if self.active else None

    def unless_changed(self, what: str, source: Any, make: Callable[[], T]) -> T:
        """`make()`, or what it gave last time `what` was made from an equal `source` (the
        sitemap's gzip, at level 9, from the sitemap's text, which few saves change)."""
        if not self.active:
            return make()
        last = self._results.get(what)
        if last is not None and last[0] == source:
            value: T = last[1]
            return value
        value = make()
        self._results[what] = (source, value)
        return value

    def entry_texts(self, output: str) -> KeptTexts[Article] | None:
        """Each entry's part of `output` at the last build: the session's when active."""
        if not self.active:
            return None
        return self._texts.setdefault(output, KeptTexts[Article]())

    def order(self, name: str) -> KeptOrder[Any] | None:
        """The session's kept sort called `name` (see `KeptOrder`); none for a one-off build."""
        return self.memo(name, KeptOrder)

    def memo(self, name: str, make: Callable[[], T]) -> T | None:
        """The session's memo called `name`, made once (a `KeptOrder`, an `LlmsMemo`: each
        only ever an optimisation); none for a one-off build."""
        if not self.active:
            return None
        if name not in self._memos:
            self._memos[name] = make()
        found: T = self._memos[name]
        return found

    def file(self, src_uri: str, signature: Any, make: Callable[[], File]) -> File:
        """The last build's `File` while what it is made from (`signature`, a page plan) is
        equal; otherwise `make()`.

        A reused file is marked kept, so MkDocs neither reads nor renders nor
        writes it, and it brings its `Page` along, so MkDocs does not make a new
        one: at 10,000 entries making 22,000 files and 11,000 pages was most of a
        save. Everything a file is made from besides its signature is site-wide
        (`mkdocs.yml`, templates), and a site-wide change forgets every file.
        """
        if not self.active:
            return make()
        old = self._files.get(src_uri)
        if old is not None and (old[0] is signature or old[0] == signature):
            file = old[1]
            keep(file, self._still_written(file))
        else:
            file = make()
        self._pending_files[src_uri] = (signature, file)
        return file

    def begin(
        self, files: Files, config_file: Path | None, folders: list[Path], site_dir: Path
    ) -> None:
        """A build starts: if anything site-wide changed, forget every page and rendering.

        Runs before any page is rendered, so a changed template is never
        answered from the cache. `config_file` and the template `folders` are
        the site-wide inputs (see `site_fingerprint`).
        """
        if not self.active:
            return
        self._site_dir = site_dir
        folder = _folder_identity(site_dir)
        self._same_site = folder is not None and folder == self._site_folder
        self._next_fingerprint = site_fingerprint(config_file, folders, files)
        self._full = self._next_fingerprint != self._fingerprint
        self._pending_files = {}
        if not self._full:
            self._pause_collection()
        if self._full:
            self._signatures = {}
            self._files = {}
            self._matcher = None
            self.renders.clear()

    def _still_written(self, file: File) -> bool | None:
        """True when the last build wrote `file` where it goes now, into the very folder
        MkDocs writes into again (not one deleted and made anew since): its output is
        there, and 22,000 files need not be looked for at 10,000 entries. None (ask the
        file system) otherwise."""
        if self._same_site and self._written.get(file.src_uri) == file.abs_dest_path:
            return True
        return None

    def _pause_collection(self) -> None:
        """No cyclic garbage collection while a save is rebuilt; `collect` after the page is
        served. At 10,000 entries a save allocates a few hundred thousand objects, and the
        collections they set off took a few tenths of a second of it. (Not during a full
        build: that one allocates millions.)"""
        self._collection_paused = gc.isenabled()
        gc.disable()

    def collect(self) -> None:
        """The rebuild is over (or failed): collect what it left, and collect as usual again."""
        if self._collection_paused:
            self._collection_paused = False
            gc.enable()
            gc.collect(0)

    def linked(self, src_uri: str, urls: Iterable[str]) -> None:
        """The entries a page just rendered links, automatically or by hand (`on_page_content`)."""
        if self.active:
            self._pending_linked[src_uri] = frozenset(urls)

    def mark(
        self, files: Files, plans: Mapping[str, Any], targets: Mapping[str, Any] | None = None
    ) -> int:
        """Mark the generated files equal to the last successful build as kept.

        After a site-wide change hand-written pages are rebuilt too (their nav
        and links may depend on it). `targets` are the term matcher's, by URL:
        pages whose links they change are rebuilt (see `_relink`). Returns how
        many files are kept.
        """
        if not self.active:
            return 0
        self._pending_targets = dict(targets or {})
        self._pending_linked = {}
        self._pending_present = set(files.src_uris)
        if self._full:
            for page in _hand_written(files):
                page.__class__ = RebuiltFile
        self._pending = {}
        self._pending_written = {}
        self.kept = 0
        for file in files:
            if file.generated_by is not None:
                self._pending_written[file.src_uri] = file.abs_dest_path
            if file.src_uri in self._pending_files:
                self.kept += isinstance(file, KeptFile)
                continue
            signature = self._signature(file, plans)
            if signature is None:
                continue
            self._pending[file.src_uri] = signature
            if file.src_uri in self._signatures and self._signatures[file.src_uri] == signature:
                keep(file, self._still_written(file))
                self.kept += 1
        if not self._full:
            self._relink(files)
        return self.kept

    def _relink(self, files: Files) -> None:
        """Rebuild the kept pages whose automatic links or cards the saved entries change.

        A page's plan does not show the entries its text merely mentions, yet its
        HTML links them and carries their cards. So a page is rebuilt when an
        entry it linked last time changed (a new summary on its card, a new
        title, gone) or, for an entry with new names (a new entry, a renamed
        one), when its text holds every word of one of them (a superset of the
        pages that will link it; hand-written pages are looked at too).
        """
        old, new = self._targets, self._pending_targets
        changed = {url for url in old.keys() | new.keys() if not _same(old.get(url), new.get(url))}
        if not changed:
            return
        named = [
            _name_words(name)
            for url in changed
            if url in new and (url not in old or old[url].names != new[url].names)
            for name in new[url].names
        ]
        for file in self._relink_candidates(files, changed, bool(named)):
            kept, hand = isinstance(file, KeptFile), file.generated_by is None
            if not ((kept or hand) and file.is_documentation_page()):
                continue
            if self._linked.get(file.src_uri, frozenset()) & changed or _mentions(file, named):
                file.__class__ = RebuiltFile if hand else File
                self.kept -= kept

    def _relink_candidates(self, files: Files, changed: set[str], named: bool) -> Iterable[File]:
        """Every file when names changed (any text may now mention one); otherwise only the
        pages that linked a changed entry last time, found through `_linkers`."""
        if named:
            return files
        pages = set().union(*(self._linkers.get(url, ()) for url in changed))
        found = (files.src_uris.get(src_uri) for src_uri in sorted(pages))
        return [file for file in found if file is not None]

    @staticmethod
    def _signature(file: File, plans: Mapping[str, Any]) -> Any:
        """What a generated file is made from: its plan for a page, its content otherwise."""
        if file.generated_by is None:
            return None
        if file.src_uri in plans:
            return plans[file.src_uri]
        try:
            return file.content_bytes if file.abs_src_path is None else None
        except (OSError, TypeError):
            return None

    def commit(self) -> None:
        """The build succeeded: its files are now what the site holds."""
        self.entries.last_reads, self.entries.reads = self.entries.reads, 0
        if self.active:
            self._signatures = self._pending
            self._pending = {}
            self._files, self._pending_files = self._pending_files, {}
            gone = set(self._written.values()) - set(self._pending_written.values())
            _remove_outputs(gone)
            self._written, self._pending_written = self._pending_written, {}
            self._site_folder = _folder_identity(self._site_dir)
            self._fingerprint = self._next_fingerprint
            present = self._pending_present
            self._index_linked(present)
            self._targets = self._pending_targets
            if self._full:
                _freeze_the_site()

    def _index_linked(self, present: set[str]) -> None:
        """Take the pages just rendered into `_linked` and `_linkers`, and forget the pages
        the build no longer has."""
        for src_uri in [k for k in self._linked if k not in present]:
            self._unlink(src_uri)
        for src_uri, urls in self._pending_linked.items():
            self._unlink(src_uri)
            self._linked[src_uri] = urls
            for url in urls:
                self._linkers.setdefault(url, set()).add(src_uri)

    def _unlink(self, src_uri: str) -> None:
        for url in self._linked.pop(src_uri, ()):
            pages = self._linkers.get(url)
            if pages is not None:
                pages.discard(src_uri)
                if not pages:
                    del self._linkers[url]


def _same(old: object, new: object) -> bool:
    """Equal: told by identity first, since an unchanged entry's target is the last one."""
    return old is new or old == new


def _name_words(name: str) -> list[str]:
    """A name's words as a case-folded text must hold them, the last cut short so that its
    plurals hold it too (matrix → matri…ces)."""
    words = re.findall(r"\w+", name.casefold())
    if words:
        words[-1] = words[-1][: max(3, len(words[-1]) - 2)]
    return words


def _mentions(file: File, names: list[list[str]]) -> bool:
    """Whether the page's source may mention one of `names` (every word of it is there)."""
    if not names:
        return False
    try:
        text = file.content_string.casefold()
    except (OSError, UnicodeDecodeError):
        return True
    return any(words and all(word in text for word in words) for words in names)


def _freeze_the_site() -> None:
    """Leave what a full build made out of Python's cyclic garbage collection.

    A session holds a million objects at 10,000 entries (entries, plans, MkDocs
    files and pages), nearly all of them alive until the next site-wide change.
    Each save allocates a few hundred thousand more, enough for a full
    collection or two, and each of those walked all million: 1.2–2.4 s of a
    save at 10,000 entries. Frozen (`gc.freeze`), they are not walked; what
    was frozen and later dies is collected at the next full build, which
    unfreezes first, so at most one full build's objects wait that long.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _remove_outputs(paths: Iterable[str]) -> None:
    """Delete what a deleted entry's pages wrote, and the folders that leaves empty, so the
    served site holds what a clean build would (MkDocs' dirty mode never deletes)."""
    for path in sorted(paths):
        output = Path(path)
        output.unlink(missing_ok=True)
        folder = output.parent
        while folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
