"""W3C Nu Html Checker on every page kind and a sample of entries: no errors of ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import sample_entries
from .nu import NuError, is_theme_error, run_vnu

pytestmark = pytest.mark.xdist_group("standards")


@pytest.fixture(scope="module")
def checked_pages(built_site: Path, page_kinds: dict[str, str]) -> list[str]:
    return sorted({*page_kinds.values(), *sample_entries(built_site)})


@pytest.fixture(scope="module")
def nu_errors(built_site: Path, checked_pages: list[str]) -> list[NuError]:
    errors = run_vnu([built_site / page / "index.html" for page in checked_pages], built_site)
    theme = [e for e in errors if is_theme_error(e)]
    print(f"\nNu Html Checker on {len(checked_pages)} pages: ", end="")
    print(f"{len(errors) - len(theme)} errors from termsite, {len(theme)} from the theme")
    for error in theme:
        print(f"  theme: {error}")
    return errors


def test_checked_pages_include_every_page_kind(
    checked_pages: list[str], page_kinds: dict[str, str]
) -> None:
    assert set(page_kinds.values()) <= set(checked_pages)
    assert len(checked_pages) > len(page_kinds)


def test_no_nu_errors_come_from_our_templates_or_content(nu_errors: list[NuError]) -> None:
    ours = [str(error) for error in nu_errors if not is_theme_error(error)]
    assert ours == [], "Nu Html Checker errors from termsite:\n" + "\n".join(ours)


def test_the_theme_has_no_errors_left(nu_errors: list[NuError]) -> None:
    """Material's own errors (its toggles' `autocomplete`) are corrected by the build
    (`termsite.generate.theme_markup`); any new one fails here until an override fixes it."""
    theme = [str(e) for e in nu_errors if is_theme_error(e)]
    assert theme == [], "theme errors left in the built pages:\n" + "\n".join(theme)
