"""Term-matcher benchmark: compile 10,000 entries' names once, then link one long page.

    .venv/bin/python scripts/bench_autolink.py --entries 10000 --mentions 500

Prints the compile time, the time to link a page with that many mentions (best of five),
how many links and cards it got, and the page's bytes before and after. The last line is
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termsite.generate.autolink import Matcher, Target, link_page
from termsite.generate.cards import cards_html

WORDS = (
    *("alpha", "beta", "gamma", "delta", "basis", "carry"),
    *("funding", "margin", "spread", "depth", "skew", "drift"),
)


def targets(count: int, rng: random.Random) -> list[Target]:
    """Names of two or three words, unique, like a real glossary's titles."""
    found, seen = [], set()
    while len(found) < count:
        name = " ".join(rng.choice(WORDS) for _ in range(rng.choice((2, 3)))) + f" {len(found)}"
        if name not in seen:
            seen.add(name)
            key = f"definition/d{len(found)}"
            summary = (
                "A one-line summary of about a hundred characters, as a card shows it to a reader."
            )
            found.append(
                Target(key, f"definition/d{len(found)}/", name, "Definition", summary, (name,))
            )
    return found


def page(names: list[Target], mentions: int, rng: random.Random) -> str:
    """`mentions` paragraphs, each naming one entry among filler words, an H2 every 20."""
    parts = []
    for i in range(mentions):
        if i % 20 == 0:
            parts.append(f"<h2>Section {i // 20}</h2>")
        filler = " ".join(rng.choice(WORDS) for _ in range(30))
        parts.append(f"<p>{filler} {rng.choice(names).title} {filler}.</p>")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--mentions", type=int, default=500)
    args = parser.parse_args(argv)
    rng = random.Random(7)
    names = targets(args.entries, rng)
    start = time.perf_counter()
    matcher = Matcher(names)
    compile_s = time.perf_counter() - start
    html = page(names, args.mentions, rng)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        linked = link_page(html, matcher, page_url="term/x/")
        out = linked.html + cards_html(linked.linked, "term/x/")
        best = min(best, time.perf_counter() - start)
    result = {
        "entries": args.entries,
        "mentions": args.mentions,
        "compile_seconds": round(compile_s, 3),
        "link_page_ms": round(best * 1000, 1),
        "links": linked.automatic,
        "cards": len(linked.linked),
        "page_bytes_before": len(html.encode()),
        "page_bytes_after": len(out.encode()),
    }
    for key, value in result.items():
        print(f"{key:>18}  {value}")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
