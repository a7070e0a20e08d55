"""Material's inline scripts, moved into files for the CSP, still match the installed Material.

termsite loads copies of Material's small inline scripts from files (no inline
script, so no 'unsafe-inline'); after a Material upgrade these tests say which
copy to refresh, instead of a subtly stale palette or scope script.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

import termsite

THEME_SCRIPTS = Path(termsite.__file__).parent / "templates/overrides/assets/termsite/theme"
SCOPE_TEMPLATE = 'new URL("{{ config.extra.scope | d(base_url) }}",location)'
SCOPE_FILE = "new URL(document.currentScript.dataset.mdScope,location)"
COPIES = {
    "scope.js": ("partials/javascripts/base.html", 0),
    "palette.js": ("partials/javascripts/palette.html", 0),
    "tabs.js": ("partials/javascripts/content.html", 0),
    "content.js": ("partials/javascripts/content.html", 1),
}


def material_script(partial: str, index: int) -> str:
    text = (files("material") / "templates" / partial).read_text(encoding="utf-8")
    script: str = re.findall(r"<script>(.*?)</script>", text, re.DOTALL)[index]
    return script.replace(SCOPE_TEMPLATE, SCOPE_FILE)


def copied_script(name: str) -> str:
    lines = (THEME_SCRIPTS / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


@pytest.mark.parametrize("name", sorted(COPIES))
def test_copied_theme_script_matches_the_installed_material(name: str) -> None:
    assert copied_script(name) == material_script(*COPIES[name])


def test_material_partials_we_replace_still_hold_inline_scripts() -> None:
    partials = {partial for partial, _ in COPIES.values()}
    assert all("<script>" in (files("material") / "templates" / p).read_text() for p in partials)
