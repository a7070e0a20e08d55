"""Build-scale benchmark: generate N synthetic entries, build them, print figures.

    .venv/bin/python scripts/bench.py --entries 1000 --json

The last line printed is one JSON object (a contract: outside checks read it):
`entries`, `build_seconds` (wall), `peak_rss_mb`, `site_bytes`,
`largest_page_bytes` and `search_first_query_bytes`, plus the yardsticks built
in the same run on the same text: plain MkDocs + Material (`plain_*`,
`ratio_to_plain`) and Hugo (`hugo_*`, or `hugo_note` when it is not
installed). Every build runs in its own process, so each peak RSS is its own.
With `--rounds N` termsite and plain Material are each built N times, taking
turns, and `build_seconds` and the ratios are of each side's fastest build
(`*_each_round` lists them all).

The first-query figure is measured in Chromium: the home page is opened, a
word is typed into the search box, and every byte fetched until the results
show is counted (`search_first_query_ms` is how long that took). Without a
browser it falls back to an estimate from the index files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_projects import (
    generated_pages,
    write_glossary,
    write_hugo_project,
    write_plain_project,
    write_termsite_project,
)
from bench_search import first_query

RUN_CHILD = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": used.ru_utime + used.ru_stime,
                  "rss_kb": used.ru_maxrss, "status": done.returncode}))
"""
"""Times one build in a fresh process, so the peak RSS is that build's (and its children's)."""


@dataclass(frozen=True)
class Run:
    """What one build cost."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float


@dataclass(frozen=True)
class Figures:
    """One built site's figures; the first six keys are the benchmark's published contract."""

    entries: int
    build_seconds: float
    peak_rss_mb: float
    site_bytes: int
    largest_page_bytes: int
    search_first_query_bytes: int
    pages: int
    build_cpu_seconds: float
    ms_per_page: float

    @property
    def cost(self) -> Run:
        return Run(self.build_seconds, self.build_cpu_seconds, round(self.peak_rss_mb))


def timed(command: list[str], cwd: Path) -> Run:
    """Run a build command; wall seconds, CPU seconds and peak RSS of the build alone."""
    wrapper = [sys.executable, "-c", RUN_CHILD, str(cwd), *command]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(wrapper, check=False, capture_output=True, text=True, env=env)
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if done.returncode == 0 and lines else {"status": 1}
    if result["status"] != 0:
        said = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"bench: the build in {cwd} failed:\n{said}")
    return Run(round(result["seconds"], 2), round(result["cpu"], 2), round(result["rss_kb"] / 1024))


def mkdocs_build(config: Path) -> Run:
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], config.parent)


def site_figures(site: Path) -> dict[str, int]:
    """Bytes of the whole site, the number of HTML pages and the largest one."""
    files = [path for path in site.rglob("*") if path.is_file()]
    sizes = [path.stat().st_size for path in files if path.suffix == ".html"]
    return {
        "site_bytes": sum(path.stat().st_size for path in files),
        "pages": len(sizes),
        "largest_page_bytes": max(sizes, default=0),
    }


def measure(config: Path, entries: int) -> tuple[Figures, dict[str, Any]]:
    """Build one MkDocs project and measure the site it wrote."""
    run = mkdocs_build(config)
    site = config.parent / "site"
    found = site_figures(site)
    search = first_query(site)
    figures = Figures(
        entries=entries,
        build_seconds=run.seconds,
        peak_rss_mb=run.peak_rss_mb,
        search_first_query_bytes=search.pop("bytes"),
        build_cpu_seconds=run.cpu_seconds,
        ms_per_page=ms_per_page(run.seconds, found["pages"]),
        **found,
    )
    return figures, search


def ms_per_page(seconds: float, pages: int) -> float:
    return round(1000 * seconds / max(pages, 1), 2)


def hugo_figures(pages: dict[str, str], root: Path) -> dict[str, Any]:
    """Hugo on the same pages, or a note saying why it was not measured."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return {"hugo_note": "Hugo is not installed (apt-get install hugo); not measured."}
    config = write_hugo_project(pages, root)
    run = timed([hugo, "--quiet", "--source", str(root), "--config", str(config)], root)
    pages = sum(1 for _ in (root / "public").rglob("*.html"))
    return {"hugo_seconds": run.seconds, "hugo_pages": pages, "hugo_peak_rss_mb": run.peak_rss_mb}


def plain_figures(
    pages: dict[str, str], root: Path, ours: Figures, again: Callable[[], Run], rounds: int
) -> dict[str, Any]:
    """Plain MkDocs + Material (its own search) on the same pages, and our ratio to it.

    Each side is built `rounds` times in all, taking turns (termsite, plain, termsite,
    plain), each build after the first on a removed site folder (`again` rebuilds
    ours), and the times and ratios are of each side's fastest build. On a shared
    machine a slow minute then falls on both sides or on neither: one build of each
    moved the ratio by ±0.15 from one run to the next."""
    config = write_plain_project(pages, root)
    plain, _ = measure(config, ours.entries)
    ours_runs, plain_runs = [ours.cost], [plain.cost]
    for _ in range(rounds - 1):
        ours_runs.append(again())
        plain_runs.append(rebuilt(config))
    best, best_plain = _fastest(ours_runs), _fastest(plain_runs)
    return {
        "build_seconds": best.seconds,
        "build_cpu_seconds": best.cpu_seconds,
        "build_seconds_each_round": [run.seconds for run in ours_runs],
        "ms_per_page": ms_per_page(best.seconds, ours.pages),
        "plain_material_seconds": best_plain.seconds,
        "plain_material_cpu_seconds": best_plain.cpu_seconds,
        "plain_material_seconds_each_round": [run.seconds for run in plain_runs],
        "plain_material_pages": plain.pages,
        "plain_material_peak_rss_mb": plain.peak_rss_mb,
        "plain_material_search_bytes": plain.search_first_query_bytes,
        "ratio_to_plain": round(best.seconds / best_plain.seconds, 2),
        "cpu_ratio_to_plain": round(best.cpu_seconds / best_plain.cpu_seconds, 2),
        "rounds": rounds,
    }


def rebuilt(config: Path) -> Run:
    """The same build again, from a removed site folder (removing it is not timed)."""
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    return mkdocs_build(config)


def _fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds)


def run_benchmark(
    entries: int,
    *,
    plain: bool,
    hugo: bool,
    keep: Path | None,
    autolink: bool = True,
    rounds: int = 1,
) -> dict[str, Any]:
    """Generate, build and measure; the yardsticks are built in the same run."""
    with tempfile.TemporaryDirectory(prefix="termsite-bench-") as tmp:
        base = keep or Path(tmp)
        project = base / "termsite"
        write_glossary(project, entries)
        config = write_termsite_project(project, autolink=autolink)
        ours, search = measure(config, entries)
        result: dict[str, Any] = {**asdict(ours), **search}
        pages = generated_pages(project) if plain or hugo else {}
        if plain:
            result |= plain_figures(pages, base / "plain", ours, lambda: rebuilt(config), rounds)
        if hugo:
            result |= hugo_figures(pages, base / "hugo")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries to generate")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material yardstick")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo yardstick")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument(
        "--no-autolink", action="store_true", help="build with automatic term links off"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="build termsite and plain Material this many times each, taking turns, "
        "and compare the fastest of each (default 1)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")
    result = run_benchmark(
        args.entries,
        plain=not args.no_plain,
        hugo=not args.no_hugo,
        keep=args.keep,
        autolink=not args.no_autolink,
        rounds=args.rounds,
    )
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in sorted(result.items()):
            print(f"{key:>34}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
