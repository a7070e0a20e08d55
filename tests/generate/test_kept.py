"""`KeptOrder`: a sort kept from one save to the next gives exactly what `sorted` gives."""

from __future__ import annotations

from dataclasses import dataclass

from termsite.generate.kept import KeptOrder


@dataclass(frozen=True, eq=False)
class Item:
    """An entry stand-in: compared by identity, as the serve session's entries are."""

    title: str
    summary: str = ""


def by_title(item: Item) -> str:
    return item.title


def test_an_item_replaced_under_the_same_key_comes_back_in_its_place() -> None:
    order: KeptOrder[Item] = KeptOrder()
    items = [Item("c"), Item("a"), Item("b")]
    order.sorted(items, by_title)
    saved = Item("a", summary="new")
    items[1] = saved
    result = order.sorted(items, by_title)
    assert [item.title for item in result] == ["a", "b", "c"]
    assert result[0] is saved


def test_an_item_whose_key_changed_is_sorted_into_its_new_place() -> None:
    order: KeptOrder[Item] = KeptOrder()
    items = [Item("c"), Item("a"), Item("b")]
    order.sorted(items, by_title)
    items[1] = Item("d")
    assert order.sorted(items, by_title) == sorted(items, key=by_title)


def test_items_added_or_removed_are_sorted_again() -> None:
    order: KeptOrder[Item] = KeptOrder()
    items = [Item("c"), Item("a")]
    order.sorted(items, by_title)
    more = [*items, Item("b")]
    assert order.sorted(more, by_title) == sorted(more, key=by_title)
    assert order.sorted(items[:1], by_title) == items[:1]


def test_equal_keys_keep_the_order_sorted_gives_them() -> None:
    order: KeptOrder[Item] = KeptOrder()
    last, first, second = Item("b"), Item("a", "first"), Item("a", "second")
    order.sorted([last, first, second], by_title)
    again = Item("a", "second, saved")
    assert order.sorted([last, first, again], by_title) == [first, again, last]
