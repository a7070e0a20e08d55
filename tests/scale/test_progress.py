"""Progress output: drawn for a person at a terminal, silent in CI and in pipes."""

from __future__ import annotations

import io
import logging

from termsite.mkdocs_plugin.progress import BuildReport, Progress, WarningTally, summary


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_draws_count_and_time_left_on_a_terminal() -> None:
    clock, stream = Clock(), Terminal()
    progress = Progress(4, "Rendering pages", stream=stream, environ={}, clock=clock)
    clock.now = 2.0
    progress.advance()
    assert stream.getvalue().endswith("Rendering pages: 1/4 (25%), about 6 s left")


def test_progress_is_silent_under_ci_true() -> None:
    stream = Terminal()
    progress = Progress(3, "Rendering pages", stream=stream, environ={"CI": "true"})
    for _ in range(3):
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_progress_is_silent_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(3, "Loading entries", stream=stream, environ={})
    for _ in range(3):
        progress.advance()
    assert stream.getvalue() == ""


def test_progress_redraws_at_most_ten_times_a_second() -> None:
    clock, stream = Clock(), Terminal()
    progress = Progress(1000, "Rendering pages", stream=stream, environ={}, clock=clock)
    for _ in range(500):
        progress.advance()
    assert stream.getvalue().count("\r") == 1


def test_progress_close_clears_the_line() -> None:
    stream = Terminal()
    progress = Progress(1, "Rendering pages", stream=stream, environ={})
    progress.advance()
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_summary_names_pages_time_and_warnings_by_kind() -> None:
    line = summary(10013, 41.25, {"links": 3, "content": 1})
    assert line == "Built 10,013 pages in 41.2 s; warnings: 1 content, 3 links."


def test_summary_says_when_there_were_no_warnings() -> None:
    assert summary(2, 0.5, {}) == "Built 2 pages in 0.5 s; no warnings."


def test_warning_tally_counts_warnings_by_the_logger_that_gave_them() -> None:
    tally = WarningTally()
    logger = logging.getLogger("mkdocs.structure.pages")
    logger.addHandler(tally)
    try:
        logger.warning("a link is broken")
        logger.info("not a warning")
    finally:
        logger.removeHandler(tally)
    assert dict(tally.kinds) == {"links": 1}


def test_build_report_sums_up_pages_written_and_warnings_of_the_build() -> None:
    clock = Clock()
    report = BuildReport(clock=clock)
    report.start()
    report.pages(2)
    report.page_written()
    report.page_written()
    logging.getLogger("mkdocs.plugins.termsite").warning("an entry has a long summary")
    clock.now = 3.0
    assert report.finish() == "Built 2 pages in 3.0 s; warnings: 1 content."


def test_build_report_stops_counting_warnings_when_the_build_ends() -> None:
    report = BuildReport()
    report.start()
    report.finish()
    logging.getLogger("mkdocs.structure.pages").warning("after the build")
    assert dict(report.tally.kinds) == {}
