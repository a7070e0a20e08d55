"""Browser benchmark of the calculator runtime: the three start-up paths side by side.

Builds the starter site into a temp dir, serves it from 127.0.0.1 and drives
Debian's Chromium (headless) through Playwright, each measure in a fresh (cold)
context, medians of `--runs` (at least 5). Rows, from one run:

- today's worker: the plain boot (Pyodide, then the wheel, then the imports),
  got by serving the page without its snapshot link;
- bare loadPyodide: a worker that only boots Pyodide, the floor of the plain boot;
- snapshot: the worker restoring the build's memory snapshot (the default).

Columns: first result (navigation to the browser's result, Compute pressed at
once), warm revisit (the same in a second tab of the same context: HTTP cache
filled, versioned files cached as a static host would), recompute of 20 assets x
1,000 rows inside the page, and the runtime's bytes on the wire as gzip -9 would
send them. The last line printed is one JSON object.

    .venv/bin/python scripts/bench_browser.py [--runs 5]
    .venv/bin/python scripts/bench_browser.py --lighthouse [--runs 3]

`--lighthouse` instead runs Lighthouse (npm, pinned; mobile, its default) on a
term page with a calculator and on a calculator page, served with the site's own
headers, and prints the performance score, total blocking time and the longest
main-thread tasks (medians of `--runs`), beside the other categories' scores.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Response, Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from termsite.widgets.runtime import PYODIDE_VERSION  # noqa: E402
from tests.browser.conftest import build_site  # noqa: E402
from tests.browser.server import serve_directory  # noqa: E402
from tests.chromium_browser import CHROMIUM_ARGS  # noqa: E402
from tests.standards.conftest import build_starter_site  # noqa: E402
from tests.standards.server import serve_site  # noqa: E402

CALC = "correlation-matrix"
ROOT_SELECTOR = f'[data-calculator="{CALC}"]'
RESULT = f'{ROOT_SELECTOR}[data-state="ready"] [data-output="matrix"][data-source="browser"]'
RUNTIME = ("/assets/termsite/", "/assets/pyodide/", "/assets/calculators/", "/bench/")
CACHE_CONTROL = "public, max-age=3600"
TIMEOUT_MS = 180_000
# Click Compute inside the page and resolve once the browser result is in the DOM and
# the next frame has run: no Playwright round trip or selector polling in the figure.
CLICK_TO_RESULT = """root => new Promise(resolve => {
  const output = root.querySelector('[data-output="matrix"]');
  output.dataset.source = "stale";
  const observer = new MutationObserver(() => {
    if (root.dataset.state !== "ready" || output.dataset.source !== "browser") return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
  });
  observer.observe(root, {attributes: true, subtree: true,
                          attributeFilter: ["data-state", "data-source"]});
  const start = performance.now();
  root.querySelector("button[type=submit]").click();
})"""
BOOT = """() => performance.getEntriesByName("termsite:runtime-ready").at(-1)?.detail ?? {}"""
BARE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>bare loadPyodide</title><script type="module" src="bare.js"></script></head>
<body data-state="loading"></body></html>
"""
BARE_SCRIPT = """const url = new URL("bare-worker.js", import.meta.url);
const worker = new Worker(url, {type: "module"});
worker.addEventListener("message", () => { document.body.dataset.state = "ready"; });
"""
BARE_WORKER = f"""const folder = "../assets/pyodide/{PYODIDE_VERSION}/";
const indexURL = new URL(folder, import.meta.url).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
await loadPyodide({{ indexURL }});
self.postMessage("ready");
"""

Setup = Callable[[BrowserContext], None]


def synthetic_prices(assets: int, rows: int, seed: int = 7) -> str:
    """A random-walk price CSV: `assets` columns, `rows` dates."""
    rng = random.Random(seed)
    prices = [100.0 + 10 * i for i in range(assets)]
    lines = ["date," + ",".join(f"A{i:02d}" for i in range(assets))]
    for day in range(rows):
        prices = [p * (1 + rng.gauss(0, 0.02)) for p in prices]
        lines.append(f"d{day:04d}," + ",".join(f"{p:.6f}" for p in prices))
    return "\n".join(lines) + "\n"


def without_snapshot(context: BrowserContext) -> None:
    """Serve calculator pages with an empty snapshot link: the worker boots the plain way."""

    def strip(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        start = html.find('data-snapshot-url="')
        while start != -1:
            end = html.index('"', start + len('data-snapshot-url="'))
            html = html[:start] + 'data-snapshot-url=""' + html[end + 1 :]
            start = html.find('data-snapshot-url="', start + 1)
        route.fulfill(response=response, body=html)

    context.route("**/calculators/*/", strip)


def with_snapshot(context: BrowserContext) -> None:
    del context


def write_bare_page(site: Path) -> None:
    folder = site / "bench"
    folder.mkdir()
    (folder / "index.html").write_text(BARE_PAGE)
    (folder / "bare.js").write_text(BARE_SCRIPT)
    (folder / "bare-worker.js").write_text(BARE_WORKER)


def open_to_result(page: Page, url: str) -> float:
    """Milliseconds from navigation start to the first browser result (submit at once)."""
    page.goto(url, wait_until="domcontentloaded")
    page.locator(f"{ROOT_SELECTOR} button[type=submit]").click()
    page.wait_for_selector(RESULT, state="attached", timeout=TIMEOUT_MS)
    elapsed: float = page.evaluate("performance.now()")
    return elapsed


def open_bare(page: Page, url: str) -> float:
    """Milliseconds from navigation start until a worker's bare `loadPyodide` resolved."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('body[data-state="ready"]', state="attached", timeout=TIMEOUT_MS)
    elapsed: float = page.evaluate("performance.now()")
    return elapsed


Opener = Callable[[Page, str], float]


def cold(browser: Browser, url: str, setup: Setup, opener: Opener) -> float:
    context = browser.new_context()
    setup(context)
    try:
        return opener(context.new_page(), url)
    finally:
        context.close()


def warm(browser: Browser, url: str, setup: Setup, opener: Opener) -> float:
    """The same, in a second tab once a first visit in the same context filled the cache."""
    context = browser.new_context()
    setup(context)
    try:
        opener(context.new_page(), url)
        return opener(context.new_page(), url)
    finally:
        context.close()


def recompute(browser: Browser, url: str, setup: Setup, runs: int) -> tuple[float, dict[str, str]]:
    """Median in-page ms for 20 assets x 1,000 rows, runtime warm; and how it booted."""
    context = browser.new_context()
    setup(context)
    page = context.new_page()
    open_to_result(page, url)
    boot: dict[str, str] = page.evaluate(BOOT)
    page.locator(f"{ROOT_SELECTOR} [name=csv]").fill(synthetic_prices(20, 1000))
    root = page.locator(ROOT_SELECTOR)
    inside = [root.evaluate(CLICK_TO_RESULT) for _ in range(runs + 1)]
    context.close()
    return statistics.median(inside[1:]), boot


def wire_bytes(
    browser: Browser, url: str, setup: Setup, opener: Opener, site: Path
) -> tuple[int, int]:
    """Raw and gzip -9 bytes of the runtime files one cold first result fetches.

    Sizes come from the files on disk (each URL once): a response's body is not
    always available to Playwright for the worker's largest downloads.
    """
    context = browser.new_context()
    setup(context)
    page = context.new_page()
    paths: set[str] = set()

    def record(response: Response) -> None:
        path = urlsplit(response.url).path
        if any(part in path for part in RUNTIME) and response.status == 200:
            paths.add(path)

    page.on("response", record)
    opener(page, url)
    page.wait_for_load_state("networkidle")
    context.close()
    files = [site / path.lstrip("/") for path in sorted(paths)]
    files = [file for file in files if file.is_file()]
    return sum(f.stat().st_size for f in files), sum(_gzip_size(f) for f in files)


@functools.lru_cache(maxsize=64)
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def measure(browser: Browser, base: str, runs: int, site: Path) -> dict[str, dict[str, float]]:
    url = f"{base}calculators/{CALC}/"
    rows: dict[str, dict[str, float]] = {}
    paths: list[tuple[str, str, Setup, Opener]] = [
        ("today's worker (plain boot)", url, without_snapshot, open_to_result),
        ("bare loadPyodide", f"{base}bench/", with_snapshot, open_bare),
        ("snapshot", url, with_snapshot, open_to_result),
    ]
    for name, target, setup, opener in paths:
        row = {
            "first_result_ms": statistics.median(
                cold(browser, target, setup, opener) for _ in range(runs)
            ),
            "warm_revisit_ms": statistics.median(
                warm(browser, target, setup, opener) for _ in range(runs)
            ),
        }
        if opener is open_to_result:
            row["recompute_20x1000_ms"], boot = recompute(browser, target, setup, runs)
            row["boot"] = boot.get("boot", "?")  # type: ignore[assignment]
        raw, packed = wire_bytes(browser, target, setup, opener, site)
        row["bytes_raw"], row["bytes_gzip"] = raw, packed
        rows[name] = row
    return rows


def print_table(rows: dict[str, dict[str, float]]) -> None:
    print("| path | first result | warm revisit | recompute 20 x 1,000 | bytes (gzip -9) |")
    print("| --- | --- | --- | --- | --- |")
    for name, row in rows.items():
        recompute_ms = row.get("recompute_20x1000_ms")
        cells = [
            f"{row['first_result_ms'] / 1000:.2f} s",
            f"{row['warm_revisit_ms'] / 1000:.2f} s",
            "–" if recompute_ms is None else f"{recompute_ms:.0f} ms",
            f"{row['bytes_gzip'] / 1e6:.1f} MB",
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    today, bare, snap = (rows[name] for name in rows)
    first = snap["first_result_ms"]
    print(
        f"snapshot first result = {first / today['first_result_ms']:.2f} x today's worker "
        f"(goal <= 0.30), {first / bare['first_result_ms']:.2f} x bare loadPyodide (goal <= 0.45); "
        f"warm revisit = {snap['warm_revisit_ms'] / today['first_result_ms']:.2f} x today's "
        "first result (goal <= 0.25)"
    )


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {
    "term page with a calculator": "term/pearson-correlation/",
    "calculator page": f"calculators/{CALC}/",
}
CATEGORIES = "performance,seo,accessibility,best-practices"


def lighthouse_report(url: str, report: Path) -> dict[str, object]:
    """One Lighthouse run (its own Chromium, mobile emulation and throttling, the defaults)."""
    chromium = shutil.which("chromium") or "chromium"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
    command += [f"--only-categories={CATEGORIES}", f"--chrome-flags={flags}"]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, check=True, timeout=300)
    data: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return data


def lighthouse_figures(data: dict[str, object]) -> dict[str, object]:
    categories = data["categories"]
    audits = data["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    tasks = audits["long-tasks"].get("details", {}).get("items", [])
    return {
        **{name: round(100 * (c["score"] or 0)) for name, c in categories.items()},
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "long_tasks": [(t.get("url", "?").rsplit("/", 1)[-1], round(t["duration"])) for t in tasks][
            :4
        ],
    }


def run_lighthouse(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = build_starter_site(Path(folder) / "site")
        with serve_site(site) as base:
            print("| page | performance | TBT | LCP | SEO | accessibility | best practices |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
            for name, path in LIGHTHOUSE_PAGES.items():
                figures = []
                for i in range(runs):
                    try:
                        data = lighthouse_report(base + path, Path(folder) / f"{i}.json")
                    except subprocess.CalledProcessError as error:  # a Chromium that did not start
                        print(f"  (run {i + 1} of {name} failed: exit {error.returncode})")
                        continue
                    figures.append(lighthouse_figures(data))
                if not figures:
                    continue
                middle = sorted(figures, key=lambda f: f["performance"])[len(figures) // 2]
                print(
                    f"| {name} | {middle['performance']} | {middle['tbt_ms']:.0f} ms | "
                    f"{middle['lcp_ms'] / 1000:.1f} s | {middle['seo']} | "
                    f"{middle['accessibility']} | {middle['best-practices']} |"
                )
                print(f"  longest main-thread tasks (file, ms): {middle['long_tasks']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median shown)")
    parser.add_argument("--lighthouse", action="store_true", help="Lighthouse mobile figures")
    args = parser.parse_args()
    if args.lighthouse:
        run_lighthouse(max(args.runs, 1))
        return
    with (
        tempfile.TemporaryDirectory() as folder,
        serve_directory(Path(folder), CACHE_CONTROL) as base,
    ):
        build_site(Path(folder), base)
        write_bare_page(Path(folder))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
            )
            rows = measure(browser, base, max(args.runs, 1), Path(folder))
            browser.close()
    print_table(rows)
    print(json.dumps(rows, sort_keys=True))


if __name__ == "__main__":
    main()
