"""What one plan hands the next (`generate.plan.memo`): kept answers equal fresh ones."""

from __future__ import annotations

import random
from collections.abc import Iterable

from termsite.generate.plan import Link
from termsite.generate.plan.memo import KeptBacklinks
from termsite.model import EntryKind

URLS = [f"term/t{n}/" for n in range(12)]

Sources = list[tuple[Link, frozenset[str]]]


def _link(url: str, title: str) -> Link:
    return Link(title, url, "A summary.", EntryKind.TERM)


def _by_title(links: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(sorted(links, key=lambda link: (link.title, link.url)))


def _fresh(sources: Sources) -> dict[str, tuple[Link, ...]]:
    pointing: dict[str, list[Link]] = {}
    for link, urls in sources:
        for url in urls:
            if url != link.url:
                pointing.setdefault(url, []).append(link)
    return {url: _by_title(links) for url, links in pointing.items()}


def _saved(sources: Sources, rng: random.Random) -> Sources:
    """One save: an entry's new title, new pointers, a new entry or a deleted one."""
    sources = list(sources)
    change = rng.choice(["title", "pointers", "new", "deleted"])
    at = rng.randrange(len(sources))
    link, urls = sources[at]
    if change == "title":
        sources[at] = (_link(link.url, f"Title {rng.random()}"), urls)
    elif change == "pointers":
        sources[at] = (link, frozenset(rng.sample(URLS, rng.randrange(4))))
    elif change == "new":
        free = [url for url in URLS if url not in {link.url for link, _ in sources}]
        if free:
            url = rng.choice(free)
            sources.append((_link(url, f"New {url}"), frozenset(rng.sample(URLS, 2))))
    elif len(sources) > 1:
        del sources[at]
    return sources


def test_backlinks_patched_save_after_save_equal_those_gathered_afresh() -> None:
    rng = random.Random(14)
    sources: Sources = [
        (_link(url, f"Title {n}"), frozenset(rng.sample(URLS, rng.randrange(4))))
        for n, url in enumerate(URLS[:8])
    ]
    kept = KeptBacklinks()
    for _ in range(300):
        assert kept.backlinks("settings", sources, _by_title) == _fresh(sources)
        sources = _saved(sources, rng)


def test_an_unchanged_url_keeps_its_sorted_backlinks_and_new_settings_start_afresh() -> None:
    a, b, c = (_link(url, title) for url, title in zip(URLS, "abc", strict=False))
    to_c, to_a = frozenset({c.url}), frozenset({a.url})
    kept = KeptBacklinks()
    first = kept.backlinks("settings", [(a, to_c), (b, to_a)], _by_title)
    renamed = _link(b.url, "z")
    second = kept.backlinks("settings", [(a, to_c), (renamed, to_a)], _by_title)
    assert second[c.url] is first[c.url]
    assert second[a.url] == (renamed,)
    other = kept.backlinks("other", [(a, to_c)], _by_title)
    assert other == {c.url: (a,)} and other[c.url] is not first[c.url]
