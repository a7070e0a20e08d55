"""The editorial report: what an editor should look at that no validation error catches.

`termsite check --report` prints it (`--json` for CI) and every build prints its one-line
summary. It lists mentions the build could not link because of an opt-out, entries that
nothing mentions or links, summaries too long for a hover card, near-duplicate summaries,
one name given to two entries, one-way `related` loops, entries not updated for a while,
and glossary entries a calculator on the site names (`calculators.spec`) that the site lacks.

Mentions are found the way the build finds them: each entry's Markdown is rendered and run
through the same matcher (`generate.autolink`), so the report never disagrees with the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

import markdown  # type: ignore[import-untyped]
import yaml

import calculators
from termsite.generate.autolink import (
    Matcher,
    Target,
    link_page,
    name_key,
    rules_for,
    targets_for,
)
from termsite.generate.plan import entry_url
from termsite.model import Area, Definition, Glossary, Term
from termsite.settings import SiteSettings

__all__ = ["Report", "build_report", "format_report", "page_url"]

SITE_LINK = re.compile(r"\]\(/([^)\s#?]*)")
WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is"),
        *("it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "when"),
        *("which", "with"),
    }
)
DUPLICATE_JACCARD = 0.6
"""Two summaries sharing this share of their words are worth a second look."""
RARE_WORD_LIMIT = 50
"""Pairs are only compared when they share a word at most this many summaries use, so the
check stays near-linear at 10,000 entries."""

Article = Term | Definition
Entry = Term | Definition | Area


@dataclass
class Report:
    """Every finding, each list sorted, so two runs on the same glossary print the same."""

    unlinked_mentions: list[str] = field(default_factory=list)
    never_mentioned: list[str] = field(default_factory=list)
    long_summaries: list[str] = field(default_factory=list)
    near_duplicates: list[str] = field(default_factory=list)
    defined_twice: list[str] = field(default_factory=list)
    circular_related: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    missing_concepts: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(items) for name, items in asdict(self).items()}

    def summary_line(self) -> str:
        """The build's one line: only what is not empty, and where to read the rest."""
        labels = {
            "unlinked_mentions": "mentions left unlinked by an opt-out",
            "never_mentioned": "entries nothing mentions",
            "long_summaries": "summaries too long for a card",
            "near_duplicates": "near-duplicate summaries",
            "defined_twice": "names given to two entries",
            "circular_related": "one-way related loops",
            "stale": "entries not updated lately",
            "missing_concepts": "calculator concepts with no entry",
        }
        found = [f"{n} {labels[k]}" for k, n in self.counts().items() if n]
        if not found:
            return "Editorial report: nothing to look at."
        return "Editorial report: " + ", ".join(found) + " (termsite check --report lists them)."


def _entries(glossary: Glossary) -> list[tuple[str, Entry]]:
    groups: list[tuple[str, Iterable[Entry]]] = [
        ("term", glossary.terms.values()),
        ("definition", glossary.definitions.values()),
        ("area", glossary.areas.values()),
    ]
    return [(kind, e) for kind, items in groups for e in sorted(items, key=lambda e: e.slug)]


def _markdown_of(entry: Entry) -> str:
    parts = [entry.summary, entry.body]
    if isinstance(entry, Term):
        parts += [f"## {s.heading}\n\n{s.body}" for s in entry.sections]
    if isinstance(entry, Term | Area):
        parts += [item.answer for item in entry.faq]
    return "\n\n".join(parts)


def build_report(
    glossary: Glossary,
    settings: SiteSettings,
    pages: Mapping[str, str] | None = None,
    *,
    today: dt.date | None = None,
    stale_days: int = 730,
    mentions: bool = True,
) -> Report:
    """The report for a glossary and the site's hand-written pages (`url → Markdown`).

    `mentions=False` skips rendering every entry to find mentions (the build's one-line
    summary, which must not cost a second pass over 10,000 pages); those two lists stay empty.
    """
    report = _entry_checks(glossary, settings, today or dt.date.today(), stale_days)
    if mentions:
        report.unlinked_mentions, report.never_mentioned = _mentions(glossary, settings, pages)
        report.missing_concepts = _missing_concepts(glossary, pages or {})
    return report


def _missing_concepts(glossary: Glossary, pages: Mapping[str, str]) -> list[str]:
    """Entries that a calculator the site embeds names, which the site has not: the words
    stay plain text there (a site other than the starter may well lack some)."""
    used = {calc for term in glossary.terms.values() for calc in term.calculators}
    used |= {calc for text in pages.values() for calc in _page_calculators(text)}
    slugs = {entry.slug for _, entry in _entries(glossary)}
    return sorted(
        f"{calc_id} {where} names '{slug}', which has no entry"
        for calc_id in used & set(calculators.SPECS)
        for where, slug in calculators.SPECS[calc_id].concept_slugs()
        if slug not in slugs
    )


def _page_calculators(text: str) -> list[str]:
    """The calculator ids a hand-written page's front matter embeds (none if it is unreadable:
    the build reports that)."""
    found = re.match(r"---\s*\n(.*?)\n---\s*\n", text, re.S)
    try:
        meta = yaml.safe_load(found.group(1)) if found else None
    except yaml.YAMLError:
        return []
    listed = meta.get("calculators") if isinstance(meta, dict) else None
    return [str(calc) for calc in listed] if isinstance(listed, list) else []


def _mentions(
    glossary: Glossary, settings: SiteSettings, pages: Mapping[str, str] | None
) -> tuple[list[str], list[str]]:
    """Mentions an opt-out leaves unlinked, and entries that nothing mentions or links."""
    everyone = _unrestricted(glossary, settings)
    restricted = Matcher(targets_for(glossary, settings), rules_for(settings))
    incoming: set[str] = set()
    unlinked: dict[tuple[str, str], int] = defaultdict(int)
    sources = [
        (f"{k}/{e.slug}", entry_url(settings, k, e.slug), _markdown_of(e))
        for k, e in _entries(glossary)
    ]
    sources += [(f"page:{url}", url, text) for url, text in sorted((pages or {}).items())]
    for own, url, text in sources:
        incoming |= {_key_of(path, settings) for path in SITE_LINK.findall(text)}
        html = str(markdown.markdown(_without_front_matter(text), extensions=["tables"]))
        could = link_page(html, everyone, page_url=url, own=own).linked
        does = (
            set()
            if _opted_out_page(text)
            else _keys(link_page(html, restricted, page_url=url, own=own).linked)
        )
        incoming |= does
        for target in could:
            if target.key not in does:
                unlinked[(target.key, own)] += 1
    for _, entry in _entries(glossary):
        incoming |= {f"term/{s}" for s in entry.related} | {
            f"definition/{s}" for s in entry.related
        }
    never = sorted(
        f"{kind}/{e.slug}"
        for kind, e in _entries(glossary)
        if kind != "area" and f"{kind}/{e.slug}" not in incoming
    )
    return sorted(f"{key} is mentioned on {where}" for key, where in unlinked), never


def _entry_checks(
    glossary: Glossary, settings: SiteSettings, today: dt.date, stale_days: int
) -> Report:
    """The checks that read entries only: summaries, duplicates, names, loops, dates."""
    entries = _entries(glossary)
    everyone = _unrestricted_targets(entries, settings)
    report = Report()
    limit = settings.autolink.card_summary_length
    report.long_summaries = sorted(
        f"{kind}/{e.slug} ({len(e.summary)} characters, a card shows {limit})"
        for kind, e in entries
        if len(e.summary) > limit
    )
    report.near_duplicates = _near_duplicates(entries)
    report.defined_twice = _defined_twice(everyone)
    report.circular_related = _circular(glossary)
    cutoff = today - dt.timedelta(days=stale_days)
    report.stale = sorted(
        f"{kind}/{e.slug} (last updated {e.updated.isoformat()})"
        for kind, e in entries
        if e.updated < cutoff
    )
    return report


def _keys(targets: Iterable[Target]) -> set[str]:
    return {target.key for target in targets}


def _unrestricted(glossary: Glossary, settings: SiteSettings) -> Matcher:
    """A matcher that ignores every opt-out, to find what the opt-outs leave unlinked."""
    return Matcher(_unrestricted_targets(_entries(glossary), settings), rules_for(settings))


def _unrestricted_targets(
    entries: Sequence[tuple[str, Entry]], settings: SiteSettings
) -> list[Target]:
    """Every entry with the names it would link by if it opted in (`autolink: true`); an
    entry of a kind the site does not link gets its title and synonyms."""
    opted_in = [
        e if e.autolink is True else e.model_copy(update={"autolink": True}) for _, e in entries
    ]
    groups: dict[str, dict[str, Any]] = {"term": {}, "definition": {}, "area": {}}
    for (kind, _), entry in zip(entries, opted_in, strict=True):
        groups[kind][entry.slug] = entry
    every = Glossary(terms=groups["term"], definitions=groups["definition"], areas=groups["area"])
    found = {target.key: target for target in targets_for(every, settings)}
    return [found.get(f"{k}/{e.slug}") or _as_target(k, e, settings) for k, e in entries]


def _as_target(kind: str, entry: Entry, settings: SiteSettings) -> Target:
    url = entry_url(settings, kind, entry.slug)
    names = (entry.title, *entry.synonyms)
    return Target(f"{kind}/{entry.slug}", url, entry.title, kind.title(), entry.summary, names)


def _without_front_matter(text: str) -> str:
    found = re.match(r"---\s*\n.*?\n---\s*\n", text, re.S)
    return text[found.end() :] if found else text


def page_url(relative: str) -> str:
    """A hand-written page's URL: `about.md` → `about/`, `x/index.md` → `x/`."""
    stem = relative.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _opted_out_page(text: str) -> bool:
    return bool(re.match(r"---\s*\n(?:.*\n)*?autolink:\s*false\s*\n(?:.*\n)*?---", text))


def _key_of(path: str, settings: SiteSettings) -> str:
    """`term/x/` → `term/x` for the default paths; other paths are matched by pattern."""
    for kind in ("term", "definition", "area"):
        pattern = re.escape(getattr(settings.paths, kind)).replace(r"\{slug\}", "([a-z0-9-]+)")
        found = re.fullmatch(pattern, path if path.endswith("/") else path + "/")
        if found:
            return f"{kind}/{found.group(1)}"
    return ""


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset[str]:
    """A summary's words; remembered, as every build of a serve session asks again."""
    return frozenset(w for w in WORD.findall(text.casefold()) if w not in STOPWORDS)


def _near_duplicates(entries: Sequence[tuple[str, Entry]]) -> list[str]:
    """Pairs whose summaries share most of their words (Jaccard), compared via rare words."""
    words = {f"{k}/{e.slug}": _words(e.summary) for k, e in entries}
    index: dict[str, list[str]] = defaultdict(list)
    for key, found in words.items():
        for word in found:
            index[word].append(key)
    pairs: set[tuple[str, str]] = set()
    for keys in index.values():
        if len(keys) <= RARE_WORD_LIMIT:
            pairs |= {(a, b) for a, b in combinations(sorted(keys), 2)}
    found_pairs = []
    for a, b in sorted(pairs):
        union = words[a] | words[b]
        share = len(words[a] & words[b]) / len(union) if union else 0.0
        if share >= DUPLICATE_JACCARD:
            found_pairs.append(f"{a} and {b} ({share:.0%} of their summary words in common)")
    return found_pairs


def _defined_twice(targets: Sequence[Target]) -> list[str]:
    """One name (title, alias or synonym) that two entries claim (one target per URL, the
    last, as a matcher keeps them)."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for target in {target.url: target for target in targets}.values():
        for name in target.names:
            owners[_name_key(name)].add(target.key)
    return sorted(
        f"'{' '.join(key)}' names {', '.join(sorted(keys))}"
        for key, keys in owners.items()
        if len(keys) > 1
    )


_name_key = functools.lru_cache(maxsize=1 << 16)(name_key)
"""`name_key`, remembered: every build of a serve session asks it for every name again."""


def _circular(glossary: Glossary) -> list[str]:
    """Loops of three one-way `related` links (A → B → C → A, none linking back)."""
    edges: dict[str, set[str]] = {}
    for entry in [*glossary.terms.values(), *glossary.definitions.values()]:
        edges[entry.slug] = set(entry.related)
    loops = set()
    for a, targets in edges.items():
        for b in targets:
            for c in edges.get(b, set()):
                if c in (a, b) or a not in edges.get(c, set()):
                    continue
                back = a in edges.get(b, set()) or b in edges.get(c, set()) or c in targets
                if not back:
                    start = min((a, b, c), key=lambda s: s)
                    loop = (a, b, c)
                    i = loop.index(start)
                    loops.add(" → ".join([*loop[i:], *loop[:i], start]))
    return sorted(loops)


def format_report(report: Report) -> str:
    """The report for people: one heading per kind of finding, empty ones say so."""
    titles = {
        "unlinked_mentions": "Mentions that an opt-out leaves unlinked",
        "never_mentioned": "Entries that no page mentions or links",
        "long_summaries": "Summaries too long for a hover card",
        "near_duplicates": "Near-duplicate summaries",
        "defined_twice": "One name, two entries",
        "circular_related": "One-way `related` loops",
        "stale": "Entries not updated lately",
        "missing_concepts": "Calculator concepts with no entry",
    }
    lines = []
    for name, items in asdict(report).items():
        lines.append(f"{titles[name]} ({len(items)})")
        lines += [f"  - {item}" for item in items] or ["  none"]
    return "\n".join(lines)
