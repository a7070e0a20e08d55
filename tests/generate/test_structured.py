"""JSON-LD graphs per page kind, and their safe serialisation."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from termsite_sample import SITE_URL, definition, glossary, site, term

from termsite.generate.jsonld import (
    CalculatorPage,
    SiteInfo,
    graph_for_page,
    graph_for_plan,
    to_script_json,
)
from termsite.generate.plan import PagePlan, plan


def page_for(url: str, *entries: object, **settings: object) -> PagePlan:
    info = site(**settings)
    return next(p for p in plan(glossary(*entries), info.settings) if p.url == url)  # type: ignore[arg-type]


def nodes(url: str, *entries: object, **settings: object) -> dict[str, dict[str, Any]]:
    """The page's nodes by @type (the last of each type)."""
    graph = graph_for_plan(site(**settings), page_for(url, *entries, **settings))
    return {node["@type"]: node for node in graph["@graph"]}


def test_every_page_has_website_organization_and_breadcrumbs() -> None:
    found = nodes("definition/basis/", definition("basis"))
    assert {"WebSite", "Organization", "BreadcrumbList"} <= set(found)


def test_site_nodes_have_stable_ids() -> None:
    found = nodes("term/x/", term("x"))
    assert (found["WebSite"]["@id"], found["Organization"]["@id"]) == (
        f"{SITE_URL}#website",
        f"{SITE_URL}#organization",
    )


def test_search_action_targets_the_theme_search() -> None:
    action = nodes("term/x/", term("x"))["WebSite"]["potentialAction"]
    assert action["target"]["urlTemplate"] == f"{SITE_URL}?q={{search_term_string}}"


def test_search_action_is_left_out_when_switched_off() -> None:
    assert "potentialAction" not in nodes("term/x/", term("x"), search_action=False)["WebSite"]


def test_term_article_dates_carry_the_time_zone_offset() -> None:
    article = nodes("term/x/", term("x"), timezone_offset="+02:00")["Article"]
    assert article["datePublished"] == "2025-03-01T00:00:00+02:00"


def test_term_article_names_author_with_url_and_image_with_size() -> None:
    article = nodes("term/x/", term("x"))["Article"]
    assert article["author"] == {
        "@type": "Person",
        "name": "The Desk",
        "url": f"{SITE_URL}author/desk/",
    }
    assert (article["image"]["width"], article["image"]["height"]) == (1200, 630)


def test_term_is_a_defined_term_in_the_site_set() -> None:
    found = nodes("term/x/", term("x"))["DefinedTerm"]
    assert found["inDefinedTermSet"] == {"@id": f"{SITE_URL}glossary/#set"}


def test_definition_page_marks_up_the_dates_and_author_it_shows() -> None:
    found = nodes("definition/basis/", definition("basis", modified="2025-06-01"))
    article = found["Article"]
    assert (article["datePublished"], article["dateModified"]) == (
        "2025-02-01T00:00:00+00:00",
        "2025-06-01T00:00:00+00:00",
    )
    assert article["author"]["url"] == f"{SITE_URL}author/desk/"
    assert found["DefinedTerm"]["name"] == article["headline"] == "Basis"


def test_home_page_has_no_breadcrumb_and_defines_the_set_it_is_about() -> None:
    found = nodes("", definition("basis"))
    assert "BreadcrumbList" not in found and "breadcrumb" not in found["CollectionPage"]
    assert found["CollectionPage"]["about"]["@id"] == found["DefinedTermSet"]["@id"]


def test_faq_page_only_on_the_first_area_page() -> None:
    entries = [definition(f"d{n}") for n in range(3)]
    first = nodes("area/alpha/", *entries, page_size=2)
    second = nodes("area/alpha/resource/2/", *entries, page_size=2)
    assert "FAQPage" in first and "FAQPage" not in second


def test_faq_page_questions_match_the_plan() -> None:
    page = page_for("area/alpha/")
    graph = graph_for_plan(site(), page)
    faq = next(node for node in graph["@graph"] if node["@type"] == "FAQPage")
    marked = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
    assert marked == [(qa.question, qa.answer) for qa in page.faq]


def test_listing_page_is_a_collection_of_its_items() -> None:
    entries = [definition(f"d{n}") for n in range(3)]
    collection = nodes("area/alpha/resource/2/", *entries, page_size=2)["CollectionPage"]
    assert [part["headline"] for part in collection["hasPart"]] == ["D2"]


def test_listed_items_say_what_their_own_pages_say() -> None:
    entries = [definition(f"d{n}") for n in range(3)]
    (part,) = nodes("area/alpha/resource/2/", *entries, page_size=2)["CollectionPage"]["hasPart"]
    own = nodes("definition/d2/", *entries)["Article"]
    assert part["author"] == {
        "@type": "Person",
        "name": "The Desk",
        "url": f"{SITE_URL}author/desk/",
    }
    assert (part["image"]["width"], part["image"]["height"]) == (1200, 630)
    assert {key: own[key] for key in part} == part


def test_letter_page_lists_its_defined_terms() -> None:
    graph = graph_for_plan(site(), page_for("glossary/b/", definition("basis"), definition("beta")))
    terms = [n for n in graph["@graph"] if n["@type"] == "DefinedTerm"]
    assert [t["name"] for t in terms] == ["Basis", "Beta"]
    assert {t["inDefinedTermSet"]["@id"] for t in terms} == {f"{SITE_URL}glossary/#set"}


def with_calculator_page(**settings: object) -> SiteInfo:
    own = CalculatorPage("calculators/x/", "X calculator", "Computes x from prices.")
    return dataclasses.replace(site(**settings), calculator_pages={"x": own})


def apps(graph: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in graph["@graph"] if node["@type"] == "WebApplication"]


def test_calculator_page_has_a_free_web_application_with_its_own_description() -> None:
    graph = graph_for_page(with_calculator_page(), "calculators/x/", "X", "Page text.", ["x"])
    (app,) = apps(graph)
    assert (app["@id"], app["url"], app["description"]) == (
        f"{SITE_URL}calculators/x/#app",
        f"{SITE_URL}calculators/x/",
        "Computes x from prices.",
    )
    assert app["offers"]["price"] == 0 and "aggregateRating" not in app


def test_a_term_embedding_a_calculator_repeats_its_one_node_and_refers_to_it() -> None:
    info = with_calculator_page()
    own = apps(graph_for_page(info, "calculators/x/", "X", "Page text.", ["x"]))
    page = page_for("term/t/", term("t", calculators=["x"]))
    graph = graph_for_plan(info, page)
    article = next(node for node in graph["@graph"] if node["@type"] == "Article")
    assert apps(graph) == own and article["mentions"] == [{"@id": own[0]["@id"]}]


def test_script_json_escapes_characters_that_could_close_the_script() -> None:
    text = to_script_json({"text": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_script_json_reads_back_as_the_same_data() -> None:
    data = {"text": "</script> & ünïcode", "n": 1}
    assert json.loads(to_script_json(data)) == data


def test_script_json_is_deterministic() -> None:
    assert to_script_json({"b": 1, "a": 2}) == to_script_json({"a": 2, "b": 1})
