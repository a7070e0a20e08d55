"""The glossary as data: glossary.json (a DefinedTermSet in JSON-LD that the schema.org
vocabulary accepts) and glossary.csv, linked from the A–Z page and llms.txt; and the
"Copy as Markdown" data on entry pages, equal to the page's `.md` copy."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from site_build import SITE_URL, BuildSite, default_entries
from test_jsonld import problems


def synonyms_site(build_site: BuildSite) -> Path:
    basis = default_entries()["definitions/basis.yml"] | {
        "synonyms": ["futures basis", "spot-futures basis"]
    }
    return build_site(entries={"definitions/basis.yml": basis})


def test_glossary_json_holds_every_term_with_names_dates_and_valid_types(
    build_site: BuildSite,
) -> None:
    site = synonyms_site(build_site)
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    assert data["@type"] == "DefinedTermSet" and data["@id"] == f"{SITE_URL}glossary/#set"
    terms = {t["name"]: t for t in data["hasDefinedTerm"]}
    assert sorted(terms) == ["Basis", "Beta", "First Term", "Second Term"]
    basis = terms["Basis"]
    assert basis["alternateName"] == ["futures basis", "spot-futures basis"]
    assert basis["url"] == f"{SITE_URL}definition/basis/" and basis["@id"] == basis["url"] + "#term"
    assert basis["mainEntityOfPage"]["datePublished"].startswith("2025-02-01")
    assert terms["First Term"]["mainEntityOfPage"]["dateModified"].startswith("2025-09-09")
    assert problems([data]) == []


def test_glossary_json_ids_match_the_entry_pages(build_site: BuildSite) -> None:
    site = build_site()
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    page = (site / "term/first-term/index.html").read_text(encoding="utf-8")
    for term in data["hasDefinedTerm"]:
        if term["name"] == "First Term":
            assert f'"@id":"{term["@id"]}"' in page


def test_glossary_csv_has_the_same_rows(build_site: BuildSite) -> None:
    site = synonyms_site(build_site)
    rows = list(csv.DictReader(io.StringIO((site / "glossary.csv").read_text(encoding="utf-8"))))
    data = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in rows] == [t["name"] for t in data["hasDefinedTerm"]]
    basis = next(r for r in rows if r["name"] == "Basis")
    assert basis["synonyms"] == "futures basis; spot-futures basis"
    assert (basis["kind"], basis["published"], basis["areas"]) == (
        "definition",
        "2025-02-01",
        "alpha",
    )


def test_exports_are_linked_from_the_glossary_page_and_llms_txt(build_site: BuildSite) -> None:
    site = build_site()
    index = (site / "glossary/index.html").read_text(encoding="utf-8")
    assert 'href="../glossary.json"' in index and 'href="../glossary.csv"' in index
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert f"({SITE_URL}glossary.json)" in llms and f"({SITE_URL}glossary.csv)" in llms


def test_entry_pages_carry_their_markdown_copy_for_the_copy_button(build_site: BuildSite) -> None:
    site = build_site()
    page = (site / "term/first-term/index.html").read_text(encoding="utf-8")
    assert 'data-copy="termsite-markdown"' in page
    found = re.search(r'<template id="termsite-markdown"[^>]*>(.*?)</template>', page, re.S)
    assert found is not None
    assert html.unescape(found.group(1)) == (site / "term/first-term.md").read_text(encoding="utf-8")
    assert "termsite-markdown" not in (site / "glossary/index.html").read_text(encoding="utf-8")
