"""Tiny sites built for real: pages at their paths, pagination, redirects, nav, strictness."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from site_build import LONG, SITE_URL, BuildSite
from site_html import graph, parse


def definitions(count: int) -> dict[str, object]:
    return {
        f"definitions/extra-{n:02d}.yml": {
            "title": f"Extra {n:02d}",
            "summary": LONG,
            "published": f"2024-01-{n + 1:02d}",
            "author": "desk",
            "areas": ["alpha"],
        }
        for n in range(count)
    }


def test_entry_pages_exist_at_their_paths(build_site: BuildSite) -> None:
    site = build_site()
    expected = [
        "term/first-term/index.html",
        "definition/basis/index.html",
        "area/alpha/index.html",
        "author/desk/index.html",
        "glossary/index.html",
        "glossary/b/index.html",
        "index.html",
    ]
    assert [path for path in expected if not (site / path).is_file()] == []


def test_listing_page_two_exists_when_an_area_outgrows_a_page(build_site: BuildSite) -> None:
    site = build_site(entries=definitions(3), config={"page_size": 3})
    assert (site / "area/alpha/resource/2/index.html").is_file()


def test_listing_page_two_has_no_faq_markup(build_site: BuildSite) -> None:
    site = build_site(entries=definitions(3), config={"page_size": 3})
    page = site / "area/alpha/resource/2/index.html"
    assert "FAQPage" not in {node["@type"] for node in graph(page)}
    assert parse(page).faq_questions == []


def test_listing_page_two_is_its_own_canonical(build_site: BuildSite) -> None:
    site = build_site(entries=definitions(3), config={"page_size": 3})
    page = parse(site / "area/alpha/resource/2/index.html")
    assert page.canonical == f"{SITE_URL}area/alpha/resource/2/"


def test_resource_one_redirects_to_the_area(build_site: BuildSite) -> None:
    page = parse(build_site() / "area/alpha/resource/1/index.html")
    assert (page.canonical, page.meta.get("robots")) == (f"{SITE_URL}area/alpha/", None)


def test_alias_redirects_to_the_entry(build_site: BuildSite) -> None:
    html = (build_site() / "term/old-first/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../first-term/"' in html


def test_draft_entries_are_left_out(build_site: BuildSite) -> None:
    draft = {"title": "Hidden", "summary": LONG, "published": "2025-01-01", "draft": True}
    site = build_site(entries={"definitions/hidden.yml": draft})
    assert not (site / "definition/hidden").exists()
    assert (
        "Hidden" not in (site / "glossary/h/index.html").read_text()
        if (site / "glossary/h").exists()
        else True
    )


def test_generated_pages_stay_out_of_the_nav(build_site: BuildSite) -> None:
    site = build_site(
        pages={"about.md": "# About\n"}, nav=["about.md", {"Glossary": "glossary.md"}]
    )
    nav_links = [href for tag, href in parse(site / "about/index.html").links if tag == "a"]
    assert not [href for href in nav_links if "term/" in href or "definition/" in href]


def test_title_pattern_is_configurable(build_site: BuildSite) -> None:
    site = build_site(config={"title_patterns": {"term": "{title} | Concept"}})
    assert "<title>First Term | Concept" in (site / "term/first-term/index.html").read_text()


def test_related_and_referenced_by_links_appear(build_site: BuildSite) -> None:
    hrefs = [href for _, href in parse(build_site() / "definition/basis/index.html").links]
    assert "../../term/first-term/" in hrefs and "../../term/second-term/" in hrefs


def test_a_dangling_body_link_fails_the_strict_build(build_site: BuildSite) -> None:
    broken = {
        "title": "Broken",
        "summary": LONG,
        "published": "2025-01-01",
        "body": "[x](/term/nope/)",
    }
    with pytest.raises(Abort):
        build_site(entries={"definitions/broken.yml": broken})


def test_an_invalid_entry_stops_the_build_with_the_loader_report(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site(entries={"definitions/beta.yml": {"title": "Beta", "summary": LONG}})
    assert "glossary/definitions/beta.yml:1: field 'published': this field is required" in (
        caplog.text
    )
    assert "Traceback" not in caplog.text


def test_unknown_plugin_option_is_reported_with_a_suggestion(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site(config={"page_sise": 3})
    assert "option 'page_sise': unknown field 'page_sise' (did you mean 'page_size'?)" in caplog.text


def test_hand_written_page_gets_its_calculator_widget(build_site: BuildSite) -> None:
    page = (
        "---\ntitle: Calc\ncalculators: [correlation-matrix]\n---\n\n"
        "# Calc\n\n<!-- calculator: correlation-matrix -->\n"
    )
    site = build_site(pages={"calculators/calc.md": page})
    html = (site / "calculators/calc/index.html").read_text(encoding="utf-8")
    assert 'data-calculator="correlation-matrix"' in html
    assert "assets/termsite/calculators.js" in html


def test_pages_without_calculators_load_no_widget_assets(build_site: BuildSite) -> None:
    html = (build_site() / "term/first-term/index.html").read_text(encoding="utf-8")
    assert "calculators.js" not in html and "calculators.css" not in html


def test_generated_home_page_lists_the_areas(build_site: BuildSite) -> None:
    hrefs = [href for _, href in parse(build_site() / "index.html").links]
    assert "area/alpha/" in hrefs


def test_hand_written_home_page_wins(build_site: BuildSite) -> None:
    site = build_site(pages={"index.md": "# Welcome home\n"})
    assert "Welcome home" in (site / "index.html").read_text(encoding="utf-8")


def test_build_is_deterministic(build_site: BuildSite, tmp_path: Path) -> None:
    first = build_site()
    snapshot = {
        p.relative_to(first): p.read_bytes()
        for p in sorted(first.rglob("*"))
        if p.is_file() and "search" not in p.parts
    }
    second = build_site()
    again = {
        p.relative_to(second): p.read_bytes()
        for p in sorted(second.rglob("*"))
        if p.is_file() and "search" not in p.parts
    }
    assert snapshot == again
