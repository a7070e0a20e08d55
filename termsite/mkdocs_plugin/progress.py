"""Progress lines for long builds, and the summary line that ends every build.

A 10,000-entry build takes a while; without a count it looks hung. The count is
redrawn in place on stderr, so it is only drawn for a person at a terminal:
under CI or into a pipe a rewriting line is noise in a log, and it stays
silent. The summary (pages, time, warnings by kind) is a log record instead,
so it appears wherever MkDocs' own messages do.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import TextIO

__all__ = ["BuildReport", "Progress", "WarningTally", "interactive", "summary"]

REDRAW_SECONDS = 0.1
"""Redraw at most ten times a second: drawing every page would cost more than the pages."""

LOGGER_KINDS: Mapping[str, str] = {
    "mkdocs.structure.pages": "links",
    "mkdocs.structure.nav": "nav",
    "mkdocs.structure.files": "files",
    "mkdocs.plugins.termsite": "content",
}
"""Warning kinds by the logger that reported them; other loggers give their last name part."""


def interactive(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """True when a person watches `stream`: a terminal, and not a CI job."""
    env = os.environ if environ is None else environ
    if env.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        return False
    target = sys.stderr if stream is None else stream
    isatty = getattr(target, "isatty", None)
    return bool(isatty is not None and isatty())


def remaining(elapsed: float, done: int, total: int) -> str:
    """'about 12 s left' from the pace so far; empty until there is a pace to go by."""
    if done <= 0 or done >= total:
        return ""
    seconds = round(elapsed / done * (total - done))
    if seconds < 60:
        return f", about {seconds} s left"
    return f", about {seconds // 60} min {seconds % 60:02d} s left"


class Progress:
    """A count of `total` things being done, redrawn on one terminal line.

    `Progress(10_000, "Rendering pages").advance()` once per page; `close()`
    clears the line so the next log message starts on a clean one.
    """

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.label = label
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.enabled = interactive(self.stream, environ)
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None

    def line(self) -> str:
        """The text drawn now, e.g. 'Rendering pages: 4,210/10,013 (42%), about 12 s left'."""
        percent = 100 * self.done // self.total if self.total else 100
        left = remaining(self._clock() - self._started, self.done, self.total)
        return f"{self.label}: {self.done:,}/{self.total:,} ({percent}%){left}"

    def advance(self, count: int = 1) -> None:
        """Count `count` more done; redraw when the last draw is old enough or all are done."""
        self.done += count
        if not self.enabled:
            return
        now = self._clock()
        due = self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS
        if due or self.done >= self.total:
            self._drawn_at = now
            self.stream.write(f"\r\x1b[K{self.line()}")
            self.stream.flush()

    def close(self) -> None:
        """Clear the progress line, if one was drawn."""
        if self.enabled and self._drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn_at = None


class WarningTally(logging.Handler):
    """Counts warnings by kind while attached to the `mkdocs` logger, for the summary."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        kind = getattr(record, "kind", None) or LOGGER_KINDS.get(record.name)
        self.kinds[str(kind or record.name.rsplit(".", 1)[-1])] += 1


def summary(pages: int, seconds: float, warnings: Mapping[str, int], cached: int = 0) -> str:
    """'Built 10,013 pages in 41.2 s; warnings: 3 links, 1 content.' — the build's last line.

    `cached` of the pages came from the build cache: '(10,001 from the cache)'.
    """
    counted = ", ".join(f"{count} {kind}" for kind, count in sorted(warnings.items()) if count)
    tail = f"warnings: {counted}" if counted else "no warnings"
    reused = f" ({cached:,} from the cache)" if cached else ""
    return f"Built {pages:,} pages in {seconds:.1f} s{reused}; {tail}."


class BuildReport:
    """Progress and the closing summary of one build, for the MkDocs plugin to drive.

    MkDocs reads every page (Markdown to HTML), then writes every page (theme
    template); each pass gets its own count.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
        self.tally = WarningTally()
        self.loading: Progress | None = None
        self.reading: Progress | None = None
        self.writing: Progress | None = None
        self.cached = 0
        """Pages of this build copied from the build cache rather than rendered."""

    def start(self) -> None:
        """A new build: reset the clock and the counts, and listen for warnings."""
        self._started = self._clock()
        self.tally.kinds.clear()
        self.loading = self.reading = self.writing = None
        self.cached = 0
        logging.getLogger("mkdocs").addHandler(self.tally)

    def entries(self, total: int) -> Progress:
        """The count of entry files being loaded; the loader advances it once a file."""
        self.loading = Progress(total, "Loading entries")
        return self.loading

    def pages(self, total: int) -> None:
        """The number of pages this build will render, once the files are known."""
        if self.loading is not None:
            self.loading.close()
        self.reading = Progress(total, "Reading pages")
        self.writing = Progress(total, "Writing pages")

    def page_read(self) -> None:
        if self.reading is not None:
            self.reading.advance()

    def page_written(self) -> None:
        if self.reading is not None:
            self.reading.close()
        if self.writing is not None:
            self.writing.advance()

    def finish(self) -> str:
        """Stop counting and return the summary line."""
        logging.getLogger("mkdocs").removeHandler(self.tally)
        for progress in (self.loading, self.reading, self.writing):
            if progress is not None:
                progress.close()
        pages = (self.writing.done if self.writing is not None else 0) + self.cached
        return summary(pages, self._clock() - self._started, self.tally.kinds, self.cached)
