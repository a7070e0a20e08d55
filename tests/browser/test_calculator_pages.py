"""Every calculator page, end to end in Chromium: compute, errors, parity, no JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import calculators

from .widget import (
    broken_csv,
    browser_tables,
    calculator_url,
    cpython_tables,
    csv_field,
    form_inputs,
    mismatches,
    root_selector,
    sample_csv,
    submit,
    wait_for_browser_result,
    wait_for_error,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IDS = sorted(calculators.SPECS)


def _bad_number_field(calc_id: str) -> tuple[str, str]:
    """A numeric input and a value above its maximum: bad input for calculators without CSV."""
    spec = calculators.SPECS[calc_id]
    item = next(i for i in spec.inputs if i.kind in ("number", "integer") and i.maximum is not None)
    assert item.maximum is not None
    return item.name, str(item.maximum * 10 + 1)


@pytest.mark.parametrize("calc_id", IDS)
def test_example_data_computes_in_the_browser(page: Page, base_url: str, calc_id: str) -> None:
    page.goto(calculator_url(base_url, calc_id))
    root = page.locator(root_selector(calc_id))
    root.locator('[data-action="example"]').click()
    field = csv_field(calc_id)
    if field is not None:
        page.wait_for_function(
            "area => area.value.length > 0", arg=root.locator(f"[name={field}]").element_handle()
        )
    submit(page, calc_id)
    wait_for_browser_result(page, calc_id)
    inputs = form_inputs(page, calc_id)
    example = calculators.SPECS[calc_id].example
    assert all(inputs[k].strip() == v.strip() for k, v in example.items() if k == field)
    switches = [i.name for i in calculators.SPECS[calc_id].inputs if i.kind == "boolean"]
    assert {k: inputs[k] for k in switches} == {k: example.get(k, "false") for k in switches}
    assert mismatches(browser_tables(page, calc_id), cpython_tables(calc_id, inputs)) == []


@pytest.mark.parametrize("calc_id", IDS)
def test_pasted_input_matches_cpython(page: Page, base_url: str, calc_id: str) -> None:
    page.goto(calculator_url(base_url, calc_id))
    field = csv_field(calc_id)
    if field is not None:
        page.locator(f"{root_selector(calc_id)} [name={field}]").fill(sample_csv())
    submit(page, calc_id)
    wait_for_browser_result(page, calc_id)
    inputs = form_inputs(page, calc_id)
    assert mismatches(browser_tables(page, calc_id), cpython_tables(calc_id, inputs)) == []


@pytest.mark.parametrize("calc_id", IDS)
def test_bad_input_is_shown_at_its_field_then_a_fix_works(
    page: Page, base_url: str, calc_id: str
) -> None:
    page.goto(calculator_url(base_url, calc_id))
    field = csv_field(calc_id)
    name, bad = (field, broken_csv(sample_csv())) if field else _bad_number_field(calc_id)
    control = page.locator(f"{root_selector(calc_id)} [name={name}]")
    good = control.input_value() if field is None else sample_csv()
    control.fill(bad)
    submit(page, calc_id)
    wait_for_error(page, calc_id)
    error = page.locator(f'{root_selector(calc_id)} [data-error-for="{name}"]')
    assert error.is_visible() and error.inner_text().strip() != ""
    assert control.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in (control.get_attribute("aria-describedby") or "")
    status = page.locator(f"{root_selector(calc_id)} [data-status]").inner_text()
    assert error.inner_text().strip() in status and "Traceback" not in status
    control.fill(good)
    submit(page, calc_id)
    wait_for_browser_result(page, calc_id)
    assert control.get_attribute("aria-invalid") is None and not error.is_visible()


@pytest.mark.parametrize("calc_id", IDS)
def test_build_time_result_is_visible_without_javascript(
    no_js_page: Page, base_url: str, calc_id: str
) -> None:
    no_js_page.goto(calculator_url(base_url, calc_id))
    outputs = no_js_page.locator(f'{root_selector(calc_id)} [data-output][data-source="build"]')
    assert outputs.count() >= 1
    first_table = no_js_page.locator(f"{root_selector(calc_id)} [data-output] table").first
    assert first_table.is_visible()
    assert first_table.locator("td[data-value]").count() >= 1


SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection", {
  configurable: true, get: () => ({ saveData: true, effectiveType: "4g" }) });"""


def _runtime_requests(requested: list[str]) -> list[str]:
    return [url for url in requested if "pyodide" in url or url.endswith(".whl")]


@pytest.mark.parametrize("calc_id", IDS)
def test_widget_stays_idle_until_a_reader_interacts_when_saving_data(
    page: Page, base_url: str, calc_id: str
) -> None:
    """With Save-Data on, only an interaction loads the runtime."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(SAVE_DATA)
    page.goto(calculator_url(base_url, calc_id))
    page.wait_for_load_state("networkidle")
    assert page.locator(root_selector(calc_id)).get_attribute("data-state") == "idle"
    assert _runtime_requests(requested) == []
    page.locator(f"{root_selector(calc_id)} button[type=submit]").focus()
    page.wait_for_selector(f'{root_selector(calc_id)}[data-state="ready"]', state="attached")


def test_runtime_preloads_when_the_page_is_idle_and_says_so(page: Page, base_url: str) -> None:
    """A widget on screen starts the runtime once the page is idle; the state tells the truth."""
    calc = "correlation-matrix"
    root = page.locator(root_selector(calc))
    page.goto(calculator_url(base_url, calc))
    page.wait_for_selector(f'{root_selector(calc)}[data-state="ready"]', state="attached")
    assert "ready" in root.locator("[data-status]").inner_text()
    assert root.locator('[data-output][data-source="build"]').count() >= 1
    assert root.locator('[data-output][data-source="browser"]').count() == 0


def test_widget_below_the_fold_preloads_only_once_seen(page: Page, base_url: str) -> None:
    """On a term page the widget sits below the fold: nothing loads until it is scrolled to."""
    calc = "correlation-matrix"
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}term/pearson-correlation/")
    page.wait_for_load_state("networkidle")
    root = page.locator(root_selector(calc))
    assert root.get_attribute("data-state") == "idle"
    assert _runtime_requests(requested) == []
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f'{root_selector(calc)}[data-state="ready"]', state="attached")
    assert _runtime_requests(requested) != []
