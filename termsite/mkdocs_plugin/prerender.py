"""Rendering generated pages' Markdown on the second core, ahead of MkDocs' serial loop.

MkDocs reads and renders every page, one after another, before it writes any, and a big
build spends most of that loop in Python-Markdown and in termsite's own `on_page_content`
(cleaning, linking, cards). When the loop reaches its first page, the plugin forks one
worker: the build's state is complete by then, and the worker shares it copy-on-write. The
worker takes generated pages from the end of the list while the build takes them from the
front, so the two meet wherever the machine's load puts the middle. Every page is rendered
once, by the same code on the same state, so the site is byte for byte the one a serial
build writes (`tests/scale/test_prerender.py` compares them).

For a page the worker rendered, `Page.render` takes the worker's result instead of running
Markdown: the HTML after termsite's `on_page_content`, the table of contents, the title,
the anchors the page offers and links to, and each log record the rendering emitted, which
the build emits again where a serial build would have, so `--strict` counts it and the
build report shows it. A page the worker failed on is rendered by the build itself, which
then fails exactly as a serial build does.

It runs only where it cannot change what the build does: a one-off build (never `serve`)
with `fork` (Linux), two cores or more, at least `MIN_PAGES` generated pages, and no other
plugin handling page events (the side effects of its handlers would stay in the worker).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

__all__ = [
    "MIN_PAGES",
    "PAGE_EVENTS",
    "Prerenderer",
    "Rendered",
    "Steps",
    "available",
    "emit",
    "hand_over",
]

MIN_PAGES = 200
"""Below this many generated pages the fork costs more than the second core gives back."""
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
"""The events a worker's rendering runs through; only termsite may handle them."""


@dataclass(frozen=True)
class Steps:
    """termsite's own page steps, without the build's bookkeeping (counting, caching)."""

    markdown: Callable[[str, Page, Files], str]
    """What `on_page_markdown` does to the page's Markdown."""
    content: Callable[[str, Page], tuple[str, list[str] | None]]
    """What `on_page_content` does to its HTML, and the URLs of the entries it then links."""


@dataclass
class Rendered:
    """What rendering one page produced, as the worker hands it to the build."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    anchor_links: dict[str, dict[str, str]] | None
    linked: list[str] | None
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(phase, record) of each log record: emitted while rendering or in on_page_content."""


class _Capture(logging.Handler):
    """The worker's only log handler: keeps each record once, tagged with the step it came
    from (one record can pass several loggers' handlers on its way up)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.phase = ""
        self.records: list[tuple[str, dict[str, Any]]] = []
        self._seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen or self.phase not in ("render", "content"):
            return  # the build reads the source and runs on_page_markdown itself
        self._seen.add(id(record))
        fields = dict(vars(record), msg=record.getMessage(), args=None, exc_info=None)
        self.records.append((self.phase, fields))

    def take(self) -> list[tuple[str, dict[str, Any]]]:
        taken, self.records, self._seen = self.records, [], set()
        return taken

    def install(self) -> None:
        """Replace every handler of the worker's loggers: it must print nothing itself."""
        loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
        for logger in loggers:
            if isinstance(logger, logging.Logger) and (logger.handlers or logger.parent is None):
                logger.handlers = [self]


def available(config: MkDocsConfig, owner: object, pages: int, serving: bool) -> bool:
    """Whether a worker may render pages of this build (see the module's docstring)."""
    if serving or pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if not sys.platform.startswith("linux") or _cores() < 2:
        return False
    events = config.plugins.events
    return all(
        getattr(method, "__self__", None) is owner for e in PAGE_EVENTS for method in events[e]
    )


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0))


class Prerenderer:
    """One build's worker: which pages it renders, and their results as they arrive."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._files: Sequence[File] = ()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._reader: threading.Thread | None = None
        self._results: dict[int, Rendered | None] = {}
        self._ended = False
        self._ready = threading.Condition()
        self._taken: dict[str, Rendered] = {}
        self.rendered = 0
        """How many pages of the last build the worker rendered."""
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._front = context.Value("i", 0, lock=False)
        self._back = context.Value("i", 0, lock=False)
        self._context = context

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(
        self, config: MkDocsConfig, files: Files, pages: Sequence[File], steps: Steps
    ) -> None:
        """Fork the worker over `pages`, in the order the build will populate them."""
        self._files = list(pages)
        self._index = {file.src_uri: i for i, file in enumerate(self._files)}
        self._results, self._taken, self._ended = {}, {}, False
        self.rendered = 0
        self._front.value, self._back.value = 0, len(self._files)
        receive, send = self._context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        gc.freeze()  # the worker's collector then leaves the shared pages alone
        try:
            self._process = self._context.Process(
                target=self._work, args=(config, files, steps, send), daemon=True
            )
            self._process.start()
        finally:
            gc.unfreeze()
        send.close()
        self._reader = threading.Thread(target=self._read, args=(receive,), daemon=True)
        self._reader.start()

    def claim(self, file: File) -> bool:
        """The build is about to populate `file`: True when the worker renders it instead."""
        i = self._index.get(file.src_uri)
        if i is None or self._process is None:
            return False
        with self._lock:
            if i >= self._back.value:
                return True
            self._front.value = max(self._front.value, i + 1)
            return False

    def take(self, file: File) -> Rendered | None:
        """The worker's result for `file`, once it has arrived; None when it failed."""
        i = self._index[file.src_uri]
        with self._ready:
            while i not in self._results and not self._ended:
                self._ready.wait()
            result = self._results.pop(i, None)
        if result is not None:
            self._taken[file.src_uri] = result
            self.rendered += 1
        return result

    def taken(self, page: Page) -> Rendered | None:
        """The result `page` was rendered from, if the worker rendered it (asked once)."""
        return self._taken.pop(page.file.src_uri, None)

    def stop(self) -> None:
        """The build is over (or failed): end the worker and forget its results."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._reader is not None:
            self._reader.join()
            self._reader = None
        self._results, self._taken, self._index = {}, {}, {}

    def _read(self, connection: Connection) -> None:
        """Receive results as they come (a full pipe would stall the worker)."""
        while True:
            try:
                i, result = pickle.loads(connection.recv_bytes())
            except (EOFError, OSError):
                break
            with self._ready:
                self._results[i] = result
                self._ready.notify_all()
        connection.close()
        with self._ready:
            self._ended = True
            self._ready.notify_all()

    def _claim_back(self) -> int | None:
        with self._lock:
            if self._back.value - 1 < self._front.value:
                return None
            self._back.value -= 1
            return int(self._back.value)

    def _work(self, config: MkDocsConfig, files: Files, steps: Steps, send: Connection) -> None:
        """The worker: render pages from the back until it meets the build."""
        capture = _Capture()
        capture.install()
        try:
            while (i := self._claim_back()) is not None:
                try:
                    result = _render(self._files[i], config, files, steps, capture)
                    payload = pickle.dumps((i, result))
                except Exception:  # the build renders the page itself, and fails there if it must
                    send.send_bytes(pickle.dumps((i, None)))
                    break
                send.send_bytes(payload)
        except OSError:  # the build has gone: nobody waits for the rest
            pass
        finally:
            send.close()


def _render(
    file: File, config: MkDocsConfig, files: Files, steps: Steps, capture: _Capture
) -> Rendered:
    """A page's populate step as MkDocs runs it, with termsite's handlers."""
    page = file.page if file.page is not None else Page(None, file, config)
    config._current_page = page
    capture.take()
    capture.phase = "markdown"
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = steps.markdown(page.markdown, page, files)
    capture.phase = "render"
    page.render(config, files)
    assert page.content is not None
    capture.phase = "content"
    content, linked = steps.content(page.content, page)
    capture.phase = ""
    links = page.links_to_anchors
    return Rendered(
        content=content,
        toc=page.toc,
        title=page._title_from_render,
        anchors=set(page.present_anchor_ids or ()),
        anchor_links=None if links is None else {t.src_uri: dict(a) for t, a in links.items()},
        linked=linked,
        records=capture.take(),
    )


def emit(records: Sequence[tuple[str, dict[str, Any]]], phase: str) -> None:
    """Log the worker's records of one step in the build, as if the build had made them."""
    for step, fields in records:
        if step == phase:
            record = logging.makeLogRecord(fields)
            logging.getLogger(record.name).handle(record)


def apply(page: Page, result: Rendered, files: Files) -> None:
    """Give `page` what `Page.render` would have set."""
    page.content = result.content
    page.toc = result.toc
    page._title_from_render = result.title
    page.present_anchor_ids = set(result.anchors)
    if result.anchor_links is not None:
        page.links_to_anchors = {
            target: links
            for uri, links in result.anchor_links.items()
            if (target := files.get_file_from_path(uri)) is not None
        }
    emit(result.records, "render")


class PrerenderedPage(Page):
    """A page the worker renders: `render` waits for its result instead of running Markdown.

    The plugin gives a page this class in `on_pre_page` (MkDocs calls `page.render` itself)
    and `render` gives the page its own class back."""

    prerenderer: Prerenderer
    original: type[Page]

    def render(self, config: MkDocsConfig, files: Files) -> None:
        prerenderer = self.prerenderer
        self.__class__ = self.original  # type: ignore[assignment]
        del self.prerenderer, self.original
        result = prerenderer.take(self.file)
        if result is None:
            self.render(config, files)
            return
        apply(self, result, files)


def hand_over(page: Page, prerenderer: Prerenderer) -> None:
    """From now on `page.render` takes the worker's result (see `PrerenderedPage`)."""
    original = type(page)
    page.__class__ = PrerenderedPage
    assert isinstance(page, PrerenderedPage)
    page.prerenderer = prerenderer
    page.original = original
