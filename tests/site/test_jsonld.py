"""JSON-LD of built pages, checked against the schema.org vocabulary and the visible text."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from site_build import BuildSite
from site_html import graph, parse, visible

VOCABULARY = Path(__file__).parent / "data/schemaorg-current-https.jsonld.gz"
"""The schema.org vocabulary, vendored (CC BY-SA 3.0; see data/README.md) so any clone runs."""


@cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Classes with their superclasses, and properties with their domains."""
    data = json.loads(gzip.decompress(VOCABULARY.read_bytes()).decode("utf-8"))
    parents: dict[str, set[str]] = {}
    domains: dict[str, set[str]] = {}
    for node in data["@graph"]:
        name = str(node["@id"]).removeprefix("schema:")
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in kinds:
            parents[name] = {
                ref["@id"].removeprefix("schema:") for ref in _refs(node.get("rdfs:subClassOf"))
            }
        if "rdf:Property" in kinds:
            domains[name] = {
                ref["@id"].removeprefix("schema:")
                for ref in _refs(node.get("schema:domainIncludes"))
            }
    return parents, domains


def _refs(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def ancestors(kind: str) -> set[str]:
    parents, _ = vocabulary()
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += parents.get(current, set())
    return seen


def typed_nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every node with an @type, however deeply nested."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            yield from typed_nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from typed_nodes(item)


def problems(nodes: list[dict[str, Any]]) -> list[str]:
    parents, domains = vocabulary()
    found = []
    for node in typed_nodes(nodes):
        kind = node["@type"]
        if kind not in parents:
            found.append(f"unknown type {kind}")
            continue
        for key in node:
            name = key.removesuffix("-input").removesuffix("-output")
            if key.startswith("@"):
                continue
            if name not in domains:
                found.append(f"unknown property {key}")
            elif not domains[name] & ancestors(kind):
                found.append(f"{kind} cannot have {key}")
    return found


def test_every_type_and_property_exists_in_the_vocabulary(build_site: BuildSite) -> None:
    site = build_site(entries={}, config={"page_size": 2})
    pages = sorted(site.rglob("index.html"))
    issues = {str(p.relative_to(site)): problems(graph(p)) for p in pages}
    assert {page: found for page, found in issues.items() if found} == {}


def test_the_checker_catches_a_wrong_property() -> None:
    assert problems([{"@type": "DefinedTerm", "headline": "x"}]) == [
        "DefinedTerm cannot have headline"
    ]


def test_every_page_has_structured_data(build_site: BuildSite) -> None:
    site = build_site()
    pages = [
        p
        for p in site.rglob("index.html")
        if "resource/1" not in str(p) and "old-first" not in str(p)
    ]
    assert [str(p) for p in pages if not graph(p)] == []


def test_faq_markup_is_identical_to_the_visible_faq(build_site: BuildSite) -> None:
    page = build_site() / "area/alpha/index.html"
    faq = next(node for node in graph(page) if node["@type"] == "FAQPage")
    marked = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
    shown = parse(page)
    assert marked == [
        (visible(q), visible(a))
        for q, a in zip(shown.faq_questions, shown.faq_answers, strict=True)
    ]


def test_script_text_cannot_break_out_of_the_json_ld_block(build_site: BuildSite) -> None:
    html = (build_site() / "area/alpha/index.html").read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "</script><b>" not in block and "\\u003c/script\\u003e" in block


def test_term_page_carries_article_and_defined_term(build_site: BuildSite) -> None:
    kinds = {node["@type"] for node in graph(build_site() / "term/first-term/index.html")}
    assert {"Article", "DefinedTerm", "WebSite", "Organization", "BreadcrumbList"} <= kinds
