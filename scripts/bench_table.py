"""`make bench`: the build benchmark at 1,000 and 10,000 entries, and every goal beside its figure.

    .venv/bin/python scripts/bench_table.py [--entries 1000 10000]

Each size runs `scripts/bench.py --json --rounds 2` in its own process
(termsite and plain MkDocs + Material built twice each, taking turns, the
fastest of each compared; Hugo once) and the table sets the
figures side by side, plus the 1k→10k growth. At the largest size the same
run also measures the build cache (`bench_cache.py`: a full build, one edit,
a cached rebuild) and the edit loop (`bench_edit.py`: saves under a serve
session, a full rebuild for the ratio), and a last table puts each goal
beside what this run measured.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
BENCH = SCRIPTS / "bench.py"

ROWS: list[tuple[str, str, str]] = [
    ("pages built", "pages", "{:,}"),
    ("build time, termsite, fastest of the rounds (s)", "build_seconds", "{:.1f}"),
    ("build time, plain Material, fastest of the rounds (s)", "plain_material_seconds", "{:.1f}"),
    ("build time, Hugo (s)", "hugo_seconds", "{:.1f}"),
    ("termsite ÷ plain Material, wall (goal ≤ 1.05)", "ratio_to_plain", "{:.2f}"),
    ("termsite ÷ plain Material, CPU", "cpu_ratio_to_plain", "{:.2f}"),
    ("ms a page, termsite", "ms_per_page", "{:.2f}"),
    ("peak RSS, termsite (MB; goal ≤ 1,536)", "peak_rss_mb", "{:,.0f}"),
    ("largest page (KB; goal ≤ 200)", "largest_page_bytes", "{:,.0f}"),
    ("site size (MB)", "site_bytes", "{:,.1f}"),
    ("first search query (KB; goal ≤ 500)", "search_first_query_bytes", "{:,.0f}"),
    ("first search query, plain Material (KB)", "plain_material_search_bytes", "{:,.0f}"),
    ("first search, cold: typing to results (ms)", "search_first_query_ms", "{:,.0f}"),
    ("search once loaded: typing to results (ms; goal ≤ 300)", "search_query_ms", "{:,.0f}"),
    ("search once loaded, typed a key at a time (ms)", "search_typed_ms", "{:,.0f}"),
    (
        "search once loaded: whole first page, Pagefind's too (ms)",
        "search_query_ready_ms",
        "{:,.0f}",
    ),
]
SCALE = {"largest_page_bytes": 1000, "site_bytes": 1e6, "search_first_query_bytes": 1000}
SCALE["plain_material_search_bytes"] = 1000


ROUNDS = ["--rounds", "2"]
"""The build benchmark builds termsite and plain Material twice each, taking turns."""


def run(entries: int, script: Path = BENCH, *extra: str) -> dict[str, Any]:
    """One benchmark run; its figures are the JSON object on the last line it prints."""
    done = subprocess.run(
        [sys.executable, str(script), "--entries", str(entries), "--json", *extra],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def cell(figures: dict[str, Any], key: str, style: str) -> str:
    value = figures.get(key)
    if value is None:
        return "—"
    return style.format(value / SCALE[key] if key in SCALE else value)


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table, one column per size, growth last."""
    head = ["measure", *(f"{r['entries']:,} entries" for r in results)]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for label, key, style in ROWS:
        lines.append("| " + " | ".join([label, *(cell(r, key, style) for r in results)]) + " |")
    if len(results) >= 2:
        first, last = results[0], results[-1]
        growth = last["build_seconds"] / first["build_seconds"]
        scale = last["entries"] / first["entries"]
        cpu = last["build_cpu_seconds"] / first["build_cpu_seconds"]
        lines.append(f"\nGrowth {first['entries']:,} → {last['entries']:,} entries: ")
        lines[-1] += f"{growth:.1f}× the wall time ({cpu:.1f}× the CPU time) "
        lines[-1] += f"for {scale:.0f}× the entries (goal ≤ 11.5×)."
    notes = sorted({r["hugo_note"] for r in results if "hugo_note" in r})
    return "\n".join(lines + notes)


def _ratio(value: Any, style: str = "{:.2f}") -> str:
    return "—" if value is None else style.format(value)


def goals(figures: dict[str, Any]) -> str:
    """Each goal of the scale issue beside this run's figure (at the largest size)."""
    ranked = figures.get("search_title_first")
    sampled = figures.get("search_titles_sampled")
    top3, named = figures.get("search_name_top3"), figures.get("search_names_sampled")
    rows = [
        (
            "build cache: rebuild after one edit ÷ full build, fresh process (wall; CPU)",
            "≤ 0.25",
            f"{_ratio(figures.get('cache_rebuild_ratio'))}; "
            f"{_ratio(figures.get('cache_rebuild_cpu_ratio'))}",
        ),
        (
            "edit loop: save to served page (s; full rebuild ÷ save)",
            "≤ 2.0",
            f"{_ratio(figures.get('edit_rebuild_seconds'), '{:.1f}')}; "
            f"{_ratio(figures.get('edit_full_ratio'), '{:.0f}×')}",
        ),
        (
            "search once loaded: typing to results (ms)",
            "≤ 300",
            _ratio(figures.get("search_query_ms"), "{:,.0f}"),
        ),
        (
            "search once loaded: the whole first page, Pagefind's results included (ms)",
            "—",
            _ratio(figures.get("search_query_ready_ms"), "{:,.0f}"),
        ),
        (
            "first search query (KB)",
            "≤ 500",
            _ratio((figures.get("search_first_query_bytes") or 0) / 1000, "{:,.0f}"),
        ),
        (
            "entry title → that entry is the first result",
            f"{sampled or 50} of {sampled or 50}",
            "—" if ranked is None else f"{ranked} of {sampled}",
        ),
        (
            "synonym or alias → that entry is in the first three results",
            f"{named or 50} of {named or 50}",
            "—" if top3 is None else f"{top3} of {named}",
        ),
        (
            "full build ÷ plain Material, same pages, same run, fastest of 2 each (wall; CPU)",
            "≤ 1.05",
            f"{_ratio(figures.get('ratio_to_plain'))}; {_ratio(figures.get('cpu_ratio_to_plain'))}",
        ),
        ("peak RSS (MB)", "≤ 1,536", _ratio(figures.get("peak_rss_mb"), "{:,.0f}")),
        (
            "largest page (KB)",
            "≤ 200",
            _ratio((figures.get("largest_page_bytes") or 0) / 1000, "{:,.0f}"),
        ),
    ]
    head = f"| goal at {figures['entries']:,} entries | goal | measured |"
    lines = [head, "| --- | --- | --- |"]
    lines += [f"| {label} | {goal} | {measured} |" for label, goal, measured in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    results = []
    for entries in args.entries:
        print(f"bench: building {entries:,} entries (termsite, plain Material, Hugo)…", flush=True)
        results.append(run(entries, BENCH, *ROUNDS))
    largest = max(args.entries)
    print(f"bench: the build cache and the edit loop at {largest:,} entries…", flush=True)
    extra = {**run(largest, SCRIPTS / "bench_cache.py"), **run(largest, SCRIPTS / "bench_edit.py")}
    print(table(results))
    print()
    print(goals({**next(r for r in results if r["entries"] == largest), **extra}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
