"""Print what sanitising entry HTML costs: `clean_html` over every article of a built site.

.venv/bin/python scripts/bench_sanitize.py site        # after `make site`
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from termsite.sanitize import clean_html


def articles(site: Path) -> list[str]:
    """The `<article>` HTML of every page (what the plugin cleans, give or take the theme)."""
    found = []
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if "<article" in text:
            found.append(text.split("<article", 1)[1].split("</article>", 1)[0])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bodies = articles(args.site)
    if not bodies:
        raise SystemExit(f"No pages with an <article> under {args.site}.")
    clean_html(bodies[0])  # build the cleaner once, outside the timing
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for body in bodies:
            clean_html(body)
        runs.append(time.perf_counter() - start)
    best = min(runs)
    size = sum(map(len, bodies)) / 1e6
    print(f"{len(bodies)} pages, {size:.2f} MB of article HTML")
    per_page = best / len(bodies) * 1e3
    print(f"clean_html: {best * 1e3:.0f} ms a pass (best of {args.repeat}), {per_page:.3f} ms/page")


if __name__ == "__main__":
    main()
