"""The parts of a built site that termsite owns, as text files keyed by golden path.

Crawl outputs, Markdown copies and redirect pages are ours byte for byte, so
they are kept whole. A theme-rendered HTML page is reduced to what termsite
puts into it: `<title>`, the canonical link, the meta description, the Open
Graph and Twitter tags, the text of the main article and the JSON-LD graph,
parsed and pretty-printed. The rest of the theme's HTML is left out, so a
Material upgrade does not churn the goldens.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["OWNED_TEXT_FILES", "owned_outputs", "page_summary"]

OWNED_TEXT_FILES = ("sitemap.xml", "robots.txt", "llms.txt")
"""Crawl outputs at the site root, compared whole."""
THEME_DIRS = ("assets", "search", "pagefind")
"""Folders of theme and search-engine files: none of their bytes are ours."""
THEME_PAGES = ("404.html",)
"""Pages the theme renders with nothing of termsite in them."""
REDIRECT_MARK = 'http-equiv="refresh"'
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "div", "dt", "dd"}
    | {"dl", "tr", "table", "section", "details", "summary", "figure", "figcaption", "pre"}
    | {"nav", "header", "footer", "form", "br", "hr"}
)
"""Elements that start a new line of the article's text."""
SKIPPED_TAGS = frozenset({"script", "style", "template"})


def owned_outputs(site: Path) -> dict[str, str]:
    """Every owned output of the built `site`, as `{golden path: text}`, sorted by path."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.split("/")[0] in THEME_DIRS or name in THEME_PAGES:
            continue
        if name in OWNED_TEXT_FILES or name.endswith(".md"):
            found[name] = path.read_text(encoding="utf-8")
        elif name.endswith(".html"):
            text = path.read_text(encoding="utf-8")
            found[name if REDIRECT_MARK in text else f"{name}.txt"] = (
                text if REDIRECT_MARK in text else page_summary(text)
            )
    return found


def page_summary(html: str) -> str:
    """The owned parts of one theme-rendered page, as a readable text block."""
    parser = _OwnedParts()
    parser.feed(html)
    parser.close()
    head = [f"title: {parser.title.strip()}"]
    head += [f"{key}: {value}" for key, value in parser.head]
    graphs = [json.loads(block) for block in parser.jsonld]
    pretty = json.dumps(graphs, indent=2, ensure_ascii=False, sort_keys=True)
    article = "\n".join(_lines(parser.article))
    return "\n".join([*head, "", "--- article ---", article, "", "--- json-ld ---", pretty, ""])


def _lines(text: str) -> list[str]:
    """Whitespace-normalised, non-empty lines, as a reader sees the article."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class _OwnedParts(HTMLParser):
    """Collects the title, owned head tags, JSON-LD blocks and the main article's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.head: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self.article = ""
        self._in_title = False
        self._in_jsonld = False
        self._article_depth = 0
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self._head_tag(tag, values)
        classes = values.get("class", "").split()
        if tag == "article" and (self._article_depth or "md-content__inner" in classes):
            self._article_depth += 1
        if self._article_depth and (tag in SKIPPED_TAGS or "headerlink" in classes):
            self._skip_depth += 1
        if self._article_depth and tag in BLOCK_TAGS:
            self.article += "\n"

    def _head_tag(self, tag: str, values: dict[str, str]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        elif tag == "link" and values.get("rel") == "canonical":
            self.head.append(("canonical", values.get("href", "")))
        elif tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key == "description" or key.startswith(("og:", "twitter:")):
                self.head.append((key, values.get("content", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._in_jsonld = False
        if self._skip_depth and (tag in SKIPPED_TAGS or tag == "a"):
            self._skip_depth -= 1
        if self._article_depth and tag in BLOCK_TAGS:
            self.article += "\n"
        if tag == "article" and self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_jsonld:
            self.jsonld[-1] += data
        if self._article_depth and not self._skip_depth:
            self.article += data
