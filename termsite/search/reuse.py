"""Reusing index parts of the last build that would come out the same.

The index is written in parts (`pagefind.PARTS`), each holding the pages whose
URL hashes to it, and Pagefind makes a part's files from the pages it is fed,
in the order it is fed them. After a one-entry edit, three parts of four
receive exactly the pages they received last time. A part whose pages (each
named by its URL and its `content_id`) repeat the last build's sequence is
not indexed again: its pages are held back while they match, and at the end
the part's stored files are put in place, byte for byte the same. The first
page that differs sends everything held to Pagefind, and from then on the
part is indexed as usual.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from termsite.search.markup import indexed_part

__all__ = ["Held", "PartReuse", "StoredPart", "content_id"]

IGNORED_BLOCKS = (
    ('<div class="termsite-listing">', "div"),
    ('<div class="termsite-cards" data-autolink="off" data-pagefind-ignore="all">', "div"),
    ('<template id="termsite-markdown" data-pagefind-ignore="all">', "template"),
)
"""The generated blocks of a page that Pagefind skips (`pagefind.EXCLUDED_SELECTORS`,
`data-pagefind-ignore="all"`), exactly as termsite writes their opening tags."""
_TAGS = {name: re.compile(rf"<(/?){name}[\s>/]") for _, name in IGNORED_BLOCKS}

Html = str | Callable[[], str]
"""A page's HTML, or what reads it (a page from the build cache is read only if sent)."""
Held = tuple[Html, str]
"""A page not yet sent: its HTML and its site URL."""


@dataclass(frozen=True)
class StoredPart:
    """A part of the last build's index: the pages it was fed, in order, and its files."""

    sequence: tuple[tuple[str, str], ...]
    """(site URL, `content_id` of the page) of each page, in the order it was fed."""
    files: tuple[tuple[str, Path], ...]
    """(path inside the part's folder, the stored file) of each of the part's files."""


class PartReuse:
    """Decides, page by page, whether a part may still be the last build's."""

    def __init__(self, stored: Mapping[int, StoredPart]) -> None:
        self._stored = dict(stored)
        self._held: dict[int, list[Held]] = {part: [] for part in stored}
        self.sequences: dict[int, list[tuple[str, str]]] = {}
        """What each part was fed in this build, to store for the next."""

    def offer(self, part: int, url: str, content_id: str, html: Html) -> list[Held]:
        """The pages to send now: none while `part` repeats the last build's pages."""
        fed = self.sequences.setdefault(part, [])
        fed.append((url, content_id))
        stored = self._stored.get(part)
        if stored is None:
            return [(html, url)]
        at = len(fed) - 1
        if content_id and at < len(stored.sequence) and stored.sequence[at] == fed[at]:
            self._held[part].append((html, url))
            return []
        del self._stored[part]
        return [*self._held.pop(part), (html, url)]

    def finish(
        self, usable: Callable[[int, StoredPart], bool]
    ) -> tuple[dict[int, StoredPart], list[Held]]:
        """The parts to take from the last build (fed all of its pages, and `usable`: its
        files intact), and the held pages of the others, to send now."""
        reused: dict[int, StoredPart] = {}
        rest: list[Held] = []
        for part, stored in sorted(self._stored.items()):
            complete = len(stored.sequence) == len(self.sequences.get(part, ()))
            if complete and stored.sequence and usable(part, stored):
                reused[part] = stored
            else:
                rest += self._held[part]
        self._stored = {}
        return reused, rest


def content_id(page_html: str) -> str:
    """A digest of what Pagefind reads of a page, by which its part may be reused.

    Not of the whole HTML: an edited summary changes the listings, hover cards
    and Markdown copies of a dozen pages that link the entry, all of which
    Pagefind skips, and a digest of their HTML would break every part they
    hash to (after a one-entry edit, all four).
    """
    read = _without_ignored(indexed_part(page_html))
    return hashlib.blake2b(read.encode("utf-8"), digest_size=20).hexdigest()


def _without_ignored(text: str) -> str:
    """`text` without the `IGNORED_BLOCKS`; a block whose end cannot be found is kept
    (what is kept can only cost a reuse, what is dropped must really be skipped)."""
    for opening, name in IGNORED_BLOCKS:
        kept: list[str] = []
        at = 0
        while (start := text.find(opening, at)) >= 0:
            end = _block_end(text, start + len(opening), name)
            if end < 0:
                break
            kept.append(text[at:start])
            at = end
        text = "".join(kept) + text[at:] if kept else text
    return text


def _block_end(text: str, inside: int, name: str) -> int:
    """Where the element of tag `name` opened just before `inside` ends (after its
    closing tag), counting the same tags nested in it; -1 when it never closes."""
    depth = 1
    for tag in _TAGS[name].finditer(text, inside):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            close = text.find(">", tag.start())
            return -1 if close < 0 else close + 1
    return -1
