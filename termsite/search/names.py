"""The names index: every entry's title and other names, filed by their first two letters.

Most glossary searches are for an entry by name. Pagefind answers a query only
once it has ranked every page that holds its words: at 10,000 entries a word
on most pages took a median of 360-430 ms on two cores to the first result. The
search box also fetches the one file of this index that the query's first two
letters name (41 KB at most in the 10,000-entry benchmark), and lists at once
the entries titled or otherwise named as the query, or starting so, as
`search.js` ranks them first anyway; Pagefind's results follow under them when
they come, without the ones already listed.

A file holds every indexed entry (terms, definitions, areas) whose title or
other name starts with its two letters, folded as `search.js` folds text
(accents, case and punctuation aside), and is named by those letters' UTF-8
bytes in hex so any script makes a safe file name: "sm" is `736d.json.gz`. The
files are gzipped by the build, as Pagefind's are: the bytes a reader fetches do
not depend on the host compressing them (`search.js` reads them either way).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterable

from termsite.generate.kept import KeptTexts
from termsite.generate.plan import PageKind, PagePlan
from termsite.model import Author
from termsite.search.markup import other_names

__all__ = ["NAMES_DIR", "compressed", "folded", "names_files"]

NAMES_DIR = "search-names"
"""The index's folder in the site, beside `pagefind/`; `search.js` reads it from there."""

NAMED_KINDS = frozenset({PageKind.TERM, PageKind.DEFINITION, PageKind.AREA})
KEY_LETTERS = 2
_ASCII_GAPS = re.compile(r"[^a-z0-9]+")


def folded(text: str) -> str:
    """Text as the search box compares it (`folded` in `search.js`): accents and case
    aside, words of letters and digits, one space apart."""
    if text.isascii():
        return " ".join(_ASCII_GAPS.sub(" ", text.lower()).split())
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not _is_mark(c)).lower()
    return " ".join("".join(c if _is_word(c) else " " for c in bare).split())


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _is_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def names_files(
    pages: Iterable[PagePlan], kept: KeptTexts[PagePlan] | None = None
) -> dict[str, str]:
    """The index's files (`search-names/<hex>.json.gz` to its JSON, not yet compressed).

    A serve session passes `kept`, so only a saved entry's record is made again: each
    record is kept as its keys, a tab, and its JSON.
    """
    named = [page for page in pages if page.kind in NAMED_KINDS]
    kept = kept if kept is not None else KeptTexts[PagePlan]()
    grouped: dict[str, list[str]] = {}
    for text in kept.each((), named, _filed_record):
        keys, _, record = text.partition("\t")
        for key in keys.split(","):
            if key:
                grouped.setdefault(key, []).append(record)
    return {f"{NAMES_DIR}/{key}.json.gz": f"[{','.join(grouped[key])}]" for key in sorted(grouped)}


def compressed(text: str) -> bytes:
    """A file's bytes: the same text gives the same bytes (no time in the gzip header)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _filed_record(page: PagePlan) -> str:
    """`keys<TAB>record`: the hex names of the files the page is filed in, and its JSON."""
    entry = page.entry
    if entry is None or isinstance(entry, Author):
        return ""
    names = other_names(entry)
    starts = {folded(name)[:KEY_LETTERS] for name in [entry.title, *names]}
    keys = sorted(start.encode("utf-8").hex() for start in starts if len(start) == KEY_LETTERS)
    record = {
        "url": page.url,
        "title": entry.title,
        "kind": page.kind.value.title(),
        "area": "; ".join(area.title for area in page.areas),
        "names": "; ".join(names),
        "summary": entry.summary,
    }
    return f"{','.join(keys)}\t{json.dumps(record, ensure_ascii=False, sort_keys=True)}"
