"""What a reader's first search costs: bytes downloaded and time to results.

Measured in Chromium when it can be: the built site is served from
127.0.0.1, the home page is loaded, a word is typed into the search box, and
every response fetched from then until the results show is counted. Material's
built-in search (the plain yardstick) fetches its whole JSON index, so its
figure is that file's size. Without a browser, termsite's figure is estimated
from the index files: the fixed files, the largest index chunk and ten of the
largest fragments (an upper bound for one query showing ten results).
"""

from __future__ import annotations

import functools
import random
import shutil
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
RANKED = 50
"""Entry titles typed into the box to check that each finds its entry first."""


class _Quiet(SimpleHTTPRequestHandler):
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

    fetched: dict[str, int] = {}
    executable = CHROMIUM if shutil.which(CHROMIUM) else None
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url, wait_until="networkidle", timeout=TIMEOUT_MS)
        page.on("response", lambda response: fetched.update({response.url: len(response.body())}))
        started = time.perf_counter()
        page.fill(QUERY_BOX, query)
        page.wait_for_selector(READY, timeout=TIMEOUT_MS)
        elapsed = time.perf_counter() - started
        warm = warm_query_seconds(page, query[:-1])
        results = page.locator(".md-search-result__item").count()
        titles = sampled_titles(site.parent / "glossary", RANKED)
        ranked = ranked_first(page, titles) if titles else {}
        browser.close()
    return {
        **({"search_title_first": len(titles) - len(ranked)} if titles else {}),
        **({"search_titles_sampled": len(titles)} if titles else {}),
        "bytes": sum(fetched.values()),
        "search_method": "browser",
        "search_first_query_ms": round(1000 * elapsed),
        "search_query_ms": round(1000 * warm),
        "search_first_query_requests": len(fetched),
        "search_results_shown": results,
    }


def sampled_titles(glossary: Path, count: int, seed: int = 14) -> dict[str, str]:
    """`count` entry titles no other entry shares, with their page URLs (seeded)."""
    found: dict[str, str] = {}
    for kind in ("term", "definition"):
        for path in sorted((glossary / f"{kind}s").glob("*.yml")):
            entry: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
            found[f"/{kind}/{path.stem}/"] = str(entry["title"])
    folded = [title.casefold() for title in found.values()]
    unique = {url: t for url, t in found.items() if folded.count(t.casefold()) == 1}
    chosen = random.Random(seed).sample(sorted(unique), min(count, len(unique)))
    return {unique[url]: url for url in chosen}


def ranked_first(page: Any, titles: dict[str, str]) -> dict[str, str | None]:
    """Each title typed into the box; the titles whose entry is not the first result."""
    wrong: dict[str, str | None] = {}
    for title, url in titles.items():
        page.fill(QUERY_BOX, title)
        page.wait_for_selector(READY, timeout=TIMEOUT_MS)
        page.wait_for_function(
            "(t) => document.querySelector('[data-termsite-search-query]').value === t"
            " && document.querySelector('.md-search-result__link')",
            arg=title,
            timeout=TIMEOUT_MS,
        )
        first = page.locator(".md-search-result__link").first.get_attribute("href")
        if first != url:
            wrong[title] = first
    return wrong


def warm_query_seconds(page: Any, query: str) -> float:
    """Typing to results once Pagefind is loaded (as after a reader focuses the box)."""
    page.fill(QUERY_BOX, "")
    page.wait_for_selector(READY, timeout=TIMEOUT_MS)
    started = time.perf_counter()
    page.fill(QUERY_BOX, query)
    page.wait_for_selector(READY, timeout=TIMEOUT_MS)
    return time.perf_counter() - started


def estimate(site: Path) -> int:
    """An upper bound from the files: fixed files, the largest chunk, the ten largest fragments."""
    bundle = site / "pagefind"
    fixed = [
        *bundle.glob("pagefind*.js"),
        *bundle.glob("*.pf_meta"),
        bundle / "pagefind-entry.json",
    ]
    wasm = sorted(bundle.glob("wasm.*.pagefind"), key=lambda path: path.stat().st_size)[-1:]
    chunks = sorted(path.stat().st_size for path in (bundle / "index").glob("*"))[-1:]
    fragments = sorted(path.stat().st_size for path in (bundle / "fragment").glob("*"))[-10:]
    files = sum(path.stat().st_size for path in [*fixed, *wasm] if path.exists())
    return files + sum(chunks) + sum(fragments)
