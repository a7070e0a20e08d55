"""A small HTML reader for widget tests: every element with its attributes and its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "source", "col", "area", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if self._open:
            self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def elements(html: str) -> list[Element]:
    """Every element of `html` in document order."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.elements


def one(found: list[Element], **attrs: str) -> Element:
    """The single element whose attributes include `attrs` (underscores read as hyphens)."""
    wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
    matches = [e for e in found if all(e.attrs.get(k) == v for k, v in wanted.items())]
    assert len(matches) == 1, f"expected one element with {wanted}, found {len(matches)}"
    return matches[0]
