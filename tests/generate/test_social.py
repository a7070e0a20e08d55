"""Raster copies of shared SVGs: exact size, deterministic bytes, named and cached by hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.generate import social

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d">%s</svg>'
WIDE = SVG % (1200, 630, b'<rect width="1200" height="630" fill="#123456"/>')
SQUARE = SVG % (50, 50, b'<circle cx="25" cy="25" r="25" fill="red"/>')


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TERMSITE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(social, "_MEMO", {})
    return tmp_path / "social"


def test_a_card_is_a_png_of_exactly_1200_by_630() -> None:
    raster = social.raster_for("/assets/a.svg", WIDE)
    assert social.png_size(raster.content) == (1200, 630) == (raster.width, raster.height)
    assert raster.mime == "image/png" and raster.url.endswith(".png")


def test_a_source_of_another_shape_is_centred_on_the_card() -> None:
    png = social.render_png(SQUARE, social.CARD)
    assert social.png_size(png) == (1200, 630)


def test_the_logo_is_square_and_large_enough_for_google() -> None:
    raster = social.raster_for("/assets/logo.svg", SQUARE, social.LOGO)
    width, height = social.png_size(raster.content)
    assert width == height >= 112


def test_rendering_twice_gives_the_same_bytes() -> None:
    assert social.render_png(WIDE, social.CARD) == social.render_png(WIDE, social.CARD)


def test_the_name_changes_with_the_source_and_not_otherwise() -> None:
    first, again = social.raster_for("/a/x.svg", WIDE), social.raster_for("/b/x.svg", WIDE)
    other = social.raster_for("/a/x.svg", WIDE.replace(b"123456", b"654321"))
    assert first.path == again.path != other.path
    assert first.path.startswith("assets/social/x-")


def test_a_render_is_kept_on_disk_and_reused(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    social.raster_for("/a/x.svg", WIDE)
    assert len(list(own_cache.glob("*.png"))) == 1
    monkeypatch.setattr(social, "_MEMO", {})
    monkeypatch.setattr(social, "render_png", lambda *_: pytest.fail("rendered again"))
    assert social.png_size(social.raster_for("/a/x.svg", WIDE).content) == (1200, 630)


def test_a_broken_svg_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        social.raster_for("/a/broken.svg", b"<svg")


def test_only_svgs_need_a_raster_copy() -> None:
    assert [social.is_svg(u) for u in ("/a/x.svg", "/a/x.SVG?v=1", "/a/x.png")] == [
        True,
        True,
        False,
    ]
