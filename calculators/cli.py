"""`termsite calc <id> ...`: run any calculator from the terminal.

Options come from the calculator's spec, so the command line always offers
what the web form offers: ``--csv FILE`` reads a file (``-`` for standard
input) and every other input is ``--<name> VALUE`` (``--min-periods`` and
``--min_periods`` both work; a boolean may be given alone, meaning true).
Without ``--json`` it prints readable tables and warnings; with ``--json`` it
prints the result data (charts only with ``--charts``). Bad input prints one
sentence to standard error and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shlex
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from calculators.api import internal_message, run
from calculators.display.tables import render_text
from calculators.errors import CalculatorInputError
from calculators.registry import SPECS
from calculators.spec import TRUE_WORDS, CalculatorSpec, InputSpec

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
PROGRAM = "termsite calc"


def build_parser() -> argparse.ArgumentParser:
    """One sub-command per calculator, its options generated from the spec."""
    parser = argparse.ArgumentParser(
        prog=PROGRAM, description="Run a correlation calculator on a CSV file."
    )
    commands = parser.add_subparsers(dest="calculator", metavar="CALCULATOR", required=True)
    for spec in SPECS.values():
        sub = commands.add_parser(
            spec.id, help=_plain(spec.question), description=_plain(spec.question)
        )
        for field in spec.inputs:
            _add_option(sub, field)
        sub.add_argument("--json", action="store_true", help="print the result data as JSON")
        sub.add_argument("--charts", action="store_true", help="with --json, include the SVGs")
    return parser


def _add_option(parser: argparse.ArgumentParser, field: InputSpec) -> None:
    """`--name VALUE` (plus the underscore spelling) for one spec input."""
    flags = [_flag(field)]
    if "_" in field.name:
        flags.append(f"--{field.name}")
    help_text = _plain(field.help + (f" Default: {field.default}." if field.default else ""))
    if field.kind == "csv":
        parser.add_argument(*flags, dest=field.name, metavar="FILE", help=help_text)
    elif field.kind == "boolean":
        parser.add_argument(
            *flags, dest=field.name, nargs="?", const="true", metavar="BOOL", help=help_text
        )
    elif field.kind == "choice":
        choices = [value for value, _ in field.choices]
        parser.add_argument(*flags, dest=field.name, choices=choices, help=help_text)
    else:
        parser.add_argument(*flags, dest=field.name, metavar="VALUE", help=help_text)


def _flag(field: InputSpec) -> str:
    """The option's spelling in a command (the hyphenated one)."""
    return f"--{field.name.replace('_', '-')}"


def _plain(text: str) -> str:
    """Help text with ``%`` escaped (argparse treats it as a format character)."""
    return text.replace("%", "%%")


def read_csv_file(path: str, field: str) -> str:
    """The text of the CSV file (``-`` is standard input), or an error sentence."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CalculatorInputError(field, f"The file '{path}' does not exist.") from None
    except IsADirectoryError:
        raise CalculatorInputError(field, f"'{path}' is a folder, not a CSV file.") from None
    except UnicodeDecodeError:
        raise CalculatorInputError(field, f"The file '{path}' is not UTF-8 text.") from None
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        raise CalculatorInputError(field, f"The file '{path}' cannot be read: {reason}.") from None


def form_inputs(spec: CalculatorSpec, args: argparse.Namespace) -> dict[str, str]:
    """The options given on the command line as form-style strings (files read)."""
    inputs: dict[str, str] = {}
    for field in spec.inputs:
        value = getattr(args, field.name, None)
        if value is None:
            continue
        inputs[field.name] = read_csv_file(value, field.name) if field.kind == "csv" else value
    return inputs


def print_result(spec: CalculatorSpec, result: dict[str, Any], out: TextIO) -> None:
    """The readable form: title, every table, then warnings."""
    print(spec.title, file=out)
    print("=" * len(spec.title), file=out)
    if result.get("headline"):
        print(result["headline"], file=out)
    for entry in result.get("tables", []):
        print(file=out)
        print(render_text(entry), file=out)
    for warning in result.get("warnings", []):
        print(f"\nWarning: {warning}", file=out)


def json_result(result: dict[str, Any], charts: bool) -> str:
    """The result as JSON text; SVG charts only when asked for."""
    data = dict(result) if charts else {k: v for k, v in result.items() if k != "charts"}
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run, print; return the exit status (0, 1 internal problem, 2 bad input)."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except CalculatorInputError as error:
        print(error.message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # the reader must get a sentence, never a traceback
        print(internal_message(error), file=sys.stderr)
        return EXIT_INTERNAL


def _main(args_list: list[str]) -> int:
    """The command itself; errors are turned into sentences by `main`."""
    if args_list[:1] == ["calc"]:
        args_list = args_list[1:]
    try:
        args = build_parser().parse_args(args_list)
    except SystemExit as stop:
        return int(stop.code or 0)
    spec = SPECS[args.calculator]
    result = run(spec.id, form_inputs(spec, args))
    if args.json:
        print(json_result(result, args.charts))
    else:
        print_result(spec, result, sys.stdout)
    return 0


def command_line(
    spec: CalculatorSpec, values: Mapping[str, str], files: Mapping[str, str] | None = None
) -> str:
    """The `termsite calc` command that computes what `run(spec.id, values)` computes.

    The widget's "Reproduce in a terminal" block shows it (the browser's reproduce.js
    builds the same text; a test holds the two to each other). A CSV named in `files`
    is read from that file; any other CSV travels on standard input in a here-document,
    so a pasted command carries its data. Inputs left at their default are omitted:
    the calculators fill them in the same way.
    """
    words = [PROGRAM, spec.id]
    stdin: str | None = None
    for field in spec.inputs:
        value = values.get(field.name, "")
        if field.kind == "csv" and field.name in (files or {}):
            words += [_flag(field), shlex.quote((files or {})[field.name])]
        elif field.kind == "csv" and value.strip() and stdin is None:
            words += [_flag(field), "-"]
            stdin = value
        elif field.kind != "csv":
            words += _option_words(field, value)
    line = " ".join(words)
    return line if stdin is None else f"{line} {here_document(stdin)}"


def _option_words(field: InputSpec, value: str) -> list[str]:
    """`--name VALUE` for a value that differs from the default (blank means the default)."""
    flag = _flag(field)
    if value.strip() == "":
        return []
    if field.kind == "boolean":
        on = value.strip().lower() in TRUE_WORDS
        if on == (field.default.strip().lower() in TRUE_WORDS):
            return []
        return [flag] if on else [flag, "false"]
    if value.strip() == field.default.strip():
        return []
    # argparse would take a value starting with "-" for an option: join it to its flag.
    return [shlex.quote(f"{flag}={value}")] if value.startswith("-") else [flag, shlex.quote(value)]


def here_document(text: str) -> str:
    """`<<'CSV'`, the text and the closing line: quoted, so the shell changes nothing.

    The closing word is one no line of the text equals; the text's own last line break
    is the one the here-document ends with, so standard input gets the text unchanged
    (a text without one gets a line break added, which a CSV reader ignores).
    """
    lines = set(text.split("\n"))
    word = next(w for w in _closing_words() if w not in lines)
    body = text[:-1] if text.endswith("\n") else text
    return f"<<'{word}'\n{body}\n{word}"


def _closing_words() -> Iterator[str]:
    """CSV, CSV_END, CSV_END_2, CSV_END_3, ...: the first free one closes the data."""
    yield "CSV"
    yield "CSV_END"
    yield from (f"CSV_END_{n}" for n in itertools.count(2))
