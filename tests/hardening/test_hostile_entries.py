"""Hostile entries, end to end through a tiny real build: escaped, neutralised or refused.

The loader's own tests (`tests/load/test_load_errors.py`) cover each refusal's
wording; these tests cover what reaches the built HTML, and the cases that must
be refused fast or survive a whole build.
"""

from __future__ import annotations

import copy
import itertools
import json
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort
from site_build import ANSWER, BuildSite, default_entries

from termsite.generate.headers import unlisted_inline_scripts
from termsite.load import load_glossary
from termsite.load.yaml_source import MAX_DEPTH

PAYLOAD = "\"'></title></textarea><script>alert(1)</script><img src=x onerror=alert(2)>"
"""Closes an attribute, a title and a textarea, then opens a script and an event handler."""
SHORT = "A summary with hostile text in it: "
QUICK_S = 2.0
"""How long a refusal may take; a YAML bomb that is not refused takes minutes or memory."""
UNSAFE_URLS = (
    "javascript:alert(3)",
    "JavaScript:alert(4)",
    " javascript:alert(5)",
    "data:text/html,<script>alert(6)</script>",
    "vbscript:msgbox(7)",
)
LINK_FORMS = (
    "[a]({url})",
    "![an image]({url})",
    '<a href="{url}">raw</a>',
    "<img src='{url}' alt='raw'>",
    "[a][r]\n\n[r]: {url}",
    "<{url}>",
)


class Injected(HTMLParser):
    """Finds markup a page would run: inline scripts, event handlers, and the payload's img."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.found += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        if tag == "img" and values.get("src") == "x":
            self.found.append("<img src=x>")
        self.urls += [value or "" for name, value in attrs if name in ("href", "src")]


class TitleText(HTMLParser):
    """The text of the document's `<title>`, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.title += data


def scan(page: Path) -> Injected:
    parser = Injected()
    text = page.read_text(encoding="utf-8")
    parser.feed(text)
    parser.found += [f"inline script: {body[:60]}" for body in unlisted_inline_scripts(text)]
    return parser


def injected_markup(site: Path) -> list[str]:
    return [
        f"{p.relative_to(site)}: {f}" for p in sorted(site.rglob("*.html")) for f in scan(p).found
    ]


def hostile_entries() -> dict[str, Any]:
    """The tiny glossary with the payload in every plain-text field of every kind."""
    entries: dict[str, Any] = copy.deepcopy(default_entries())
    entries["authors/desk.yml"] |= {"name": "Desk " + PAYLOAD, "bio": "Bio " + PAYLOAD}
    area = entries["areas/alpha.yml"]
    area |= {"title": "Alpha " + PAYLOAD, "summary": SHORT + PAYLOAD}
    area["faq"] = [
        {"question": "Why " + PAYLOAD + "?", "answer": ANSWER + PAYLOAD},
        {"facet": "Risk" + PAYLOAD, "answer": ANSWER},
    ]
    term = entries["terms/first-term.yml"]
    term |= {"title": "First " + PAYLOAD, "summary": SHORT + PAYLOAD}
    term["sections"] = [{"heading": "Essence " + PAYLOAD, "quote": "Q " + PAYLOAD, "body": "B."}]
    term["image"] = {"url": "/i.svg", "alt": "Alt " + PAYLOAD, "width": 8, "height": 8}
    entries["definitions/basis.yml"] |= {"title": "Basis " + PAYLOAD, "summary": SHORT + PAYLOAD}
    return entries


@pytest.fixture
def hostile_site(build_site: BuildSite) -> Path:
    return build_site(
        entries=hostile_entries(), pages={"i.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"}
    )


def test_html_in_every_text_field_is_escaped_in_every_page(hostile_site: Path) -> None:
    assert injected_markup(hostile_site) == []


def test_escaped_text_still_reads_as_written(hostile_site: Path) -> None:
    page = (hostile_site / "term/first-term/index.html").read_text(encoding="utf-8")
    parser = TitleText()
    parser.feed(page)
    assert parser.title.startswith("First " + PAYLOAD)


def test_search_index_carries_no_live_markup(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    live = [doc["location"] for doc in index["docs"] if "<script>" in doc["title"]]
    assert live == []


def test_script_end_tag_in_an_faq_answer_keeps_json_ld_whole(hostile_site: Path) -> None:
    html = (hostile_site / "area/alpha/index.html").read_text(encoding="utf-8")
    blocks = html.split('<script type="application/ld+json">')[1:]
    graphs = [json.loads(block.split("</script>", 1)[0]) for block in blocks]
    answers = [
        q["acceptedAnswer"]["text"]
        for g in graphs
        for node in g.get("@graph", [g])
        if node.get("@type") == "FAQPage"
        for q in node["mainEntity"]
    ]
    assert ANSWER + PAYLOAD in answers


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_script_and_data_urls_in_a_markdown_link_are_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, url: str
) -> None:
    body = f"A [link]({url}) in the body."
    entries = {"definitions/beta.yml": default_entries()["definitions/beta.yml"] | {"body": body}}
    with pytest.raises(Abort):
        build_site(entries=entries)
    assert "glossary/definitions/beta.yml:" in caplog.text
    assert "field 'body': the link '" in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize("form", LINK_FORMS)
def test_every_markdown_and_html_link_form_is_checked(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, form: str
) -> None:
    section = {"heading": "Essence", "body": "Text. " + form.format(url="javascript:alert(9)")}
    term = default_entries()["terms/first-term.yml"] | {"sections": [section]}
    with pytest.raises(Abort):
        build_site(entries={"terms/first-term.yml": term})
    assert "field 'sections[0].body': the link 'javascript:alert(9)'" in caplog.text


def test_script_url_as_entry_image_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    term = default_entries()["terms/first-term.yml"]
    image = {"url": "javascript:alert(8)", "alt": "An image", "width": 8, "height": 8}
    with pytest.raises(Abort):
        build_site(entries={"terms/first-term.yml": term | {"image": image}})
    assert "field 'image.url': the link 'javascript:alert(8)'" in caplog.text


def test_script_url_as_author_page_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    author = default_entries()["authors/desk.yml"] | {"url": "JaVaScRiPt:alert(10)"}
    with pytest.raises(Abort):
        build_site(entries={"authors/desk.yml": author})
    assert "glossary/authors/desk.yml:" in caplog.text and "field 'url'" in caplog.text


def test_ordinary_links_and_images_are_not_refused(build_site: BuildSite) -> None:
    body = "See [basis](/definition/basis/), [docs](https://example.org/a?data=1) and ![i](/i.svg)."
    entries = {"definitions/beta.yml": default_entries()["definitions/beta.yml"] | {"body": body}}
    site = build_site(entries=entries, pages={"i.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert "https://example.org/a?data=1" in scan(site / "definition/beta/index.html").urls


def _write(project: Path, relative: str, data: bytes) -> None:
    path = project / "glossary" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _timed_problems(project: Path) -> tuple[float, list[str]]:
    start = time.monotonic()
    result = load_glossary(project / "glossary", display_root=project)
    return time.monotonic() - start, [str(p) for p in result.problems if p.severity == "error"]


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghij"
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    _write(tmp_path, "terms/lol.yml", ("\n".join(lines) + "\n").encode())
    took, problems = _timed_problems(tmp_path)
    assert took < QUICK_S
    assert problems and problems[0].startswith("glossary/terms/lol.yml:")


def test_deep_nesting_is_refused_with_its_limit(tmp_path: Path) -> None:
    depth = 50_000
    _write(tmp_path, "terms/deep.yml", ("title: " + "[" * depth + "]" * depth + "\n").encode())
    took, problems = _timed_problems(tmp_path)
    assert took < QUICK_S
    assert len(problems) == 1 and "glossary/terms/deep.yml" in problems[0]
    assert str(MAX_DEPTH) in problems[0] or "nested" in problems[0]


def test_ten_megabyte_entry_is_refused_quickly(tmp_path: Path) -> None:
    _write(tmp_path, "terms/huge.yml", b"title: Huge\nbody: " + b"x" * 10 * 1024 * 1024 + b"\n")
    took, problems = _timed_problems(tmp_path)
    assert took < QUICK_S
    assert problems == [problems[0]] and "glossary/terms/huge.yml" in problems[0]
    assert "MB" in problems[0]


def test_bom_crlf_entry_builds_to_clean_html(build_site: BuildSite) -> None:
    text = (
        "\ufefftitle: Basis\r\nsummary: "
        + "The difference between futures and spot prices of one asset.\r\n"
    )
    text += "published: 2025-02-01\r\nauthor: desk\r\nareas: [alpha]\r\nbody: One line.\r\n"
    site = build_site(entries={"definitions/basis.yml": text})
    page = (site / "definition/basis/index.html").read_text(encoding="utf-8")
    assert "<title>Basis" in page and "\ufeff" not in page and "\r" not in page


def test_slugs_differing_only_in_case_are_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    twin = default_entries()["definitions/basis.yml"] | {"title": "BASIS"}
    with pytest.raises(Abort):
        build_site(entries={"definitions/Basis.yml": twin})
    assert "glossary/definitions/Basis.yml" in caplog.text and "Traceback" not in caplog.text


def test_future_date_builds_with_a_warning_not_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, "authors/desk.yml", b"name: Desk\nbio: Writes.\n")
    entry = (
        b"title: Later\nsummary: A definition dated a century from now, which is surely a typo.\n"
    )
    _write(tmp_path, "definitions/later.yml", entry + b"published: 2126-01-01\nbody: Soon.\n")
    result = load_glossary(tmp_path / "glossary", display_root=tmp_path)
    assert [p.severity for p in result.problems] == ["warning"]
    assert "future" in str(result.problems[0])
