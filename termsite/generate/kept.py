"""Values derived from entries, kept from one build of a serve session to the next.

The loader hands back the very same entry object while its file is unchanged
(`termsite.load.crossref`), so anything made only from unchanged objects can be
reused as it is, and "unchanged" is an identity test that costs nothing at
10,000 entries. A `Kept` is only ever an optimisation: the value `make()` would
give is the value it returns.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["Kept", "KeptOrder", "KeptTexts", "same_objects"]

T = TypeVar("T")


def same_objects(old: Sequence[object], new: Sequence[object]) -> bool:
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


class KeptOrder(Generic[T]):
    """A sort of many items, done again only where the items' sort keys changed.

    A save gives one entry a new object but seldom a new title, so the entries'
    order by title is the last one with that object put in its place: a pass of
    identity tests, where sorting 10,000 titles again (their keys made in Python)
    took a few hundredths of a second each time, five times a save. The result is
    always what `sorted(items, key=key)` gives: an item whose key changed, or a
    different number of items, sorts everything again. One `KeptOrder` serves one
    sort (one `key`).
    """

    def __init__(self) -> None:
        self._items: list[T] = []
        self._keys: list[Any] = []
        self._order: list[int] = []
        """Where each sorted place's item stands in `_items`."""

    def sorted(self, items: Sequence[T], key: Callable[[T], Any]) -> list[T]:
        """`sorted(items, key=key)`."""
        new = list(items)
        moved = self._moved(new, key)
        if moved is None:
            keys = [key(item) for item in new]
            self._order = sorted(range(len(new)), key=keys.__getitem__)
            self._keys = keys
        self._items = new
        return [new[i] for i in self._order]

    def _moved(self, new: list[T], key: Callable[[T], Any]) -> list[int] | None:
        """The places whose item is another object with the same key; None if a key
        changed or the number of items did (then only a new sort is right)."""
        old = self._items
        if len(old) != len(new) or not old:
            return None
        if all(map(operator.is_, old, new)):
            return []
        places = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a is not b]
        for i in places:
            if key(new[i]) != self._keys[i]:
                return None
        return places


class KeptTexts(Generic[T]):
    """Each entry's part of one output (`glossary.json`, `glossary.csv`), by entry object.

    A part is made from its entry alone (and the site, the `context`), so the last
    build's part of the very same object is the part. Looked up by the object's `id` in
    one dictionary made at C speed: a `Kept` look-up per entry, with a key, its inputs
    and a maker made for each, was most of the time both files took at 10,000 entries.
    The last build's entries are held, so no `id` is reused while its part is kept.
    """

    def __init__(self) -> None:
        self._context: object = None
        self._entries: list[T] = []
        self._texts: list[str] = []

    def each(self, context: object, entries: list[T], make: Callable[[T], str]) -> list[str]:
        """`[make(entry) for entry in entries]`, made again only for entries that are not
        the very objects of the last call under an equal `context`."""
        if context != self._context:
            self._context, self._entries, self._texts = context, [], []
        if same_objects(entries, self._entries):
            return self._texts
        last = dict(zip(map(id, self._entries), self._texts, strict=True))
        texts = [last.get(id(entry)) or make(entry) for entry in entries]
        self._entries, self._texts = list(entries), texts
        return texts
