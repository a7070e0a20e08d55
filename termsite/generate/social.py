"""Share-card images: every SVG a page shares, rendered once to a raster image.

X/Twitter and several chat apps show no SVG in a link preview, and Google's
logo rules ask for a raster image, so each SVG that a page names as its image
(an area's picture, `default_image`, an entry's own SVG, the organization logo)
is rendered at build time with resvg (through `resvg-py`, which needs no system
library) to a PNG of a fixed size: 1200×630 for share cards, a square for the
logo. A source of another shape is fitted and centred on a plain background.

The PNG's name carries a hash of the source and of the render parameters, so
its URL changes exactly when its bytes can, and it may be cached for a year.
Rendering costs about 0.1 s an image, so the bytes are kept in memory for the
process and on disk (`$TERMSITE_CACHE_DIR`, else `$XDG_CACHE_HOME/termsite` or
`~/.cache/termsite`) under the same hash: a test suite's many builds, and a
rebuild, render nothing twice.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
import struct
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import resvg_py

from termsite.model import Area, Definition, Glossary, Term
from termsite.settings import SiteSettings

__all__ = [
    "CARD",
    "LOGO",
    "SOCIAL_DIR",
    "Raster",
    "RasterSize",
    "ShareImage",
    "is_svg",
    "png_size",
    "raster_for",
    "render_png",
    "share_image",
    "wanted_rasters",
]

SOCIAL_DIR = "assets/social"
"""Where the rendered images are written, from the site root."""
RENDER_VERSION = "1"
"""Bump when the way images are composed changes, so cached renders are not reused."""
BACKGROUND = "#ffffff"
"""The canvas behind a source whose shape differs from the target's."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class RasterSize:
    """A target size in pixels, with the name used in cache keys."""

    width: int
    height: int


CARD = RasterSize(1200, 630)
"""Open Graph's and X's large summary card: 1.91:1."""
LOGO = RasterSize(512, 512)
"""Google asks for a logo of at least 112×112 pixels; a square renders everywhere."""


@dataclass(frozen=True)
class Raster:
    """A rendered image: its site path (`assets/social/x-<hash>.png`) and what to say of it."""

    path: str
    width: int
    height: int
    content: bytes
    mime: str = "image/png"

    @property
    def url(self) -> str:
        """The site-absolute URL of the image."""
        return "/" + self.path


_MEMO: dict[str, bytes] = {}


def is_svg(url: str) -> bool:
    """Whether an image URL names an SVG (the only kind that needs a raster copy)."""
    return PurePosixPath(url.split("?", 1)[0].split("#", 1)[0]).suffix.lower() in (".svg", ".svgz")


def raster_for(source_url: str, svg: bytes, size: RasterSize = CARD) -> Raster:
    """The raster copy of the SVG at `source_url`, rendered or taken from the cache."""
    key = _cache_key(svg, size)
    stem = PurePosixPath(source_url.split("?", 1)[0]).stem or "image"
    path = f"{SOCIAL_DIR}/{stem}-{key[:16]}.png"
    return Raster(path, size.width, size.height, _cached_render(key, svg, size))


def render_png(svg: bytes, size: RasterSize) -> bytes:
    """The SVG rendered to exactly `size`: fitted, centred, on `BACKGROUND` if its shape differs.

    Raises ValueError with resvg's message when the SVG cannot be read.
    """
    text = svg.decode("utf-8")
    fitted = resvg_py.svg_to_bytes(svg_string=text, width=size.width, height=size.height)
    width, height = png_size(fitted)
    if (width, height) == (size.width, size.height):
        return bytes(fitted)
    return bytes(resvg_py.svg_to_bytes(svg_string=_centred(fitted, width, height, size)))


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header chunk (the first chunk, by the format's rules)."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _centred(png: bytes, width: int, height: int, size: RasterSize) -> str:
    """An SVG of the target size showing the fitted render in its middle.

    The render is embedded as a PNG (not the SVG itself): resvg draws text in a
    nested SVG image without fonts, but a nested PNG exactly.
    """
    data = base64.b64encode(png).decode("ascii")
    x, y = (size.width - width) // 2, (size.height - height) // 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size.width}" height="{size.height}">'
        f'<rect width="{size.width}" height="{size.height}" fill="{BACKGROUND}"/>'
        f'<image x="{x}" y="{y}" width="{width}" height="{height}" '
        f'href="data:image/png;base64,{data}"/></svg>'
    )


def _cache_key(svg: bytes, size: RasterSize) -> str:
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, resvg_py.__version__, f"{size.width}x{size.height}"):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(svg)
    return digest.hexdigest()


def _cached_render(key: str, svg: bytes, size: RasterSize) -> bytes:
    if key in _MEMO:
        return _MEMO[key]
    stored = _cache_dir() / f"{key}.png"
    try:
        png = stored.read_bytes()
    except OSError:
        png = render_png(svg, size)
        _store(stored, png)
    _MEMO[key] = png
    return png


def _cache_dir() -> Path:
    """The on-disk cache of renders, shared by every build of this user."""
    explicit = os.environ.get("TERMSITE_CACHE_DIR")
    if explicit:
        return Path(explicit) / "social"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "termsite" / "social"


def _store(target: Path, png: bytes) -> None:
    """Write a render atomically; a cache that cannot be written only costs a re-render."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(png)
        os.replace(tmp.name, target)
    except OSError:
        return


@dataclass(frozen=True)
class ShareImage:
    """What a page tells share cards and JSON-LD about its image."""

    url: str
    alt: str
    width: int | None = None
    height: int | None = None
    mime: str = ""


def share_image(
    url: str, alt: str, rasters: Mapping[str, Raster], size: tuple[int, int] | None = None
) -> ShareImage:
    """The image to share for `url`: its raster copy when it is an SVG, else itself."""
    raster = rasters.get(url)
    if raster is not None:
        return ShareImage(raster.url, alt, raster.width, raster.height, raster.mime)
    width, height = size if size else (None, None)
    return ShareImage(url, alt, width, height, mimetypes.guess_type(url)[0] or "")


def wanted_rasters(glossary: Glossary, settings: SiteSettings) -> dict[str, RasterSize]:
    """Every site-relative SVG the site shares, with the size its raster copy needs."""
    cards = [entry.image.url for entry in _entries(glossary) if entry.image is not None]
    cards += [settings.default_image] if settings.default_image else []
    wanted = {url: CARD for url in cards if is_svg(url) and "://" not in url}
    logo = settings.organization.logo
    if logo and is_svg(logo) and "://" not in logo:
        wanted[logo] = LOGO
    return dict(sorted(wanted.items()))


def _entries(glossary: Glossary) -> list[Term | Definition | Area]:
    return [*glossary.terms.values(), *glossary.definitions.values(), *glossary.areas.values()]
