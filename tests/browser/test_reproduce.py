"""The "Reproduce in a terminal" block in Chromium: the copied command, run by bash, gives
the numbers the page shows; a chosen file and a long paste are named as files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

import calculators
from calculators.cli import command_line

from .widget import (
    browser_tables,
    calculator_url,
    mismatches,
    open_more_options,
    root_selector,
    sample_csv,
    submit,
    wait_for_browser_result,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CALC = "rolling-correlation"
MATRIX = "correlation-matrix"
SAVE = f'{root_selector(MATRIX)} [data-action="save-csv"]'
BIN = str(Path(sys.executable).parent)
QUOTED = "BTC 'spot'"
PRICES = f'date,"{QUOTED}",ETH $x\n' + "".join(
    f"2024-03-{day:02d},{100 + day * (day % 4)},{60 - day + (day % 3)}\n" for day in range(1, 29)
)


def _run(command: str, cwd: Path) -> dict[str, Any]:
    """The command as copied, with ``--json`` after the calculator's name, run by bash."""
    words = command.split(" ", 3)
    assert words[:2] == ["termsite", "calc"], command
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-c", " ".join([*words[:3], "--json", *words[3:]])],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _cells(result: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        table["name"]: [cell["value"] for row in table["rows"] for cell in row["cells"]]
        for table in result["tables"]
    }


def test_copied_command_gives_the_page_s_numbers(
    clip_page: Page, base_url: str, tmp_path: Path
) -> None:
    page, root = clip_page, root_selector(CALC)
    page.goto(calculator_url(base_url, CALC))
    page.wait_for_selector(f"{root}[data-mounted]", state="attached")
    command = page.locator(f"{root} [data-reproduce-command]")
    spec = calculators.SPECS[CALC]
    assert command.text_content() == command_line(spec, spec.example, {"csv": "example-prices.csv"})
    page.locator(f"{root} [name=csv]").fill(PRICES)
    page.locator(f'{root} select[data-picker-for="x"]').select_option(QUOTED)
    page.locator(f'{root} select[data-picker-for="y"]').select_option("ETH $x")
    open_more_options(page, CALC)
    page.locator(f"{root} [name=window]").fill("7")
    page.locator(f"{root} [name=returns]").select_option("simple")
    submit(page, CALC)
    wait_for_browser_result(page, CALC)
    page.locator(f"{root} [data-reproduce] > summary").click()
    page.locator(f"{root} button[data-copy]").click()
    page.wait_for_selector(f'{root} button[data-copy][data-state="copied"]')
    copied: str = page.evaluate("navigator.clipboard.readText()")
    assert copied == command.text_content() and "<<'CSV'\n" in copied
    assert mismatches(browser_tables(page, CALC), _cells(_run(copied, tmp_path))) == []


def test_a_chosen_file_and_a_long_paste_are_read_from_files(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(calculator_url(base_url, MATRIX))
    root = root_selector(MATRIX)
    page.wait_for_selector(f"{root}[data-mounted]", state="attached")
    command, save = page.locator(f"{root} [data-reproduce-command]"), page.locator(SAVE)
    upload = {"name": "my prices.csv", "mimeType": "text/csv", "buffer": PRICES.encode()}
    page.locator(f"{root} input[type=file]").set_input_files(upload)
    page.wait_for_function(
        "el => el.textContent.includes(\"--csv 'my prices.csv'\")", arg=command.element_handle()
    )
    assert save.is_hidden() and "<<" not in (command.text_content() or "")
    long_csv = sample_csv(rows=400)
    page.locator(f"{root} [name=csv]").fill(long_csv)
    page.locator(f"{root} [data-reproduce] > summary").click()
    assert (
        command.text_content()
        == f"termsite calc {MATRIX} --csv prices.csv --significance --order cluster"
    )
    with page.expect_download() as download:
        save.click()
    assert download.value.suggested_filename == "prices.csv"
    download.value.save_as(tmp_path / "prices.csv")
    expected = calculators.run(MATRIX, {**calculators.SPECS[MATRIX].example, "csv": long_csv})
    assert _cells(_run(command.text_content() or "", tmp_path)) == _cells(expected)
