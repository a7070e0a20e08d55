"""The editorial report's one line at the end of a build; after the page is served, when serving.

At 10,000 entries the line's checks (summaries, names, loops, dates) take a
few tenths of a second of every save, and MkDocs serves no page until the
build has returned. The editor is waiting for the page, not for the line, so
a serve session says it from a thread once the build is over; the next build
waits for it first, so lines never overlap or come out of order. A one-off
build makes it on a thread (`prepare`) while it waits for Pagefind to write
the search index, and says it at its usual place, last.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

__all__ = ["EditorialLine"]

log = logging.getLogger("mkdocs.plugins.termsite")


class EditorialLine:
    """Says one line per build, at once or (`later`) in the background."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._prepared: _Prepared | None = None

    def prepare(self, line: Callable[[], str]) -> None:
        """Start making `line()` on a thread, for the next `say` to log."""
        self.wait()
        self._prepared = _Prepared(line)

    def say(
        self, line: Callable[[], str], *, later: bool, then: Callable[[], None] = lambda: None
    ) -> None:
        """Log `line()` now, or from a thread that the next `say` or `wait` waits for; then
        run `then` (the serve session's deferred garbage collection)."""
        self.wait()
        prepared, self._prepared = self._prepared, None
        if not later:
            log.info(prepared.result() if prepared is not None else line())
            then()
            return
        self._thread = threading.Thread(
            target=_say, args=(line, then), name="editorial", daemon=True
        )
        self._thread.start()

    def forget(self) -> None:
        """The build failed after `prepare`: its line is never said."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            with contextlib.suppress(Exception):
                prepared.result()

    def wait(self) -> None:
        """Until the line under way is said (a build starting, the session ending)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None


class _Prepared:
    """A line being made on a thread; `result` waits for it (and raises what it raised)."""

    def __init__(self, line: Callable[[], str]) -> None:
        self._line = line
        self._said = ""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._make, name="editorial", daemon=True)
        self._thread.start()

    def _make(self) -> None:
        try:
            self._said = self._line()
        except BaseException as error:  # raised again where the line is said
            self._error = error

    def result(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._said


def _say(line: Callable[[], str], then: Callable[[], None]) -> None:
    try:
        log.info(line())
    except Exception as error:  # a thread's error would otherwise go to stderr as a traceback
        log.warning(f"The editorial report's line could not be made: {error}")
    finally:
        then()
