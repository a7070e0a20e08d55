"""The "Reproduce in a terminal" block: the build writes a command that gives the page's numbers,
and the browser's reproduce.js writes the same commands as `calculators.cli`."""

from __future__ import annotations

import dataclasses
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

import calculators
from calculators.cli import command_line
from calculators.spec import TRUE_WORDS
from termsite.settings import SiteSettings
from termsite.widgets import render_widget
from termsite.widgets.examples import example_files
from termsite.widgets.reproduce import copy_commands

from .html import elements, one

IDS = sorted(calculators.SPECS)
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "termsite" / "widgets" / "assets" / "reproduce.js"
BIN = str(Path(sys.executable).parent)
TRICKY_CSV = "date,\"BTC 'spot'\",ETH\n" + "".join(
    f"2024-02-{day:02d},{100 + day * (day % 4)},{60 - day + (day % 3)}\n" for day in range(1, 25)
)


def _block(calc_id: str) -> tuple[str, list[str]]:
    """The build-time command and the example files its hint links to."""
    found = elements(str(render_widget(calc_id, SiteSettings(), "..")))
    hint = one(found, data_reproduce_hint="")
    links = [e.attrs["href"] for e in hint.children if e.tag == "a"]
    return one(found, data_reproduce_command="").text, links


def run_shell(command: str, cwd: Path) -> dict[str, Any]:
    """`command` with ``--json`` after the calculator's name, run by bash in `cwd`."""
    words = command.split(" ", 3)
    assert words[:2] == ["termsite", "calc"], command
    line = " ".join([*words[:3], "--json", *words[3:]])
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def without_charts(result: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps({k: v for k, v in result.items() if k != "charts"}))


@pytest.mark.parametrize("calc_id", IDS)
def test_build_time_command_gives_the_example_result(calc_id: str, tmp_path: Path) -> None:
    command, links = _block(calc_id)
    files = example_files()
    for link in links:
        site_path = link.removeprefix("../")
        (tmp_path / PurePosixPath(site_path).name).write_bytes(files[site_path])
    expected = calculators.run(calc_id, calculators.SPECS[calc_id].example)
    assert run_shell(command, tmp_path) == without_charts(expected)


@pytest.mark.parametrize("calc_id", IDS)
def test_a_copys_command_is_the_blocks_and_gives_the_example_result(
    calc_id: str, tmp_path: Path
) -> None:
    [copied] = copy_commands([calc_id])
    command, links = _block(calc_id)
    assert copied.command == command
    assert [file.url for file in copied.downloads] == [f"/{link[3:]}" for link in links]
    files = example_files()
    for file in copied.downloads:
        (tmp_path / file.name).write_bytes(files[file.url.removeprefix("/")])
    expected = calculators.run(calc_id, calculators.SPECS[calc_id].example)
    assert run_shell(copied.command, tmp_path) == without_charts(expected)


def test_a_copys_fence_outlasts_any_run_of_backticks_in_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = calculators.SPECS["liquidation-risk"]
    ticked = dataclasses.replace(spec, example=spec.example | {"asset_x": "E```TH"})
    monkeypatch.setitem(calculators.SPECS, spec.id, ticked)
    [copied] = copy_commands([spec.id])
    assert "E```TH" in copied.command and copied.fence == "````"
    monkeypatch.setitem(calculators.SPECS, spec.id, spec)
    assert copy_commands([spec.id])[0].fence == "```"


def test_here_document_carries_quotes_spaces_and_options(tmp_path: Path) -> None:
    spec = calculators.SPECS["rolling-correlation"]
    values = {"csv": TRICKY_CSV, "x": "BTC 'spot'", "y": "ETH", "window": "5", "returns": "simple"}
    command = command_line(spec, values)
    assert "<<'CSV'\n" in command and "--window 5" in command
    assert run_shell(command, tmp_path) == without_charts(calculators.run(spec.id, values))


def test_here_document_closes_on_a_word_the_data_do_not_hold() -> None:
    spec = calculators.SPECS["correlation-matrix"]
    command = command_line(spec, {"csv": "date,CSV\nCSV\nCSV_END\n"})
    assert command.endswith("<<'CSV_END_2'\ndate,CSV\nCSV\nCSV_END\nCSV_END_2")


WORDS = ["", "plain", "a b", "it's", "'", "$HOME", "`x`", "a\nb", "ü", "--x=-1", "*", "!", '"']


def _node(script: str, request: str) -> Any:
    """`script`'s JSON output; it reads `request` from standard input as `q`."""
    node = shutil.which("node")
    assert node is not None, "Node is needed to run reproduce.js"
    prelude = 'import { readFileSync } from "node:fs";\nconst q = JSON.parse(readFileSync(0));\n'
    done = subprocess.run(
        [node, "--input-type=module", "-e", prelude + script],
        input=request, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _js_commands(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """shellQuote on WORDS and commandLine on `cases`, in reproduce.js under Node."""
    request = json.dumps({"words": WORDS, "cases": cases, "true": sorted(TRUE_WORDS)})
    script = (
        f"import * as r from {json.dumps(SCRIPT.as_uri())};\n"
        "const commands = q.cases.map((c) =>\n"
        "  r.commandLine(c.id, c.fields, c.values, c.files, q.true));\n"
        "console.log(JSON.stringify({quoted: q.words.map(r.shellQuote), commands}));\n"
    )
    result: dict[str, Any] = _node(script, request)
    return result


def _case(calc_id: str, values: dict[str, str], files: dict[str, str]) -> dict[str, Any]:
    spec = calculators.SPECS[calc_id]
    fields = [[item.name, item.kind, item.default] for item in spec.inputs]
    return {"id": calc_id, "fields": fields, "values": values, "files": files}


CASES = [
    *[
        (calc_id, calculators.SPECS[calc_id].example, {"csv": "example prices.csv"})
        for calc_id in IDS
    ],
    ("rolling-correlation", {"csv": TRICKY_CSV, "x": "BTC 'spot'", "window": " 5 "}, {}),
    ("correlation-matrix", {"csv": "a\nCSV", "significance": "false", "repair": "on"}, {}),
    ("liquidation-risk", {"rho": "-0.5", "asset_x": "\u3000ETH", "steps": ""}, {}),
    ("portfolio-diversification", {"correlations": "1 0.2\n0.2 1", "weights": "A: 1"}, {}),
]


def test_reproduce_js_quotes_like_shlex_and_builds_the_same_commands() -> None:
    got = _js_commands([_case(*case) for case in CASES])
    assert got["quoted"] == [shlex.quote(word) for word in WORDS]
    expected = [command_line(calculators.SPECS[c], v, f) for c, v, f in CASES]
    assert got["commands"] == expected


def test_quoted_words_reach_the_program_unchanged() -> None:
    quoted = _js_commands([])["quoted"]
    line = "printf '%s\\0' " + " ".join(quoted)
    done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, check=True)
    assert done.stdout.split("\0")[:-1] == WORDS
