"""The editorial report finds each kind of problem it names, and nothing on a clean glossary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from termsite.authoring.report import build_report, format_report, page_url
from termsite.model import Definition, Glossary, Term
from termsite.settings import SiteSettings

TODAY = dt.date(2026, 6, 1)


def definition(slug: str, title: str, **extra: Any) -> Definition:
    fields: dict[str, Any] = {
        "summary": f"A short summary about {title}.",
        "published": "2026-01-01",
    }
    return Definition(slug=slug, title=title, **(fields | extra))


def glossary(*items: Definition | Term) -> Glossary:
    return Glossary(
        terms={i.slug: i for i in items if isinstance(i, Term)},
        definitions={i.slug: i for i in items if isinstance(i, Definition)},
    )


def test_a_clean_pair_reports_nothing() -> None:
    found = build_report(
        glossary(
            definition("alpha", "Alpha", body="See beta.", related=["beta"]),
            definition("beta", "Beta", body="See alpha.", summary="Another line entirely here."),
        ),
        SiteSettings(),
        today=TODAY,
    )
    assert sum(found.counts().values()) == 0, format_report(found)
    assert found.summary_line() == "Editorial report: nothing to look at."


def test_each_finding() -> None:
    items = glossary(
        definition("quiet", "Quiet", autolink=False),
        definition("talks", "Talks", body="Quiet is mentioned here."),
        definition("lonely", "Lonely Entry", summary="x " * 100),
        definition(
            "twin-a",
            "Twin A",
            synonyms=["shared name"],
            summary="Gap between futures and spot prices of coins.",
        ),
        definition(
            "twin-b",
            "Twin B",
            synonyms=["shared name"],
            summary="Gap between futures and spot prices of tokens.",
        ),
        definition("old", "Old", published="2020-01-01"),
        definition("loop-a", "Loop A", related=["loop-b"]),
        definition("loop-b", "Loop B", related=["loop-c"]),
        definition("loop-c", "Loop C", related=["loop-a"]),
    )
    found = build_report(
        items, SiteSettings(), {"guide/": "---\nautolink: false\n---\nTalks."}, today=TODAY
    )
    assert "definition/quiet is mentioned on definition/talks" in found.unlinked_mentions
    assert "definition/talks is mentioned on page:guide/" in found.unlinked_mentions
    assert "definition/lonely" in found.never_mentioned
    assert [s.split(" ")[0] for s in found.long_summaries] == ["definition/lonely"]
    assert any("twin-a and definition/twin-b" in s for s in found.near_duplicates)
    assert found.defined_twice == ["'shared name' names definition/twin-a, definition/twin-b"]
    assert found.circular_related == ["loop-a → loop-b → loop-c → loop-a"]
    assert found.stale == ["definition/old (last updated 2020-01-01)"]
    assert "termsite check --report" in found.summary_line()


def test_the_build_summary_skips_the_mention_pass() -> None:
    items = glossary(
        definition("quiet", "Quiet", autolink=False), definition("t", "T", body="Quiet.")
    )
    found = build_report(items, SiteSettings(), today=TODAY, mentions=False)
    assert found.unlinked_mentions == [] and found.never_mentioned == []


def test_page_urls() -> None:
    assert [page_url(p) for p in ("index.md", "about.md", "calculators/index.md")] == [
        "",
        "about/",
        "calculators/",
    ]


def test_a_calculator_concept_the_site_lacks_is_listed() -> None:
    items = glossary(
        Term(
            slug="book",
            title="Book",
            summary="A term that embeds the liquidation calculator.",
            published="2026-01-01",
            calculators=["liquidation-risk"],
        ),
        definition("maintenance-margin", "Maintenance Margin"),
    )
    page = "---\ncalculators: [stress-correlation]\n---\nThe stress page."
    found = build_report(items, SiteSettings(), {"stress/": page}, today=TODAY)
    assert (
        "liquidation-risk input 'maintenance' names 'maintenance-margin', which has no entry"
        not in found.missing_concepts
    )
    assert (
        "liquidation-risk input 'collateral' names 'collateral', which has no entry"
        in found.missing_concepts
    )
    assert (
        "stress-correlation input 'drawdown' names 'drawdown', which has no entry"
        in found.missing_concepts
    )
    assert not any(line.startswith("correlation-matrix") for line in found.missing_concepts)
    assert "calculator concepts with no entry" in found.summary_line()
