"""Rendering plans to Markdown: escaping, front matter, widgets and overrides."""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml
from markupsafe import Markup
from termsite_sample import definition, glossary, term

from termsite.generate.plan import PagePlan, plan
from termsite.generate.render import base_url_for, make_environment, md_inline, render_page
from termsite.settings import SiteSettings

SETTINGS = SiteSettings()


def page_for(url: str, *entries: object) -> PagePlan:
    return next(p for p in plan(glossary(*entries), SETTINGS) if p.url == url)  # type: ignore[arg-type]


def no_widget(calc_id: str, settings: SiteSettings, base_url: str) -> Markup:
    return Markup(f'<div data-calculator="{calc_id}" data-base="{base_url}"></div>')


def rendered(text: str) -> str:
    output: str = markdown.markdown(text, extensions=["attr_list"])
    return output


@pytest.mark.parametrize(
    "text",
    [
        "a *b* _c_",
        "[x](y)",
        "<script>alert(1)</script>",
        "# not a heading",
        "- no list",
        "1. no list",
        "a & b {: .x }",
    ],
)
def test_md_inline_shows_text_exactly_as_written(text: str) -> None:
    assert rendered(md_inline(text)) == f"<p>{html.escape(text, quote=False)}</p>"


def test_front_matter_carries_title_description_and_calculators() -> None:
    source = render_page(
        page_for("term/x/", term("x", calculators=["calc"])), SETTINGS, widget=no_widget
    )
    meta = yaml.safe_load(source.split("---\n")[1])
    assert (meta["title"], meta["calculators"]) == ("X ⎊ Term", ["calc"])


def test_front_matter_survives_yaml_special_characters() -> None:
    entry = term("x", title='Colon: "quoted" # hash')
    meta = yaml.safe_load(render_page(page_for("term/x/", entry), SETTINGS).split("---\n")[1])
    assert meta["title"] == "Colon: &quot;quoted&quot; # hash ⎊ Term"


def test_term_page_embeds_each_calculator_widget_with_the_base_url() -> None:
    source = render_page(
        page_for("term/x/", term("x", calculators=["calc"])), SETTINGS, widget=no_widget
    )
    assert '<div data-calculator="calc" data-base="../.."></div>' in source


def test_term_page_shows_sections_with_pull_quotes() -> None:
    source = render_page(page_for("term/x/", term("x")), SETTINGS)
    assert "## Essence\n\n> A quote.\n\nBody text." in source


def test_listing_items_show_linked_title_summary_and_kind() -> None:
    source = render_page(page_for("area/alpha/", definition("basis")), SETTINGS)
    assert "- [Basis](/definition/basis/) · *Definition*<br>A summary" in source


def test_attribute_lines_stand_on_their_own_line() -> None:
    source = render_page(page_for("definition/basis/", definition("basis")), SETTINGS)
    assert all(line.startswith("{:") for line in source.splitlines() if "{: ." in line)


def test_site_template_folder_overrides_a_page_template(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "definition.md.j2").write_text("Custom {{ entry.title }}\n")
    env = make_environment([tmp_path])
    assert "Custom Basis" in render_page(
        page_for("definition/basis/", definition("basis")), SETTINGS, env
    )


def test_templates_are_strict_about_undefined_names(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "definition.md.j2").write_text("{{ no_such_name }}\n")
    with pytest.raises(jinja2.UndefinedError):
        render_page(
            page_for("definition/basis/", definition("basis")),
            SETTINGS,
            make_environment([tmp_path]),
        )


@pytest.mark.parametrize(("url", "base"), [("", "."), ("glossary/", ".."), ("term/x/", "../..")])
def test_base_url_climbs_one_level_per_folder(url: str, base: str) -> None:
    assert base_url_for(url) == base


def test_rendering_is_deterministic() -> None:
    page = page_for("term/x/", term("x", related=["basis"]), definition("basis"))
    assert render_page(page, SETTINGS) == render_page(page, SETTINGS)
