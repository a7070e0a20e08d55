"""Share cards: every page names a raster image, with its real size, type and alt text.

X/Twitter shows no SVG, so the build renders SVGs to PNG; this reads the built
files back to prove the tags tell the truth about them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termsite.generate.social import png_size

from .structured_data import content_pages

pytestmark = pytest.mark.xdist_group("standards")

META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"')
SOCIAL_TAGS = (
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:type",
    "og:image:alt",
    "twitter:card",
    "twitter:image",
    "twitter:image:alt",
)


def test_every_page_has_complete_share_tags_with_a_real_raster_image(built_site: Path) -> None:
    problems = []
    for page in content_pages(built_site):
        meta = dict(META.findall(page.read_text(encoding="utf-8")))
        name = page.relative_to(built_site).as_posix()
        missing = [tag for tag in SOCIAL_TAGS if not meta.get(tag)]
        if missing:
            problems.append(f"{name}: lacks {missing}")
            continue
        image = built_site / meta["og:image"].split("://", 1)[1].split("/", 1)[1]
        size = png_size(image.read_bytes())
        declared = (int(meta["og:image:width"]), int(meta["og:image:height"]))
        if meta["og:image:type"] != "image/png" or size != declared:
            problems.append(f"{name}: {meta['og:image:type']} {declared}, file is {size}")
    assert problems == []
