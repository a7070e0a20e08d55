"""`make bench`: the build benchmark at 1,000 and 10,000 entries, as one Markdown table.

    .venv/bin/python scripts/bench_table.py [--entries 1000 10000]

Each size runs `scripts/bench.py --json` in its own process (termsite, plain
MkDocs + Material and Hugo built in the same run) and the table sets the
figures side by side with the issue's goals, plus the 1k→10k growth.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent / "bench.py"

ROWS: list[tuple[str, str, str]] = [
    ("pages built", "pages", "{:,}"),
    ("build time, termsite (s)", "build_seconds", "{:.1f}"),
    ("build time, plain Material (s)", "plain_material_seconds", "{:.1f}"),
    ("build time, Hugo (s)", "hugo_seconds", "{:.1f}"),
    ("termsite ÷ plain Material, wall (goal ≤ 1.2)", "ratio_to_plain", "{:.2f}"),
    ("termsite ÷ plain Material, CPU", "cpu_ratio_to_plain", "{:.2f}"),
    ("ms a page, termsite", "ms_per_page", "{:.2f}"),
    ("peak RSS, termsite (MB; goal ≤ 1,536)", "peak_rss_mb", "{:,.0f}"),
    ("largest page (KB; goal ≤ 200)", "largest_page_bytes", "{:,.0f}"),
    ("site size (MB)", "site_bytes", "{:,.1f}"),
    ("first search query (KB; goal ≤ 500)", "search_first_query_bytes", "{:,.0f}"),
    ("first search query, plain Material (KB)", "plain_material_search_bytes", "{:,.0f}"),
    ("first search, cold: typing to results (ms)", "search_first_query_ms", "{:,.0f}"),
    ("search once loaded: typing to results (ms; goal ≤ 300)", "search_query_ms", "{:,.0f}"),
]
SCALE = {"largest_page_bytes": 1000, "site_bytes": 1e6, "search_first_query_bytes": 1000}
SCALE["plain_material_search_bytes"] = 1000


def run(entries: int) -> dict[str, Any]:
    """One benchmark run; its figures are the JSON object on the last line it prints."""
    done = subprocess.run(
        [sys.executable, str(BENCH), "--entries", str(entries), "--json"],
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    results = []
    for entries in args.entries:
        print(f"bench: building {entries:,} entries (termsite, plain Material, Hugo)…", flush=True)
        results.append(run(entries))
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
