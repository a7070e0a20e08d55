"""Build-cache benchmark: a full `termsite build`, one entry edited, a cached rebuild.

    .venv/bin/python scripts/bench_cache.py --entries 10000 --json

Both builds run `termsite build` in a fresh process on the same generated
glossary in the same run: the first starts with no cache (a full build that
also fills it), the second follows a one-line `summary:` change of one entry.
The goal is a rebuild ≤ 0.25× the full build. The last line printed with
`--json` is one JSON object: `cache_full_seconds`, `cache_rebuild_seconds`,
`cache_rebuild_ratio` (wall) and the same in CPU seconds (`*_cpu_*`; the
Pagefind service's work on the second core included), `cache_pages_reused`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import RUN_CHILD, Run
from bench_projects import write_glossary, write_termsite_project

TERMSITE = ["-c", "import sys; from termsite.cli import main; sys.exit(main(sys.argv[1:]))"]
EDITED = "glossary/definitions/entry-00003.yml"
REUSED = re.compile(r"\(([\d,]+) from the cache\)")


def termsite_build(project: Path) -> tuple[Run, int]:
    """One `termsite build` in a fresh process: its cost, and the pages it took from the cache."""
    command = [sys.executable, *TERMSITE, "build"]
    wrapper = [sys.executable, "-c", RUN_CHILD, str(project), *command]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(wrapper, check=False, capture_output=True, text=True, env=env)
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if done.returncode == 0 and lines else {"status": 1}
    if result["status"] != 0:
        said = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"bench_cache: the build in {project} failed:\n{said}")
    found = REUSED.search(done.stderr)
    run = Run(round(result["seconds"], 2), round(result["cpu"], 2), round(result["rss_kb"] / 1024))
    return run, int(found.group(1).replace(",", "")) if found else 0


def edit_one_entry(project: Path) -> None:
    path = project / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new = "summary: A summary rewritten between the two builds of the cache benchmark.\n"
    path.write_text("".join(new if x.startswith("summary:") else x for x in lines), "utf-8")


def run_benchmark(entries: int, keep: Path | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="termsite-bench-cache-") as tmp:
        project = (keep or Path(tmp)) / "cached"
        write_glossary(project, entries)
        write_termsite_project(project)
        full, _ = termsite_build(project)
        edit_one_entry(project)
        rebuild, reused = termsite_build(project)
    return {
        "entries": entries,
        "cache_full_seconds": full.seconds,
        "cache_rebuild_seconds": rebuild.seconds,
        "cache_rebuild_ratio": round(rebuild.seconds / full.seconds, 3),
        "cache_full_cpu_seconds": full.cpu_seconds,
        "cache_rebuild_cpu_seconds": rebuild.cpu_seconds,
        "cache_rebuild_cpu_ratio": round(rebuild.cpu_seconds / full.cpu_seconds, 3),
        "cache_rebuild_peak_rss_mb": rebuild.peak_rss_mb,
        "cache_pages_reused": reused,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries to generate")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    result = run_benchmark(args.entries, args.keep)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in sorted(result.items()):
            print(f"{key:>28}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
