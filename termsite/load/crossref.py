"""Checks that need the whole glossary: slugs, references, calculators, dates.

A single file can be valid on its own and still name an author nobody wrote,
reuse another entry's slug, or link to a draft. These checks run once every
file is read, report each such problem at the line of the offending value, and
leave in the published glossary only references that resolve, so the page
plan never meets a dangling slug even when a site grades these as warnings.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from calculators import SPECS
from termsite.load.lookalikes import confusable_letters, invisible_characters, title_key
from termsite.load.unsafe_urls import unsafe_urls
from termsite.load.yaml_source import Document, Loc
from termsite.model import Author, Entry, EntryKind, Term
from termsite.problems import Problem
from termsite.wording import field_path, suggestion

__all__ = ["MAX_TITLE", "CheckMemo", "Loaded", "check_glossary", "known_calculators"]

SUMMARY_RANGE = (50, 160)
"""Shorter says too little in a listing; longer is cut off in search results."""
MAX_TITLE = 200
"""A title is the page's `<title>`, its heading and a line in every listing; the starter's
longest is 32 characters, and search results show about 60."""

_GROUP = {
    EntryKind.TERM: "article",
    EntryKind.DEFINITION: "article",
    EntryKind.AREA: "area",
    EntryKind.AUTHOR: "author",
}
"""Which slugs share one namespace: `related` names terms and definitions alike."""


@dataclass(frozen=True)
class Loaded:
    """One entry that passed validation, with the file and lines it came from.

    `memo` keeps what the checks found in this entry alone. A serve session hands
    back the same `Loaded` while its file is unchanged (`mkdocs_plugin.incremental`),
    so a save checks the saved entry's text again, and of the others only what
    depends on the whole glossary: slugs and references.
    """

    entry: Entry
    path: str
    doc: Document
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def group(self) -> str:
        return _GROUP[self.entry.kind]

    def line(self, loc: Loc) -> int | None:
        return self.doc.line_of(loc)

    def problem(self, loc: Loc, message: str, code: str) -> Problem:
        return Problem(self.path, self.line(loc), field_path(loc) or None, message, "error", code)


@dataclass
class _Index:
    """Every slug and alias by namespace, so references resolve in one look-up."""

    unreadable: set[tuple[str, str]] = field(default_factory=set)
    slugs: dict[tuple[str, str], Loaded] = field(default_factory=dict)
    aliases: dict[tuple[str, str], Loaded] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    kept: list[Loaded] = field(default_factory=list)

    def add(self, item: Loaded) -> None:
        key = (item.group, item.entry.slug.casefold())
        other = self.slugs.get(key)
        if other is not None:
            message = f"the slug '{item.entry.slug}' is already used by {other.path}"
            self.problems.append(item.problem(("slug",), message, "duplicate-slug"))
            return
        self.slugs[key] = item
        self.kept.append(item)

    def add_aliases(self, item: Loaded) -> None:
        for index, alias in enumerate(item.entry.aliases):
            message = self._alias_clash(item, alias)
            if message:
                self.problems.append(item.problem(("aliases", index), message, "duplicate-slug"))
            else:
                self.aliases[(item.group, alias.casefold())] = item

    def _alias_clash(self, item: Loaded, alias: str) -> str | None:
        key = (item.group, alias.casefold())
        if key in self.slugs:
            owner = self.slugs[key]
            if owner is item:
                return f"the alias '{alias}' is the entry's own slug"
            return f"the alias '{alias}' is the slug of {owner.path}"
        if key in self.aliases:
            return f"the alias '{alias}' is also an alias in {self.aliases[key].path}"
        return None

    def replace(self, place: int, item: Loaded) -> None:
        """Put `item` where the kept entry of the same slug and aliases stands."""
        self.slugs[(item.group, item.entry.slug.casefold())] = item
        for alias in item.entry.aliases:
            self.aliases[(item.group, alias.casefold())] = item
        self.kept[place] = item

    def names(self, group: str) -> list[str]:
        return [item.entry.slug for (kind, _), item in self.slugs.items() if kind == group]


def check_glossary(
    loaded: list[Loaded],
    today: dt.date,
    calculators: frozenset[str],
    unreadable: frozenset[tuple[EntryKind, str]] = frozenset(),
    memo: CheckMemo | None = None,
) -> tuple[list[Loaded], list[Problem]]:
    """The entries to publish (references cleaned) and every cross-file problem found.

    `unreadable` names entries whose files failed to load: they have their own
    error already, so references to them are not reported a second time. A serve
    session passes the `memo` of its last check (see `CheckMemo`).
    """
    inputs = (today, calculators, unreadable)
    if memo is None:
        return _check_all(loaded, inputs).result()
    return memo.check(loaded, inputs)


Inputs = tuple[dt.date, frozenset[str], frozenset[tuple[EntryKind, str]]]


class CheckMemo:
    """A serve session's last check, patched when a save changed only what entries say.

    Each save checked all 10,000 entries against each other again (the index of
    slugs and aliases, the titles, every reference), a tenth of a second at
    10,000 entries, though a save nearly always changes one entry's text and
    nothing another entry's problems depend on. When every entry that is a new
    object keeps its file, kind, slug, title, aliases and draft flag, and had no
    problem of slugs, aliases or titles, the other entries' results are the last
    check's (they depend on those fields alone), so only the saved entries are
    checked again. Anything else checks everything. Either way the answer is what
    `check_glossary` without a memo gives.
    """

    MAX_CHANGED = 16
    """More new entries than this at once (a `git checkout`) are checked from scratch."""

    def __init__(self) -> None:
        self._last: _Checked | None = None
        self.rechecked = 0
        """How many entries the last check looked at: the saved ones, or all."""

    def check(self, loaded: list[Loaded], inputs: Inputs) -> tuple[list[Loaded], list[Problem]]:
        last = self._last
        changed = last.patched(loaded, inputs, self.MAX_CHANGED) if last is not None else None
        if last is None or changed is None:
            last, changed = _check_all(loaded, inputs), len(loaded)
        self._last, self.rechecked = last, changed
        return last.result()


@dataclass
class _Checked:
    """One check's pieces, kept so that the next can patch them (`CheckMemo`)."""

    inputs: Inputs
    loaded: list[Loaded]
    index: _Index
    head: list[Problem]
    """Slug, alias and title problems: the ones that compare entries with each other."""
    chunks: list[list[Problem]]
    """Each kept entry's reference and own problems, in `index.kept` order."""
    cleaned: list[Loaded]
    """Each kept entry with its references cleaned, in `index.kept` order."""
    place: dict[str, int] = field(default_factory=dict)
    """Where each kept entry's file stands in `index.kept`."""

    def result(self) -> tuple[list[Loaded], list[Problem]]:
        published = [item for item in self.cleaned if not item.entry.draft]
        return published, list(itertools.chain(self.head, *self.chunks))

    def patched(self, loaded: list[Loaded], inputs: Inputs, most: int) -> int | None:
        """Bring this check up to `loaded` and say how many entries that checked again; None
        (and nothing changed) when only a whole check is right."""
        if inputs != self.inputs or len(loaded) != len(self.loaded):
            return None
        new = itertools.compress(range(len(loaded)), map(operator.is_not, self.loaded, loaded))
        changed = list(itertools.islice(new, most + 1))
        if len(changed) > most:
            return None
        if not self.place:
            self.place = {item.path: n for n, item in enumerate(self.index.kept)}
        blamed = {problem.path for problem in self.head}
        places: list[tuple[int, Loaded]] = []
        for n in changed:
            old, place = self.loaded[n], self.place.get(self.loaded[n].path)
            if place is None or old.path in blamed or not _same_standing(old, loaded[n]):
                return None
            places.append((place, loaded[n]))
        for place, item in places:  # every new object in the index before any is checked
            self.index.replace(place, item)
        today, calculators, _ = inputs
        for place, item in places:
            found, cleaned = _checked_references(item, self.index, calculators)
            self.chunks[place] = [*found, *_own_problems(item, today, calculators)]
            self.cleaned[place] = cleaned
        self.loaded = list(loaded)
        return len(places)


def _same_standing(old: Loaded, new: Loaded) -> bool:
    """Whether every other entry's check reads the same with `new` in `old`'s place."""
    a, b = old.entry, new.entry
    return (
        old.path == new.path  # and so the kind: the folder gives it
        and a.slug == b.slug
        and a.title == b.title
        and a.draft == b.draft
        and a.aliases == b.aliases
    )


def _check_all(loaded: list[Loaded], inputs: Inputs) -> _Checked:
    today, calculators, unreadable = inputs
    index = _Index(unreadable={(_GROUP[kind], slug) for kind, slug in unreadable})
    for item in sorted(loaded, key=lambda item: item.path):
        index.add(item)
    for item in index.kept:
        index.add_aliases(item)
    head = [*index.problems, *_duplicate_titles(index.kept)]
    chunks: list[list[Problem]] = []
    cleaned: list[Loaded] = []
    for item in index.kept:
        found, copy = _checked_references(item, index, calculators)
        chunks.append([*found, *_own_problems(item, today, calculators)])
        cleaned.append(copy)
    return _Checked(inputs, list(loaded), index, head, chunks, cleaned)


def _checked_references(
    item: Loaded, index: _Index, calculators: frozenset[str]
) -> tuple[list[Problem], Loaded]:
    """The entry's reference problems and its cleaned copy, kept while every entry it names
    is the same object (a name that resolves to nothing depends on the whole index)."""
    if "named" not in item.memo:
        item.memo["named"] = [(group, slug) for _, slug, group in _references(item)]
    targets = tuple(map(index.slugs.get, item.memo["named"]))
    key = (targets, calculators)
    resolved = all(targets)  # not `None in targets`: that calls each `Loaded.__eq__`
    if not resolved or item.memo.get("references-key") != key:
        found = list(_reference_problems(item, index))
        item.memo["references-key"] = key if resolved else None
        item.memo["references"] = (found, _cleaned(item, index, calculators))
    checked: tuple[list[Problem], Loaded] = item.memo["references"]
    return checked


def _own_problems(item: Loaded, today: dt.date, calculators: frozenset[str]) -> list[Problem]:
    """What the entry's own fields are found to hold; computed once per read of its file."""
    key = ("own", today, calculators)
    if item.memo.get("own-key") != key:
        found = list(_entry_problems(item, today, calculators))
        found += [
            item.problem(loc, _unsafe_message(url), "unsafe-url")
            for loc, url in unsafe_urls(item.entry)
        ]
        item.memo["own-key"], item.memo["own"] = key, found
    problems: list[Problem] = item.memo["own"]
    return problems


_TARGETS = {"author": "author", "areas": "area", "related": "article"}
_TARGET_WORDS = {"author": "author", "area": "area", "article": "term or definition"}


def _references(item: Loaded) -> Iterator[tuple[Loc, str, str]]:
    """Each reference an entry makes: where it is, the slug named, the namespace it needs."""
    entry = item.entry
    if isinstance(entry, Author):
        return
    if entry.author is not None:
        yield ("author",), entry.author, "author"
    for name in ("areas", "related"):
        for position, slug in enumerate(getattr(entry, name)):
            yield (name, position), slug, _TARGETS[name]


def _reference_problems(item: Loaded, index: _Index) -> Iterator[Problem]:
    for loc, slug, group in _references(item):
        found = _reference_problem(item, slug, group, index)
        if found is not None:
            yield item.problem(loc, *found)


def _reference_problem(
    item: Loaded, slug: str, group: str, index: _Index
) -> tuple[str, str] | None:
    target = index.slugs.get((group, slug))
    if target is item:
        return "an entry cannot refer to itself", "self-reference"
    if target is not None:
        return _draft_problem(item, slug, target)
    if (group, slug) in index.unreadable:
        return None
    alias_owner = index.aliases.get((group, slug))
    if alias_owner is not None:
        real = alias_owner.entry.slug
        return f"'{slug}' is an old alias of '{real}'; name '{real}' instead", "dangling-reference"
    return _missing(slug, group, index), "dangling-reference"


def _draft_problem(item: Loaded, slug: str, target: Loaded) -> tuple[str, str] | None:
    if target.entry.draft and not item.entry.draft:
        message = f"'{slug}' is a draft, so it is left out of the site; publish it or remove this"
        return message, "draft-reference"
    return None


def _missing(slug: str, group: str, index: _Index) -> str:
    for other_group in _TARGET_WORDS:
        other = index.slugs.get((other_group, slug))
        if other_group != group and other is not None:
            kind = _A[other.entry.kind]
            return f"'{slug}' is {kind} ({other.path}); this field names {_PLURALS[group]}"
    hint = suggestion(slug, index.names(group))
    return f"no {_TARGET_WORDS[group]} has the slug '{slug}'{hint}"


_A = {
    EntryKind.TERM: "a term",
    EntryKind.DEFINITION: "a definition",
    EntryKind.AREA: "an area",
    EntryKind.AUTHOR: "an author",
}
_PLURALS = {"author": "authors", "area": "areas", "article": "terms and definitions"}


def _duplicate_titles(kept: list[Loaded]) -> Iterator[Problem]:
    """Two published entries of one kind whose titles read the same, even through
    look-alike letters: listings, the A–Z pages and the DefinedTermSet could not tell
    them apart. Reported on the later file (by path), naming the first."""
    first: dict[tuple[EntryKind, str], Loaded] = {}
    for item in kept:
        if item.entry.draft:
            continue
        if "title-key" not in item.memo:
            item.memo["title-key"] = title_key(item.entry.title)
        key = (item.entry.kind, item.memo["title-key"])
        other = first.setdefault(key, item)
        if other is item:
            continue
        same = other.entry.title == item.entry.title
        how = "is also the title" if same else f"reads the same as '{other.entry.title}', the title"
        message = (
            f"the title '{item.entry.title}' {how} of {other.path}; "
            f"two {_PLURAL_KINDS[item.entry.kind]} need titles a reader can tell apart"
        )
        yield item.problem(_title_loc(item), message, "duplicate-title")


_PLURAL_KINDS = {
    EntryKind.TERM: "terms",
    EntryKind.DEFINITION: "definitions",
    EntryKind.AREA: "areas",
    EntryKind.AUTHOR: "authors",
}


def _title_loc(item: Loaded) -> Loc:
    return ("name",) if isinstance(item.entry, Author) else ("title",)


def _text_problems(item: Loaded) -> Iterator[Problem]:
    """Over-long titles, invisible characters and look-alike letters in titles and summaries."""
    entry = item.entry
    loc = _title_loc(item)
    if len(entry.title) > MAX_TITLE:
        message = (
            f"the title has {len(entry.title):,} characters; titles are limited to {MAX_TITLE} "
            "(it is the page title, the heading and a line in every listing)"
        )
        yield item.problem(loc, message, "title-too-long")
    texts = [(loc, entry.title)]
    if not isinstance(entry, Author):
        texts.append((("summary",), entry.summary))
    for where, text in texts:
        name = field_path(where)
        hidden = invisible_characters(text)
        if hidden:
            message = f"the {name} holds invisible or direction-changing characters "
            message += f"({', '.join(hidden)}); remove them"
            yield item.problem(where, message, "invisible-character")
        alike = confusable_letters(text)
        if alike:
            message = f"the {name} mixes scripts: {'; '.join(alike)}; type the letter itself"
            yield item.problem(where, message, "confusable-characters")


def _entry_problems(item: Loaded, today: dt.date, calculators: frozenset[str]) -> Iterator[Problem]:
    yield from _text_problems(item)
    entry = item.entry
    if isinstance(entry, Author):
        return
    low, high = SUMMARY_RANGE
    if not low <= len(entry.summary) <= high:
        message = (
            f"the summary has {len(entry.summary)} characters; "
            f"aim for {low}–{high} so it fits listings and search results"
        )
        yield item.problem(("summary",), message, "summary-length")
    for name in ("published", "modified"):
        value = getattr(entry, name)
        if value is not None and value > today:
            message = (
                f"the date {value.isoformat()} is in the future (today is {today.isoformat()})"
            )
            yield item.problem((name,), message, "future-date")
    if isinstance(entry, Term):
        for position, calc_id in enumerate(entry.calculators):
            if calc_id not in calculators:
                message = f"no calculator has the id '{calc_id}'{suggestion(calc_id, calculators)}"
                yield item.problem(("calculators", position), message, "unknown-calculator")


def _unsafe_message(url: str) -> str:
    return (
        f"the link '{url}' would run code or open a document in a reader's browser; "
        "link to a page of the site or an https address"
    )


def _cleaned(item: Loaded, index: _Index, calculators: frozenset[str]) -> Loaded:
    """The entry with only references that lead to a published page of the right kind.

    An entry whose references all resolve is published as it is, the same object from
    one build to the next, so what the page plan derives from it can be kept too.
    """
    entry = item.entry
    if isinstance(entry, Author):
        return item

    def ok(slug: str, group: str) -> bool:
        target = index.slugs.get((group, slug))
        return target is not None and target is not item and not target.entry.draft

    update: dict[str, Any] = {
        "author": entry.author if entry.author and ok(entry.author, "author") else None,
        "areas": [slug for slug in entry.areas if ok(slug, "area")],
        "related": [slug for slug in entry.related if ok(slug, "article")],
    }
    if isinstance(entry, Term):
        update["calculators"] = [calc for calc in entry.calculators if calc in calculators]
    if all(getattr(entry, name) == value for name, value in update.items()):
        return item
    if item.memo.get("cleaned-for") != update:
        copy = Loaded(entry.model_copy(update=update), item.path, item.doc)
        item.memo["cleaned-for"], item.memo["cleaned"] = update, copy
    cleaned: Loaded = item.memo["cleaned"]
    return cleaned


def known_calculators() -> frozenset[str]:
    """The calculator ids: a broken calculators package fails here, loudly, rather than
    silently turning the unknown-calculator check off."""
    return frozenset(SPECS)
