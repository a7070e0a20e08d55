"""Driving a widget through its DOM contract, and reading its results back."""

from __future__ import annotations

import math
from typing import Any

from playwright.sync_api import Page

import calculators

READ_INPUTS = """root => {
  const values = {};
  for (const element of root.querySelector("form").elements) {
    if (!element.name || element.type === "file") continue;
    values[element.name] = element.type === "checkbox" ? String(element.checked) : element.value;
  }
  return values;
}"""

READ_TABLES = """root => Object.fromEntries(
  Array.from(root.querySelectorAll("[data-output]"))
    .filter(output => output.querySelector("table"))
    .map(output => [output.dataset.output,
      Array.from(output.querySelectorAll("td"), td => td.dataset.value)]))"""


def root_selector(calc_id: str) -> str:
    return f'[data-calculator="{calc_id}"]'


def calculator_url(base_url: str, calc_id: str) -> str:
    return f"{base_url}calculators/{calc_id}/"


def csv_field(calc_id: str) -> str | None:
    """The first CSV input of a calculator, if it reads one."""
    return next((i.name for i in calculators.SPECS[calc_id].inputs if i.kind == "csv"), None)


def open_more_options(page: Page, calc_id: str) -> None:
    """Unfold "More options", where every input but the CSV, the assets and the method sits."""
    more = page.locator(f"{root_selector(calc_id)} [data-more-options]")
    if more.count() and more.get_attribute("open") is None:
        more.locator("summary").click()


def submit(page: Page, calc_id: str) -> None:
    """Compute, once the script has mounted the widget (after an instant navigation it
    mounts a moment after the markup appears; a click before that submits the bare form)."""
    page.wait_for_selector(f"{root_selector(calc_id)}[data-mounted]", state="attached")
    page.locator(f"{root_selector(calc_id)} button[type=submit]").click()


def wait_for_browser_result(page: Page, calc_id: str) -> None:
    """Ready, with every visible output replaced by the browser's."""
    page.wait_for_selector(
        f'{root_selector(calc_id)}[data-state="ready"] [data-output][data-source="browser"]',
        state="attached",
    )


def wait_for_error(page: Page, calc_id: str) -> None:
    page.wait_for_selector(f'{root_selector(calc_id)}[data-state="error"]', state="attached")


def form_inputs(page: Page, calc_id: str) -> dict[str, str]:
    values: dict[str, str] = page.locator(root_selector(calc_id)).evaluate(READ_INPUTS)
    return values


def browser_tables(page: Page, calc_id: str) -> dict[str, list[str]]:
    tables: dict[str, list[str]] = page.locator(root_selector(calc_id)).evaluate(READ_TABLES)
    return tables


def cpython_tables(calc_id: str, inputs: dict[str, str]) -> dict[str, list[Any]]:
    result = calculators.run(calc_id, inputs)
    return {
        table["name"]: [cell["value"] for row in table["rows"] for cell in row["cells"]]
        for table in result["tables"]
    }


def same_value(text: str, value: Any) -> bool:
    """A `data-value` equals a CPython value (floats to 12 significant digits)."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == str(value).lower()
    if isinstance(value, int | float):
        return math.isclose(float(text), float(value), rel_tol=1e-12, abs_tol=1e-15)
    return text == str(value)


def mismatches(browser: dict[str, list[str]], cpython: dict[str, list[Any]]) -> list[str]:
    """Every cell where the browser and CPython disagree, described for the failure message."""
    problems = [f"table sets differ: {sorted(browser)} vs {sorted(cpython)}"]
    if sorted(browser) == sorted(cpython):
        problems = []
    for name in sorted(set(browser) & set(cpython)):
        if len(browser[name]) != len(cpython[name]):
            problems.append(f"{name}: {len(browser[name])} cells vs {len(cpython[name])}")
            continue
        for index, (text, value) in enumerate(zip(browser[name], cpython[name], strict=True)):
            if not same_value(text, value):
                problems.append(f"{name}[{index}]: browser {text!r}, CPython {value!r}")
    return problems


def sample_csv(rows: int = 160, offset: int = 40) -> str:
    """A slice of the example prices: different data than the example, same shape."""
    lines = calculators.example_csv().splitlines()
    return "\n".join([lines[0], *lines[1 + offset : 1 + offset + rows]]) + "\n"


def broken_csv(text: str) -> str:
    """`text` with one price replaced by a word, which no calculator accepts."""
    lines = text.splitlines()
    cells = lines[5].split(",")
    cells[1] = "n/a"
    lines[5] = ",".join(cells)
    return "\n".join(lines) + "\n"
