"""Pausing the cyclic collector: paused inside the block, as it was after it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from termsite.collector import collection_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


def test_the_collector_is_paused_inside_and_running_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_paused_collector_stays_paused_after_a_nested_pause() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_an_error_inside_still_restarts_the_collector() -> None:
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("inside")
    assert gc.isenabled()
