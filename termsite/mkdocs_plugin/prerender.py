"""Rendering generated pages on the second core, ahead of MkDocs' serial loops.

Before MkDocs' loops, the plugin writes every generated page's Markdown source from its
page plan, through termsite's Jinja templates (and the page's Markdown copy with it): a
third of a big build's setup. A worker forked once the plans are made takes plans from the
end while the plugin takes them from the front, the same way as in the loops below.

MkDocs builds in two loops over the pages, each one page after another: first it reads and
renders every page's Markdown (where a big build spends most of its time in
Python-Markdown and in termsite's own `on_page_content`: cleaning, linking, cards), then it
renders every page through the theme and writes it. At the start of each loop the plugin
forks one worker: the build's state is complete for that loop by then, and the worker
shares it copy-on-write. The worker takes generated pages from the end of the list while
MkDocs takes them from the front, so the two meet wherever the machine's load puts the
middle. Every page is rendered once, by the same code on the same state, so the site is
byte for byte the one a serial build writes (`tests/scale/test_prerender.py`).

In the first loop, `Page.render` of a page the worker did takes the worker's result instead
of running Markdown: the HTML after termsite's `on_page_content`, the table of contents, the
title, the anchors the page offers and links to. In the second, the page's theme template
returns the worker's output; `on_post_page` and the write stay MkDocs'. Each log record a
worker's rendering emitted is emitted again in the build where a serial build would have,
so `--strict` counts it and the build report shows it. A page the worker failed on is
rendered by the build itself, which then fails exactly as a serial build does.

It runs only where it cannot change what the build does: a one-off build (never `serve`)
with `fork` (Linux), two cores or more, at least `MIN_PAGES` generated pages, and no other
plugin handling the events a worker runs (the side effects of its handlers would stay in
the worker).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

__all__ = [
    "MARKDOWN_EVENTS",
    "MIN_PAGES",
    "THEME_EVENTS",
    "Job",
    "Named",
    "PageWorker",
    "Rendered",
    "Steps",
    "available",
    "emit",
    "hand_over",
    "markdown_job",
    "serve_templates",
    "source_job",
    "theme_job",
]

MIN_PAGES = 200
"""Below this many generated pages the fork costs more than the second core gives back."""
MARKDOWN_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")
"""The events the first loop's worker runs through; only termsite may handle them."""
THEME_EVENTS = ("page_context",)
"""The event the second loop's worker runs; only termsite may handle it."""

Records = list[tuple[str, dict[str, Any]]]
"""(step, record fields) of each log record a worker's rendering emitted."""


class Named(Protocol):
    """What a worker renders: a MkDocs `File`, or a page plan before its file exists."""

    @property
    def src_uri(self) -> str: ...


Job = Callable[[Any, "_Capture"], Any]


@dataclass(frozen=True)
class Steps:
    """termsite's own page steps, without the build's bookkeeping (counting, caching)."""

    markdown: Callable[[str, Page, Files], str]
    """What `on_page_markdown` does to the page's Markdown."""
    content: Callable[[str, Page], tuple[str, list[str] | None]]
    """What `on_page_content` does to its HTML, and the URLs of the entries it then links."""
    context: Callable[[TemplateContext, Page], TemplateContext]
    """What `on_page_context` adds to the template context."""


@dataclass
class Rendered:
    """What rendering one page's Markdown produced, as the worker hands it to the build."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    anchor_links: dict[str, dict[str, str]] | None
    linked: list[str] | None
    records: Records = field(default_factory=list)


class _Capture(logging.Handler):
    """The worker's only log handler: keeps each record once, tagged with the step it came
    from (one record can pass several loggers' handlers on its way up)."""

    KEPT = ("render", "content")
    """Steps whose records the build cannot make itself (it reads the source and runs
    `on_page_markdown` and `on_page_context` for every page anyway)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.step = ""
        self.records: Records = []
        self._seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen or self.step not in self.KEPT:
            return
        self._seen.add(id(record))
        fields = dict(vars(record), msg=record.getMessage(), args=None, exc_info=None)
        self.records.append((self.step, fields))

    def take(self) -> Records:
        taken, self.records, self._seen = self.records, [], set()
        return taken

    def install(self) -> None:
        """Replace every handler of the worker's loggers: it must print nothing itself."""
        loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
        for logger in loggers:
            if isinstance(logger, logging.Logger) and (logger.handlers or logger.parent is None):
                logger.handlers = [self]


def available(
    config: MkDocsConfig, owner: object, pages: int, serving: bool, events: Sequence[str]
) -> bool:
    """Whether a worker may render pages of this build (see the module's docstring)."""
    if serving or pages < MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return False
    if not sys.platform.startswith("linux") or _cores() < 2:
        return False
    handlers = config.plugins.events
    return all(getattr(h, "__self__", None) is owner for e in events for h in handlers[e])


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0))


class PageWorker:
    """One loop's worker: which pages it renders, and their results once they are there.

    The worker writes each result into a spool file (an unlinked temporary file both
    processes hold) and records where in a shared table; the build reads a result only
    when its loop reaches that page. Nothing has to be received as it comes, so the build
    keeps its core to itself and the worker never waits for it."""

    WAIT_S = 0.5
    """How often a build waiting for a result checks that the worker is still alive."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._files: Sequence[Named] = ()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._spool: BinaryIO | None = None
        self.rendered = 0
        """How many pages the worker rendered for the build."""
        self.claimed: set[str] = set()
        """The pages the build's loop has reached and left to the worker."""
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self._ready = context.Condition()
        self._front = context.Value("i", 0, lock=False)
        self._back = context.Value("i", 0, lock=False)
        self._where: Any = context.Array("q", 2, lock=False)
        """Per page: where its result starts in the spool, and its length (0: not yet
        there, -1: the worker failed on it)."""
        self._context = context

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, pages: Sequence[Named], job: Job) -> None:
        """Fork the worker over `pages`, in the order the build's loop takes them."""
        self._files = list(pages)
        self._index = {file.src_uri: i for i, file in enumerate(self._files)}
        self._front.value, self._back.value = 0, len(self._files)
        self._where = self._context.Array("q", 2 * len(self._files), lock=False)
        # held open across the fork by both processes, closed in `stop`
        self._spool = tempfile.TemporaryFile(prefix="termsite-pages-")  # noqa: SIM115
        sys.stdout.flush()
        sys.stderr.flush()
        # The worker's collector then leaves the shared pages alone. A serve session keeps
        # its site frozen between saves (`incremental._freeze_the_site`): unfreezing here
        # would hand all of it back to the parent's collector.
        frozen_before = gc.get_freeze_count() > 0
        gc.freeze()
        try:
            self._process = self._context.Process(target=self._work, args=(job,), daemon=True)
            self._process.start()
        finally:
            if not frozen_before:
                gc.unfreeze()

    def claim(self, file: Named) -> bool:
        """The build's loop has reached `file`: True when the worker renders it instead."""
        i = self._index.get(file.src_uri)
        if i is None or self._process is None:
            return False
        with self._lock:
            if i >= self._back.value:
                self.claimed.add(file.src_uri)
                return True
            self._front.value = max(self._front.value, i + 1)
            return False

    def take(self, file: Named) -> Any:
        """The worker's result for a claimed `file`, once it is there; None when it failed."""
        i = self._index[file.src_uri]
        process, spool = self._process, self._spool
        assert process is not None and spool is not None
        with self._ready:
            while self._where[2 * i + 1] == 0 and process.exitcode is None:
                self._ready.wait(self.WAIT_S)
        offset, length = self._where[2 * i], self._where[2 * i + 1]
        if length <= 0:
            return None
        self.rendered += 1
        return pickle.loads(os.pread(spool.fileno(), length, offset))

    def stop(self) -> None:
        """The loop is over (or the build failed): end the worker and forget its results."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._index, self.claimed = {}, set()

    def _claim_back(self) -> int | None:
        with self._lock:
            if self._back.value - 1 < self._front.value:
                return None
            self._back.value -= 1
            return int(self._back.value)

    def _work(self, job: Job) -> None:
        """The worker: render pages from the back until it meets the build."""
        capture = _Capture()
        capture.install()
        assert self._spool is not None
        spool, offset = self._spool.fileno(), 0
        while (i := self._claim_back()) is not None:
            try:
                data = pickle.dumps(job(self._files[i], capture))
                stored = os.pwrite(spool, data, offset) == len(data)
            except Exception:  # the build renders the page itself, and fails there if it must
                data, stored = b"", False
            with self._ready:
                self._where[2 * i], self._where[2 * i + 1] = offset, len(data) if stored else -1
                self._ready.notify_all()
            if not stored:
                break
            offset += len(data)


def emit(records: Records, step: str) -> None:
    """Log the worker's records of one step in the build, as if the build had made them."""
    for made_in, fields in records:
        if made_in == step:
            record = logging.makeLogRecord(fields)
            logging.getLogger(record.name).handle(record)


# Before the loops: each generated page's Markdown source, from the page plans.


def source_job(render: Callable[[Any], Any]) -> Job:
    """`render(plan)` (a page's Markdown through termsite's templates, and its Markdown
    copy) with the log records it emitted."""

    def job(plan: Any, capture: _Capture) -> tuple[Any, Records]:
        capture.take()
        capture.step = "render"
        try:
            return render(plan), capture.take()
        finally:
            capture.step = ""

    return job


# The first loop: Markdown.


def markdown_job(config: MkDocsConfig, files: Files, steps: Steps) -> Job:
    """A page's populate step as MkDocs runs it, with termsite's handlers."""

    def job(file: File, capture: _Capture) -> Rendered:
        page = file.page if file.page is not None else Page(None, file, config)
        config._current_page = page
        capture.take()
        capture.step = "markdown"
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = steps.markdown(page.markdown, page, files)
        capture.step = "render"
        page.render(config, files)
        assert page.content is not None
        capture.step = "content"
        content, linked = steps.content(page.content, page)
        capture.step = ""
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

    return job


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

    worker: PageWorker
    original: type[Page]

    def render(self, config: MkDocsConfig, files: Files) -> None:
        worker = self.worker
        self.__class__ = self.original  # type: ignore[assignment]
        del self.worker, self.original
        result = worker.take(self.file)
        if result is None:
            self.render(config, files)
            return
        self.rendered = result
        apply(self, result, files)


def hand_over(page: Page, worker: PageWorker) -> None:
    """From now on `page.render` takes the worker's result (see `PrerenderedPage`)."""
    original = type(page)
    page.__class__ = PrerenderedPage
    assert isinstance(page, PrerenderedPage)
    page.worker = worker
    page.original = original


def rendered(page: Page) -> Rendered | None:
    """The worker's result `page` was rendered from, if any (asked once, in on_page_content)."""
    result: Rendered | None = page.__dict__.pop("rendered", None)
    return result


# The second loop: the theme.


def theme_job(
    config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment, steps: Steps
) -> Job:
    """A page's theme rendering as MkDocs' `_build_page` runs it, up to the template."""
    doc_files = files.documentation_pages()

    def job(file: File, capture: _Capture) -> tuple[str, Records]:
        page = file.page
        assert page is not None
        config._current_page = page
        capture.take()
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = steps.context(context, page)
            capture.step = "render"
            output = template.render(context)
        finally:
            page.active = False
            capture.step = ""
        return output, capture.take()

    return job


class _PageTemplate:
    """A theme template as MkDocs' page loop sees it: a page left to the worker (the plugin
    claims it in `on_page_context`) comes back as the worker wrote it."""

    def __init__(self, template: jinja2.Template, worker: PageWorker, steps: Steps) -> None:
        self.template = template
        self.worker = worker
        self.steps = steps

    def render(self, context: TemplateContext) -> str:
        page = context.get("page")
        if page is not None and page.file.src_uri in self.worker.claimed:
            self.worker.claimed.discard(page.file.src_uri)
            result = self.worker.take(page.file)
            if result is not None:
                output, records = result
                emit(records, "render")
                return str(output)
            context = self.steps.context(context, page)  # what on_page_context left out
        return self.template.render(context)


def serve_templates(env: jinja2.Environment, worker: PageWorker, steps: Steps) -> None:
    """Let `env` answer MkDocs' page loop with the worker's pages (undone by `stop_serving`).

    Only a template asked for by name alone is wrapped: templates asked for from inside
    another (`extends`, `include`) name their parent and stay Jinja's."""
    real = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
        template = real(name, parent, globals)
        return template if parent is not None else _PageTemplate(template, worker, steps)

    env.get_template = get_template  # type: ignore[method-assign]


def stop_serving(env: jinja2.Environment) -> None:
    env.__dict__.pop("get_template", None)
