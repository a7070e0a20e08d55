"""The "Reproduce in a terminal" block: the `termsite calc` command for the example inputs.

The build writes the command for the calculator's example, so a reader without
JavaScript (and a crawler) sees one that works; the browser's reproduce.js rewrites
it for the reader's own inputs as they edit the form. Example CSV files are named
by the file the site serves, so "save this file" and the command agree. A term page's
Markdown copy carries the same command (`copy_commands`), for readers of the copy who
have no form to read it from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import calculators
from calculators.cli import command_line
from calculators.spec import CalculatorSpec
from termsite.widgets.examples import example_values

__all__ = ["CopyCommand", "Download", "Reproduction", "copy_commands", "example_reproduction"]


@dataclass(frozen=True)
class Download:
    """An example file the command reads: its name in the command and its site URL."""

    name: str
    url: str


@dataclass(frozen=True)
class Reproduction:
    """What the block shows before the reader changes anything."""

    command: str
    downloads: tuple[Download, ...]
    inputs_json: str
    """Each input's name, kind and default, which the browser needs to leave defaults out."""


def example_reproduction(spec: CalculatorSpec, site_root: str) -> Reproduction:
    """The block for `spec`'s example, on a page whose path to the site root is `site_root`."""
    paths = example_values(spec)
    csv_names = [item.name for item in spec.inputs if item.kind == "csv"]
    files = {name: PurePosixPath(paths[name]).name for name in csv_names}
    downloads = tuple(Download(files[name], f"{site_root}/{paths[name]}") for name in csv_names)
    fields = [[item.name, item.kind, item.default] for item in spec.inputs]
    return Reproduction(
        command=command_line(spec, spec.example, files),
        downloads=downloads,
        inputs_json=json.dumps(fields, ensure_ascii=False),
    )


@dataclass(frozen=True)
class CopyCommand:
    """A calculator's example command as a Markdown copy shows it: a fenced shell block."""

    title: str
    command: str
    downloads: tuple[Download, ...]
    """The files it reads, each by its site-absolute URL (`/assets/…`), which the copy
    makes absolute, so a reader of the copy alone can fetch them."""
    fence: str
    """Backticks enough that no run of them in the command closes the block early."""


def copy_commands(calc_ids: Iterable[str]) -> list[CopyCommand]:
    """The example command of each calculator a page embeds, in the page's order."""
    found = []
    for calc_id in calc_ids:
        spec = calculators.SPECS[calc_id]
        reproduction = example_reproduction(spec, "")
        found.append(
            CopyCommand(
                spec.title,
                reproduction.command,
                reproduction.downloads,
                _fence(reproduction.command),
            )
        )
    return found


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
