"""Indexing pages as MkDocs writes them, for one-off builds.

MkDocs renders on one core; run after the build, Pagefind would add its own
time (a tenth of a 10,000-page build). Fed each page as it is written, the
Pagefind service (the wheel's binary, `--service`) indexes on the core MkDocs
leaves idle, and only writing the bundle is left for the end. Pages are the
documentation pages MkDocs renders (redirect stubs and the 404 page are not
content).

The service reads base64 JSON messages ended by commas on stdin and answers
the same way on stdout. The `pagefind` package's own asyncio client polls for
each answer after a 0.1 s sleep (17 minutes for 10,000 pages), so this module
speaks the protocol itself: one writer (the build) and one reader thread.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
import zlib
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from termsite.search.markup import indexed_part
from termsite.search.pagefind import (
    BUNDLE_DIR,
    EXCLUDED_SELECTORS,
    PARTS,
    PARTS_LIST,
    ROOT_SELECTOR,
    SearchIndex,
    SearchIndexError,
    drop_unused,
    part_dir,
    write_parts_list,
)
from termsite.search.reuse import Html, PartReuse, StoredPart

__all__ = ["SERVICES", "StreamingIndexer", "default_services", "index_site", "part_of"]

IN_FLIGHT = 64
"""Pages sent to a service but not yet answered before `add` waits: bounds what the pipe
holds."""
SERVICES = 2
"""Pagefind services a build runs at most (one a core)."""
EXIT_WAIT_S = 60
"""How long the service gets to exit by itself once its input is closed."""
WRITERS = 8
"""Threads writing a part's files at the end of the build."""


def _binary() -> Path:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("The Pagefind binary is missing: reinstall 'pagefind[extended]'.")
    return found


def _encode(message: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps(message).encode("utf-8")) + b","


class _Answers:
    """Reads the service's answers on a thread; `wait(n)` blocks until answer n arrived."""

    def __init__(self, stdout: IO[bytes]) -> None:
        self._stdout = stdout
        self._done = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}
        self._closed = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        """Split the stream into messages; a message's unended start waits in `pieces`,
        so a bundle's answer of megabytes is not scanned again with every chunk."""
        pieces: list[bytes] = []
        while chunk := self._stdout.read1(1 << 20):  # type: ignore[attr-defined]
            *messages, rest = chunk.split(b",")
            if messages:
                messages[0] = b"".join([*pieces, messages[0]])
                pieces = []
                self._keep(messages)
            pieces.append(rest)
        with self._done:
            self._closed = True
            self._done.notify_all()

    def _keep(self, messages: list[bytes]) -> None:
        with self._done:
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                self._answers[int(answer.get("message_id") or 0)] = answer["payload"]
            self._done.notify_all()

    def wait(self, message_id: int) -> dict[str, Any]:
        with self._done:
            self._done.wait_for(lambda: message_id in self._answers or self._closed)
            answer = self._answers.pop(message_id, None)
        if answer is None:
            raise SearchIndexError("The Pagefind service stopped before it answered.")
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind could not index a page: {answer.get('message')}")
        return answer


def part_of(url: str, parts: int = PARTS) -> int:
    """The index part a page goes to: a hash of its URL, so every part is a like sample
    of the site (Pagefind's scores stay comparable across parts) and a page stays put."""
    return zlib.crc32(url.encode("utf-8")) % parts


class _Service:
    """One Pagefind service process: its pipe, its answers, and what it was sent."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [str(_binary()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.process.stdout is not None
        self.answers = _Answers(self.process.stdout)
        self.sent = 0
        self.answered = 0

    def send(self, payload: dict[str, Any]) -> int:
        assert self.process.stdin is not None
        self.sent += 1
        try:
            self.process.stdin.write(_encode({"message_id": self.sent, "payload": payload}))
            self.process.stdin.flush()
        except OSError as error:
            raise SearchIndexError(f"The Pagefind service stopped: {error}") from None
        return self.sent

    def next_answer(self) -> dict[str, Any]:
        self.answered += 1
        return self.answers.wait(self.answered)

    def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one message and wait for its answer (every earlier answer first)."""
        self.send(payload)
        self.drain(1)
        return self.next_answer()

    def drain(self, down_to: int = 0) -> None:
        """Wait for answers until at most `down_to` messages are unanswered."""
        while self.sent - self.answered > down_to:
            self.next_answer()

    def stop(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        try:  # the service may still be flushing the bundle after it answered WriteFiles
            self.process.wait(timeout=EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            self.process.wait()
        self.answers.thread.join()
        self.process.stdout.close()


def default_services() -> int:
    """One service per core, up to `SERVICES`."""
    return max(1, min(SERVICES, len(os.sched_getaffinity(0))))


class StreamingIndexer:
    """Pagefind services fed one page at a time while the build writes them.

    Each index part belongs to one service (part `n` to service `n % services`): a
    service does one thing at a time, and writing out the parts at the end is a third of
    its work (3,000 pages: 1.8 s of 4.8 s), left to the build's last seconds while the
    build waits; two services write theirs on two cores. A part gets the same pages in
    the same order whichever service holds it, so the bundle is the same bytes.
    """

    def __init__(self, parts: int = PARTS, services: int | None = None) -> None:
        self._services: list[_Service] = []
        self._count = services
        self._parts = parts
        self._index_ids: list[tuple[_Service, int]] = []
        self._bundle = Path(BUNDLE_DIR)
        self._reuse: PartReuse | None = None
        self._usable: Callable[[int, StoredPart], bool] = lambda part, stored: False
        self.pages = 0
        self.reused: dict[int, StoredPart] = {}
        """The parts `finish` took from the last build."""
        self.written: dict[int, tuple[list[tuple[str, str]], list[str]]] = {}
        """Each part `finish` indexed: what it was fed, and its files (inside its folder)."""

    @property
    def running(self) -> bool:
        return bool(self._services)

    def start(
        self,
        site_dir: Path,
        stored: Mapping[int, StoredPart] | None = None,
        usable: Callable[[int, StoredPart], bool] = lambda part, stored: True,
    ) -> None:
        """Start the services; the bundle will be written to `site_dir/pagefind/`.

        `stored` are the last build's parts (`search.reuse`): one fed the same pages
        again is put in place from its files, if `usable` finds them intact.
        """
        self._bundle = site_dir / BUNDLE_DIR
        self._reuse = PartReuse(stored) if stored is not None else None
        self._usable = usable
        self.reused, self.written = {}, {}
        count = min(self._parts, self._count or default_services())
        self.pages = 0
        try:
            for _ in range(count):
                self._services.append(_Service())
            config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": list(EXCLUDED_SELECTORS)}
            new_index = {"type": "NewIndex", "config": config}
            services = [self._services[part % count] for part in range(self._parts)]
            self._index_ids = [
                (service, int(service.call(new_index)["index_id"])) for service in services
            ]
        except BaseException:
            self.stop()
            raise

    def add(self, html: Html, url: str, content_id: str = "") -> None:
        """Index one page (`url` is site-relative, as MkDocs gives it: `term/x/`);
        `content_id` is a digest of its HTML, by which a part may be reused."""
        if not self._services:
            return
        site_url = "/" + url.lstrip("/")
        self.pages += 1
        if self._reuse is None:
            self._add(html, site_url)
            return
        part = part_of(site_url, self._parts)
        for held, held_url in self._reuse.offer(part, site_url, content_id, html):
            self._add(held, held_url)

    def _add(self, html: Html, site_url: str) -> None:
        service, index_id = self._index_ids[part_of(site_url, self._parts)]
        service.send(
            {
                "type": "AddFile",
                "index_id": index_id,
                "url": site_url,
                "file_path": None,
                "file_contents": indexed_part(html if isinstance(html, str) else html()),
            }
        )
        service.drain(IN_FLIGHT)

    def finish(self) -> SearchIndex:
        """Wait for every page, write the bundle, stop the services."""
        try:
            if self._reuse is not None:
                self.reused, rest = self._reuse.finish(self._usable)
                for html, url in rest:
                    self._add(html, url)
            asked = {
                part: (service, service.send({"type": "GetFiles", "index_id": index_id}))
                for part, (service, index_id) in enumerate(self._index_ids)
                if part not in self.reused
            }
            fresh = self._bundle.with_name(f".{self._bundle.name}-new")
            shutil.rmtree(fresh, ignore_errors=True)
            for part in range(self._parts):
                if part in self.reused:
                    link_part(fresh / part_dir(part), self.reused[part])
                    continue
                service, message_id = asked[part]
                service.drain(service.sent - message_id + 1)
                write_bundle(fresh / part_dir(part), service.next_answer()["files"])
        finally:
            self.stop()
        drop_unused(fresh, self._parts)
        write_parts_list(fresh, self._parts)
        sequences = self._reuse.sequences if self._reuse is not None else {}
        self.written = {
            part: (sequences.get(part, []), part_files(fresh, part, self._parts))
            for part in range(self._parts)
            if part not in self.reused
        }
        replace_bundle(fresh, self._bundle)
        return SearchIndex(pages=self.pages, bundle=self._bundle)

    def part_folder(self, part: int) -> Path:
        """Where the bundle keeps `part` once `finish` has written it."""
        return self._bundle / part_dir(part)

    def stop(self) -> None:
        """Stop the services (after `finish`, or when the build failed)."""
        services, self._services = self._services, []
        for service in services:
            service.stop()


def replace_bundle(fresh: Path, bundle: Path) -> None:
    """Put the new bundle in place of the old in two renames: a reader searching while
    `serve` re-indexes never finds it half-written, and no file of the old one lingers."""
    old = bundle.with_name(f".{bundle.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def link_part(folder: Path, stored: StoredPart) -> None:
    """Put a stored part's files in place: hard links to the stored files, or copies."""
    for relative, source in stored.files:
        destination = folder / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, destination)
        except OSError:
            shutil.copyfile(source, destination)


def part_files(bundle: Path, part: int, parts: int = PARTS) -> list[str]:
    """The files of `part` (paths inside its folder); part 0's folder, the bundle, also
    holds the other parts' folders and their list, which are not part 0's (and are not
    walked: at 10,000 pages they hold thousands of fragments)."""
    others = {part_dir(n) for n in range(1, parts)} | {PARTS_LIST} if part == 0 else set()
    found: list[tuple[str, ...]] = []
    _walk_part(bundle / part_dir(part), (), others, found)
    return ["/".join(relative) for relative in sorted(found)]


def _walk_part(
    folder: Path, inside: tuple[str, ...], skipped: set[str], found: list[tuple[str, ...]]
) -> None:
    if not folder.is_dir():
        return
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in skipped:
                continue
            if entry.is_dir(follow_symlinks=False):
                _walk_part(Path(entry.path), (*inside, entry.name), set(), found)
            elif entry.is_file():
                found.append((*inside, entry.name))


def write_bundle(bundle: Path, files: list[dict[str, str]]) -> None:
    """Write the bundle ourselves, so it is complete when `finish` returns.

    With `WriteFiles` the service answered before its last file was flushed, and a
    loaded machine could stop it with `pagefind.js` half-written. A part at 10,000
    pages is 2,500 files, and the build has nothing else to do while they are made:
    they are written on a few threads (creating a file mostly waits on the disk).
    """
    written: list[tuple[Path, str]] = []
    for file in sorted(files, key=lambda f: f["path"]):
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise SearchIndexError(f"Pagefind gave an unexpected file path: {file['path']}")
        written.append((bundle / relative, file["content"]))
    for folder in sorted({destination.parent for destination, _ in written}):
        folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        list(pool.map(_write_decoded, written))


def _write_decoded(file: tuple[Path, str]) -> None:
    destination, content = file
    destination.write_bytes(base64.b64decode(content))


def index_site(site_dir: Path) -> SearchIndex:
    """Index the pages already written under `site_dir` (`serve`, and builds without the
    service running), the same way a build indexes them as it writes them.

    Only pages marked for the index (`data-pagefind-body`) are sent: a site with no page
    in Material's article layout (another theme) gets no search bundle, which is not an
    error.
    """
    if not site_dir.is_dir():
        raise SearchIndexError(
            f"The site folder '{site_dir}' does not exist, so it cannot be indexed."
        )
    pages = [(path, site_url(site_dir, path)) for path in sorted(site_dir.rglob("*.html"))]
    indexer = StreamingIndexer(services=1)  # `serve`: the next save gets the other core
    indexer.start(site_dir)
    try:
        for path, url in pages:
            html = path.read_text(encoding="utf-8", errors="replace")
            if url is not None and "data-pagefind-body" in html:
                indexer.add(html, url)
        if indexer.pages == 0:
            return SearchIndex(pages=0, bundle=site_dir / BUNDLE_DIR)
        return indexer.finish()
    finally:
        indexer.stop()


def site_url(site_dir: Path, page: Path) -> str | None:
    """`term/x/index.html` → `term/x/`, as MkDocs gives page URLs; None inside the bundle."""
    relative = page.relative_to(site_dir)
    if relative.parts[0] == BUNDLE_DIR:
        return None
    if relative.name == "index.html":
        return "" if len(relative.parts) == 1 else relative.parent.as_posix() + "/"
    return relative.as_posix()
