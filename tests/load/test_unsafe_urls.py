"""Which entry fields hold a URL that would run code: script and data URLs, in every link form."""

from __future__ import annotations

import datetime as dt

import pytest

from termsite.load.unsafe_urls import unsafe_urls
from termsite.model import Author, Definition, Image, Section, Term

DAY = dt.date(2025, 1, 1)


def definition(body: str) -> Definition:
    return Definition(slug="d", title="D", summary="S", published=DAY, body=body)


@pytest.mark.parametrize(
    "body",
    [
        "[a](javascript:alert(1))",
        "![i](data:image/svg+xml,<svg onload=alert(1)>)",
        "[a][r]\n\n[r]: vbscript:msgbox(1)",
        '<a href="JAVASCRIPT:alert(1)">a</a>',
        "<javascript:alert(1)>",
        "[a](java\tscript:alert(1))",
        "[a](jav&#x61;script:alert(1))",
        "[a](&#106;avascript&colon;alert(1))",
        '<a href="jav&#x61;script:alert(1)">a</a>',
        '[a](/term/x/){href="javascript:alert(1)"}',
        "<form><button formaction=javascript:alert(1)>b</button></form>",
    ],
)
def test_script_and_data_urls_are_found_in_every_link_form(body: str) -> None:
    assert [loc for loc, _ in unsafe_urls(definition(body))] == [("body",)]


def test_the_url_is_shown_without_the_closing_parenthesis_of_the_link() -> None:
    assert list(unsafe_urls(definition("[a](javascript:alert(1)) more"))) == [
        (("body",), "javascript:alert(1)")
    ]


def test_an_encoded_url_is_shown_as_written_so_the_editor_can_find_it() -> None:
    assert list(unsafe_urls(definition("[x](jav&#x61;script:alert(1))"))) == [
        (("body",), "jav&#x61;script:alert(1)")
    ]
    assert list(unsafe_urls(definition("[x](java\tscript:alert(1))"))) == [
        (("body",), "javascript:alert(1)")
    ]


@pytest.mark.parametrize(
    "body",
    [
        "[a](/term/x/) and [b](https://example.org/?data=javascript:1)",
        "Plain words: javascript: is a scheme, data: too.",
    ],
)
def test_ordinary_links_and_prose_are_not_flagged(body: str) -> None:
    assert list(unsafe_urls(definition(body))) == []


def test_section_bodies_image_urls_and_author_pages_are_checked() -> None:
    image = Image(url="javascript:alert(1)", alt="a", width=1, height=1)
    section = Section(heading="H", body="[a](data:text/html,x)")
    term = Term(slug="t", title="T", summary="S", published=DAY, sections=[section], image=image)
    author = Author(slug="a", name="A", bio="B", url=" javascript:alert(2)")
    assert [loc for loc, _ in unsafe_urls(term)] == [("image", "url"), ("sections", 0, "body")]
    assert [loc for loc, _ in unsafe_urls(author)] == [("url",)]
