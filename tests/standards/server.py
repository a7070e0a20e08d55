"""A threaded static server on 127.0.0.1 that sends the headers of the site's `_headers` file.

The checkers must see the site as a static host would serve it, CSP included,
so a policy that breaks a page breaks the tests too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from browser.server import MIME_TYPES as BROWSER_MIME_TYPES
from browser.server import running

from termsite.generate.headers import HEADERS_FILE, HeaderRule, headers_for, parse_headers_file

MIME_TYPES = {
    **BROWSER_MIME_TYPES,
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".xml": "application/xml",
}


class HeadersHandler(SimpleHTTPRequestHandler):
    """Serves files quietly, adding the headers the `_headers` rules give each path."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }
    rules: ClassVar[Sequence[HeaderRule]] = ()

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def end_headers(self) -> None:
        path = unquote(urlsplit(self.path).path)
        for name, value in headers_for(path, self.rules):
            self.send_header(name, value)
        super().end_headers()


def read_rules(root: Path) -> list[HeaderRule]:
    """The site's header rules; a site without `_headers` is a failure of the build."""
    source = root / HEADERS_FILE
    assert source.is_file(), f"the build wrote no {HEADERS_FILE} file into {root.name}/"
    return parse_headers_file(source.read_text(encoding="utf-8"))


class QuietServer(ThreadingHTTPServer):
    """Browsers drop connections they no longer need (Lighthouse often does); not an error."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        del request, client_address


@contextmanager
def serve_site(root: Path) -> Iterator[str]:
    """Serve `root` on a random free port with its headers; yields the base URL ending in `/`."""
    handler_class = type("SiteHandler", (HeadersHandler,), {"rules": tuple(read_rules(root))})
    handler = functools.partial(handler_class, directory=str(root))
    server = QuietServer(("127.0.0.1", 0), handler)
    with running(server) as url:
        yield url
