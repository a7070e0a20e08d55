"""Reading built HTML in tests with the standard library's parser."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any


class PageParser(HTMLParser):
    """Collects links, ids, JSON-LD blocks, meta tags and the FAQ's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.jsonld: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.faq_questions: list[str] = []
        self.faq_answers: list[str] = []
        self._capture: list[str] | None = None
        self._capture_tag = ""
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self._collect(tag, values)
        classes = values.get("class", "").split()
        if "termsite-faq-question" in classes or "termsite-faq-answer" in classes:
            self._capture, self._capture_tag = [], tag
            target = self.faq_questions if "termsite-faq-question" in classes else self.faq_answers
            target.append("")
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def _collect(self, tag: str, values: dict[str, str]) -> None:
        self.links += [(tag, values[name]) for name in ("href", "src") if name in values]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)
        if self._capture is not None:
            target = self.faq_questions if self._capture_tag.startswith("h") else self.faq_answers
            target[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if self._capture is not None and tag == self._capture_tag:
            self._capture = None
        if tag == "script":
            self._in_jsonld = False


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def graph(path: Path) -> list[dict[str, Any]]:
    """The nodes of every JSON-LD block of a page."""
    nodes: list[dict[str, Any]] = []
    for block in parse(path).jsonld:
        document = json.loads(block)
        nodes += document.get("@graph", [document])
    return nodes


def visible(text: str) -> str:
    """Whitespace-normalised text, as a reader sees it; heading permalinks removed."""
    return " ".join(text.replace("¶", " ").split())
