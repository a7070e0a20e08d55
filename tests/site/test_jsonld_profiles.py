"""Search-engine profiles of the starter site's JSON-LD: required and recommended properties.

The vocabulary test proves every type and property exists; these prove the
nodes carry what consumers of Article, BreadcrumbList and FAQPage ask for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from site_html import graph

pytestmark = pytest.mark.xdist_group("starter")

DATE_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")
ARTICLE_FIELDS = ("headline", "image", "datePublished", "dateModified", "author", "publisher")


def nodes(site: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every top-level node of every page, with the page it came from."""
    for page in sorted(site.rglob("index.html")):
        for node in graph(page):
            yield str(page.relative_to(site)), node


def nested(value: Any) -> Iterator[dict[str, Any]]:
    """Every dict inside a node, itself included, so nested ImageObjects are checked too."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nested(item)
    elif isinstance(value, list):
        for item in value:
            yield from nested(item)


def of_type(site: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    found = [(page, node) for page, node in nodes(site) if node.get("@type") == kind]
    assert found, f"no {kind} node in the starter site"
    return found


def test_articles_carry_the_required_and_recommended_properties(starter_site: Path) -> None:
    for page, article in of_type(starter_site, "Article"):
        missing = [name for name in ARTICLE_FIELDS if name not in article]
        assert not missing, f"{page}: Article lacks {missing}"
        assert article["author"]["name"] and article["author"]["url"], page
        assert len(article["headline"]) <= 110, f"{page}: headline longer than 110 characters"


def test_every_date_has_a_time_zone_offset(starter_site: Path) -> None:
    for page, node in nodes(starter_site):
        for inner in nested(node):
            for key in ("datePublished", "dateModified"):
                if key in inner:
                    assert DATE_WITH_OFFSET.match(inner[key]), f"{page}: {key}={inner[key]!r}"


def test_every_image_object_has_width_and_height(starter_site: Path) -> None:
    images = [
        (page, inner)
        for page, node in nodes(starter_site)
        for inner in nested(node)
        if inner.get("@type") == "ImageObject"
    ]
    assert images, "no ImageObject in the starter site"
    for page, image in images:
        assert image["url"].startswith("https://"), page
        assert isinstance(image["width"], int) and image["width"] > 0, page
        assert isinstance(image["height"], int) and image["height"] > 0, page


def test_breadcrumbs_number_their_items_from_one_with_absolute_urls(starter_site: Path) -> None:
    for page, crumbs in of_type(starter_site, "BreadcrumbList"):
        items = crumbs["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), page
        for item in items:
            assert item["@type"] == "ListItem" and item["name"], page
            assert item["item"].startswith("https://"), page


def test_faq_pages_hold_questions_each_with_one_answer(starter_site: Path) -> None:
    for page, faq in of_type(starter_site, "FAQPage"):
        questions = faq["mainEntity"]
        assert questions, page
        for question in questions:
            assert question["@type"] == "Question" and question["name"].endswith("?"), page
            answer = question["acceptedAnswer"]
            assert answer["@type"] == "Answer" and answer["text"].strip(), page


def test_faq_markup_appears_only_on_first_area_pages(starter_site: Path) -> None:
    pages = {page for page, _ in of_type(starter_site, "FAQPage")}
    assert all(re.fullmatch(r"area/[a-z0-9-]+/index\.html", page) for page in pages), pages
