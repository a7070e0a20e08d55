"""Sitemap, robots.txt, llms.txt and the Markdown copies of a built tiny site."""

from __future__ import annotations

import gzip
import html
import re

from site_build import SITE_URL, BuildSite, default_entries

import calculators


def lastmods(xml: str) -> dict[str, str | None]:
    found = re.findall(r"<loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?", xml)
    return {loc: lastmod or None for loc, lastmod in found}


def test_sitemap_lastmod_is_the_entry_modified_date(build_site: BuildSite) -> None:
    xml = (build_site() / "sitemap.xml").read_text(encoding="utf-8")
    assert lastmods(xml)[f"{SITE_URL}term/first-term/"] == "2025-09-09"


def test_sitemap_lastmod_falls_back_to_published(build_site: BuildSite) -> None:
    xml = (build_site() / "sitemap.xml").read_text(encoding="utf-8")
    assert lastmods(xml)[f"{SITE_URL}definition/basis/"] == "2025-02-01"


def test_hand_written_page_lastmod_comes_from_front_matter(build_site: BuildSite) -> None:
    pages = {"dated.md": "---\nmodified: 2025-05-05\n---\n# Dated\n", "plain.md": "# Plain\n"}
    found = lastmods((build_site(pages=pages) / "sitemap.xml").read_text(encoding="utf-8"))
    assert (found[f"{SITE_URL}dated/"], found[f"{SITE_URL}plain/"]) == ("2025-05-05", None)


def test_sitemap_leaves_out_redirect_pages(build_site: BuildSite) -> None:
    xml = (build_site() / "sitemap.xml").read_text(encoding="utf-8")
    assert "old-first" not in xml and "resource/1/" not in xml


def test_gzipped_sitemap_matches_the_sitemap(build_site: BuildSite) -> None:
    site = build_site()
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_robots_txt_names_the_sitemap(build_site: BuildSite) -> None:
    text = (build_site() / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text.splitlines()


def test_llms_txt_lists_entries_with_links_to_markdown_copies(build_site: BuildSite) -> None:
    text = (build_site() / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# Tiny\n")
    assert f"- [First Term]({SITE_URL}term/first-term.md): " in text


def test_every_llms_link_has_its_markdown_copy(build_site: BuildSite) -> None:
    site = build_site()
    links = re.findall(rf"\]\({re.escape(SITE_URL)}([^)]+\.md)\)", (site / "llms.txt").read_text())
    assert links and [link for link in links if not (site / link).is_file()] == []


def test_markdown_copy_is_clean_markdown_of_the_entry(build_site: BuildSite) -> None:
    copy = (build_site() / "term/first-term.md").read_text(encoding="utf-8")
    assert copy.startswith("# First Term\n\n> This is a summary")
    assert "## Essence" in copy and "<div" not in copy and "{:" not in copy


def test_a_calculator_terms_copy_names_example_files_the_site_serves(
    build_site: BuildSite,
) -> None:
    term = default_entries()["terms/first-term.yml"] | {"calculators": ["rolling-correlation"]}
    site = build_site(entries={"terms/first-term.yml": term})
    copy = (site / "term/first-term.md").read_text(encoding="utf-8")
    block = re.search(r"\n```sh\n(termsite calc rolling-correlation [^\n]*)\n```\n", copy)
    assert block and "--csv example-prices.csv" in block.group(1)
    [url] = re.findall(r"save \[example-prices\.csv\]\(([^)]+)\)", copy)
    assert url.startswith(SITE_URL)
    served = site / url.removeprefix(SITE_URL)
    assert served.read_text(encoding="utf-8") == calculators.example_csv()
    page = (site / "term/first-term/index.html").read_text(encoding="utf-8")
    carried = page.split('<template id="termsite-markdown"', 1)[1].split("</template>", 1)[0]
    assert html.escape(block.group(0), quote=False) in carried, "Copy as Markdown copies it too"
