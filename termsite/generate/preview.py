"""What a link preview shows of a page (Open Graph and X cards): its type and picture.

The picture is the page plan's `image` (an area page's own, a term's or its
area's) as `SiteInfo.shared` makes it shareable, else the site's
`default_image`; hand-written pages get the default. The adapter only hands
the result to `partials/termsite-meta.html`.
"""

from __future__ import annotations

from typing import Any

from termsite import sanitize
from termsite.generate.jsonld import SiteInfo
from termsite.generate.plan import PageKind, PagePlan

__all__ = ["ARTICLE_KINDS", "preview_card"]

ARTICLE_KINDS = frozenset({PageKind.TERM, PageKind.DEFINITION})
"""Pages previewed as `og:type` article; every other page is a website page."""


def preview_card(site: SiteInfo, page: PagePlan | None) -> dict[str, Any]:
    """Type, absolute image URL (or ""), its alt text, size and MIME type for the meta tags."""
    shared = site.shared(page.image if page is not None else None)
    if shared is not None and not sanitize.safe_url(shared.url):
        shared = None  # a script URL never reaches og:image, whatever its spelling
    article = page is not None and page.kind in ARTICLE_KINDS
    return {
        "type": "article" if article else "website",
        "image": site.absolute(shared.url) if shared else "",
        "image_alt": shared.alt if shared else "",
        "image_width": shared.width if shared else None,
        "image_height": shared.height if shared else None,
        "image_type": shared.mime if shared else "",
    }
