"""Automatic term links and hover cards in built sites: the HTML alone carries them (no
JavaScript needed), each linked entry has one card, and the Markdown copies stay clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_build import BuildSite

CARD = re.compile(r'<div class="termsite-card" id="([^"]+)"')
LINKED = re.compile(r'<a [^>]*data-card="([^"]+)"')
AUTO = re.compile(r'<a class="termsite-autolink" href="([^"]*)"[^>]*>([^<]*)</a>')


def html_of(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def article(html: str) -> str:
    """The page's content, without the theme's header, nav and footer."""
    return html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


def with_mentions(body: str) -> dict[str, object]:
    return {"terms/second-term.yml": {**_second(), "body": body}}


def _second() -> dict[str, object]:
    from site_build import default_entries

    entry: dict[str, object] = default_entries()["terms/second-term.yml"]
    return entry


def test_mentions_link_once_per_section_with_one_card_per_entry(build_site: BuildSite) -> None:
    body = "Beta and beta again.\n\n## Later\n\nBetas, and the basis."
    site = build_site(entries=with_mentions(body))
    html = article(html_of(site, "term/second-term/index.html"))
    assert [words for _, words in AUTO.findall(html)] == ["Beta", "Betas", "basis"]
    assert {href for href, _ in AUTO.findall(html)} == {
        "../../definition/beta/",
        "../../definition/basis/",
    }
    cards = CARD.findall(html)
    assert sorted(cards) == ["termsite-card-definition-basis", "termsite-card-definition-beta"]
    assert set(LINKED.findall(html)) == set(cards), "every card is used, every link has one"
    assert 'class="termsite-cards" data-autolink="off" data-pagefind-ignore="all"' in html


def test_no_links_in_headings_code_or_the_entry_itself(build_site: BuildSite) -> None:
    body = "## Beta\n\n`beta` and\n\n    beta\n\nSecond Term is this page."
    site = build_site(entries=with_mentions(body))
    html = article(html_of(site, "term/second-term/index.html"))
    assert AUTO.findall(html) == []


def test_hand_written_pages_are_linked_unless_they_opt_out(build_site: BuildSite) -> None:
    pages = {
        "guide.md": "# Guide\n\nThe first term and its beta.\n",
        "quiet.md": "---\nautolink: false\n---\n\n# Quiet\n\nThe first term and its beta.\n",
    }
    site = build_site(pages=pages)
    guide = article(html_of(site, "guide/index.html"))
    assert [w for _, w in AUTO.findall(guide)] == ["first term", "beta"]
    assert AUTO.findall(article(html_of(site, "quiet/index.html"))) == []


def test_an_entry_can_opt_out_and_synonyms_link(build_site: BuildSite) -> None:
    from site_build import default_entries

    beta = default_entries()["definitions/beta.yml"] | {"autolink": False}
    basis = default_entries()["definitions/basis.yml"] | {"synonyms": ["futures basis"]}
    entries = {
        "definitions/beta.yml": beta,
        "definitions/basis.yml": basis,
        **with_mentions("The beta of a futures basis trade."),
    }
    site = build_site(entries=entries)
    html = article(html_of(site, "term/second-term/index.html"))
    assert [w for _, w in AUTO.findall(html)] == ["futures basis"]


def test_autolinking_can_be_switched_off(build_site: BuildSite) -> None:
    site = build_site(entries=with_mentions("Beta."), config={"autolink": {"enabled": False}})
    html = html_of(site, "term/second-term/index.html")
    assert AUTO.findall(html) == []


def test_listings_and_breadcrumbs_are_not_linked(build_site: BuildSite) -> None:
    html = article(html_of(build_site(), "area/alpha/index.html"))
    listing = html.split('class="termsite-listing"', 1)[1].split("</div>", 1)[0]
    assert "termsite-autolink" not in listing and "data-card" not in listing


@pytest.mark.xdist_group("starter")
def test_starter_pages_link_each_other_and_copies_stay_clean(starter_site: Path) -> None:
    linked_pages = 0
    for page in sorted(starter_site.glob("term/*/index.html")):
        html = article(page.read_text(encoding="utf-8"))
        cards = CARD.findall(html)
        assert len(cards) == len(set(cards)), f"{page}: one card per entry"
        assert set(LINKED.findall(html)) == set(cards), f"{page}: links and cards match"
        linked_pages += bool(AUTO.findall(html))
        copy = page.parent.with_suffix(".md").read_text(encoding="utf-8")
        assert "termsite-card" not in copy and "termsite-autolink" not in copy
    assert linked_pages >= 20, "the starter terms link each other's terms"
    headings = re.findall(
        r"<h[1-6][^>]*>.*?</h[1-6]>",
        article(html_of(starter_site, "term/kendall-tau/index.html")),
        re.S,
    )
    assert not any("termsite-autolink" in heading for heading in headings)
