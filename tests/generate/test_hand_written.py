"""The adapter's former decisions, now in the core: sitemap dates, previews, runtime, titles."""

from __future__ import annotations

import datetime as dt

from termsite_sample import SITE_URL, definition, glossary, site, term

from termsite.generate.crawl import SitemapEntry, sitemap_entries
from termsite.generate.handwritten import (
    HandWrittenPage,
    first_heading,
    page_titles,
    uses_calculators,
)
from termsite.generate.jsonld import CalculatorPage, graph_for_hand_written, own_calculator_pages
from termsite.generate.plan import plan
from termsite.generate.preview import preview_card


def test_sitemap_dates_generated_pages_by_content_and_hand_written_by_front_matter() -> None:
    info = site()
    planned = [p for p in plan(glossary(definition("d")), info.settings) if p.url.startswith("d")]
    about = HandWrittenPage("about/", {"modified": dt.date(2025, 5, 5)})
    undated = HandWrittenPage("", {"modified": "last week"})
    found = sitemap_entries(info, planned, [about, undated])
    assert found == [
        SitemapEntry(f"{SITE_URL}definition/d/", dt.date(2025, 2, 1)),
        SitemapEntry(f"{SITE_URL}about/", dt.date(2025, 5, 5)),
        SitemapEntry(SITE_URL, None),
    ]


def test_runtime_ships_only_when_some_page_embeds_a_calculator() -> None:
    planned = plan(glossary(term("t")), site().settings)
    assert not uses_calculators(planned, [HandWrittenPage("about/")])
    assert uses_calculators(planned, [HandWrittenPage("calc/", {"calculators": ["x"]})])
    with_calc = plan(glossary(term("t", calculators=["x"])), site().settings)
    assert uses_calculators(with_calc, [])


def test_a_term_previews_as_an_article_with_its_area_picture() -> None:
    info = site()
    page = next(p for p in plan(glossary(term("t")), info.settings) if p.url == "term/t/")
    card = preview_card(info, page)
    assert (card["type"], card["image_alt"], card["image_width"]) == ("article", "A chart.", 1200)


def test_a_hand_written_page_previews_as_a_website_with_the_default_image() -> None:
    info = site(default_image="/assets/card.png")
    card = preview_card(info, None)
    assert (card["type"], card["image"]) == ("website", f"{SITE_URL}assets/card.png")


def test_hand_written_title_is_front_matter_then_heading_then_site_name() -> None:
    info = site()

    def name(meta: dict[str, object], heading: str) -> str:
        graph = graph_for_hand_written(info, HandWrittenPage("about/", meta), heading)
        page = next(n for n in graph["@graph"] if n["@type"] == "WebPage")
        return str(page["name"])

    assert name({"title": "From meta"}, "Heading") == "From meta"
    assert name({}, "Heading") == "Heading"
    assert name({}, "") == "Example"


def test_breadcrumb_names_come_from_front_matter_then_the_first_heading() -> None:
    pages = [
        HandWrittenPage("", heading="Home page"),
        HandWrittenPage("about/", {"title": "About us"}, heading="About"),
        HandWrittenPage("calculators/", heading=first_heading("Intro\n\n# Calculators #\n# Two")),
        HandWrittenPage("untitled/"),
    ]
    assert page_titles(pages) == {"about/": "About us", "calculators/": "Calculators"}


def test_a_calculator_s_own_page_is_the_first_that_embeds_it_alone() -> None:
    pages = [
        HandWrittenPage("b/", {"calculators": ["x"], "title": "B"}, src_uri="b.md"),
        HandWrittenPage("both/", {"calculators": ["x", "y"]}, src_uri="a.md"),
        HandWrittenPage("a/", {"calculators": ["x"], "description": "Does x."}, src_uri="a/x.md"),
    ]
    found = own_calculator_pages(pages)
    assert found == {"x": CalculatorPage("a/", "", "Does x.")}
