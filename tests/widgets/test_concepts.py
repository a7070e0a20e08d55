"""Concept links in the widget: every entry a starter spec names exists, its words stand
where the spec says, and the widget writes them as placeholders for the build's linker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import calculators
from calculators.spec import InputSpec
from termsite.load import load_glossary
from termsite.settings import SiteSettings
from termsite.widgets import render_widget
from termsite.widgets.concepts import PAIR_CHARTS, linked_line, linked_texts

from .html import Element, elements

ROOT = Path(__file__).resolve().parents[2]
IDS = sorted(calculators.SPECS)
VARIANTS = {"method": "every choice"}
"""Inputs whose every choice is run: a result's headers name the method it used."""


def starter_slugs() -> set[str]:
    glossary = load_glossary(ROOT / "glossary").glossary
    groups = (glossary.terms, glossary.definitions, glossary.areas)
    return {slug for group in groups for slug in group}


@pytest.mark.parametrize("calc_id", IDS)
def test_every_entry_a_starter_calculator_names_is_in_the_starter_glossary(calc_id: str) -> None:
    named = calculators.SPECS[calc_id].concept_slugs()
    assert named, "every starter calculator names at least one concept"
    missing = [(where, slug) for where, slug in named if slug not in starter_slugs()]
    assert missing == []


@pytest.mark.parametrize("calc_id", IDS)
def test_every_help_concept_stands_in_its_help_text(calc_id: str) -> None:
    for item in calculators.SPECS[calc_id].inputs:
        for words, slug in item.concepts:
            [parts] = linked_texts([item.help], ((words, slug),))
            assert (words, slug) in parts, f"input '{item.name}': {words!r} is not in its help"


def _result_texts(calc_id: str) -> str:
    """Every caption and header of the example's results, for each choice of a method."""
    spec = calculators.SPECS[calc_id]
    runs = [dict(spec.example)]
    for item in spec.inputs:
        if item.name in VARIANTS:
            runs += [spec.example | {item.name: value} for value, _ in item.choices]
    texts = []
    for inputs in runs:
        for table in calculators.run(calc_id, inputs)["tables"]:
            texts += [table["caption"], table["row_header"], *table["columns"]]
            texts += [row["label"] for row in table["rows"]]
    return "\n".join(texts)


@pytest.mark.parametrize("calc_id", IDS)
def test_every_output_concept_stands_in_some_result(calc_id: str) -> None:
    texts = _result_texts(calc_id).split("\n")
    for output in calculators.SPECS[calc_id].outputs:
        for words, slug in output.concepts:
            found = [part for parts in linked_texts(texts, ((words, slug),)) for part in parts]
            assert (words, slug) in found, f"output '{output.name}': no result says {words!r}"


def test_a_checkbox_label_cannot_be_a_link() -> None:
    with pytest.raises(ValueError, match="checkbox"):
        InputSpec("repair", "Repair", "boolean", concept="nearest-correlation-matrix")


def test_each_concept_links_once_at_its_first_whole_word_place() -> None:
    concepts = (("VaR", "value-at-risk"), ("ES", "expected-shortfall"))
    split = linked_texts(["VaRs and VaR", "ES, VaR and ES"], concepts)
    assert split == [
        [("VaRs and ", ""), ("VaR", "value-at-risk")],
        [("ES", "expected-shortfall"), (", VaR and ES", "")],
    ]


def test_overlapping_words_go_to_the_concept_named_first() -> None:
    concepts = (("Kendall tau-b", "kendall-tau"), ("tau", "other"))
    assert linked_texts(["Kendall tau-b, tau"], concepts) == [
        [("Kendall tau-b", "kendall-tau"), (", ", ""), ("tau", "other")]
    ]


def test_a_label_concept_makes_the_whole_label_a_placeholder() -> None:
    html = str(render_widget("rolling-correlation", SiteSettings(), ".."))
    label = next(
        e for e in elements(html) if e.tag == "label" and e.attrs.get("for", "").endswith("lambda")
    )
    assert [(c.tag, c.attrs.get("data-concept"), c.text) for c in label.children] == [
        ("a", "ewma-correlation", "Decay λ")
    ]
    assert all("href" not in c.attrs for c in label.children), "the build's linker adds it"


def test_the_help_text_carries_the_choices_concepts() -> None:
    html = str(render_widget("correlation-matrix", SiteSettings(), ".."))
    help_text = next(e for e in elements(html) if e.attrs.get("id", "").endswith("method-help"))
    assert [(c.text, c.attrs["data-concept"]) for c in help_text.children] == [
        ("Pearson", "pearson-correlation"),
        ("Spearman", "spearman-rank-correlation"),
        ("Kendall tau-b", "kendall-tau"),
    ]


def test_build_time_headers_link_once_per_table_and_the_template_keeps_every_concept() -> None:
    html = str(render_widget("portfolio-diversification", SiteSettings(), ".."))
    risk = next(e for e in elements(html) if e.attrs.get("data-output") == "risk")
    headers = [
        (a.text, a.attrs["data-concept"])
        for th in _descendants(risk)
        if th.tag == "th"
        for a in th.children
        if a.tag == "a"
    ]
    assert headers == [
        ("Diversification ratio", "diversification-ratio"),
        ("Effective number of bets", "effective-number-of-bets"),
        ("Value-at-risk", "value-at-risk"),
        ("Expected shortfall", "expected-shortfall"),
    ]
    template = next(e for e in _descendants(risk) if e.tag == "template")
    assert [(a.text, a.attrs["data-concept"]) for a in template.children] == headers


def _descendants(element: Element) -> list[Element]:
    found: list[Element] = []
    for child in element.children:
        found += [child, *_descendants(child)]
    return found


def _headlines(calc_id: str) -> list[str]:
    """The example's headline, for each choice of a method (the headline names the method)."""
    spec = calculators.SPECS[calc_id]
    runs = [dict(spec.example)]
    for item in spec.inputs:
        if item.name in VARIANTS:
            runs += [spec.example | {item.name: value} for value, _ in item.choices]
    return [calculators.run(calc_id, inputs)["headline"] for inputs in runs]


@pytest.mark.parametrize("calc_id", IDS)
def test_every_headline_concept_stands_in_some_headline(calc_id: str) -> None:
    spec = calculators.SPECS[calc_id]
    assert spec.headline_concepts, "every starter headline names at least one concept"
    headlines = _headlines(calc_id)
    for words, slug in spec.headline_concepts:
        found = [part for text in headlines for part in linked_line(text, ((words, slug),))]
        assert (words, slug) in found, f"no headline says {words!r}"


@pytest.mark.parametrize(
    ("method", "linked"),
    [
        ("pearson", ("ρ", "pearson-correlation")),
        ("spearman", ("Spearman ρ", "spearman-rank-correlation")),
        ("kendall", ("Kendall τ", "kendall-tau")),
        ("ewma", ("EWMA ρ", "ewma-correlation")),
    ],
)
def test_a_headline_links_the_symbol_of_its_method_and_no_bare_rho_inside_it(
    method: str, linked: tuple[str, str]
) -> None:
    spec = calculators.SPECS["rolling-correlation"]
    text = calculators.run(spec.id, spec.example | {"method": method})["headline"]
    links = [part for part in linked_line(text, spec.headline_concepts) if part[1]]
    assert links == [linked]


def test_the_build_time_headline_links_once_with_placeholders_and_keeps_its_concepts() -> None:
    html = str(render_widget("correlation-matrix", SiteSettings(), ".."))
    headline = next(e for e in elements(html) if "data-headline" in e.attrs)
    assert headline.text.startswith("average pairwise ρ 0.66; highest BTC–ETH")
    assert [(a.tag, a.text, a.attrs["data-concept"]) for a in headline.children] == [
        ("a", "ρ", "pearson-correlation")
    ]
    assert all("href" not in a.attrs for a in headline.children), "the build's linker adds it"
    template = next(e for e in elements(html) if e.attrs.get("data-concepts") == "headline")
    named = [(a.text, a.attrs["data-concept"]) for a in template.children]
    assert named == list(calculators.SPECS["correlation-matrix"].headline_concepts)


def test_a_matrix_carries_its_pair_charts_headline_concepts_for_the_browser() -> None:
    html = str(render_widget("correlation-matrix", SiteSettings(), ".."))
    template = next(e for e in elements(html) if e.attrs.get("data-concepts") == "pair")
    named = [(a.text, a.attrs["data-concept"]) for a in template.children]
    assert named == list(calculators.SPECS["rolling-correlation"].headline_concepts)
    assert "data-pagefind-ignore" in template.attrs


@pytest.mark.parametrize("calc_id", sorted(set(IDS) - set(PAIR_CHARTS)))
def test_a_calculator_without_a_pair_chart_carries_no_pair_concepts(calc_id: str) -> None:
    html = str(render_widget(calc_id, SiteSettings(), ".."))
    assert not [e for e in elements(html) if e.attrs.get("data-concepts") == "pair"]


def test_the_pair_charts_python_knows_are_the_ones_pairs_js_draws() -> None:
    source = (ROOT / "termsite/widgets/assets/pairs.js").read_text(encoding="utf-8")
    links = re.findall(r'"([a-z-]+)": \{\s*output: "[a-z_]+",\s*calculator: "([a-z-]+)"', source)
    assert dict(links) == PAIR_CHARTS
