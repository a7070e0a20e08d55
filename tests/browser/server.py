"""A threaded static file server on 127.0.0.1 with the MIME types Pyodide needs.

Module scripts and WebAssembly streaming compilation refuse the wrong content
type, so the types are set here rather than left to the machine's mime table.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

MIME_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".json": "application/json",
    ".csv": "text/csv",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".html": "text/html",
}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to the test output."""

    cache_control = "no-cache"
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()


@contextmanager
def serve_directory(root: Path, cache_control: str = "no-cache") -> Iterator[str]:
    """Serve `root` on a random free port; yields the base URL ending in `/`.

    Tests revalidate every file (``no-cache``); the benchmark passes a max-age to
    measure a warm HTTP cache the way a static host with versioned paths gives one.
    """
    handler_class = type("Handler", (QuietHandler,), {"cache_control": cache_control})
    handler = functools.partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    with running(server) as url:
        yield url


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[str]:
    """Serve on a thread until the block ends; yields the base URL ending in `/`."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
