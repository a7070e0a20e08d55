"""The MkDocs side of the persistent build cache (`termsite.build_cache` stores the pages).

`termsite build` turns the cache on and runs MkDocs in its `dirty` mode, in
which MkDocs neither reads nor renders a page whose `File.is_modified()` is
false. A generated page whose key is found in the cache gets exactly that
(`CachedPageFile`), and a second, static file copies the stored HTML to the
page's place. Everything else MkDocs learns from rendering a page is restored
from the cache too: the anchors other pages may link to and the page's own
anchor links (so MkDocs still checks them), and the search index is fed the
stored HTML in the order a clean build feeds it (Pagefind's output depends on
the order).

A page's key is the site-wide salt (see `site_salt`) with its `PagePlan`,
which is what its Markdown is rendered from (as the serve loop also relies on)
and what its JSON-LD and social card are made from (the additions of
`on_page_context`). The salt holds the name of every file of the site, as its
links resolve against them: a page that links to an entry which has gone
stops being a hit. So a hit's Markdown is never rendered (`page_files`). A
page whose build logged a warning is not stored: the next build must say it
again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from termsite import build_cache
from termsite.generate.plan import PagePlan
from termsite.mkdocs_plugin.incremental import DIRTY_WARNING
from termsite.mkdocs_plugin.page_files import PlannedFile
from termsite.mkdocs_plugin.static_files import site_unread_until_post_build
from termsite.search import StreamingIndexer
from termsite.search.reuse import StoredPart, content_id

__all__ = ["CachedPageFile", "PageCache", "plan_fingerprint", "site_salt"]

log = logging.getLogger("mkdocs.plugins.termsite")

PACKAGE_DIRS = (Path(build_cache.__file__).resolve().parent,)
UNSTABLE_CONFIG = frozenset({"site_dir", "plugins"})
"""`site_dir` is a fresh staging folder each build; plugins are in the versions and mkdocs.yml."""


class CachedPageFile(PlannedFile):
    """A generated page taken from the cache: MkDocs' dirty mode neither reads nor renders it."""

    def is_modified(self) -> bool:
        return False


def _calculators_dir() -> list[Path]:
    try:
        import calculators
    except ImportError:
        return []
    return [Path(calculators.__file__).resolve().parent]


def _plain(value: Any) -> Any:
    """A JSON-able copy of a configuration value; objects become their text, never an id."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    text = str(value)
    return type(value).__name__ if " at 0x" in text else text


def _folder_content(folders: Iterable[Path]) -> list[str | bytes]:
    parts: list[str | bytes] = []
    for folder in folders:
        files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
        parts += [part for path in files for part in (path.as_posix(), path.read_bytes())]
    return parts


def site_salt(config: MkDocsConfig, files: Files, template_dirs: Iterable[Path]) -> str:
    """Everything site-wide a generated page's HTML may depend on, as one digest.

    The code and versions of termsite, the calculators, MkDocs, Material and
    every installed MkDocs plugin or theme; `mkdocs.yml` as written and as
    loaded (an `!ENV` value can change without the file); the site's own
    templates; every hand-written page (the nav shows their titles) and the
    names of all files, generated ones included (links resolve against them).
    """
    config_file = Path(config.config_file_path) if config.config_file_path else None
    loaded = {k: _plain(v) for k, v in config.items() if k not in UNSTABLE_CONFIG}
    parts: list[str | bytes] = [
        str(build_cache.CACHE_FORMAT),
        build_cache.versions(),
        build_cache.code_digest(*PACKAGE_DIRS, *_calculators_dir()),
        config_file.read_bytes() if config_file and config_file.is_file() else b"",
        json.dumps(loaded, sort_keys=True, default=str),
        *_folder_content(template_dirs),
    ]
    for file in sorted(files, key=lambda f: f.src_uri):
        parts.append(file.src_uri)
        if file.generated_by is None and file.is_documentation_page():
            parts.append(file.content_bytes)
    return build_cache.digest(*parts)


def plan_fingerprint(value: Any, memo: dict[int, str]) -> str:
    """Everything a page plan holds, as text for its key: what `repr` would say of it,
    but each dataclass and tuple inside it said once (a dataclass as a digest), kept in
    `memo` by object, for one set of plans that all stay alive meanwhile. At 10,000
    entries the plans' `repr` was 2 s: an entry's link is shared by the dozens of
    listings and pages that show it, and an area's first page holds every member.
    Plain values (200,000 strings) are said by `repr` where they stand, not kept."""
    kind = type(value)
    if kind in _PLAIN:
        return repr(value)
    known = memo.get(id(value))
    if known is not None:
        return known
    if kind is tuple:
        known = "(" + ",".join([_said(item, memo) for item in value]) + ")"
    elif names := _field_names(kind):
        # One string a digest: no text said here holds a NUL (`repr` escapes it).
        fields = [_type_name(kind), *[_said(getattr(value, name), memo) for name in names]]
        known = hashlib.blake2b("\0".join(fields).encode(), digest_size=20).hexdigest()
    else:
        known = repr(value)
    memo[id(value)] = known
    return known


def _type_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _said(item: Any, memo: dict[int, str]) -> str:
    if type(item) in _PLAIN:
        return repr(item)
    return memo.get(id(item)) or plan_fingerprint(item, memo)


_PLAIN = frozenset({str, int, bool, float, type(None), dt.date, dt.datetime})
"""Values whose `repr` is short and says all of them."""

_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass type (all of them, even those `repr` leaves out)."""
    names = _FIELDS.get(kind)
    if names is None:
        is_dataclass = dataclasses.is_dataclass(kind)
        names = tuple(field.name for field in dataclasses.fields(kind)) if is_dataclass else ()
        _FIELDS[kind] = names
    return names


class PageCache:
    """The cache during one build: which pages are hits, and what to store afterwards."""

    def __init__(self, warnings: Callable[[], int] = lambda: 0) -> None:
        self.current: Callable[[Sequence[str]], str] | None = None
        """The digest of named things a page's rendering revealed it depends on (linked
        entries' cards), as they are in this build; set by the plugin each build."""
        self._depends: dict[str, list[str]] = {}
        self.enabled = False
        self.store: build_cache.BuildCache | None = None
        self._warnings = warnings
        self._keys: dict[str, str] = {}
        self._hits: dict[str, build_cache.Stored] = {}
        self._copied: set[str] = set()
        self._salt = ""
        self.search_parts: dict[int, StoredPart] = {}
        """The last build's search index parts made under this build's salt (`search.reuse`)."""
        self._warned: set[str] = set()
        self._mark = 0
        self._order: list[File] = []
        self._fed = 0
        self.linker = Linker()

    @property
    def hits(self) -> int:
        return len(self._hits)

    def warm(self, folder: Path) -> bool:
        """Whether this build may find pages in the cache in `folder` (it has a manifest).

        Then the second core renders page sources only once `begin` has found which
        pages it must: started before, it rendered every page of the site from the back
        (at 10,000 entries, 11,000 sources a rebuild then threw away)."""
        return self.enabled and (folder / build_cache.MANIFEST).is_file()

    def misses(self, plans: Iterable[PagePlan]) -> list[PagePlan]:
        """The plans whose pages `begin` did not find in the cache, in their order."""
        return [plan for plan in plans if plan.src_uri not in self._hits]

    def use(self, enabled: bool) -> None:
        """Turn the cache on or off; `termsite build` turns it on unless `--no-cache`."""
        self.enabled = enabled
        build_log = logging.getLogger("mkdocs.commands.build")
        build_log.removeFilter(DIRTY_WARNING)
        if enabled:  # the cache runs MkDocs' dirty mode, which warns about itself
            build_log.addFilter(DIRTY_WARNING)

    def begin(
        self,
        config: MkDocsConfig,
        files: Files,
        plans: Mapping[str, PagePlan],
        template_dirs: Iterable[Path],
        folder: Path,
        site_wide: str = "",
    ) -> list[File]:
        """Key every generated page; mark the hits and return the files that copy them."""
        self._keys, self._hits, self._warned, self._order, self._fed = {}, {}, set(), [], 0
        self._depends, self._copied = {}, set()
        self.store, self.search_parts = None, {}
        if not self.enabled:
            return []
        self.store = build_cache.BuildCache.open(folder)
        salt = build_cache.digest(site_salt(config, files, template_dirs), site_wide)
        self._salt = salt
        known = files.src_uris
        asked: list[tuple[File, bool, build_cache.Lookup]] = []
        fingerprints: dict[int, str] = {}
        for src_uri, plan in plans.items():
            file = known.get(src_uri)
            if file is None or file.generated_by is None:  # a hand-written page won
                continue
            key = build_cache.digest(salt, plan_fingerprint(plan, fingerprints))
            self._keys[src_uri] = key
            asked.append((file, False, (src_uri, key, self.current)))
            copy = known.get(f"{src_uri}.copy") if plan.markdown_copy else None
            if copy is not None:  # the page's Markdown copy is made from the plan alone
                self._keys[copy.src_uri] = key
                asked.append((copy, True, (copy.src_uri, key, None)))
        answers = self.store.get_all([lookup for _, _, lookup in asked])
        found: list[tuple[File, build_cache.Stored]] = []
        copies: list[tuple[File, build_cache.Stored]] = []
        for (file, is_copy, _), stored in zip(asked, answers, strict=True):
            if stored is not None:
                (copies if is_copy else found).append((file, stored))
        self.search_parts = self.store.search_parts(salt)
        if self.store.note:  # damaged somewhere: trust none of it, not even the pages checked
            log.info(self.store.note)
            self.store.note = ""
            found, copies, self.search_parts = [], [], {}
        self._hits = {file.src_uri: stored for file, stored in found}
        self._copied = {file.src_uri for file, _ in copies}
        for file, _ in copies:
            files.remove(file)
        return [_copy_of(config, file, stored) for file, stored in found] + [
            _stored_file(config, file.dest_uri, stored) for file, stored in copies
        ]

    def keep_copies(self, files: Files) -> None:
        """Store the Markdown copies this build rendered (`begin` keyed them with their page)."""
        for src_uri, key in self._keys.items():
            file = files.src_uris.get(src_uri) if src_uri.endswith(".copy") else None
            if self.store is not None and file is not None and src_uri not in self._copied:
                written = Path(file.abs_dest_path)
                self.store.put(src_uri, key, file.content_bytes, written_to=written)

    def restore(self, files: Files) -> None:
        """Give cached pages what rendering would have: anchors, anchor links (`on_env`)."""
        self._order = list(files.documentation_pages()) if self._hits else []
        for src_uri, stored in self._hits.items():
            file = files.get_file_from_path(src_uri)
            if file is None or file.page is None:
                continue
            file.page.present_anchor_ids = set(stored.anchors)
            file.page.links_to_anchors = {
                target: dict(links)
                for uri, links in stored.anchor_links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }

    def page_started(self) -> None:
        """A page begins reading or rendering: warnings from now on are its own."""
        self._mark = self._warnings()

    def page_done(self, page: Page) -> None:
        """A page finished reading or rendering: remember whether it warned."""
        if self._warnings() != self._mark:
            self._warned.add(page.file.src_uri)

    def depends_on(self, page: Page, names: Sequence[str]) -> None:
        """The page's HTML also shows these named things (see `current`)."""
        self._depends[page.file.src_uri] = list(names)

    def written(self, page: Page, html: str) -> str:
        """Store a freshly rendered generated page, unless its build warned; its
        `content_id` for the search index when it was stored (else "")."""
        src_uri = page.file.src_uri
        key = self._keys.get(src_uri)
        if self.store is None or key is None or src_uri in self._warned:
            return ""
        anchor_links = {
            target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
        }
        names = self._depends.get(src_uri, [])
        depends = (names, self.current(names) if self.current and names else "")
        if names and self.current is None:
            return ""
        searched = content_id(html)
        self.store.put(
            src_uri,
            key,
            html.encode("utf-8"),
            page.present_anchor_ids or (),
            anchor_links,
            depends,
            written_to=Path(page.file.abs_dest_path),
            content_id=searched,
        )
        return searched

    def feed_before(self, page: Page | None) -> Iterator[tuple[str, Callable[[], str], str, str]]:
        """(source, what reads its HTML, URL, `content_id`) of each cached page MkDocs
        would have written before `page` (all remaining ones for None), for the search
        index to receive in build order."""
        while self._fed < len(self._order):
            file = self._order[self._fed]
            if page is not None and file is page.file:
                self._fed += 1
                return
            self._fed += 1
            stored = self._hits.get(file.src_uri)
            if stored is not None:
                url = file.page.url if file.page is not None else file.url  # home: '' not './'
                html = functools.partial(Path(stored.path).read_text, encoding="utf-8")
                yield file.src_uri, html, url, stored.content_id

    def part_intact(self, part: int, stored: StoredPart) -> bool:
        """Whether a stored search part's files are intact, so it may be reused."""
        return self.store is not None and self.store.part_intact(part, stored)

    def keep_search(self, stream: StreamingIndexer) -> None:
        """Store the search index parts the build indexed, for the next build to reuse."""
        for part, (sequence, names) in sorted(stream.written.items()):
            folder = stream.part_folder(part)
            if self.store is not None:
                files = [(name, folder / name) for name in names]
                self.store.put_search_part(part, self._salt, sequence, files)

    def commit(self) -> None:
        """The build succeeded: write what it rendered into the cache."""
        if self.store is not None:
            self.store.save()
            if self.store.note:
                log.info(self.store.note)
            self.store = None

    def link_hits(self, config: MkDocsConfig, files: Files, owner: object) -> None:
        """Hand the cached pages to a `Linker` (end of `on_files`); `links_done` waits.

        Only where nothing could look at them before: when `owner` (termsite) alone
        handles `post_build`, and for a page no other written file shares its place with
        (a cached page itself is never written: `CachedPageFile`).
        """
        if not self._hits or not site_unread_until_post_build(config, owner):
            return
        written = Counter(f.dest_uri for f in files if not isinstance(f, CachedPageFile))
        stored = [f for f in files if isinstance(f, StoredPageFile) and written[f.dest_uri] == 1]
        self.linker.start(stored)

    def links_done(self) -> None:
        """Wait for the `Linker` (first thing in `on_post_build`)."""
        self.linker.wait()

    def discard(self) -> None:
        self.linker.stop()
        if self.store is not None:
            self.store.discard()
            self.store = None


class StoredPageFile(File):
    """Puts a stored page in its place in the site as a hard link to the cache's file.

    Linking writes no bytes, and deleting the previous site later frees no blocks
    (on a disk mounted with `discard`, freeing a file's blocks costs milliseconds).
    The cache never writes its files in place, and `BuildCache.get` checks a stored
    page's digest before each use, so a site file edited in place cannot slip back
    into a build. Where a link is impossible (another file system), it is copied.
    """

    elsewhere = False
    """A `Linker` puts this one in place."""

    def copy_file(self, dirty: bool = False) -> None:
        """Link first and make the folder or clear the way only when the link says so: the
        staging folder starts empty, and 21,000 pages a rebuild each paid an unlink."""
        if self.elsewhere:
            return
        assert self.abs_src_path is not None
        output = self.abs_dest_path
        try:
            _link(self.abs_src_path, output)
        except OSError:
            super().copy_file(dirty=False)


LINKER = r"""
import os, shutil, sys
names = sys.stdin.buffer.read().split(b"\0")
made = set()
for source, output in zip(names[0::2], names[1::2]):
    folder = os.path.dirname(output)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
    try:
        os.link(source, output)
    except FileExistsError:
        os.unlink(output)
        os.link(source, output)
    except OSError:
        shutil.copyfile(source, output)
"""
"""What the `Linker` runs: (stored file, place in the site) pairs, NUL-separated, on stdin."""


class Linker:
    """Puts the cached pages in place from another process while the build goes on.

    At 10,000 entries a rebuild links 21,000 stored files into 13,000 new folders, two
    seconds of system calls that each want the interpreter back from a build that rarely
    lets go of it; a small process does them on the other core instead. Should it fail,
    the build links them itself (`wait`), so the site is the same either way.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._pairs: list[tuple[str, str]] = []

    def start(self, files: Sequence[StoredPageFile]) -> None:
        pairs = [(f.abs_src_path or "", f.abs_dest_path) for f in files]
        with tempfile.TemporaryFile(prefix="termsite-links-") as spool:
            spool.write(b"\0".join(os.fsencode(name) for pair in pairs for name in pair))
            spool.seek(0)
            try:
                command = [sys.executable, "-I", "-S", "-c", LINKER]
                quiet = subprocess.DEVNULL
                self._process = subprocess.Popen(command, stdin=spool, stdout=quiet, stderr=quiet)
            except OSError:
                return  # the files link themselves, as MkDocs copies them
        for file in files:
            file.elsewhere = True
        self._pairs = pairs

    def wait(self) -> None:
        """Every page is in place once this returns (linked here if the process failed)."""
        process, self._process = self._process, None
        if process is not None and process.wait() != 0:
            for source, output in self._pairs:
                try:
                    _link(source, output)
                except OSError:
                    shutil.copyfile(source, output)
        self._pairs = []

    def stop(self) -> None:
        """The build failed: end the process before the staging folder goes."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
        self._pairs = []


def _link(source: str, output: str) -> None:
    """A hard link at `output` to `source`, making its folder or replacing a file there."""
    try:
        os.link(source, output)
        return
    except FileNotFoundError:
        os.makedirs(os.path.dirname(output), exist_ok=True)
    except FileExistsError:
        os.unlink(output)
    os.link(source, output)


def _copy_of(config: MkDocsConfig, page: File, stored: build_cache.Stored) -> File:
    """A static file that puts the stored HTML where the page would have been written."""
    page.__class__ = CachedPageFile
    return _stored_file(config, page.dest_uri, stored)


def _stored_file(config: MkDocsConfig, dest_uri: str, stored: build_cache.Stored) -> File:
    copy = StoredPageFile.generated(config, f"{dest_uri}.cached", abs_src_path=stored.path)
    copy.dest_uri = dest_uri
    return copy
