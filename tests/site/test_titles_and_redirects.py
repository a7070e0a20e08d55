"""Titles, descriptions, redirects, the 404 page and the Markdown alternates.

The starter site is checked whole for duplicate descriptions; the tiny site
for the rules that need a particular shape (aliases, one-entry letters).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from site_build import SITE_URL, BuildSite
from site_html import parse

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
TITLE = re.compile(r"<title>([^<]*)</title>")


def content_pages(site: Path) -> list[Path]:
    return [
        page
        for page in sorted(site.rglob("index.html"))
        if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    ]


@pytest.mark.xdist_group("starter")
def test_no_two_pages_of_the_starter_site_share_a_description(starter_site: Path) -> None:
    pages: dict[str, list[str]] = defaultdict(list)
    for page in content_pages(starter_site):
        (description,) = DESCRIPTION.findall(page.read_text(encoding="utf-8"))
        pages[description].append(page.relative_to(starter_site).as_posix())
    assert {text: where for text, where in pages.items() if len(where) > 1} == {}


def test_the_home_title_is_the_site_name_alone(build_site: BuildSite) -> None:
    html = (build_site() / "index.html").read_text(encoding="utf-8")
    assert TITLE.findall(html) == ["Tiny"] and parse(build_site() / "index.html").meta["og:title"] == "Tiny"


def test_letter_descriptions_name_their_entries_and_never_say_1_entries(build_site: BuildSite) -> None:
    site = build_site()
    (one,) = DESCRIPTION.findall((site / "glossary/f/index.html").read_text(encoding="utf-8"))
    assert one == "Glossary entries under F: First Term." and "1 entries" not in one


def test_redirects_file_sends_every_alias_with_a_301(build_site: BuildSite) -> None:
    lines = (build_site() / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/term/old-first/ /term/first-term/ 301" in lines
    assert "/area/alpha/resource/1/ /area/alpha/ 301" in lines


def test_a_redirect_stub_is_indexable_and_forwards_with_the_fragment(build_site: BuildSite) -> None:
    html = (build_site() / "term/old-first/index.html").read_text(encoding="utf-8")
    assert "noindex" not in html and f'rel="canonical" href="{SITE_URL}term/first-term/"' in html
    assert "location.hash" in html and 'data-target="../first-term/"' in html


def test_the_404_page_links_to_the_index_the_areas_and_search(build_site: BuildSite) -> None:
    page = parse(build_site() / "404.html")
    hrefs = {href for tag, href in page.links if tag == "a"}
    assert {"/glossary/", "/area/", "/"} <= hrefs
    html = (build_site() / "404.html").read_text(encoding="utf-8")
    assert TITLE.findall(html) == ["Page not found - Tiny"] and 'name="q"' in html


def test_llms_txt_lists_the_calculators_and_the_indexes(build_site: BuildSite) -> None:
    pages = {"calc.md": "---\ntitle: X calculator\ndescription: Computes x.\ncalculators: [correlation-matrix]\n---\n# X\n"}
    text = (build_site(pages=pages) / "llms.txt").read_text(encoding="utf-8")
    assert f"- [X calculator]({SITE_URL}calc/): Computes x." in text
    assert f"- [Glossary A–Z]({SITE_URL}glossary/): " in text and f"({SITE_URL}area/)" in text


def test_an_area_copy_lists_every_entry_and_pages_point_to_their_copy(build_site: BuildSite) -> None:
    site = build_site(config={"page_size": 2})
    copy = (site / "area/alpha.md").read_text(encoding="utf-8")
    assert all(f"]({SITE_URL}{kind}/{slug}/)" in copy for kind, slug in (
        ("term", "first-term"), ("term", "second-term"), ("definition", "basis"), ("definition", "beta")
    ))
    html = (site / "term/first-term/index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate " type="text/markdown" href="{SITE_URL}term/first-term.md">' in html


def test_an_svg_that_cannot_be_rendered_stops_the_build_with_one_sentence(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site(config={"default_image": "/bad.svg"}, pages={"bad.svg": "<svg"})
    assert "/bad.svg: the image cannot be rendered (" in caplog.text
    assert "Traceback" not in caplog.text
