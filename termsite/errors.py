"""Content problems, worded for the people who write the glossary.

Every check in the loader produces a `Problem` rather than raising, so one run
reports everything wrong with a glossary at once. A problem prints as
`glossary/terms/basis.yml:14: field 'faq[1].answer': expected text, got a list`,
the form editors and terminals turn into a clickable location.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["GlossaryError", "Problem", "Severity", "format_report"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, with where it is and what to do about it."""

    path: str
    """The file, relative to the project (POSIX separators)."""
    line: int | None
    """1-based line number, when the problem has a place in the file."""
    field: str | None
    """Dotted field path such as `faq[1].answer`, when one field is at fault."""
    message: str
    """Plain words: what was expected and what was found."""
    severity: Severity = "error"
    code: str = "invalid"
    """A short kind (`unknown-key`, `dangling-reference`, …) that settings can re-grade."""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" field '{self.field}':" if self.field else ""
        label = " warning:" if self.severity == "warning" else ""
        return f"{where}:{field}{label} {self.message}"

    def sort_key(self) -> tuple[str, int, str, str]:
        """Files in path order, problems in line order, file-level problems first."""
        return (self.path, self.line or 0, self.field or "", self.message)


class GlossaryError(Exception):
    """Raised by callers that refuse to go on with content errors; carries all of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(format_report(self.problems))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(problems: Sequence[Problem]) -> str:
    """The closing count, e.g. `2 errors, 1 warning in 3 files`."""
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    files = len({problem.path for problem in problems})
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def format_report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file then line, one a line, and a final count line."""
    ordered = sorted(problems, key=Problem.sort_key)
    if not ordered:
        return "No problems found."
    return "\n".join([*(str(problem) for problem in ordered), summary_line(ordered)])
