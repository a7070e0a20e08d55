"""What names a page to the search index's part reuse: what Pagefind reads of it.

A part of the last build's index is put back only while its pages' ids repeat,
so an id must change with every word Pagefind indexes, and should not change
with the blocks Pagefind skips (listings, hover cards, the Markdown copy),
which a one-entry edit changes on a dozen other pages.
"""

from __future__ import annotations

from termsite.search.reuse import content_id

HEAD = '<html lang="en"><head><title>Basis</title></head><body><header>menu</header>'
ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
LISTING = (
    '<div class="termsite-listing">\n<ul>\n<li><a href="../x/">X</a><br>{}</li>\n</ul>\n</div>'
)
CARDS = (
    '<div class="termsite-cards" data-autolink="off" data-pagefind-ignore="all">\n'
    '<div class="termsite-card" id="termsite-card-x"><div><p>{}</p></div></div>\n</div>'
)
COPY = '<template id="termsite-markdown" data-pagefind-ignore="all"># Basis\n\n{}</template>'


def page(text: str, listed: str = "a", carded: str = "a", copied: str = "a") -> str:
    blocks = LISTING.format(listed) + CARDS.format(carded) + COPY.format(copied)
    return f"{HEAD}{ARTICLE}<p>{text}</p>{blocks}<p>after</p></article></body></html>"


def test_a_changed_listing_card_or_copy_keeps_the_id() -> None:
    assert content_id(page("text", "b", "b", "b")) == content_id(page("text"))


def test_changed_article_text_changes_the_id() -> None:
    assert content_id(page("other text")) != content_id(page("text"))


def test_text_after_the_skipped_blocks_still_counts() -> None:
    changed = page("text").replace("<p>after</p>", "<p>later</p>")
    assert content_id(changed) != content_id(page("text"))


def test_a_changed_title_changes_the_id() -> None:
    assert content_id(page("text").replace("Basis</title>", "Base</title>")) != content_id(
        page("text")
    )


def test_the_page_outside_the_article_does_not_count() -> None:
    assert content_id(page("text").replace("menu", "other menu")) == content_id(page("text"))


def test_a_listing_that_never_closes_is_counted_as_text() -> None:
    unclosed = f'{HEAD}{ARTICLE}<div class="termsite-listing"><p>{{}}</p></article></body></html>'
    assert content_id(unclosed.format("a")) != content_id(unclosed.format("b"))


def test_a_listing_with_nested_blocks_is_skipped_to_its_own_end() -> None:
    nested = LISTING.format('<div class="x">inner {}</div>')
    first = f"{HEAD}{ARTICLE}{nested.format('a')}<p>text</p></article></body></html>"
    assert content_id(first) == content_id(first.replace("inner a", "inner b"))
    assert content_id(first) != content_id(first.replace("<p>text", "<p>texts"))
