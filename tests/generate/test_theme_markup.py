"""The theme's invalid `autocomplete` on its checkbox toggles is removed, and nothing else."""

from __future__ import annotations

from importlib.resources import files

from termsite.generate.theme_markup import valid_theme_markup

DRAWER = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">'
)
SEARCH_BOX = '<input type="text" class="md-search__input" name="query" autocomplete="off">'


def test_the_toggles_lose_autocomplete() -> None:
    assert valid_theme_markup(DRAWER) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
    )


def test_other_inputs_keep_autocomplete() -> None:
    assert valid_theme_markup(SEARCH_BOX) == SEARCH_BOX


def test_materials_base_template_still_writes_the_toggles_this_way() -> None:
    """If Material changes its markup, this says the correction has nothing left to do."""
    base = files("material").joinpath("templates/base.html").read_text(encoding="utf-8")
    toggles = [line.strip() for line in base.splitlines() if 'class="md-toggle"' in line]
    assert toggles and all('autocomplete="off"' in line for line in toggles)
    assert all("autocomplete" not in valid_theme_markup(line) for line in toggles)
