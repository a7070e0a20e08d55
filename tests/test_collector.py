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


def test_what_the_block_made_is_in_the_oldest_generation_after_it() -> None:
    with collection_paused():
        made = [["a list the collector tracks"]]
    assert any(item is made for item in gc.get_objects(generation=2))


def test_a_frozen_heap_stays_frozen() -> None:
    """A serve session freezes its site; the pause must not hand it back to the collector."""
    site = [["an object of the frozen site"]]
    gc.freeze()
    try:
        with collection_paused():
            pass
        # Frozen objects sit in no generation; unfrozen ones go to the oldest. (Not the
        # freeze count: another thread's objects may die meanwhile and lower it.)
        assert not any(item is site for g in range(3) for item in gc.get_objects(generation=g))
    finally:
        gc.unfreeze()


def test_an_already_paused_collector_does_not_count_the_frozen_heap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A serve session's save runs paused; counting its frozen site walks a million objects."""

    def counted() -> int:
        raise AssertionError("the frozen heap was counted")

    monkeypatch.setattr(gc, "get_freeze_count", counted)
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()
