"""Edit-loop benchmark: save one entry under a `serve --dirty` session, time the rebuild.

    .venv/bin/python scripts/bench_edit.py --entries 10000 --json

Runs in one process what `termsite serve`'s builder runs between saves
(`mkdocs.commands.serve`: the configuration loaded again, `site_url` set to
the served address, a dirty build with `serve_url`, the same plugin instance
throughout): a first build, then three saves of a one-line `summary:` change,
each timed from the save to the end of the build (the served page written,
the browser told to reload), then a full clean build of the same glossary in
the same run for the ratio. Before each save the search index and the
editorial line (with the garbage collection after it) that the previous
build left to the background are let finish, as they have by the time an
editor has read the page and saved again; `edit_index_seconds` says how long
that took. Not counted in-process: the file watcher (the system's change
events, then MkDocs waits 0.1 s for more changes). `--live` adds what an
editor sees: a real `termsite serve` in a subprocess, three more saves, each
timed from the file written to the served page (fetched over HTTP every
20 ms) showing the new summary. The goal is ≤ 2.0 s a save. The last line
with `--json` is one JSON object: `edit_rebuild_seconds` (the median save),
`edit_rebuild_cpu_seconds`, `edit_full_seconds`, `edit_full_ratio` (full ÷
save), `edit_pages_rebuilt`, `edit_index_seconds` and, with `--live`,
`edit_served_seconds` and `edit_served_ratio`.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_projects import write_glossary, write_termsite_project

EDITED = "glossary/definitions/entry-00003.yml"
EDITED_URL = "definition/entry-00003/"
SAVES = 3
LIVE_FIRST = 100
"""Live saves count on from here, so each writes a summary no earlier save wrote."""


SERVE_URL = "http://127.0.0.1:8000/"


def session_build(config_file: Path, site_dir: Path, *, first: bool = False) -> Any:
    """One build of a serve session, as MkDocs' serve builder runs it; returns the termsite
    plugin (MkDocs keeps one instance for the session)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    if first:
        config.plugins.on_startup(command="serve", dirty=True)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=True)
    return config.plugins["termsite"]


def clean_build(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def save(project: Path, n: int) -> None:
    path = project / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new = f"summary: A summary saved for the {n}th time by the edit-loop benchmark run.\n"
    path.write_text("".join(new if x.startswith("summary:") else x for x in lines), "utf-8")


def live_saves(project: Path, config_file: Path) -> list[float]:
    """Seconds from each save to the page served by a real `termsite serve` showing it."""
    port = _free_port()
    termsite = Path(sys.executable).with_name("termsite")
    command = [str(termsite), "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{EDITED_URL}"
    try:
        _wait_for(url, lambda body: True, timeout=3600.0)
        seconds = []
        for n in range(LIVE_FIRST, LIVE_FIRST + SAVES):
            _settle(server.pid)
            save(project, n)
            started = time.perf_counter()
            _wait_for(url, _shows(n), timeout=600.0)
            seconds.append(time.perf_counter() - started)
        return seconds
    finally:
        server.terminate()
        server.wait(timeout=60)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(url: str, done: Callable[[str], bool], timeout: float) -> None:
    """Fetch `url` every 20 ms until its body satisfies `done`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if done(response.read().decode("utf-8")):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    raise SystemExit(f"bench_edit: {url} did not show the save within {timeout:.0f} s")


def _settle(pid: int) -> None:
    """Wait until the server has run no child process (the background search indexing) for
    a second, as an editor reading the page gives it time to; Linux's /proc tells, elsewhere
    ten seconds are waited."""
    tasks = Path(f"/proc/{pid}/task")
    if not tasks.is_dir():
        time.sleep(10)
        return
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 1.0:
        if _children(tasks):
            quiet_since = time.monotonic()
        time.sleep(0.1)


def _children(tasks: Path) -> list[str]:
    found = []
    for listing in tasks.glob("*/children"):
        try:
            found += listing.read_text().split()
        except OSError:  # the thread ended meanwhile
            continue
    return found


def _shows(n: int) -> Callable[[str], bool]:
    return lambda body: f"saved for the {n}th time" in body


def run_benchmark(entries: int, live: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="termsite-bench-edit-") as tmp:
        project = Path(tmp) / "edited"
        write_glossary(project, entries)
        config_file = write_termsite_project(project)
        served = project / "served"
        plugin = session_build(config_file, served, first=True)
        walls, cpus, indexing, pages = [], [], [], 0
        for n in range(1, SAVES + 1):
            started = time.perf_counter()
            plugin.indexer.wait()
            plugin.editorial.wait()
            indexing.append(time.perf_counter() - started)
            save(project, n)
            wall, cpu = time.perf_counter(), time.process_time()
            plugin = session_build(config_file, served)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            pages = plugin.report.writing.done if plugin.report.writing else 0
        plugin.on_shutdown()
        served_seconds = live_saves(project, config_file) if live else []
        started = time.perf_counter()
        clean_build(config_file, project / "clean")
        full = time.perf_counter() - started
    rebuild = statistics.median(walls)
    if served_seconds:
        served_median = statistics.median(served_seconds)
        live_figures = {
            "edit_served_seconds": round(served_median, 2),
            "edit_served_ratio": round(full / served_median, 1),
        }
    return {
        **(live_figures if served_seconds else {}),
        "entries": entries,
        "edit_rebuild_seconds": round(rebuild, 2),
        "edit_rebuild_cpu_seconds": round(statistics.median(cpus), 2),
        "edit_full_seconds": round(full, 2),
        "edit_full_ratio": round(full / rebuild, 1),
        "edit_pages_rebuilt": pages,
        "edit_index_seconds": round(statistics.median(indexing), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries to generate")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument(
        "--live", action="store_true", help="also time saves through a real `termsite serve`"
    )
    args = parser.parse_args(argv)
    result = run_benchmark(args.entries, live=args.live)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in sorted(result.items()):
            print(f"{key:>28}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
