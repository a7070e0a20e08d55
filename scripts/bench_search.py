"""What a reader's first search costs: bytes downloaded and time to results.

Measured in Chromium when it can be: the built site is served from
127.0.0.1, the home page is loaded, a word is typed into the search box, and
every response fetched from then until the results show is counted. Material's
built-in search (the plain yardstick) fetches its whole JSON index, so its
figure is that file's size. Without a browser, termsite's figure is estimated
from the index files: the fixed files, the largest index chunk of each part and
ten of the largest fragments (an upper bound for one query showing ten results).

Once Pagefind is loaded, typing to results is timed in the page itself (from
the input event to the first result link), for queries entered at once
(`search_query_ms`, the goal's figure: nothing of the query was fetched before)
and typed a key at a time (`search_typed_ms`, from the last keystroke). The
first results of a query that names entries come from the names index; the
whole first page, Pagefind's results included, is `search_query_ready_ms`. Each
is the median of `WARM_QUERIES` entry titles and first words of titles.

Run alone, it measures sites already built (`scripts/bench.py --keep DIR` keeps
one, `DIR/termsite/site`; the glossary must sit beside the site), one after the
other in one run, so two versions of the search page can be compared:

    .venv/bin/python scripts/bench_search.py BEFORE/site AFTER/site --json
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import yaml

QUERY = "liquidity"
"""A word every synthetic glossary holds many times, as a reader's first query would."""
READY = "[data-termsite-search][data-state=ready]"
QUERY_BOX = "[data-termsite-search-query]"
TIMEOUT_MS = 60_000
CHROMIUM = "/usr/bin/chromium"
RANKED = 200
"""Entry titles typed into the box to check that each finds its entry first."""
WARM_QUERIES = 12
"""Queries timed once Pagefind is loaded; the median is the figure."""
MISSES_SHOWN = 10
"""Queries whose entry ranked too low, named in the figures (`search_title_missed`, ...)."""


class _Quiet(SimpleHTTPRequestHandler):
    """The site as a static host serves it: connections kept open, and each response sent
    at once. Python's defaults (HTTP/1.0, Nagle's algorithm on) sent a response's body only
    once its headers were acknowledged, which a browser delays up to 40 ms: 17 fragments
    took 140 ms to fetch, 60 ms without the stall, most of what a query waits for them."""

    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@contextmanager
def served(root: Path) -> Iterator[str]:
    """`root` on a free local port, as a base URL ending in `/`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def first_query(site: Path, query: str = QUERY) -> dict[str, Any]:
    """`bytes` of the first query and how it was found (`search_method`), with its time."""
    if not (site / "pagefind").is_dir():
        index = site / "search/search_index.json"
        size = index.stat().st_size if index.exists() else 0
        return {"bytes": size}
    try:
        return in_browser(site, query)
    except Exception as error:  # any browser failure: fall back, and say why
        return {"bytes": estimate(site), "search_method": f"estimate ({type(error).__name__})"}


def in_browser(site: Path, query: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if shutil.which(CHROMIUM) else None
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url, wait_until="networkidle", timeout=TIMEOUT_MS)
        figures = cold_query(page, query)
        pasted, whole = zip(*warm_query_times(page, warm_queries(site, seed=41)), strict=True)
        typed = typed_query_ms(page, warm_queries(site, seed=42))
        titles = sampled_titles(site.parent / "glossary", RANKED)
        ranked = ranked_first(page, titles) if titles else {}
        names = sampled_names(site.parent / "glossary", RANKED)
        named = ranked_first(page, names, within=3) if names else {}
        browser.close()
    return {
        **figures,
        **({"search_title_first": len(titles) - len(ranked)} if titles else {}),
        **({"search_titles_sampled": len(titles)} if titles else {}),
        **({"search_name_top3": len(names) - len(named)} if names else {}),
        **({"search_names_sampled": len(names)} if names else {}),
        **({"search_title_missed": sorted(ranked)[:MISSES_SHOWN]} if ranked else {}),
        **({"search_name_missed": sorted(named)[:MISSES_SHOWN]} if named else {}),
        "search_method": "browser",
        "search_query_ms": round(statistics.median(pasted)),
        "search_query_ms_max": round(max(pasted)),
        "search_query_ready_ms": round(statistics.median(whole)),
        "search_typed_ms": round(statistics.median(typed)),
        "search_typed_ms_max": round(max(typed)),
    }


def cold_query(page: Any, query: str) -> dict[str, Any]:
    """The reader's first query: bytes fetched and time until its results show."""
    fetched: dict[str, int] = {}

    def count(response: Any) -> None:
        fetched[response.url] = len(response.body())

    page.on("response", count)
    started = time.perf_counter()
    page.fill(QUERY_BOX, query)
    page.wait_for_selector(READY, timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - started
    page.remove_listener("response", count)
    return {
        "bytes": sum(fetched.values()),
        "search_first_query_ms": round(1000 * elapsed),
        "search_first_query_requests": len(fetched),
        "search_results_shown": page.locator(".md-search-result__item").count(),
    }


def entries(glossary: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every term and definition of a glossary folder, with its page URL."""
    for kind in ("term", "definition"):
        for path in sorted((glossary / f"{kind}s").glob("*.yml")):
            yield f"/{kind}/{path.stem}/", yaml.safe_load(path.read_text(encoding="utf-8"))


def sampled_titles(glossary: Path, count: int, seed: int = 14) -> dict[str, str]:
    """`count` entry titles no other entry shares, with their page URLs (seeded)."""
    found = {url: str(entry["title"]) for url, entry in entries(glossary)}
    return _sampled(found, count, seed)


def sampled_names(glossary: Path, count: int, seed: int = 15) -> dict[str, str]:
    """`count` synonyms and aliases (as words) no other entry shares, with their page URLs."""
    found: dict[str, str] = {}
    for url, entry in entries(glossary):
        names = [*entry.get("synonyms", []), *entry.get("aliases", [])]
        found.update({f"{url}#{name}": str(name).replace("-", " ") for name in names})
    return {name: url.split("#")[0] for name, url in _sampled(found, count, seed).items()}


def _sampled(found: dict[str, str], count: int, seed: int) -> dict[str, str]:
    folded = [name.casefold() for name in found.values()]
    unique = {key: n for key, n in found.items() if folded.count(n.casefold()) == 1}
    chosen = random.Random(seed).sample(sorted(unique), min(count, len(unique)))
    return {unique[key]: key for key in chosen}


def ranked_first(page: Any, titles: dict[str, str], within: int = 1) -> dict[str, list[str]]:
    """Each query typed into the box; those whose entry is not in the first `within`
    results, with the results that were."""
    wrong: dict[str, list[str]] = {}
    for title, url in titles.items():
        page.fill(QUERY_BOX, title)
        page.wait_for_selector(READY, timeout=TIMEOUT_MS)
        page.wait_for_function(
            "(t) => document.querySelector('[data-termsite-search-query]').value === t"
            " && document.querySelector('.md-search-result__link')",
            arg=title,
            timeout=TIMEOUT_MS,
        )
        links = page.locator(".md-search-result__link")
        top = [links.nth(i).get_attribute("href") or "" for i in range(min(within, links.count()))]
        if url not in top:
            wrong[title] = top
    return wrong


PASTED = """async (query) => {
  const root = document.querySelector("[data-termsite-search]");
  const box = root.querySelector("[data-termsite-search-query]");
  const list = root.querySelector("[data-termsite-search-results]");
  const enter = (text) => {
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const keystrokes = TYPED ? [...query].map((_, i) => query.slice(0, i + 1)) : [query];
  enter("");
  await pause(50);
  const answered = () => list.dataset.query === query.trim();
  const when = (test) =>
    new Promise((resolve) => {
      const seen = () => test() && resolve(performance.now());
      const watched = { childList: true, attributes: true, subtree: true };
      new MutationObserver(seen).observe(root, watched);
    });
  const shown = when(() => answered() && list.querySelector(".md-search-result__link"));
  const ready = when(() => answered() && root.dataset.state === "ready");
  let started = 0;
  for (const text of keystrokes) {
    if (started) await pause(KEYSTROKE_MS);
    started = performance.now();
    enter(text);
  }
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error(query)), 30000));
  const [first, whole] = await Promise.race([Promise.all([shown, ready]), late]);
  return [first - started, whole - started];
}"""
"""Times one query in the page, from its last input event to its first result link, and to
the whole first page (`data-state` ready: Pagefind's results listed under the names index's):
`TYPED` enters it a key at a time, `KEYSTROKE_MS` apart, as a reader types."""
KEYSTROKE_MS = 150


def timed_script(typed: bool) -> str:
    return PASTED.replace("TYPED", "true" if typed else "false").replace(
        "KEYSTROKE_MS", str(KEYSTROKE_MS)
    )


def warm_queries(site: Path, seed: int, count: int = WARM_QUERIES) -> list[str]:
    """Queries a reader types once Pagefind is loaded: entry titles and their first words."""
    titles = list(sampled_titles(site.parent / "glossary", count, seed=seed))
    return [title if i % 2 else title.split()[0] for i, title in enumerate(titles)]


def warm_query_ms(page: Any, queries: list[str], *, typed: bool = False) -> list[float]:
    """Typing to results once Pagefind is loaded (the first query loaded it): for each
    query, the time from its input event to its first result, measured in the page. Each
    query is entered at once (`typed=False`: nothing of it was fetched before)."""
    return [first for first, _ in warm_query_times(page, queries, typed=typed)]


def warm_query_times(
    page: Any, queries: list[str], *, typed: bool = False
) -> list[tuple[float, float]]:
    """For each query, milliseconds to its first result and to its whole first page."""
    page.wait_for_selector("[data-termsite-search][data-engine=ready]", timeout=TIMEOUT_MS)
    script = timed_script(typed)
    times = [page.evaluate(script, query) for query in queries]
    return [(float(first), float(whole)) for first, whole in times]


def typed_query_ms(page: Any, queries: list[str]) -> list[float]:
    """The same, each query typed a key at a time: from its last keystroke."""
    return warm_query_ms(page, queries, typed=True)


def estimate(site: Path) -> int:
    """An upper bound from the files: fixed files, the largest chunk of each index part,
    the ten largest fragments."""
    bundle = site / "pagefind"
    parts = [bundle, *(path.parent for path in bundle.glob("*/pagefind-entry.json"))]
    fixed = [
        *bundle.glob("pagefind*.js"),
        bundle / "parts.json",
        *(path for part in parts for path in part.glob("*.pf_meta")),
        *(part / "pagefind-entry.json" for part in parts),
    ]
    wasm = sorted(bundle.glob("wasm.*.pagefind"), key=lambda path: path.stat().st_size)[-1:]
    chunks = [max(_sizes(part / "index"), default=0) for part in parts]
    fragments = sorted(size for part in parts for size in _sizes(part / "fragment"))[-10:]
    files = sum(path.stat().st_size for path in [*fixed, *wasm] if path.exists())
    return files + sum(chunks) + sum(fragments)


def _sizes(folder: Path) -> list[int]:
    return [path.stat().st_size for path in folder.glob("*")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built sites, the glossary beside each")
    parser.add_argument("--json", action="store_true", help="one JSON line a site")
    args = parser.parse_args(argv)
    for site in args.sites:
        figures = {"site": str(site), **first_query(site)}
        if args.json:
            print(json.dumps(figures, sort_keys=True), flush=True)
        else:
            for key, value in sorted(figures.items()):
                print(f"{key:>28}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
