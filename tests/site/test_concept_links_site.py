"""Calculator concept links in a built site: the HTML alone carries each link and its card
(no JavaScript needed), the card is the one the page's prose shares, an entry the site
lacks leaves plain text, and the Markdown copy carries none of it."""

from __future__ import annotations

import re
from pathlib import Path

from site_build import LONG, BuildSite, default_entries

CARD = re.compile(r'<div class="termsite-card" id="([^"]+)"')
VAR_LINK = (
    '<a class="tc-concept" data-concept="value-at-risk" href="../../definition/value-at-risk/"'
    ' data-card="termsite-card-definition-value-at-risk"'
    ' aria-describedby="termsite-card-definition-value-at-risk-summary">'
)


def build(build_site: BuildSite) -> Path:
    term = default_entries()["terms/second-term.yml"] | {
        "body": "The value at risk of a book.",
        "calculators": ["portfolio-diversification"],
    }
    var = {
        "title": "Value at Risk",
        "summary": LONG,
        "published": "2025-02-03",
        "author": "desk",
        "areas": ["alpha"],
    }
    return build_site(entries={"terms/second-term.yml": term, "definitions/value-at-risk.yml": var})


def test_labels_help_and_headers_link_with_the_one_card_the_page_shares(
    build_site: BuildSite,
) -> None:
    html = (build(build_site) / "term/second-term/index.html").read_text(encoding="utf-8")
    widget = html.split('class="tc-calculator"', 1)[1]
    assert f"{VAR_LINK}value-at-risk</a>" in widget, "the confidence level's help"
    assert re.search(rf'<th scope="row">{re.escape(VAR_LINK)}Value-at-risk</a> 99%</th>', widget)
    assert (
        "<template data-concepts data-pagefind-ignore>" in widget
        and f"{VAR_LINK}Value-at-risk</a>" in widget
    )
    assert 'class="termsite-autolink" href="../../definition/value-at-risk/"' in html, "prose"
    assert CARD.findall(html).count("termsite-card-definition-value-at-risk") == 1


def test_a_concept_the_site_lacks_stays_plain_text(build_site: BuildSite) -> None:
    html = (build(build_site) / "term/second-term/index.html").read_text(encoding="utf-8")
    plain = '<a class="tc-concept" data-concept="diversification-ratio">Diversification ratio</a>'
    assert plain in html
    assert "termsite-card-term-diversification-ratio" not in html


def test_the_markdown_copy_carries_no_link_or_card_markup(build_site: BuildSite) -> None:
    copy = (build(build_site) / "term/second-term.md").read_text(encoding="utf-8")
    assert "The value at risk of a book." in copy
    assert not re.search(r"data-card|termsite-card|tc-concept|data-concept", copy)


PEARSON_LINK = (
    '<a class="tc-concept" data-concept="pearson-correlation"'
    ' href="../../definition/pearson-correlation/"'
    ' data-card="termsite-card-definition-pearson-correlation"'
    ' aria-describedby="termsite-card-definition-pearson-correlation-summary">'
)
HEADLINE_PLACEHOLDER = '<a class="tc-concept" data-concept="pearson-correlation">ρ</a>'


def build_matrix(build_site: BuildSite, config: dict[str, object] | None = None) -> str:
    """A term embedding the correlation matrix, on a site that has Pearson correlation."""
    term = default_entries()["terms/second-term.yml"] | {"calculators": ["correlation-matrix"]}
    pearson = {
        "title": "Pearson correlation",
        "summary": LONG,
        "published": "2025-02-03",
        "author": "desk",
        "areas": ["alpha"],
    }
    entries = {"terms/second-term.yml": term, "definitions/pearson-correlation.yml": pearson}
    site = build_site(entries=entries, config=config or {})
    return (site / "term/second-term/index.html").read_text(encoding="utf-8")


def test_the_headline_links_its_concept_with_the_card_the_page_shares(
    build_site: BuildSite,
) -> None:
    html = build_matrix(build_site)
    headline = html.split('<p class="tc-headline" data-headline>', 1)[1].split("</p>", 1)[0]
    assert headline.startswith(f"average pairwise {PEARSON_LINK}ρ</a> 0.66; highest BTC–ETH")
    assert headline.count("<a ") == 1
    for name in ("headline", "pair"):
        template = html.split(f'<template data-concepts="{name}" data-pagefind-ignore>', 1)[1]
        assert f"{PEARSON_LINK}ρ</a>" in template.split("</template>", 1)[0], name
    assert CARD.findall(html).count("termsite-card-definition-pearson-correlation") == 1


def test_with_autolink_off_the_headline_links_nothing(build_site: BuildSite) -> None:
    html = build_matrix(build_site, {"autolink": {"enabled": False}})
    headline = html.split('<p class="tc-headline" data-headline>', 1)[1].split("</p>", 1)[0]
    assert headline.startswith(f"average pairwise {HEADLINE_PLACEHOLDER} 0.66;")
    assert "href" not in headline
    assert "termsite-card-definition-pearson-correlation" not in html
