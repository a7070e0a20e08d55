"""The allowlist keeps what Markdown and its extensions make, and nothing that runs."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from termsite.sanitize import (
    clean_html,
    escape_raw_html,
    normalised_url,
    safe_url,
    script_url,
)

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "footnotes", "def_list", "abbr"]
EXTENSIONS += ["toc", "fenced_code"]

DOCUMENT = """\
# Title { #custom-id .big lang=en }

Text with *emphasis*, **strong**, `code`, a [link](https://example.org/ "a title"),
a [relative link](../basis/), an ![image](/i.svg){ width="8" height="8" loading=lazy }
and a footnote.[^1] The HTML abbreviation is expanded.

*[HTML]: Hyper Text Markup Language

!!! note "A note"
    An admonition with a [link](#custom-id).

| Left | Right |
| :--- | ----: |
| a    | b     |

Term
:   Its definition.

<div class="grid" markdown="1">
A *Markdown* paragraph inside HTML.
</div>

```python
print("<b>")
```

1. one
2. two
    - nested

> A quote.

---

[^1]: The footnote text.
"""


class Structure(HTMLParser):
    """Tags, attributes (decoded) and text, ignoring serialisation details (`<hr />`, `&para;`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[object] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "tbody":
            values = tuple(sorted((k, (v or "").replace(" ", "").rstrip(";")) for k, v in attrs))
            self.items.append((tag, values))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag != "tbody":
            self.items.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(data.strip())


def structure(html: str) -> list[object]:
    parser = Structure()
    parser.feed(html)
    return parser.items


def test_markdown_and_its_extensions_pass_unchanged() -> None:
    html = markdown.markdown(DOCUMENT, extensions=EXTENSIONS)
    assert "footnote" in html and "admonition" in html and "text-align" in html
    assert structure(clean_html(html)) == structure(html)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a</p><script>alert(1)</script>", "<p>a</p>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)" onclick="x()">l</a>', "<a>l</a>"),
        ('<a href="java\tscript:alert(1)">l</a>', "<a>l</a>"),
        ('<a href="jav&#x61;script:alert(1)">l</a>', "<a>l</a>"),
        ('<img src="data:text/html,x">', "<img>"),
        ("<svg onload=alert(1)><circle/></svg>after", "after"),
        ("<style>p{}</style><iframe srcdoc=x></iframe>t", "t"),
        ('<p style="position: fixed; inset: 0">cover</p>', "<p>cover</p>"),
        ('<th style="text-align: right; color: red">h</th>', "h"),
        ('<div id="__config">{}</div>', "<div>{}</div>"),
        ('<form action="https://x.example/"><input name="q"></form>', ""),
    ],
)
def test_executable_markup_is_dropped(dirty: str, clean: str) -> None:
    assert clean_html(dirty) == clean


def test_table_alignment_is_the_only_style_kept() -> None:
    html = '<table><tr><th style="text-align: right; color: red">h</th></tr></table>'
    assert '<th style="text-align:right">h</th>' in clean_html(html)


def test_kept_fragments_pass_byte_for_byte_and_the_rest_is_cleaned() -> None:
    widget = '<div data-calculator="x"><form><input name="a"></form><script src="w.js"></script>'
    widget += "</div>"
    page = f"<p onclick='a()'>before</p>\n{widget}\n<img src=x onerror=b()>"
    assert clean_html(page, keep=[widget]) == f'<p>before</p>\n{widget}\n<img src="x">'


def test_a_fragment_cut_around_a_kept_one_cannot_swallow_it() -> None:
    widget = '<div data-calculator="x"></div>'
    page = f'<a href="{widget}">'
    assert clean_html(page, keep=[widget]).count(widget) == 1
    assert "<a" not in clean_html(page, keep=[widget]).replace(widget, "")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)",
        "javascript&colon;alert(1)",
        "&#x6A;avascript:alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>",
    ],
)
def test_script_urls_are_found_however_they_are_spelt(url: str) -> None:
    assert script_url(url)
    assert safe_url(url) == ""


@pytest.mark.parametrize(
    "url", ["/term/x/", "../x/", "#fn:1", "https://example.org/a?data=1", "mailto:a@b.c", "x.svg"]
)
def test_ordinary_urls_are_kept(url: str) -> None:
    assert not script_url(url)
    assert safe_url(url) == url


def test_normalising_removes_what_a_browser_ignores() -> None:
    assert normalised_url("  jav&#x61;\tscr\nipt:x") == "javascript:x"


def test_escape_shows_raw_html_but_leaves_code_and_autolinks() -> None:
    text = "A <b>tag</b>, `<i>` code, <https://example.org/> and <me@example.org>.\n"
    text += "```\n<pre>kept</pre>\n```\n<img src=x onerror=alert(1)>"
    assert escape_raw_html(text) == (
        "A &lt;b>tag&lt;/b>, `<i>` code, <https://example.org/> and <me@example.org>.\n"
        "```\n<pre>kept</pre>\n```\n&lt;img src=x onerror=alert(1)>"
    )


def test_escaped_markdown_renders_tags_as_text() -> None:
    html = markdown.markdown(escape_raw_html("Say <b>hi</b> and `<b>`."))
    assert html == "<p>Say &lt;b&gt;hi&lt;/b&gt; and <code>&lt;b&gt;</code>.</p>"
