"""Results at a glance, in Chromium: the layout at 1280 and 390 px, the pickers built from
the CSV, the period, the quote asset and the matrix cell that opens a pair's rolling chart.

Every computed result is compared with CPython's on the inputs the form really sent.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

import calculators

from .conftest import Watch, _listen, open_context
from .widget import (
    browser_tables,
    calculator_url,
    cpython_tables,
    form_inputs,
    mismatches,
    open_more_options,
    root_selector,
    submit,
    wait_for_browser_result,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MATRIX = "correlation-matrix"
ROOT = root_selector(MATRIX)
TEN = ["BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "LINK", "ADA", "AVAX", "DOT"]
PAGE_FITS = "() => document.documentElement.scrollWidth <= innerWidth"
MEASURE = """() => ({
  page: document.documentElement.scrollWidth, width: innerWidth,
  boxes: Array.from(document.querySelectorAll('[data-calculator] .tc-table-scroll'), box => ({
    output: box.closest('[data-output]').dataset.output,
    scroll: box.scrollWidth, client: box.clientWidth,
    table: box.querySelector('table') ? box.querySelector('table').offsetWidth : 0,
    overflow: getComputedStyle(box).overflowX })),
})"""
AXE = "node_modules/axe-core/axe.min.js"


def _ten_assets(rows: int = 200, seed: int = 4) -> str:
    """Daily prices of ten one-factor assets with real ISO dates (2024 is a leap year)."""
    rng = random.Random(seed)
    levels = [100.0 * (i + 1) for i in range(len(TEN))]
    lines = ["date," + ",".join(TEN)]
    for day in range(rows):
        market = rng.gauss(0.0, 0.02)
        levels = [p * math.exp(0.7 * market + rng.gauss(0.0, 0.015)) for p in levels]
        date = f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"
        lines.append(date + "," + ",".join(f"{p:.6f}" for p in levels))
    return "\n".join(lines) + "\n"


def _sized(browser: Browser, watch: Watch, width: int) -> Iterator[Page]:
    context = open_context(browser, watch, width=width)
    page = context.new_page()
    _listen(page, watch)
    yield page
    context.close()
    assert watch.blocked == [], f"requests left 127.0.0.1: {watch.blocked}"
    assert watch.unexpected_errors() == [], f"console or page errors: {watch.unexpected_errors()}"


@pytest.fixture
def wide(browser: Browser, watch: Watch) -> Iterator[Page]:
    yield from _sized(browser, watch, 1280)


@pytest.fixture
def narrow(browser: Browser, watch: Watch) -> Iterator[Page]:
    yield from _sized(browser, watch, 390)


def _compute(page: Page) -> dict[str, str]:
    """Compute what the form holds; return the inputs it sent, checked against CPython."""
    submit(page, MATRIX)
    wait_for_browser_result(page, MATRIX)
    inputs = form_inputs(page, MATRIX)
    assert mismatches(browser_tables(page, MATRIX), cpython_tables(MATRIX, inputs)) == []
    return inputs


def _paste(page: Page, text: str) -> None:
    page.locator(f"{ROOT} [name=csv]").fill(text)
    page.wait_for_selector(f'{ROOT} fieldset[data-picker-for="assets"] input', state="attached")


def _open_every_table(page: Page) -> None:
    for summary in page.locator(f"{ROOT} details.tc-output > summary").all():
        summary.click()


def test_ten_assets_fit_a_1280_px_page_without_any_sideways_scroll(
    wide: Page, base_url: str
) -> None:
    wide.goto(calculator_url(base_url, MATRIX))
    _paste(wide, _ten_assets())
    open_more_options(wide, MATRIX)
    wide.locator(f"{ROOT} [name=significance]").check()
    _compute(wide)
    _open_every_table(wide)
    measured = wide.evaluate(MEASURE)
    print(f"\n1280 px: {measured}")
    matrix = next(box for box in measured["boxes"] if box["output"] == "matrix")
    assert wide.locator(f"{ROOT} [data-output=matrix] tbody tr").count() == 10
    assert matrix["scroll"] <= matrix["client"], "the 10-asset matrix scrolls sideways"
    assert measured["page"] <= measured["width"]


def test_at_390_px_every_table_scrolls_in_its_own_box_and_the_page_never_does(
    narrow: Page, base_url: str
) -> None:
    for calc_id in sorted(calculators.SPECS):
        narrow.goto(calculator_url(base_url, calc_id))
        for summary in narrow.locator("[data-calculator] details > summary").all():
            summary.click()
        measured = narrow.evaluate(MEASURE)
        print(f"\n390 px {calc_id}: {measured}")
        assert measured["page"] <= measured["width"], calc_id
        assert measured["boxes"] and all(box["overflow"] == "auto" for box in measured["boxes"])
        assert all(box["client"] <= measured["width"] for box in measured["boxes"])
    narrow.goto(calculator_url(base_url, MATRIX))
    _paste(narrow, _ten_assets())
    _compute(narrow)
    _open_every_table(narrow)
    assert narrow.evaluate(PAGE_FITS)
    matrix = next(b for b in narrow.evaluate(MEASURE)["boxes"] if b["output"] == "matrix")
    assert matrix["scroll"] > matrix["client"], (
        "a 10-asset matrix at 390 px should scroll in its box"
    )


def test_the_column_picker_chooses_the_assets_without_editing_the_csv(
    page: Page, base_url: str
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    text = _ten_assets()
    _paste(page, text)
    picker = page.locator(f'{ROOT} fieldset[data-picker-for="assets"]')
    assert picker.locator("legend").inner_text() == "Assets"
    assert [box.get_attribute("value") for box in picker.locator("input").all()] == TEN
    for name in ("SOL", "ADA", "DOT"):
        picker.locator(f"input[value={name}]").uncheck()
    inputs = _compute(page)
    assert page.locator(f"{ROOT} [name=csv]").input_value() == text
    assert inputs["assets"] == "BTC,ETH,BNB,XRP,DOGE,LINK,AVAX"
    header = page.locator(f"{ROOT} [data-output=matrix] thead th").all_inner_texts()[1:]
    assert sorted(header) == sorted(inputs["assets"].split(","))


def test_the_period_and_the_quote_asset_change_the_result_as_cpython_does(
    page: Page, base_url: str
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    _paste(page, _ten_assets())
    open_more_options(page, MATRIX)
    start, end = (
        page.locator(f'{ROOT} [data-field="start"]'),
        page.locator(f'{ROOT} [data-field="end"]'),
    )
    assert not start.is_visible() and not end.is_visible()
    page.locator(f"{ROOT} [name=period]").select_option("90d")
    assert _compute(page)["period"] == "90d"
    page.locator(f"{ROOT} [name=period]").select_option("dates")
    assert start.is_visible() and end.is_visible()
    assert page.locator(f"{ROOT} [name=start]").get_attribute("min") == "2024-01-01"
    page.locator(f"{ROOT} [name=start]").fill("2024-02-10")
    page.locator(f"{ROOT} [name=end]").fill("2024-05-20")
    page.locator(f'{ROOT} select[data-picker-for="rebase"]').select_option("BTC")
    inputs = _compute(page)
    assert (inputs["start"], inputs["end"], inputs["rebase"]) == ("2024-02-10", "2024-05-20", "BTC")
    assert "BTC" not in page.locator(f"{ROOT} [data-output=matrix] thead").inner_text()


def _pair_reply(inputs: dict[str, str], figure: Any) -> dict[str, Any]:
    shared = {k: inputs[k] for k in ("csv", "returns", "period", "start", "end", "rebase")}
    pair = {
        **shared,
        "x": figure.get_attribute("data-x"),
        "y": figure.get_attribute("data-y"),
        "window": figure.get_attribute("data-window"),
        "method": figure.get_attribute("data-method"),
    }
    return calculators.run("rolling-correlation", pair)


def test_a_matrix_cell_opens_that_pairs_rolling_correlation_below_the_matrix(
    page: Page, base_url: str
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    _paste(page, _ten_assets())
    inputs = _compute(page)
    cells = page.locator(f"{ROOT} [data-output=matrix] td[data-pair]")
    assert cells.count() == 90
    assert [c.get_attribute("tabindex") for c in cells.all()].count("0") == 1
    row = page.locator(f"{ROOT} [data-output=matrix] tbody tr").nth(2)
    row.locator("td").nth(5).click()
    figure = page.locator(f"{ROOT} [data-pair-chart]")
    page.wait_for_selector(f'{ROOT} [data-pair-chart][data-state="ready"]', state="attached")
    x = row.locator("th").inner_text()
    y = page.locator(f"{ROOT} [data-output=matrix] thead th").nth(6).inner_text()
    assert (figure.get_attribute("data-x"), figure.get_attribute("data-y")) == (x, y)
    expected = _pair_reply(inputs, figure)
    assert figure.locator("[data-pair-headline]").inner_text() == expected["headline"]
    desc = figure.locator("svg desc").text_content()
    assert desc and desc.strip() and desc in expected["charts"][0]["svg"]
    below = page.evaluate(
        """() => {
            const m = document.querySelector('[data-output=matrix]').getBoundingClientRect();
            const f = document.querySelector('[data-pair-chart]').getBoundingClientRect();
            return f.top >= m.bottom; }"""
    )
    assert below
    # The keyboard: the arrow key moves to the next pair, and focusing it redraws.
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(
        f'{ROOT} [data-pair-chart][data-state="ready"]:not([data-y="{y}"])', state="attached"
    )
    assert figure.get_attribute("data-x") == x
    moved = _pair_reply(inputs, figure)
    assert figure.locator("[data-pair-headline]").inner_text() == moved["headline"]


def test_the_build_time_matrix_links_its_cells_too(page: Page, base_url: str) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    page.locator(f"{ROOT} [data-output=matrix] td[data-pair]").first.focus()
    page.wait_for_selector(f'{ROOT} [data-pair-chart][data-state="ready"]', state="attached")
    figure = page.locator(f"{ROOT} [data-pair-chart]")
    example = dict(calculators.SPECS[MATRIX].example)
    expected = _pair_reply(example, figure)
    assert figure.locator("[data-pair-headline]").inner_text() == expected["headline"]


@pytest.fixture
def axe_page(browser: Browser, watch: Watch) -> Iterator[Page]:
    """CSP is bypassed only so that axe itself can be injected."""
    context: BrowserContext = browser.new_context(bypass_csp=True)
    page = context.new_page()
    _listen(page, watch)
    yield page
    context.close()
    assert watch.unexpected_errors() == [], f"console or page errors: {watch.unexpected_errors()}"


def test_the_widget_with_pickers_and_a_pair_chart_has_no_axe_violations(
    axe_page: Page, base_url: str
) -> None:
    axe_page.goto(calculator_url(base_url, MATRIX))
    _paste(axe_page, _ten_assets())
    open_more_options(axe_page, MATRIX)
    axe_page.locator(f"{ROOT} [name=significance]").check()
    _compute(axe_page)
    _open_every_table(axe_page)
    axe_page.locator(f"{ROOT} [data-output=matrix] td[data-pair]").nth(3).click()
    axe_page.wait_for_selector(f'{ROOT} [data-pair-chart][data-state="ready"]', state="attached")
    root = Path(__file__).resolve().parents[2]
    axe_page.add_script_tag(content=(root / AXE).read_text(encoding="utf-8"))
    violations = axe_page.evaluate(
        """async () => (await axe.run(document.querySelector('[data-calculator]'),
            {resultTypes: ['violations']})).violations.map(v => `${v.id} ${v.impact}: ` +
            v.nodes.map(n => n.target.join(' ')).join(', '))"""
    )
    assert violations == []
