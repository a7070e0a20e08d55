"""Hover cards: what a reader sees of an entry before following a link to it.

Each linked entry gets one card per page (not one per link), written into the page at
build time, so nothing is fetched and a page without JavaScript still carries the text
(hidden; its summary is the links' accessible description). `cards.js` shows a card on
hover, keyboard focus and tap.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from termsite.generate.autolink import Target, card_id, relative_url

__all__ = ["CARDS_CLASS", "cards_html"]

CARDS_CLASS = "termsite-cards"
"""The container's class. Autolinking skips it, so cards never link into each other, and
search does not index it, so a page is not found by the summaries of the entries it links."""


def card_html(target: Target, page_url: str) -> str:
    """One entry's card: kind, title, summary and a "Read more" link to its page."""
    ident = card_id(target)
    href = escape(relative_url(target.url, page_url))
    title = escape(target.title)
    return (
        f'<div class="termsite-card" id="{ident}" data-state="closed" hidden>'
        f'<p class="termsite-card__kind">{escape(target.kind)}</p>'
        f'<p class="termsite-card__title">{title}</p>'
        f'<p class="termsite-card__summary" id="{ident}-summary">{escape(target.summary)}</p>'
        f'<p class="termsite-card__more"><a href="{href}">Read more'
        f'<span class="termsite-visually-hidden"> about {title}</span></a></p>'
        "</div>"
    )


def cards_html(targets: Sequence[Target], page_url: str) -> str:
    """The cards of every entry a page links, in one container after the content."""
    if not targets:
        return ""
    cards = "\n".join(card_html(target, page_url) for target in targets)
    opening = f'<div class="{CARDS_CLASS}" data-autolink="off" data-pagefind-ignore="all">'
    return f"\n{opening}\n{cards}\n</div>\n"
