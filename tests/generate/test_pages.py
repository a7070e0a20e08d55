"""The page plan: URLs, pagination, redirects, backlinks and the A–Z split."""

from __future__ import annotations

import datetime as dt

import pytest
from termsite_sample import definition, glossary, kept_glossary, term

from termsite.generate.plan import PageKind, PlanMemo, plan, redirects
from termsite.model import EntryKind
from termsite.settings import SiteSettings


def urls(settings: SiteSettings | None = None, *entries: object) -> list[str]:
    return [page.url for page in plan(glossary(*entries), settings or SiteSettings())]  # type: ignore[arg-type]


def test_term_and_definition_pages_use_the_default_paths() -> None:
    found = urls(None, term("kendall-tau"), definition("basis"))
    assert {"term/kendall-tau/", "definition/basis/"} <= set(found)


def test_plan_is_sorted_by_url() -> None:
    found = urls(None, term("zeta"), definition("alpha-def"), term("beta"))
    assert found == sorted(found)


def test_paths_are_configurable() -> None:
    settings = SiteSettings.model_validate({"paths": {"term": "t/{slug}/"}})
    assert "t/kendall-tau/" in urls(settings, term("kendall-tau"))


def test_area_listing_is_split_into_pages_of_page_size() -> None:
    entries = [definition(f"d{n}") for n in range(5)]
    found = urls(SiteSettings(page_size=2), *entries)
    assert [u for u in found if u.startswith("area/alpha/")] == [
        "area/alpha/",
        "area/alpha/resource/2/",
        "area/alpha/resource/3/",
    ]


def test_area_listing_is_newest_first() -> None:
    old = definition("old", published=dt.date(2024, 1, 1))
    new = definition("new", published=dt.date(2025, 6, 1))
    page = next(p for p in plan(glossary(old, new), SiteSettings()) if p.url == "area/alpha/")
    assert [item.slug for item in page.items] == ["new", "old"]


def test_only_the_first_area_page_has_the_faq() -> None:
    pages = plan(glossary(*[definition(f"d{n}") for n in range(3)]), SiteSettings(page_size=2))
    faq = {p.url: len(p.faq) for p in pages if p.kind in ("area", "area_page")}
    assert faq == {"area/alpha/": 2, "area/alpha/resource/2/": 0}


def test_faq_question_is_built_from_the_facet_pattern() -> None:
    page = next(p for p in plan(glossary(), SiteSettings()) if p.url == "area/alpha/")
    assert page.faq[0].question == "What is the Risk of Alpha?"


def test_titles_follow_the_patterns() -> None:
    pages = {p.url: p.title for p in plan(glossary(term("x"), definition("y")), SiteSettings())}
    assert (pages["term/x/"], pages["definition/y/"]) == ("X ⎊ Term", "Y ⎊ Definition")


def test_listing_page_title_carries_its_number() -> None:
    pages = plan(glossary(*[definition(f"d{n}") for n in range(3)]), SiteSettings(page_size=2))
    titles = {p.url: p.title for p in pages}
    assert titles["area/alpha/resource/2/"] == "Alpha ⎊ Area ⎊ Resource 2"


def test_backlinks_list_entries_that_relate_to_a_page() -> None:
    pages = plan(glossary(term("a", related=["b"]), definition("b")), SiteSettings())
    target = next(p for p in pages if p.url == "definition/b/")
    assert [link.slug for link in target.backlinks] == ["a"]


def test_a_related_slug_both_a_term_and_a_definition_use_links_the_term() -> None:
    source = definition("a", related=["b"])
    pages = plan(glossary(source, definition("b"), term("b")), SiteSettings())
    page = next(p for p in pages if p.url == "definition/a/")
    assert [link.url for link in page.related] == ["term/b/"]
    term_page = next(p for p in pages if p.url == "term/b/")
    assert [link.slug for link in term_page.backlinks] == ["a"]


def test_backlinks_include_links_written_in_bodies() -> None:
    source = definition("a", body="See [b](/definition/b/).")
    pages = plan(glossary(source, definition("b")), SiteSettings())
    target = next(p for p in pages if p.url == "definition/b/")
    assert [link.slug for link in target.backlinks] == ["a"]


def test_glossary_is_split_by_letter() -> None:
    found = urls(None, term("apple"), term("avocado"), definition("banana"), term("3d-thing"))
    letters = [u for u in found if u.startswith("glossary/")]
    assert letters == ["glossary/", "glossary/a/", "glossary/b/", "glossary/other/"]


def test_glossary_index_counts_entries_per_letter() -> None:
    pages = plan(glossary(term("apple"), term("avocado"), definition("banana")), SiteSettings())
    index = next(p for p in pages if p.kind == "glossary")
    assert [(x.letter, x.count) for x in index.letters] == [("A", 2), ("B", 1)]


def test_home_page_is_left_out_when_the_site_has_its_own() -> None:
    assert "" not in [p.url for p in plan(glossary(), SiteSettings(), home=False)]


def test_home_page_lists_newest_entries_first() -> None:
    old = definition("old", published=dt.date(2024, 1, 1))
    new = term("new", published=dt.date(2025, 6, 1))
    home = next(p for p in plan(glossary(old, new), SiteSettings()) if p.kind == "home")
    assert [link.slug for link in home.items] == ["new", "old"]


def test_src_uri_is_the_markdown_file_of_the_directory_url() -> None:
    page = next(p for p in plan(glossary(term("x")), SiteSettings()) if p.url == "term/x/")
    assert page.src_uri == "term/x.md"


def test_redirects_cover_resource_one_and_aliases() -> None:
    found = redirects(glossary(term("new-name", aliases=["old-name"])), SiteSettings())
    assert [(r.url, r.target) for r in found] == [
        ("area/alpha/resource/1/", "area/alpha/"),
        ("term/old-name/", "term/new-name/"),
    ]


def test_term_without_image_uses_its_primary_area_image() -> None:
    page = next(p for p in plan(glossary(term("x")), SiteSettings()) if p.url == "term/x/")
    assert page.image.url == "/assets/a.svg"


def test_updated_date_is_modified_when_given() -> None:
    entry = term("x", modified=dt.date(2026, 1, 5))
    page = next(p for p in plan(glossary(entry), SiteSettings()) if p.url == "term/x/")
    assert page.updated == dt.date(2026, 1, 5)


def test_listings_carry_the_entry_kind_and_show_its_label() -> None:
    pages = plan(glossary(definition("d")), SiteSettings())
    page = next(p for p in pages if p.url == "area/alpha/")
    assert page.kind is PageKind.AREA
    found = [(link.kind, link.label) for link in page.items]
    assert found == [(EntryKind.DEFINITION, "Definition")]


def test_an_area_page_shares_the_area_image() -> None:
    pages = plan(glossary(definition("d")), SiteSettings())
    area = next(p for p in pages if p.url == "area/alpha/")
    assert area.image is not None and area.image.url == "/assets/a.svg"


SAVES = {
    "summary": {"summary": "A new summary, long enough to be a sentence."},
    "title": {"title": "Aardvark"},
    "published": {"published": dt.date(2024, 1, 1)},
    "modified": {"modified": dt.date(2026, 1, 1)},
}
"""Saves that move the entry in the A–Z order, the listings' order and the home page's."""


@pytest.mark.parametrize("field", sorted(SAVES))
def test_a_plan_kept_from_the_last_one_equals_a_fresh_plan_after_a_save(field: str) -> None:
    memo, settings = PlanMemo(), SiteSettings(newest_on_home=2)
    entries = [term("x"), definition("y", related=["x"]), definition("z", related=["x"]), term("w")]
    plan(kept_glossary(*entries), settings, memo=memo)
    saved = definition("z", related=["x"], **SAVES[field])
    saved_glossary = kept_glossary(*entries[:2], saved, entries[3])
    assert plan(saved_glossary, settings, memo=memo) == plan(saved_glossary, settings)


@pytest.mark.parametrize("field", sorted(SAVES))
def test_a_plan_kept_after_a_save_matches_a_fresh_one_again_after_the_next(field: str) -> None:
    """Backlinks of `x` (from `y` and `z`) kept through one save and sorted after another."""
    memo, settings = PlanMemo(), SiteSettings(newest_on_home=2)
    entries = [term("x"), definition("y", related=["x"]), definition("z", related=["x"]), term("w")]
    plan(kept_glossary(*entries), settings, memo=memo)
    plan(
        kept_glossary(*entries[:3], term("w", summary="A new summary, long enough.")),
        settings,
        memo=memo,
    )
    saved = kept_glossary(*entries[:2], definition("z", related=["x"], **SAVES[field]), entries[3])
    assert plan(saved, settings, memo=memo) == plan(saved, settings)


def test_an_area_lists_its_entries_in_the_glossary_s_article_order() -> None:
    entries = glossary(
        term("b"), definition("a"), term("c", published=dt.date(2026, 1, 1)), definition("d")
    )
    area = next(page for page in plan(entries, SiteSettings()) if page.kind == PageKind.AREA)
    assert [link.slug for link in area.items] == [entry.slug for entry in entries.articles()]


AREA_SAVES = {
    "an earlier entry's date": lambda entries: [
        term("a1", modified=dt.date(2026, 6, 1)),
        *entries[1:],
    ],
    "a new entry": lambda entries: [*entries, definition("a0", published=dt.date(2026, 2, 1))],
    "a deleted entry": lambda entries: entries[1:],
    "a summary on page 2": lambda entries: [
        *entries[:3],
        definition("a4", summary="A new summary, long enough to be a sentence."),
        *entries[4:],
    ],
}
"""Saves that change an area's listing pages: dates that carry to later pages, and counts."""


@pytest.mark.parametrize("save", sorted(AREA_SAVES))
def test_kept_area_listing_pages_equal_fresh_ones_after_a_save(save: str) -> None:
    memo, settings = PlanMemo(), SiteSettings(page_size=2)
    entries = [term("a1"), term("a2"), definition("a3"), definition("a4"), term("a5")]
    before = plan(kept_glossary(*entries), settings, memo=memo)
    assert sum(1 for page in before if page.kind is PageKind.AREA_PAGE) == 2
    saved = kept_glossary(*AREA_SAVES[save](entries))
    after = plan(saved, settings, memo=memo)
    assert after == plan(saved, settings)
    kept = {id(page) for page in before} & {id(page) for page in after}
    assert kept  # the memo was used: the unchanged entries' pages are the last plan's
