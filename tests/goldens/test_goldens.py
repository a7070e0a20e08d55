"""The golden site's owned outputs match the committed goldens in `expected/`.

The site in `project/` has one entry per feature (a term with sections, an
FAQ, an alias and an image; a definition without an image; an area with three
members and `page_size: 2`; an author; a draft; a hand-written page). Its
Markdown copies, crawl outputs and redirect pages are compared whole; its HTML
pages only in the parts termsite owns (see `owned_outputs.py`). After an
intended change, run `make goldens` and review the diff of `expected/`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden_site import EXPECTED, build_golden_site
from owned_outputs import owned_outputs

pytestmark = pytest.mark.xdist_group("goldens")

HOW_TO_REGENERATE = (
    "If the change is intended, regenerate the goldens with `make goldens` "
    "(or `pytest tests/goldens --regenerate-goldens`) and review `git diff tests/goldens/`."
)


def golden_names() -> list[str]:
    return sorted(p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file())


def test_goldens_cover_exactly_the_owned_outputs(golden_outputs: dict[str, str]) -> None:
    built, expected = set(golden_outputs), set(golden_names())
    new, gone = sorted(built - expected), sorted(expected - built)
    if new or gone:
        pytest.fail(
            f"outputs without a golden: {new}\ngoldens without an output: {gone}\n"
            + HOW_TO_REGENERATE,
            pytrace=False,
        )


@pytest.mark.parametrize("name", golden_names())
def test_owned_output_matches_its_golden(golden_outputs: dict[str, str], name: str) -> None:
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    actual = golden_outputs.get(name)
    if actual is None:
        pytest.fail(f"the build no longer writes {name}\n{HOW_TO_REGENERATE}", pytrace=False)
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/goldens/expected/{name}",
            tofile=f"built {name}",
        )
        pytest.fail(
            f"{name} differs from its golden:\n{''.join(diff)}\n{HOW_TO_REGENERATE}", pytrace=False
        )


def test_draft_entry_appears_in_no_output(golden_outputs: dict[str, str]) -> None:
    mentions = sorted(
        name for name, text in golden_outputs.items() if "draft" in (name + text).lower()
    )
    assert mentions == []


def test_area_with_three_members_and_page_size_two_has_a_second_listing_page(
    golden_outputs: dict[str, str],
) -> None:
    assert "area/golden-area/resource/2/index.html.txt" in golden_outputs
    assert "area/golden-area/resource/3/index.html.txt" not in golden_outputs


def test_alias_gets_a_redirect_page_to_the_term(golden_outputs: dict[str, str]) -> None:
    page = golden_outputs["term/old-term-slug/index.html"]
    assert 'url=../term-with-sections-faq-and-aliases/"' in page


def test_a_second_build_elsewhere_gives_the_same_owned_outputs(
    golden_outputs: dict[str, str], tmp_path: Path
) -> None:
    again = owned_outputs(build_golden_site(tmp_path / "elsewhere" / "project", tmp_path / "s"))
    differing = sorted(name for name in golden_outputs if golden_outputs[name] != again.get(name))
    assert (differing, sorted(again)) == ([], sorted(golden_outputs))
