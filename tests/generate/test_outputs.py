"""Crawl outputs as pure functions: sitemap, robots, llms.txt, copies and redirects."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from termsite_sample import SITE_URL, definition, glossary, site, term

import calculators
from calculators.cli import command_line
from termsite.generate.crawl import (
    LlmsMemo,
    SitemapEntry,
    llms_txt,
    markdown_copy,
    redirect_html,
    robots_txt,
    sitemap_gz,
    sitemap_xml,
)
from termsite.generate.links import markdown_path
from termsite.generate.plan import PlanMemo, Redirect, plan
from termsite.generate.render import make_environment
from termsite.widgets.paths import EXAMPLE_PRICES_PATH


def test_sitemap_lists_urls_sorted_with_lastmod() -> None:
    xml = sitemap_xml(
        [SitemapEntry("https://x/b/", dt.date(2025, 1, 2)), SitemapEntry("https://x/a/")]
    )
    assert xml.index("https://x/a/") < xml.index("https://x/b/")
    assert "<loc>https://x/b/</loc><lastmod>2025-01-02</lastmod>" in xml


def test_sitemap_omits_lastmod_when_unknown() -> None:
    assert "lastmod" not in sitemap_xml([SitemapEntry("https://x/a/")])


def test_sitemap_gz_is_byte_identical_across_runs() -> None:
    xml = sitemap_xml([SitemapEntry("https://x/a/")])
    assert sitemap_gz(xml) == sitemap_gz(xml)
    assert gzip.decompress(sitemap_gz(xml)).decode() == xml


def test_robots_names_the_sitemap() -> None:
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots_txt(site())


def test_copy_path_puts_the_copy_next_to_the_page_folder() -> None:
    assert markdown_path("term/x/") == "term/x.md"


def test_llms_txt_links_terms_to_their_markdown_copies() -> None:
    pages = plan(glossary(term("x"), definition("y")), site().settings)
    text = llms_txt(site(), pages)
    assert f"- [X]({SITE_URL}term/x.md): " in text and "## Definitions" in text


def test_markdown_copy_has_title_summary_sections_and_absolute_links() -> None:
    entry = term("x", body="See [y](/definition/y/).")
    page = next(
        p for p in plan(glossary(entry, definition("y")), site().settings) if p.url == "term/x/"
    )
    copy = markdown_copy(site(), page)
    assert copy.startswith("# X\n\n> A summary")
    assert f"[y]({SITE_URL}definition/y/)" in copy and "## Essence" in copy


def test_a_term_copy_carries_each_calculators_command_as_a_fenced_shell_block() -> None:
    entry = term("x", calculators=["correlation-matrix", "liquidation-risk"])
    page = next(p for p in plan(glossary(entry), site().settings) if p.url == "term/x/")
    copy = markdown_copy(site(), page)
    matrix = calculators.SPECS["correlation-matrix"]
    expected = (
        "\n\n## Reproduce in a terminal\n\n"
        "Correlation matrix, for the synthetic example data: save [example-prices.csv]"
        f"({SITE_URL}{EXAMPLE_PRICES_PATH}) in the folder you run it from, then run:\n\n"
        f"```sh\n{command_line(matrix, matrix.example, {'csv': 'example-prices.csv'})}\n```\n\n"
        "Liquidation risk with correlated collateral, for the example inputs:\n\n"
        "```sh\ntermsite calc liquidation-risk\n```\n\n"
        "Add `--json` to get the result as data.\n"
    )
    assert expected in copy
    assert copy.index("## Essence") < copy.index("## Reproduce in a terminal")


def test_a_copy_of_a_term_without_a_calculator_has_no_terminal_section() -> None:
    page = next(p for p in plan(glossary(term("x")), site().settings) if p.url == "term/x/")
    assert "Reproduce in a terminal" not in markdown_copy(site(), page)
    assert "```" not in markdown_copy(site(), page)


def test_redirect_page_refreshes_to_a_relative_target_with_a_canonical_and_no_noindex() -> None:
    html = redirect_html(site(), Redirect("term/old/", "term/new/"))
    assert 'content="0; url=../new/"' in html
    assert f'<link rel="canonical" href="{SITE_URL}term/new/">' in html
    assert "noindex" not in html


def test_resource_one_redirects_up_to_the_area() -> None:
    html = redirect_html(site(), Redirect("area/a/resource/1/", "area/a/"))
    assert 'url=../../"' in html


def test_a_site_s_own_copy_template_reaches_the_markdown_copy(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages/copy.md.j2").write_text(
        "# {{ entry.title }} (our copy)\n\n[Home](/)\n", encoding="utf-8"
    )
    page = next(p for p in plan(glossary(term("x")), site().settings) if p.url == "term/x/")
    copy = markdown_copy(site(), page, make_environment([tmp_path]))
    assert copy == f"# X (our copy)\n\n[Home]({SITE_URL})\n"


def test_llms_txt_kept_from_the_last_plan_equals_a_fresh_one_after_a_save() -> None:
    """The unchanged entries' pages are the last plan's objects (`PlanMemo`), so their lines
    are kept; the saved entry's line and place are new."""
    llms, pages_memo, settings = LlmsMemo(), PlanMemo(), site().settings
    entries = [term("x"), definition("y"), definition("z")]
    llms_txt(site(), plan(glossary(*entries), settings, memo=pages_memo), llms)
    for saved in (
        definition("y", summary="A new summary, long enough."),
        definition("y", title="A"),
    ):
        pages = plan(glossary(entries[0], saved, entries[2]), settings, memo=pages_memo)
        assert llms_txt(site(), pages, llms) == llms_txt(site(), pages)
