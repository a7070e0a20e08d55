"""A serve session says the editorial line after the build, in order, one build at a time."""

from __future__ import annotations

import logging
import threading

import pytest

from termsite.mkdocs_plugin.editorial import EditorialLine

LOGGER = "mkdocs.plugins.termsite"


def test_lines_said_later_come_out_in_build_order(caplog: pytest.LogCaptureFixture) -> None:
    editorial, release = EditorialLine(), threading.Event()

    def first() -> str:
        release.wait()
        return "first build's line"

    with caplog.at_level(logging.INFO, logger=LOGGER):
        editorial.say(first, later=True)
        assert caplog.messages == []  # the build has returned; the line is still being made
        release.set()
        editorial.say(lambda: "second build's line", later=True)
        editorial.wait()
    assert caplog.messages == ["first build's line", "second build's line"]


def test_a_line_that_fails_is_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> str:
        raise ValueError("no glossary")

    editorial = EditorialLine()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        editorial.say(broken, later=True)
        editorial.wait()
    assert caplog.messages == ["The editorial report's line could not be made: no glossary"]


def test_a_prepared_line_is_made_on_a_thread_and_said_by_say(
    caplog: pytest.LogCaptureFixture,
) -> None:
    editorial, release = EditorialLine(), threading.Event()

    def made_meanwhile() -> str:
        release.wait()
        return "the build's line"

    with caplog.at_level(logging.INFO, logger=LOGGER):
        editorial.prepare(made_meanwhile)  # returns while the line waits: a thread makes it
        assert caplog.messages == []
        release.set()
        editorial.say(lambda: "not made again", later=False)
    assert caplog.messages == ["the build's line"]


def test_a_failed_build_forgets_its_prepared_line(caplog: pytest.LogCaptureFixture) -> None:
    editorial = EditorialLine()
    with caplog.at_level(logging.INFO, logger=LOGGER):
        editorial.prepare(lambda: "the failed build's line")
        editorial.forget()
        editorial.say(lambda: "the next build's line", later=False)
    assert caplog.messages == ["the next build's line"]
