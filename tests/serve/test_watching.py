"""The serve session's watcher: MkDocs' watched paths on the native observer, which reports
files changed and not files read."""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from termsite.mkdocs_plugin.watching import ChangeObserver, watch_changes

WAIT_S = 30.0


def _server(root: Path) -> LiveReloadServer:
    """A server as MkDocs' `serve` hands it to plugins: watching, not yet serving."""
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


def _watched(server: LiveReloadServer) -> set[tuple[str, bool]]:
    return {(str(e.watch.raw_path), e.watch.is_recursive) for e in server.observer.emitters}


def test_the_server_watches_the_same_paths_on_the_native_observer(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Watched\n", encoding="utf-8")
    server = _server(tmp_path)
    server.watch(str(tmp_path / "docs"))
    server.watch(str(tmp_path / "mkdocs.yml"))
    before = _watched(server)
    try:
        assert watch_changes(server)
        assert isinstance(server.observer, ChangeObserver)
        assert _watched(server) == before
    finally:
        server.server_close()


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.paths.append(str(event.src_path))
        self.arrived.set()


def test_reading_a_file_is_no_change_and_writing_one_is(tmp_path: Path) -> None:
    read, written = tmp_path / "read.yml", tmp_path / "written.yml"
    read.write_text("title: Read\n", encoding="utf-8")
    seen, observer = _Seen(), ChangeObserver()
    observer.schedule(seen, str(tmp_path), recursive=True)
    observer.start()
    try:
        read.read_text(encoding="utf-8")
        written.write_text("title: Written\n", encoding="utf-8")
        assert seen.arrived.wait(WAIT_S)
    finally:
        observer.stop()
        observer.join()
    assert str(read) not in seen.paths  # events come in order: the read's would be first
    assert str(written) in seen.paths
