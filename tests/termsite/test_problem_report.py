"""How problems print, one by one and as a report."""

from __future__ import annotations

from pathlib import Path

from loader_samples import DEFINITION, LoadFn, WriteEntry

from termsite.problems import CODES, Problem, format_report


def test_problem_prints_file_line_field_and_message() -> None:
    problem = Problem("glossary/terms/basis.yml", 14, "faq[1].answer", "expected text, got a list")
    assert str(problem) == (
        "glossary/terms/basis.yml:14: field 'faq[1].answer': expected text, got a list"
    )


def test_problem_without_line_or_field_prints_the_file_only() -> None:
    problem = Problem("glossary/terms/x.yml", None, None, "the file is empty")
    assert str(problem) == "glossary/terms/x.yml: the file is empty"


def test_warning_says_so() -> None:
    problem = Problem(
        "glossary/terms/x.yml", 2, "summary", "too short", "warning", "summary-length"
    )
    assert str(problem) == "glossary/terms/x.yml:2: field 'summary': warning: too short"


def test_report_is_sorted_by_file_then_line_and_counts() -> None:
    problems = [
        Problem("glossary/terms/b.yml", 9, None, "nine"),
        Problem("glossary/terms/a.yml", 12, None, "twelve", "warning"),
        Problem("glossary/terms/b.yml", 2, None, "two"),
        Problem("glossary/areas/z.yml", None, None, "whole file"),
    ]
    assert format_report(problems) == (
        "glossary/areas/z.yml: whole file\n"
        "glossary/terms/a.yml:12: warning: twelve\n"
        "glossary/terms/b.yml:2: two\n"
        "glossary/terms/b.yml:9: nine\n"
        "3 errors, 1 warning in 3 files"
    )


def test_report_of_nothing() -> None:
    assert format_report([]) == "No problems found."


def test_every_code_the_loader_reports_is_documented(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/a.yml", "title: [x]\nrelatd: []\nslug: A\n")
    write_entry(base_glossary, "terms/b.yml", "title: 'open\n")
    write_entry(base_glossary, "terms/c.yml", "")
    write_entry(base_glossary, "terms/d.md", "")
    write_entry(base_glossary, "terms/e.yml", DEFINITION + "related: [nope, e]\ntitle: E\n")
    write_entry(base_glossary, "terms/f.yml", DEFINITION + "modified: 2025-01-01\n")
    codes = {problem.code for problem in load(base_glossary).problems}
    assert len(codes) >= 9
    assert codes <= set(CODES)
