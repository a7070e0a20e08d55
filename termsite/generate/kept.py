"""Values derived from entries, kept from one build of a serve session to the next.

The loader hands back the very same entry object while its file is unchanged
(`termsite.load.crossref`), so anything made only from unchanged objects can be
reused as it is, and "unchanged" is an identity test that costs nothing at
10,000 entries. A `Kept` is only ever an optimisation: the value `make()` would
give is the value it returns.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Kept", "same_objects"]

T = TypeVar("T")


def same_objects(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """The same objects, one by one (a flat tuple: this runs 40,000 times a save)."""
    return len(old) == len(new) and all(map(operator.is_, old, new))


class Kept(Generic[T]):
    """Values by key, each kept with the objects it was made from.

    `start` begins a round under a context compared by equality (the settings,
    the site's address: new but equal objects every build), and a different
    context forgets everything; `get` answers the last round's value while its
    inputs (a flat tuple: a group of objects is spread into it behind a `None`) are
    the same objects; `done` ends a round, dropping what the round
    did not ask for (a deleted entry's), so the memory never outgrows one glossary.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._last: dict[Hashable, tuple[tuple[object, ...], T]] = {}
        self._next: dict[Hashable, tuple[tuple[object, ...], T]] = {}

    def start(self, context: object) -> None:
        if context != self._context:
            self._context, self._last = context, {}
        self._next = {}

    def get(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], T]) -> T:
        old = self._last.get(key)
        value = old[1] if old is not None and same_objects(old[0], inputs) else make()
        self._next[key] = (inputs, value)
        return value

    def done(self) -> None:
        self._last, self._next = self._next, {}
