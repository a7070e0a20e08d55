"""Widget behaviour beyond computing: Stop, load failure, download, sharing, upload."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Locator, Page

from .conftest import Watch
from .widget import (
    calculator_url,
    form_inputs,
    open_more_options,
    root_selector,
    submit,
    wait_for_browser_result,
    wait_for_error,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MATRIX = "correlation-matrix"
HOSTILE_CSV = "date,=cmd,+sum,-neg,@at\n" + "".join(
    f"2024-01-{day:02d},{100 + day},{200 - day * 1.5},{50 + (day % 3)},{80 + day * day / 10}\n"
    for day in range(1, 21)
)


def _matrix(page: Page, name: str) -> str:
    return f"{root_selector(MATRIX)} [name={name}]"


def test_stop_ends_a_run_and_the_next_run_starts_fresh(page: Page, base_url: str) -> None:
    calc = "liquidation-risk"
    page.goto(calculator_url(base_url, calc))
    root = page.locator(root_selector(calc))
    # The most work one run accepts ((800 + 11 x 200 curve paths) x 1,500 steps = 4,500,000).
    root.locator("[name=paths]").fill("800")
    root.locator("[name=steps]").fill("1500")
    submit(page, calc)
    page.wait_for_selector(f'{root_selector(calc)}[data-state="running"]', state="attached")
    root.locator('[data-action="stop"]').click()
    page.wait_for_selector(f'{root_selector(calc)}[data-state="idle"]', state="attached")
    assert "Stopped" in root.locator("[data-status]").inner_text()
    assert root.locator('[data-output][data-source="browser"]').count() == 0
    root.locator("[name=paths]").fill("1000")
    root.locator("[name=steps]").fill("10")
    submit(page, calc)
    wait_for_browser_result(page, calc)


def open_without_runtime(page: Page, base_url: str, watch: Watch) -> Locator:
    """The matrix calculator's page, where the Python runtime can never download."""
    watch.expected_errors.append("Failed to load resource")
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort("internetdisconnected"))
    page.goto(calculator_url(base_url, MATRIX))
    return page.locator(root_selector(MATRIX))


def test_load_failure_says_so_and_keeps_the_build_result(
    page: Page, base_url: str, watch: Watch
) -> None:
    root = open_without_runtime(page, base_url, watch)
    submit(page, MATRIX)
    wait_for_error(page, MATRIX)
    assert "could not load" in root.locator("[data-status]").inner_text()
    assert root.locator('[data-output="matrix"]').get_attribute("data-source") == "build"
    assert root.locator('[data-output="matrix"] td[data-value]').count() > 0


SUBMIT_AND_READ = """root => {
  root.querySelector("form").requestSubmit();
  return { state: root.dataset.state, status: root.querySelector("[data-status]").textContent };
}"""


def test_computing_after_a_failed_load_shows_the_new_start_up_at_once(
    page: Page, base_url: str, watch: Watch
) -> None:
    """The first failure's "error" must not stand beside the retry's "Loading…" status."""
    root = open_without_runtime(page, base_url, watch)
    page.wait_for_selector(f"{root_selector(MATRIX)}[data-mounted]", state="attached")
    page.locator(_matrix(page, "csv")).focus()
    wait_for_error(page, MATRIX)
    # requestSubmit runs the submit handler synchronously: this reads what it set.
    started = root.evaluate(SUBMIT_AND_READ)
    assert started["state"] == "loading", started
    wait_for_error(page, MATRIX)
    assert "could not load" in root.locator("[data-status]").inner_text()


def test_download_neutralises_spreadsheet_formulas(page: Page, base_url: str) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    page.locator(_matrix(page, "csv")).fill(HOSTILE_CSV)
    open_more_options(page, MATRIX)
    page.locator(_matrix(page, "returns")).select_option("simple")
    submit(page, MATRIX)
    wait_for_browser_result(page, MATRIX)
    button = page.locator(f'{root_selector(MATRIX)} [data-output="matrix"] [data-action=download]')
    with page.expect_download() as download:
        button.click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    labels = rows[0][1:] + [row[0] for row in rows[1:]]
    assert labels and all(label[0] == "'" for label in labels)
    assert all(float(cell) == float(cell) for row in rows[1:] for cell in row[1:] if cell)


def test_neutralise_leaves_plain_text_and_numbers_alone(page: Page, base_url: str) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    script = page.locator(f"{root_selector(MATRIX)} script").get_attribute("src")
    cases = page.evaluate(
        """async (src) => {
            const module = await import(new URL(src, location.href).href);
            return [module.neutralise("=1+1"), module.neutralise("+A"), module.neutralise("-B"),
                    module.neutralise("@C"), module.neutralise("BTC"),
                    module.neutralise("-0.25", true), module.csvField('a,"b"')];
        }""",
        script,
    )
    assert cases == ["'=1+1", "'+A", "'-B", "'@C", "BTC", "-0.25", '"a,""b"""']


def test_shared_link_restores_the_inputs_and_computes(page: Page, base_url: str) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    page.locator(_matrix(page, "csv")).fill(HOSTILE_CSV)
    page.locator(_matrix(page, "method")).select_option("kendall")
    submit(page, MATRIX)
    wait_for_browser_result(page, MATRIX)
    shared, inputs = page.url, form_inputs(page, MATRIX)
    assert "#" in shared
    other = page.context.new_page()
    other.goto(shared)
    wait_for_browser_result(other, MATRIX)
    assert form_inputs(other, MATRIX) == inputs


def test_file_upload_fills_the_csv_box(page: Page, base_url: str) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    upload = page.locator(f'{root_selector(MATRIX)} input[type=file][data-file-for="csv"]')
    upload.set_input_files(
        files=[{"name": "prices.csv", "mimeType": "text/csv", "buffer": HOSTILE_CSV.encode()}]
    )
    page.wait_for_function(
        "area => area.value.length > 0", arg=page.locator(_matrix(page, "csv")).element_handle()
    )
    assert page.locator(_matrix(page, "csv")).input_value() == HOSTILE_CSV
