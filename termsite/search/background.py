"""Indexing off the build's path, for `serve`: an edit is served before search catches up."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from termsite.search.pagefind import SearchIndexError
from termsite.search.stream import index_site

__all__ = ["BackgroundIndexer"]

log = logging.getLogger("mkdocs.plugins.termsite")


class BackgroundIndexer:
    """Runs `index_site` in one worker thread; requests made while it runs fold into one rerun.

    At 10,000 pages indexing takes seconds, longer than the whole edit loop may.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    def request(self, site_dir: Path) -> None:
        """Index `site_dir` soon; returns at once."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, args=(site_dir,), daemon=True)
            self._thread.start()

    def wait(self) -> None:
        """Block until the pending indexing is done (tests, and shutdown)."""
        while True:
            with self._lock:
                thread = self._thread
            if thread is None or not thread.is_alive():
                return
            thread.join()

    def _run(self, site_dir: Path) -> None:
        while True:
            try:
                index_site(site_dir)
            except SearchIndexError as error:
                log.warning(str(error))
            with self._lock:
                if not self._again:
                    return
                self._again = False
