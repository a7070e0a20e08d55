"""A listing page's date is the newest change of anything it shows or of where it sits.

Built twice, the second time with one more entry: the new entry lands on page 1
and pushes an older item onto page 2, so page 2 changed that day although none
of its items did; the sitemap and the page's JSON-LD must both say so.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_build import LONG, SITE_URL, BuildSite
from site_html import graph

ADDED = {
    "definitions/zeta.yml": {
        "title": "Zeta",
        "summary": LONG,
        "published": "2025-10-10",
        "author": "desk",
        "areas": ["alpha"],
    }
}


def lastmods(site: Path) -> dict[str, str]:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = re.findall(r"<loc>([^<]+)</loc><lastmod>([^<]+)</lastmod>", xml)
    return {loc.removeprefix(SITE_URL): lastmod for loc, lastmod in found}


def date_modified(site: Path, url: str) -> str:
    (page,) = [n for n in graph(site / url / "index.html") if n["@id"] == SITE_URL + url]
    return str(page["dateModified"])


def builds(build_site: BuildSite) -> tuple[dict[str, str], dict[str, str], Path]:
    before = lastmods(build_site(config={"page_size": 2}))
    site = build_site(entries=ADDED, config={"page_size": 2})
    return before, lastmods(site), site


def test_a_page_an_item_is_pushed_onto_takes_the_date_of_the_entry_that_pushed_it(
    build_site: BuildSite,
) -> None:
    before, after, site = builds(build_site)
    assert before["area/alpha/resource/2/"] == "2025-09-09"
    assert after["area/alpha/resource/2/"] == after["area/alpha/resource/3/"] == "2025-10-10"
    assert date_modified(site, "area/alpha/resource/2/") == "2025-10-10T00:00:00+00:00"


def test_letter_pages_change_when_a_new_letter_appears(build_site: BuildSite) -> None:
    before, after, site = builds(build_site)
    assert before["glossary/b/"] != "2025-10-10"
    assert after["glossary/b/"] == after["glossary/z/"] == "2025-10-10"
    assert date_modified(site, "glossary/b/") == "2025-10-10T00:00:00+00:00"


def test_the_author_page_takes_the_date_of_the_new_entry(build_site: BuildSite) -> None:
    before, after, _ = builds(build_site)
    assert (before["author/desk/"], after["author/desk/"]) == ("2025-09-09", "2025-10-10")


def test_the_area_hub_lists_every_area_with_its_count(build_site: BuildSite) -> None:
    site = build_site(entries=ADDED)
    text = (site / "area/index.html").read_text(encoding="utf-8")
    assert "5 articles" in text and lastmods(site)["area/"] == "2025-10-10"
    crumbs = next(n for n in graph(site / "area/alpha/index.html") if n["@type"] == "BreadcrumbList")
    items = [(item["name"], item["item"]) for item in crumbs["itemListElement"]]
    assert items == [
        ("Home", SITE_URL),
        ("Area", f"{SITE_URL}area/"),
        ("Alpha Area", f"{SITE_URL}area/alpha/"),
    ]
