"""Content problems, worded for the people who write the glossary.

Every check in the loader produces a `Problem` rather than raising, so one run
reports everything wrong with a glossary at once. A problem prints as
`glossary/terms/basis.yml:14: field 'faq[1].answer': expected text, got a list`,
the form editors and terminals turn into a clickable location.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["CODES", "Problem", "Severity", "format_report", "summary_line"]

Severity = Literal["error", "warning"]

CODES: Mapping[str, str] = {
    "yaml-syntax": "the file is not valid YAML (also tabs used for indentation, unknown tags)",
    "yaml-too-large": "too many values or characters once aliases expand, or nested too deeply",
    "yaml-tag": "an explicit YAML tag other than plain text, numbers, dates, lists and mappings",
    "nul-character": "a NUL character (0x00) in the file or in a text",
    "not-a-file": "something in the glossary folder that is not a regular file (a FIFO, a device)",
    "outside-symlink": "a symbolic link to a file outside the project (see follow_symlinks)",
    "file-too-large": "the file is larger than 2 MB",
    "encoding": "the file is not UTF-8",
    "empty-file": "the file holds no entry",
    "unexpected-file": "a file outside terms/, definitions/, areas/, authors/, or not .yml/.yaml",
    "missing-folder": "the glossary folder does not exist",
    "unknown-key": "a field the entry format does not have",
    "missing-field": "a required field is missing or empty",
    "wrong-type": "a value of the wrong kind (text, number, date, list, …)",
    "bad-slug": "a slug that is not lower-case words joined by hyphens",
    "invalid-value": "a rule across fields (FAQ facet or question, modified before published)",
    "invalid": "any other invalid value",
    "duplicate-key": "the same key twice in one mapping",
    "duplicate-slug": "two entries, or an alias and an entry, with one slug",
    "dangling-reference": "an author, area or related slug that names no entry of that kind",
    "self-reference": "an entry that names itself in related or areas",
    "draft-reference": "a published entry that names a draft",
    "unknown-calculator": "a calculator id that no calculator has",
    "summary-length": "a summary outside 50–160 characters (a warning by default)",
    "title-too-long": "a title longer than the limit (200 characters)",
    "duplicate-title": "two entries of one kind whose titles read the same, look-alikes included",
    "invisible-character": "an invisible or direction-changing character in a title or summary "
    "(a warning by default)",
    "confusable-characters": "a word mixing scripts with look-alike letters, such as a Cyrillic "
    "'а' in 'Basis' (a warning by default)",
    "future-date": "published or modified after today (a warning by default)",
    "unsafe-url": "a javascript:, vbscript: or data: URL in a link, an image or a body",
}
"""Every problem code, for the `validation:` setting that re-grades them."""


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
