"""The serve session's file watcher: the system's change events instead of polling.

MkDocs' `LiveReloadServer` watches with watchdog's `PollingObserver`: every
0.5 s it lists and stats every watched file, 10,000 entry files and more at
10,000 entries. A save waits a quarter of a second on average before the
rebuild even starts, and the polling takes CPU from the rebuild all along.
watchdog's native observer (inotify on Linux) is told of a change by the
system as it happens and costs nothing in between.

Only what changes a file's content starts a rebuild: a file written and
closed, created, deleted or moved. Not "modified" events, which the system
also sends when reading a file updates its access time: the rebuild reads
the saved entry, and would start a second rebuild. Nor opening or reading
a file.
"""

from __future__ import annotations

import logging

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

__all__ = ["CHANGES", "ChangeObserver", "watch_changes"]

log = logging.getLogger("mkdocs.plugins.termsite")

CHANGES: list[type[FileSystemEvent]] = [
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
]
"""The events that mean a file's content changed (`FileClosedEvent`: closed after writing)."""


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's native observer, reporting only `CHANGES` unless told otherwise."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or CHANGES,
            follow_symlink=follow_symlink,
        )
        return watch


def watch_changes(server: LiveReloadServer) -> bool:
    """Move what `server` watches to a `ChangeObserver`, before it starts; whether it did.

    MkDocs has watched the docs folder and `mkdocs.yml` when it hands the
    server to plugins (`on_serve`); they are unwatched from its polling
    observer and watched again on the native one, through the server's own
    `watch`, so the server's rebuild callback is the same. Where the platform
    has no native observer (watchdog falls back to polling) or it cannot be
    started, the server keeps MkDocs' polling observer.
    """
    polling: BaseObserver = server.observer
    if not isinstance(polling, PollingObserver):
        return False
    try:
        native = ChangeObserver()
    except OSError as error:  # no inotify instance left, say
        log.debug(f"Watching by polling: the native file watcher is unavailable ({error}).")
        return False
    if isinstance(native, PollingObserver):  # watchdog's own fallback on this platform
        return False
    watched = sorted({(str(e.watch.raw_path), e.watch.is_recursive) for e in polling.emitters})
    times = [_unwatch(server, polling, path) for path, _ in watched]
    server.observer = native
    for (path, recursive), count in zip(watched, times, strict=True):
        for _ in range(count):
            server.watch(path, recursive=recursive)
    return True


def _unwatch(server: LiveReloadServer, polling: BaseObserver, path: str) -> int:
    """Unwatch `path` as many times as it was watched (once, unless a plugin watched it too)."""
    count = 0
    while any(str(emitter.watch.raw_path) == path for emitter in polling.emitters):
        server.unwatch(path)
        count += 1
    return count
