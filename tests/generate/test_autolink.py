"""The term matcher against a table of cases: longest match, plurals, acronyms, skip zones,
first mention per section, hand-written links and the entry's own page."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from match_targets import TARGETS, target

from termsite.generate import autolink, cards
from termsite.generate.autolink import Matcher, Rules, link_page
from termsite.model import Definition, Glossary, Term
from termsite.settings import SiteSettings

MATCHER = Matcher(TARGETS)


def linked_words(html: str) -> list[tuple[str, str]]:
    """(link text, entry key) of every automatic link, in order."""
    found = re.findall(r'class="termsite-autolink" href="([^"]*)"[^>]*>([^<]*)</a>', html)
    return [(words, _key(href)) for href, words in found]


def _key(href: str) -> str:
    parts = [p for p in href.split("/") if p and p != ".."]
    return "/".join(parts[-2:])


CASES = [
    # (what, html, expected [(words, key)])
    (
        "longest match first",
        "<p>A rolling correlation.</p>",
        [("rolling correlation", "term/rolling-correlation")],
    ),
    (
        "shorter when the longer is absent",
        "<p>The correlation.</p>",
        [("correlation", "term/correlation")],
    ),
    (
        "plural -s",
        "<p>Rolling correlations move.</p>",
        [("Rolling correlations", "term/rolling-correlation")],
    ),
    (
        "plural -ices",
        "<p>Two covariance matrices.</p>",
        [("covariance matrices", "definition/matrix")],
    ),
    ("plural -ies", "<p>Liquidities dry up.</p>", [("Liquidities", "definition/liquidity")]),
    ("plural -s on -a", "<p>Copulas and more.</p>", [("Copulas", "definition/copula")]),
    ("case-insensitive words", "<p>CORRELATION here.</p>", [("CORRELATION", "term/correlation")]),
    ("curly possessive", "<p>Kendall’s tau works.</p>", [("Kendall’s tau", "term/kendall-tau")]),
    ("hyphenated synonym", "<p>Use tau-b.</p>", [("tau-b", "term/kendall-tau")]),
    ("acronym as written", "<p>The ENB is 3.</p>", [("ENB", "definition/enb")]),
    ("acronym not in lower case", "<p>The enb is 3; es ist; var x.</p>", []),
    ("mixed-case acronym", "<p>A VaR of 2.</p>", [("VaR", "definition/var")]),
    ("acronym plural", "<p>Both ENBs.</p>", [("ENBs", "definition/enb")]),
    (
        "no match across punctuation",
        "<p>Rolling. Correlation</p>",
        [("Correlation", "term/correlation")],
    ),
    ("no match inside a word", "<p>Decorrelation and correlational.</p>", []),
    ("skip headings", "<h3>Correlation</h3><p>x</p>", []),
    ("skip code and pre", "<p><code>correlation</code></p><pre>copula</pre>", []),
    ("skip existing links", '<p><a href="https://x.test/">correlation</a></p>', []),
    (
        "skip table headers, not cells",
        "<table><tr><th>Copula</th></tr><tr><td>copula</td></tr></table>",
        [("copula", "definition/copula")],
    ),
    (
        "skip by class",
        '<p class="termsite-byline">copula</p><p>copula</p>',
        [("copula", "definition/copula")],
    ),
    ("skip data-autolink=off", '<div data-autolink="off"><p>copula</p></div>', []),
    (
        "first mention per section",
        "<p>copula copula</p><h2>Next</h2><p>copula</p>",
        [("copula", "definition/copula"), ("copula", "definition/copula")],
    ),
    (
        "entities break phrases",
        "<p>rolling&nbsp;correlation</p>",
        [("correlation", "term/correlation")],
    ),
    (
        "text inside inline markup",
        "<p><em>Expected shortfall</em> and <strong>ES</strong></p>",
        [("Expected shortfall", "definition/es")],
    ),
]


@pytest.mark.parametrize(("what", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_matcher_cases(what: str, source: str, expected: list[tuple[str, str]]) -> None:
    result = link_page(source, MATCHER, page_url="guide/")
    assert linked_words(result.html) == expected, what


def test_own_page_is_never_linked() -> None:
    result = link_page(
        "<p>Copula and correlation.</p>", MATCHER, page_url="x/", own="definition/copula"
    )
    assert linked_words(result.html) == [("correlation", "term/correlation")]


def test_a_hand_written_link_counts_as_the_mention_and_gets_a_card() -> None:
    source = '<p>copula first, then <a href="../definition/copula/">the copula</a>.</p>'
    result = link_page(source, MATCHER, page_url="guide/")
    assert linked_words(result.html) == []
    assert 'data-card="termsite-card-definition-copula"' in result.html
    assert [t.key for t in result.linked] == ["definition/copula"]


def test_per_page_rule_links_once_per_page() -> None:
    matcher = Matcher(TARGETS, Rules(per_section=False))
    result = link_page("<p>copula</p><h2>B</h2><p>copula</p>", matcher, page_url="x/")
    assert len(linked_words(result.html)) == 1


def test_shortest_match_when_longest_is_off() -> None:
    names = [target("term/cov", "Covariance"), target("term/covm", "Covariance Matrix")]
    longest = link_page("<p>A covariance matrix.</p>", Matcher(names), page_url="x/")
    assert linked_words(longest.html) == [("covariance matrix", "term/covm")]
    shortest = Matcher(names, Rules(longest_match=False))
    result = link_page("<p>A covariance matrix.</p>", shortest, page_url="x/")
    assert linked_words(result.html) == [("covariance", "term/cov")]


def test_no_inflections_when_off() -> None:
    matcher = Matcher(TARGETS, Rules(inflections=False))
    assert linked_words(link_page("<p>copulas</p>", matcher, page_url="x/").html) == []


def test_acronyms_in_any_case_when_exactness_is_off() -> None:
    matcher = Matcher(TARGETS, Rules(exact_acronyms=False))
    assert linked_words(link_page("<p>the enb</p>", matcher, page_url="x/").html) == [
        ("enb", "definition/enb")
    ]


def test_markup_outside_text_is_unchanged() -> None:
    source = (
        '<div class="a" data-x=\'1 > 0\'><script>var copula = "<p>";</script>'
        '<!-- copula --><p>Nothing to link.</p><br/><img alt="copula"></div>'
    )
    assert link_page(source, MATCHER, page_url="x/").html == source


def test_relative_urls() -> None:
    assert autolink.relative_url("term/x/", "term/y/") == "../x/"
    assert autolink.relative_url("term/x/", "") == "term/x/"
    assert (
        autolink.relative_url("definition/x/", "area/a/resource/2/") == "../../../../definition/x/"
    )
    assert autolink.relative_url("term/x.html", "term/y.html") == "x.html"


SEGMENTS = st.sampled_from(["..", ".", "", "term", "x.html", "b-c", "~u", "é", "q?x", "s:t"])
PATHS = st.lists(SEGMENTS, max_size=7).map("/".join)


@settings(max_examples=500, deadline=None)
@given(href=PATHS, page_url=PATHS, fragment=st.sampled_from(["", "#", "#f"]))
@example(href="../../definition/x/", page_url="term/y/", fragment="#top")
@example(href="../../../x", page_url="term/", fragment="")
@example(href="term/.", page_url="", fragment="")
def test_hrefs_resolve_as_urljoin_resolves_them(href: str, page_url: str, fragment: str) -> None:
    resolved = urlsplit(urljoin(autolink.BASE + page_url, href + fragment))
    on_site = f"{resolved.scheme}://{resolved.netloc}/" == autolink.BASE
    expected = resolved.path.removeprefix("/") if on_site else None
    assert autolink._site_path(href + fragment, page_url) == expected


def test_cards_once_per_entry_with_escaped_text() -> None:
    one = target("definition/copula", "Copula <b>", summary='Joins "marginals" & more.')
    html = cards.cards_html([one], "guide/")
    assert html.count('class="termsite-card"') == 1
    assert "Copula &lt;b&gt;" in html and "&quot;marginals&quot; &amp; more." in html
    assert 'id="termsite-card-definition-copula-summary"' in html


def test_matcher_from_a_glossary_honours_opt_outs_and_synonyms() -> None:
    day = {"published": "2025-01-01"}
    glossary = Glossary(
        terms={"t": Term(slug="t", title="Tau", summary="s", synonyms=["tau-b"], **day)},  # type: ignore[arg-type]
        definitions={
            "basis": Definition(
                slug="basis",
                title="Basis",
                summary="s",
                autolink="synonyms",
                synonyms=["futures basis"],
                **day,
            ),  # type: ignore[arg-type]
            "off": Definition(slug="off", title="Copula", summary="s", autolink=False, **day),  # type: ignore[arg-type]
        },
    )
    matcher = autolink.matcher_for(glossary, SiteSettings())
    html = link_page(
        "<p>Basis points; futures basis; copula; tau-b.</p>", matcher, page_url="x/"
    ).html
    assert linked_words(html) == [("futures basis", "definition/basis"), ("tau-b", "term/t")]


def test_ten_thousand_names_compile_into_one_lookup() -> None:
    many = [target(f"term/t{i}", f"Name{i} Thing", f"N{i}T") for i in range(10_000)]
    matcher = Matcher(many)
    html = link_page("<p>Name9999 things and N5T.</p>", matcher, page_url="x/").html
    assert linked_words(html) == [("Name9999 things", "term/t9999"), ("N5T", "term/t5")]


def concept(slug: str, words: str) -> str:
    """A calculator's placeholder, as `termsite/widgets/templates/concepts.html` writes it."""
    return f'<a class="tc-concept" data-concept="{slug}">{words}</a>'


def test_a_calculator_concept_links_with_the_card_the_page_shares() -> None:
    source = (
        "<p>The VaR of a book.</p>"
        f'<div class="tc-calculator"><label for="c">{concept("var", "Value-at-risk")}</label>'
        f'<table><tr><th scope="row">{concept("var", "Value-at-risk")} 99%</th></tr></table></div>'
    )
    rules = Rules(skip_classes=frozenset({"tc-calculator"}))
    result = link_page(source, Matcher(TARGETS, rules), page_url="calculators/x/")
    link = (
        '<a class="tc-concept" data-concept="var" href="../../definition/var/"'
        ' data-card="termsite-card-definition-var"'
        ' aria-describedby="termsite-card-definition-var-summary">Value-at-risk</a>'
    )
    assert result.html.count(link) == 2, "in a label and a header, inside the widget"
    assert [t.key for t in result.linked] == ["definition/var"], "one card for the entry"
    assert cards.cards_html(result.linked, "calculators/x/").count('class="termsite-card"') == 1


def test_a_concept_the_site_lacks_or_the_own_page_stays_plain_text() -> None:
    source = f"<p>{concept('no-such-entry', 'Diversification ratio')} {concept('copula', 'C')}</p>"
    result = link_page(source, MATCHER, page_url="x/", own="definition/copula")
    assert result.html == source
    assert result.linked == []


def test_a_concept_without_cards_still_links() -> None:
    result = link_page(
        f"<p>{concept('copula', 'Copula')}</p>",
        Matcher(TARGETS, Rules(cards_on_links=False)),
        page_url="x/",
    )
    assert 'href="../definition/copula/">Copula</a>' in result.html
    assert "data-card" not in result.html
