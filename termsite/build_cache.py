"""The persistent build cache: each generated page's HTML, kept between `termsite build` runs.

A 10,000-entry build renders 11,000 pages, and after a one-line edit all but
a dozen come out byte for byte as before. The cache keeps, beside `mkdocs.yml`
(`.termsite-cache/` by default), each page's HTML under a key of everything
that HTML is made from: a site-wide *salt* (termsite's and the theme's code
and versions, `mkdocs.yml`, template overrides, hand-written pages) and the
page's own parts (its plan and its rendered Markdown). A page whose key is
unchanged is copied from the cache instead of being rendered.

The full build stays the truth: a key misses whenever anything the page is
made from changes, and a damaged cache (an unreadable manifest, a stored page
whose bytes do not match their digest) is ignored as a whole, with one line
saying so, rather than trusted. This module knows nothing of MkDocs; the
plugin's `mkdocs_plugin/cache.py` decides what goes into the keys.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from termsite.search.reuse import StoredPart

__all__ = [
    "CACHE_FORMAT",
    "PREVIOUS_SITE",
    "BuildCache",
    "Stored",
    "code_digest",
    "digest",
    "remove",
    "versions",
]

CACHE_FORMAT = 5
"""Bumped when the layout of the cache folder changes: an older cache is then simply cold."""
MANIFEST = "manifest.json"
PREVIOUS_SITE = "previous-site"
"""The site the last build replaced, kept here for the next build to delete while it
builds (`atomic_site.build_atomically`), not on the build that replaced it."""
PAGES = "pages"
IGNORE_FILE = ".gitignore"
PACKAGES = (
    "termsite",
    "pagefind",
    "pagefind-bin-extended",
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "pygments",
    "jinja2",
)
"""Distributions whose version changes what a page's HTML or the search index looks like."""
CHECKERS = 2
"""Threads that check stored pages' bytes (one a core)."""
Lookup = tuple[str, str, Callable[[Sequence[str]], str] | None]
"""A page asked of the cache: its source, its key, and what gives its dependencies' digest."""
FileStat = tuple[int, int, int]
"""A stored file's size, modification time (ns) and inode, as `os.stat` gives them."""
Check = tuple[str, int, str, FileStat | None]
"""A stored file to check: its path, its size, its digest, and its stat when it was last
found intact (None: never, or too soon after it was written to tell)."""
SETTLED_NS = 2_000_000_000
"""How old a file's modification time must be before its stat may vouch for its bytes:
file systems keep times to a tick (a jiffy on Linux, 2 s on FAT), so a file rewritten
within the tick of its last check could keep its time."""


def digest(*parts: str | bytes) -> str:
    """A short, collision-safe digest of `parts` (kept apart, so ('ab', 'c') ≠ ('a', 'bc'))."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_digest(*folders: Path) -> str:
    """The content of every source and template file under `folders` (a package's code).

    The version number alone does not change while termsite is being worked on,
    so the code itself is part of the key. Computed once a process.
    """
    files = sorted(
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    return digest(*(part for path in files for part in (path.as_posix(), path.read_bytes())))


@cache
def versions(extra: tuple[str, ...] = ()) -> str:
    """`name==version` of each distribution that shapes a page, plus MkDocs plugins and themes."""
    names = set(PACKAGES) | set(extra)
    for group in ("mkdocs.plugins", "mkdocs.themes"):
        for point in metadata.entry_points(group=group):
            if point.dist is not None:
                names.add(point.dist.name)
    found = []
    for name in sorted(names, key=str.lower):
        try:
            found.append(f"{name.lower()}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name.lower()}==none")
    return "\n".join(found)


@dataclass(frozen=True)
class Stored:
    """One cached page: where its HTML is, and what MkDocs learnt from it besides the HTML.

    `anchors` are the ids the page offers to links from other pages;
    `anchor_links` are its own links to anchors elsewhere (target source →
    anchor → the link as written), so MkDocs can still check them.
    """

    path: str
    """The stored file (a string: a rebuild at 10,000 entries makes 11,000 of these)."""
    anchors: tuple[str, ...] = ()
    anchor_links: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    digest: str = ""
    """Of the page's bytes."""
    content_id: str = ""
    """Of what the search index reads of the page: what names it to the index's reuse
    (`search.reuse.content_id`), stored so a cached page is not read to make it."""


class BuildCache:
    """The cache folder of one site: look pages up by key while building, store new ones.

    `open` reads the manifest; `get` answers a hit only after checking the
    stored bytes; `put` queues a page to be written on a writer thread (the
    build's own thread keeps rendering); `save` writes the new manifest
    atomically and removes pages no longer referenced. `note` is the one line
    to show when the cache was found damaged and ignored.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.note = ""
        self.hits = 0
        self._old: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}
        self._queue: queue.Queue[tuple[Path, bytes] | None] = queue.Queue(maxsize=256)
        self._writer: threading.Thread | None = None
        self._write_error: OSError | None = None
        self._links: list[tuple[str, Path, Path]] = []
        self._old_search: dict[int, dict[str, Any]] = {}
        self._new_search: dict[int, dict[str, Any]] = {}
        self._old_stats: dict[str, FileStat] = {}
        self._new_stats: dict[str, FileStat] = {}
        """Stored files (by name) found intact, or written, and the stat they had then."""

    @classmethod
    def open(cls, folder: Path) -> BuildCache:
        """The cache in `folder`; empty when there is none, and empty with a `note` when the
        manifest cannot be trusted."""
        found = cls(folder)
        manifest = folder / MANIFEST
        if not manifest.is_file():
            return found
        try:
            data = json.loads(manifest.read_bytes())
            current = data.get("format") == CACHE_FORMAT
            pages = data["pages"] if current else {}
            found._old = {str(uri): _checked(entry) for uri, entry in dict(pages).items()}
            parts = data["search"] if current else {}
            found._old_search = {
                int(part): _checked_part(stored) for part, stored in dict(parts).items()
            }
            stats = data["stats"] if current else {}
            found._old_stats = {_file_name(name): _stat(s) for name, s in dict(stats).items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            found._damaged(f"its manifest cannot be read ({type(error).__name__})")
        return found

    def _damaged(self, why: str) -> None:
        if not self.note:
            self.note = (
                f"The build cache in {self.folder.name}/ is damaged: {why}; building without it."
            )
        self._old = {}
        self._old_search = {}
        self._old_stats = {}

    def search_parts(self, salt: str) -> dict[int, StoredPart]:
        """The last build's search index parts, if they were made under `salt`; their
        files are checked only when a part is about to be reused (`part_intact`)."""
        found = {}
        for part, stored in self._old_search.items():
            if stored["salt"] == salt:
                files = tuple((rel, self._file_path(d)) for rel, d, _ in stored["files"])
                sequence = tuple((url, cid) for url, cid in stored["sequence"])
                found[part] = StoredPart(sequence, files)
        return found

    def part_intact(self, part: int, stored: StoredPart) -> bool:
        """Whether every stored file of `part` still has its bytes (else: damaged)."""
        entry = self._old_search.get(part)
        if entry is None:
            return False
        checks = [self._check(self._file_path(d), size, d) for _, d, size in entry["files"]]
        if any(self._checked_all(checks)):
            self._damaged(f"a stored part of the search index ({part}) is truncated or changed")
            return False
        self._new_search[part] = entry
        return True

    def _check(self, path: str | Path, size: int, file_digest: str) -> Check:
        return (str(path), size, file_digest, self._old_stats.get(os.path.basename(path)))

    def _checked_all(self, checks: list[Check]) -> list[str]:
        """The problem of each stored file (see `_problem`), checked on `CHECKERS` threads
        (reading and digesting let go of the interpreter); the stat of each intact one is
        kept for the next build."""
        size = -(-len(checks) // CHECKERS) or 1  # one slice a thread: a task each costs
        slices = [checks[at : at + size] for at in range(0, len(checks), size)]
        with ThreadPoolExecutor(CHECKERS, thread_name_prefix="cache-check") as pool:
            done = [result for results in pool.map(_problems, slices) for result in results]
        for check, (_, settled) in zip(checks, done, strict=True):
            if settled is not None:
                self._new_stats[os.path.basename(check[0])] = settled
        return [problem for problem, _ in done]

    def put_search_part(
        self,
        part: int,
        salt: str,
        sequence: Sequence[tuple[str, str]],
        files: Iterable[tuple[str, Path]],
    ) -> None:
        """Store a part the build indexed: what it was fed, and its files, each stored as
        a hard link to the file in the site (`files`: path inside the part, file)."""
        stored = []
        for relative, path in files:
            data = path.read_bytes()
            file_digest = digest(data)
            target = self._file_path(file_digest)
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(path, target)
            stored.append([relative, file_digest, len(data)])
        self._new_search[part] = {
            "salt": salt,
            "sequence": [list(item) for item in sequence],
            "files": stored,
        }

    def get(
        self, src_uri: str, key: str, current: Callable[[Sequence[str]], str] | None = None
    ) -> Stored | None:
        """The stored page of `src_uri` if it was stored under `key` and its bytes are intact.

        A page may also depend on things only its rendering revealed (the entries
        it links, whose cards it carries): `put` stored their names and a digest
        of them, and `current(names)` must still give that digest.
        """
        return self.get_all([(src_uri, key, current)])[0]

    def get_all(self, wanted: Sequence[Lookup]) -> list[Stored | None]:
        """`get` for many pages at once: their bytes are checked on `CHECKERS` threads
        (reading a file and digesting it let go of the interpreter, and a rebuild at
        10,000 entries checks 21,000 files)."""
        found: list[tuple[str, dict[str, Any]] | None] = []
        for src_uri, key, current in wanted:
            entry = self._old.get(src_uri)
            usable = entry is not None and _still_current(entry, key, current)
            found.append((src_uri, entry) if entry is not None and usable else None)
        pages = os.path.join(self.folder, PAGES)  # one Path per hit, not three
        checks = [
            self._check(os.path.join(pages, f"{e['digest']}.html"), e["size"], e["digest"])
            for _, e in filter(None, found)
        ]
        done = self._checked_all(checks)
        checked = iter(zip(checks, done, strict=True))
        return [self._checked_hit(hit, *next(checked)) if hit else None for hit in found]

    def _checked_hit(
        self, hit: tuple[str, dict[str, Any]], check: Check, problem: str
    ) -> Stored | None:
        src_uri, entry = hit
        if self.note:  # damaged: none of it is trusted
            return None
        if problem:
            self._damaged(f"the stored page of '{src_uri}' is {problem}")
            return None
        self._new[src_uri] = entry
        self.hits += 1
        anchors, links = tuple(entry["anchors"]), entry["anchor_links"]
        return Stored(check[0], anchors, links, entry["digest"], entry["content_id"])

    def put(
        self,
        src_uri: str,
        key: str,
        html: bytes,
        anchors: Iterable[str] = (),
        anchor_links: Mapping[str, Mapping[str, str]] | None = None,
        depends: tuple[Sequence[str], str] = ((), ""),
        written_to: Path | None = None,
        content_id: str = "",
    ) -> str:
        """Remember a freshly rendered page; its file is written on the writer thread.

        `depends` is (names, their digest now): what `get` checks besides the key.
        `written_to` is where the build writes these same bytes: the stored file is
        then a hard link to it, made by `save` (no second copy to write, and deleting
        that site later frees no blocks). `content_id` names the page to the search
        index's reuse. Returns the digest of `html`.
        """
        page_digest = digest(html)
        self._new[src_uri] = {
            "key": key,
            "depends": list(depends[0]),
            "seen": depends[1],
            "digest": page_digest,
            "content_id": content_id,
            "size": len(html),
            "anchors": sorted(anchors),
            "anchor_links": {t: dict(sorted(a.items())) for t, a in (anchor_links or {}).items()},
        }
        path = self._page_path(page_digest)
        if written_to is not None:
            self._links.append((src_uri, written_to, path))
        elif not path.is_file():
            self._start_writer()
            self._queue.put((path, html))
        return page_digest

    def forget(self, src_uri: str) -> None:
        """Do not keep `src_uri` (its build warned, so the next build must show it again)."""
        self._new.pop(src_uri, None)

    def save(self) -> None:
        """The build succeeded: write the manifest and drop pages nothing refers to.

        A cache that cannot be written only costs speed, so errors are noted,
        not raised.
        """
        self._stop_writer()
        if self._write_error is not None:
            self.note = f"The build cache could not be written ({self._write_error.strerror})."
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._link_written()
            (self.folder / IGNORE_FILE).write_text("# written by termsite\n*\n", encoding="utf-8")
            keep = self._kept_names()
            manifest = {
                "format": CACHE_FORMAT,
                "pages": dict(sorted(self._new.items())),
                "search": {str(part): self._new_search[part] for part in sorted(self._new_search)},
                "stats": dict(sorted(self._stats_of(keep).items())),
            }
            temporary = self.folder / f"{MANIFEST}.new"
            temporary.write_text(json.dumps(manifest, separators=(",", ":")), encoding="utf-8")
            os.replace(temporary, self.folder / MANIFEST)
            self._prune(keep)
        except OSError as error:
            self.note = f"The build cache could not be written ({error.strerror})."

    def _link_written(self) -> None:
        """Store each page the build wrote as a link to its file in the site (a copy where
        links are impossible); a file whose size is not the page's was not written as
        given, and that page is not stored."""
        (self.folder / PAGES).mkdir(parents=True, exist_ok=True)
        for src_uri, written, path in self._links:
            entry = self._new.get(src_uri)
            try:
                if entry is None or written.stat().st_size != entry["size"]:
                    self._new.pop(src_uri, None)
                elif not path.is_file():
                    _link_or_copy(written, path)
            except FileNotFoundError:
                self._new.pop(src_uri, None)
        self._links = []

    def discard(self) -> None:
        """The build failed: stop writing; the manifest of the last good build stays."""
        self._stop_writer()

    def _kept_names(self) -> set[str]:
        """The names of the stored files the new manifest refers to."""
        keep = {f"{entry['digest']}.html" for entry in self._new.values()}
        keep |= {
            self._file_path(file_digest).name
            for stored in self._new_search.values()
            for _, file_digest, _ in stored["files"]
        }
        return keep

    def _stats_of(self, names: set[str]) -> dict[str, FileStat]:
        """The stat of each kept file, for the next build to trust instead of reading it:
        that found this build (checked, or vouched for by its stat), else, for a file this
        build wrote, its stat now; only once its time has settled (`SETTLED_NS`)."""
        now = time.time_ns()
        stats: dict[str, FileStat] = {}
        pages = self.folder / PAGES
        for name in names:
            found = self._new_stats.get(name)
            if found is None:
                try:
                    found = _file_stat(os.stat(pages / name))
                except OSError:
                    continue
                found = found if _settled(found, now) else None
            if found is not None:
                stats[name] = found
        return stats

    def _prune(self, keep: set[str]) -> None:
        folder = self.folder / PAGES
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name not in keep:
                path.unlink(missing_ok=True)

    def _page_path(self, page_digest: str) -> Path:
        return self.folder / PAGES / f"{page_digest}.html"

    def _file_path(self, file_digest: str) -> Path:
        """A stored file of the search index (named apart from pages, which are .html)."""
        return self.folder / PAGES / f"{file_digest}.bin"

    def _start_writer(self) -> None:
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_pages, daemon=True)
            self._writer.start()

    def _stop_writer(self) -> None:
        if self._writer is not None:
            self._queue.put(None)
            self._writer.join()
            self._writer = None

    def _write_pages(self) -> None:
        """Write queued pages (file writes release the GIL, so rendering goes on meanwhile)."""
        (self.folder / PAGES).mkdir(parents=True, exist_ok=True)
        while (item := self._queue.get()) is not None:
            path, html = item
            if self._write_error is not None:
                continue
            try:
                temporary = path.with_suffix(".new")
                temporary.write_bytes(html)
                os.replace(temporary, path)
            except OSError as error:
                self._write_error = error


def _still_current(
    entry: dict[str, Any], key: str, current: Callable[[Sequence[str]], str] | None
) -> bool:
    """Whether a manifest entry was stored under `key`, and what it depends on is unchanged."""
    if entry["key"] != key:
        return False
    return not entry["depends"] or (
        current is not None and current(entry["depends"]) == entry["seen"]
    )


def _problems(checks: list[Check]) -> list[tuple[str, FileStat | None]]:
    now = time.time_ns()
    return [_problem(check, now) for check in checks]


def _problem(check: Check, now: int) -> tuple[str, FileStat | None]:
    """What is wrong with a stored file (`missing`, `truncated or changed`), or "", and
    the stat that vouches for it from now on (None: none does).

    A file whose stat is still the one it had when last found intact is not read: the
    cache never writes its files in place, and writing one in place (through the site's
    hard link to it) changes its modification time. Reading and digesting 21,000 pages
    was a tenth of a rebuild at 10,000 entries.
    """
    path, size, file_digest, known = check
    try:
        if known is not None and _file_stat(os.stat(path)) == known:
            return "", known
        found, data = _read(path)
    except OSError:
        return "missing", None
    if len(data) != size or digest(data) != file_digest:
        return "truncated or changed", None
    return "", found if _settled(found, now) else None


def _read(path: str) -> tuple[FileStat, bytes]:
    """A stored file's bytes, and its stat as they were read."""
    with open(path, "rb") as stored:
        return _file_stat(os.fstat(stored.fileno())), stored.read()


def _file_stat(result: os.stat_result) -> FileStat:
    return (result.st_size, result.st_mtime_ns, result.st_ino)


def _settled(stat: FileStat, now: int) -> bool:
    return stat[1] <= now - SETTLED_NS


def _file_name(name: Any) -> str:
    """A stored file's name from the manifest: a digest and a suffix, never a path."""
    stem, dot, suffix = str(name).partition(".")
    if suffix not in ("html", "bin"):
        raise ValueError("file name")
    return f"{_hex(stem)}{dot}{suffix}"


def _stat(value: Any) -> FileStat:
    size, mtime, inode = (int(item) for item in list(value))
    return (size, mtime, inode)


def _link_or_copy(source: Path, destination: Path) -> None:
    temporary = destination.with_suffix(".new")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, destination)


def _checked_part(entry: Any) -> dict[str, Any]:
    """A manifest's search part with the fields and types the cache relies on, or an error."""
    if not isinstance(entry, dict):
        raise TypeError("part")
    files = [[str(rel), _hex(file_digest), int(size)] for rel, file_digest, size in entry["files"]]
    if any(str(rel).startswith("/") or ".." in str(rel).split("/") for rel, _, _ in files):
        raise ValueError("path")
    return {
        "salt": str(entry["salt"]),
        "sequence": [[str(url), str(cid)] for url, cid in entry["sequence"]],
        "files": files,
    }


_HEX = re.compile("[0-9a-f]+")


def _hex(value: Any) -> str:
    text = str(value)
    if not _HEX.fullmatch(text):
        raise ValueError("digest")  # it names a file: never let it be a path
    return text


def _checked(entry: Any) -> dict[str, Any]:
    """A manifest entry with the fields and types `get` relies on, or a TypeError."""
    if not isinstance(entry, dict):
        raise TypeError("entry")
    page_digest = _hex(entry["digest"])
    checked: dict[str, Any] = {
        "key": str(entry["key"]),
        "depends": [str(name) for name in list(entry["depends"])],
        "seen": str(entry["seen"]),
        "digest": page_digest,
        "content_id": str(entry["content_id"]),
        "size": int(entry["size"]),
        "anchors": [str(anchor) for anchor in list(entry["anchors"])],
        "anchor_links": {
            str(target): {str(a): str(link) for a, link in dict(links).items()}
            for target, links in dict(entry["anchor_links"]).items()
        },
    }
    return checked


def remove(folder: Path) -> bool:
    """Delete the cache folder (`termsite clean-cache`); False when there was none."""
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
