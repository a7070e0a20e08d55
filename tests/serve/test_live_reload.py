"""`termsite serve` rebuilds and serves the new page when an entry or a template changes.

Each test writes a tiny project into `tmp_path`, starts the real command on a
free port, waits until the term page is served, edits a file and polls the
page until the edit shows. Every wait is a bounded poll; the server is
stopped with Ctrl-C (SIGINT), as an editor stops it, and must exit cleanly.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TERMSITE = Path(sys.executable).with_name("termsite")
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "termsite" / "templates" / "pages"
TERM_PATH = "term/served-term/"
STARTUP_TIMEOUT_S = 90.0
RELOAD_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
POLL_INTERVAL_S = 0.2

MKDOCS_YML = """\
site_name: Served
site_url: https://served.example/
docs_dir: content
theme:
  name: material
  font: false
markdown_extensions: [attr_list, md_in_html, {toc: {permalink: true}}]
plugins:
  - search
  - termsite
"""
SUMMARY = "A summary line long enough for the loader's length check on every entry here."
ENTRIES = {
    "authors/desk.yml": "name: The Desk\nbio: Writes the entries of the served test site.\n",
    "areas/served-area.yml": f"title: Served Area\nsummary: {SUMMARY}\npublished: 2025-01-01\n",
    "terms/served-term.yml": (
        f"title: Original Title\nsummary: {SUMMARY}\npublished: 2025-02-01\n"
        "author: desk\nareas: [served-area]\nbody: The body of the served term.\n"
    ),
}
TEMPLATE_MARK = "Marked by the term template override: {}."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny site with one term and a site-level override of the term page template."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for name, text in ENTRIES.items():
        path = root / "glossary" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    override = root / "templates" / "pages" / "term.md.j2"
    override.parent.mkdir(parents=True)
    package_template = (PACKAGE_TEMPLATES / "term.md.j2").read_text(encoding="utf-8")
    override.write_text(package_template + "\n" + TEMPLATE_MARK.format("first") + "\n")
    return root


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    """The page's text, or None while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def poll_until(
    check: Callable[[], bool], timeout_s: float, what: str, server: subprocess.Popen[bytes]
) -> None:
    """Poll `check` until it holds; fail after `timeout_s` or when the server has exited."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if server.poll() is not None:
            pytest.fail(f"termsite serve exited ({server.returncode}) before {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout_s:.0f} s")
        time.sleep(POLL_INTERVAL_S)


class Served:
    """A running `termsite serve` and the address of the term page."""

    def __init__(self, process: subprocess.Popen[bytes], page_url: str) -> None:
        self.process = process
        self.page_url = page_url

    def wait_for_text(self, text: str, what: str) -> None:
        poll_until(
            lambda: text in (fetch(self.page_url) or ""), RELOAD_TIMEOUT_S, what, self.process
        )


@pytest.fixture
def served(project: Path) -> Iterator[Served]:
    port = free_port()
    log_path = project.parent / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(TERMSITE), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Served(process, f"http://127.0.0.1:{port}/{TERM_PATH}")
    try:
        poll_until(
            lambda: fetch(server.page_url) is not None,
            STARTUP_TIMEOUT_S,
            "the term page was served",
            process,
        )
        yield server
    finally:
        status = stop(process)
        print(log_path.read_text(encoding="utf-8", errors="replace"))
    assert status == 0, f"termsite serve did not exit cleanly on Ctrl-C (exit {status})"


def stop(process: subprocess.Popen[bytes]) -> int:
    """Ctrl-C the server and wait; kill it only if it does not stop in time."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        return process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return -signal.SIGKILL


def test_serves_the_term_page_with_its_title(served: Served) -> None:
    served.wait_for_text("Original Title", "the term page showing its title")


def test_editing_a_term_title_reloads_the_served_page(served: Served, project: Path) -> None:
    entry = project / "glossary" / "terms" / "served-term.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("Original Title", "Edited Title"))
    served.wait_for_text("Edited Title", "the served page showing the edited title")


def test_editing_the_sites_template_override_reloads_the_served_page(
    served: Served, project: Path
) -> None:
    served.wait_for_text(TEMPLATE_MARK.format("first"), "the override's first mark served")
    override = project / "templates" / "pages" / "term.md.j2"
    text = override.read_text(encoding="utf-8")
    override.write_text(text.replace(TEMPLATE_MARK.format("first"), TEMPLATE_MARK.format("second")))
    served.wait_for_text(TEMPLATE_MARK.format("second"), "the override's edited mark served")


def test_an_entry_saved_by_renaming_a_new_file_over_it_reloads_the_served_page(
    served: Served, project: Path
) -> None:
    """Many editors save by writing a new file and renaming it over the old one."""
    entry = project / "glossary" / "terms" / "served-term.yml"
    saved = entry.with_name(".served-term.yml.tmp")
    saved.write_text(entry.read_text(encoding="utf-8").replace("Original Title", "Renamed In"))
    saved.replace(entry)
    served.wait_for_text("Renamed In", "the served page showing the renamed-in title")
