"""Edit-loop benchmark: save one entry under a `serve --dirty` session, time the rebuild.

    .venv/bin/python scripts/bench_edit.py --entries 10000 --json

Runs in one process what `termsite serve`'s builder runs between saves
(`mkdocs.commands.serve`: the configuration loaded again, `site_url` set to
the served address, a dirty build with `serve_url`, the same plugin instance
throughout): a first build, then three saves of a one-line `summary:` change,
each timed from the save to the end of the build (the served page written,
the browser told to reload), then a full clean build of the same glossary in
the same run for the ratio. Before each save the search index that the
previous build started in the background is let finish, as it has by the
time an editor has read the page and saved again; `edit_index_seconds` says
how long that took. Not counted: the file watcher's polling (MkDocs polls
every 0.5 s, then waits 0.1 s for more changes). The goal is ≤ 2.0 s a save.
The last line with `--json` is one JSON object: `edit_rebuild_seconds` (the
median save), `edit_rebuild_cpu_seconds`, `edit_full_seconds`,
`edit_full_ratio` (full ÷ save), `edit_pages_rebuilt` and
`edit_index_seconds`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_projects import write_glossary, write_termsite_project

EDITED = "glossary/definitions/entry-00003.yml"
SAVES = 3


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


def run_benchmark(entries: int) -> dict[str, Any]:
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
            indexing.append(time.perf_counter() - started)
            save(project, n)
            wall, cpu = time.perf_counter(), time.process_time()
            plugin = session_build(config_file, served)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            pages = plugin.report.writing.done if plugin.report.writing else 0
        plugin.on_shutdown()
        started = time.perf_counter()
        clean_build(config_file, project / "clean")
        full = time.perf_counter() - started
    rebuild = statistics.median(walls)
    return {
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
    args = parser.parse_args(argv)
    result = run_benchmark(args.entries)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in sorted(result.items()):
            print(f"{key:>28}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
