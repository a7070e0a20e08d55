"""Browser benchmark of the calculator widgets: prints the figures of issue 4's Speed table.

Builds the starter site into a temp dir, serves it from 127.0.0.1 and drives
Debian's Chromium (headless) through Playwright. Figures are medians of a few runs;
the last line printed is one JSON object.

The widget also starts the runtime on its own once it is on screen and the page
is idle, so besides "open and click at once" (the issue's figure) the script
shows what a reader who reads for a few seconds first gets, and splits the bytes
a calculator page loads into the page's own JS and CSS and the runtime that the
worker preloads off the main thread.

    .venv/bin/python scripts/bench_browser.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, Response, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import build_site  # noqa: E402
from tests.browser.server import serve_directory  # noqa: E402
from tests.chromium_browser import CHROMIUM_ARGS  # noqa: E402

CALC = "correlation-matrix"
ROOT_SELECTOR = f'[data-calculator="{CALC}"]'
RESULT = f'{ROOT_SELECTOR}[data-state="ready"] [data-output="matrix"][data-source="browser"]'
READY = f'{ROOT_SELECTOR}[data-state="ready"]'
WORKER_SIDE = ("/assets/termsite/worker.js", "/assets/pyodide/")
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
COMPUTED = """() => performance.getEntriesByName("termsite:computed").at(-1)?.detail ?? {}"""
STAGES = """() => {
  const start = performance.getEntriesByName("termsite:runtime-start")[0];
  const ready = performance.getEntriesByName("termsite:runtime-ready")[0];
  return {start: start.startTime, ready: ready.startTime, ...ready.detail};
}"""
OURS = ("/assets/termsite/calculators.", "/assets/termsite/worker.js", "/assets/pyodide/")
CACHE_CONTROL = "public, max-age=3600"


def synthetic_prices(assets: int, rows: int, seed: int = 7) -> str:
    """A random-walk price CSV: `assets` columns, `rows` dates."""
    rng = random.Random(seed)
    prices = [100.0 + 10 * i for i in range(assets)]
    lines = ["date," + ",".join(f"A{i:02d}" for i in range(assets))]
    for day in range(rows):
        prices = [p * (1 + rng.gauss(0, 0.02)) for p in prices]
        lines.append(f"d{day:04d}," + ",".join(f"{p:.6f}" for p in prices))
    return "\n".join(lines) + "\n"


def open_to_result(page: Page, url: str) -> float:
    """Milliseconds from navigation start to the first browser result (submit at once)."""
    page.goto(url, wait_until="domcontentloaded")
    page.locator(f"{ROOT_SELECTOR} button[type=submit]").click()
    page.wait_for_selector(RESULT, state="attached", timeout=120_000)
    elapsed: float = page.evaluate("performance.now()")
    return elapsed


def cold(browser: Browser, url: str) -> float:
    context = browser.new_context()
    try:
        return open_to_result(context.new_page(), url)
    finally:
        context.close()


def warm(browser: Browser, url: str) -> float:
    """The same, with the HTTP cache filled by a first visit in the same context."""
    context = browser.new_context()
    try:
        open_to_result(context.new_page(), url)
        return open_to_result(context.new_page(), url)
    finally:
        context.close()


def after_idle_preload(browser: Browser, url: str) -> tuple[float, float, dict[str, float]]:
    """Open without touching the page; when the idle preload says ready, click.

    Returns when the runtime was ready (ms from navigation start), click-to-result
    ms for the example data, and the worker's start-up stages.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(READY, state="attached", timeout=120_000)
        stages: dict[str, float] = page.evaluate(STAGES)
        click: float = page.locator(ROOT_SELECTOR).evaluate(CLICK_TO_RESULT)
        return stages["ready"], click, stages
    finally:
        context.close()


def recompute(
    browser: Browser, url: str, runs: int
) -> tuple[list[float], list[float], dict[str, float]]:
    """Milliseconds for 20 assets x 1,000 rows, runtime already warm.

    Two measures: from outside (Playwright click, then polling for the result, as
    before) and inside the page (click to result in the DOM plus one frame). The
    last run's split (worker, parse, render) comes from the widget's marks.
    """
    context = browser.new_context()
    page = context.new_page()
    open_to_result(page, url)
    page.locator(f"{ROOT_SELECTOR} [name=csv]").fill(synthetic_prices(20, 1000))
    outside, inside = [], []
    for _ in range(runs + 1):
        page.evaluate(
            "root => { root.querySelector('[data-output=matrix]').dataset.source = 'stale'; }",
            page.locator(ROOT_SELECTOR).element_handle(),
        )
        start: float = page.evaluate("performance.now()")
        page.locator(f"{ROOT_SELECTOR} button[type=submit]").click()
        page.wait_for_selector(RESULT, state="attached")
        outside.append(page.evaluate("performance.now()") - start)
        inside.append(page.locator(ROOT_SELECTOR).evaluate(CLICK_TO_RESULT))
    split: dict[str, float] = page.evaluate(COMPUTED)
    context.close()
    return outside[1:], inside[1:], split


def bytes_loaded(browser: Browser, url: str, keep: Callable[[str, str], bool]) -> int:
    """Bytes of the responses of one page load (no interaction) that `keep` selects."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []

    def record(response: Response) -> None:
        request = response.request
        if keep(request.url, request.resource_type):
            sizes.append(len(response.body()))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    context.close()
    return sum(sizes)


def ours(url: str, kind: str) -> bool:
    return any(part in url for part in OURS) or url.endswith(".whl")


def worker_side(url: str) -> bool:
    return any(part in url for part in WORKER_SIDE) or url.endswith(".whl")


def ours_js_css(url: str, kind: str) -> bool:
    """The page's own JS and CSS (not what the worker preloads off the main thread)."""
    return ours(url, kind) and not worker_side(url) and kind in ("script", "stylesheet")


def preloaded(url: str, kind: str) -> bool:
    return ours(url, kind) and worker_side(url)


def measure(browser: Browser, base: str, runs: int) -> tuple[dict[str, float], list[str]]:
    url = f"{base}calculators/{CALC}/"
    idle = [after_idle_preload(browser, url) for _ in range(runs)]
    outside, inside, split = recompute(browser, url, runs)
    figures = {
        "cold_open_to_result_ms": statistics.median(cold(browser, url) for _ in range(runs)),
        "warm_open_to_result_ms": statistics.median(warm(browser, url) for _ in range(runs)),
        "recompute_20x1000_ms": statistics.median(outside),
        "extra_js_css_bytes_before_interaction": bytes_loaded(browser, url, ours_js_css),
        "extra_bytes_page_without_calculators": bytes_loaded(browser, f"{base}about/", ours),
        "recompute_20x1000_in_page_ms": statistics.median(inside),
        "idle_preload_ready_ms": statistics.median(ready for ready, _, _ in idle),
        "click_to_result_after_idle_preload_ms": statistics.median(click for _, click, _ in idle),
        "idle_preload_worker_bytes": bytes_loaded(browser, url, preloaded),
    }
    notes = [
        f"worker start-up stages (ms since init, last run): {idle[-1][2]}",
        f"recompute split (ms, last run): {split}",
    ]
    return figures, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median shown)")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        serve_directory(Path(folder), CACHE_CONTROL) as base,
    ):
        build_site(Path(folder), base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
            )
            figures, notes = measure(browser, base, args.runs)
            browser.close()
    print("| measure | value | goal |\n| --- | --- | --- |")
    goals = ["≤ 3000 ms", "≤ 2000 ms", "≤ 150 ms", "≤ 100 KB", "0"]
    for index, (name, value) in enumerate(figures.items()):
        goal = goals[index] if index < len(goals) else "(information)"
        print(f"| {name} | {value:,.0f} | {goal} |")
    for note in notes:
        print(note)
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
