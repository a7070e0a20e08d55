"""What a link preview shows of a page (Open Graph and Twitter card): its type and picture.

The picture is the page plan's `image` (an area page's own, a term's or its
area's), else the site's `default_image`; hand-written pages get the default.
"""

from __future__ import annotations

from termsite.generate.jsonld import SiteInfo
from termsite.generate.plan import PageKind, PagePlan

__all__ = ["ARTICLE_KINDS", "social_card"]

ARTICLE_KINDS = frozenset({PageKind.TERM, PageKind.DEFINITION})
"""Pages previewed as `og:type` article; every other page is a website page."""


def social_card(site: SiteInfo, page: PagePlan | None) -> dict[str, str]:
    """`type`, absolute `image` URL (or "") and `image_alt` for `partials/termsite-meta.html`."""
    image = page.image if page is not None else None
    image_url = image.url if image else site.settings.default_image
    return {
        "type": "article" if page is not None and page.kind in ARTICLE_KINDS else "website",
        "image": site.absolute(image_url) if image_url else "",
        "image_alt": image.alt if image else "",
    }
