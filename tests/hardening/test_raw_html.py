"""Executable markup written into entry Markdown never reaches a built page (`raw_html`).

The CSP in `_headers` is a second wall: hosts such as GitHub Pages send no
headers, so the page itself must carry nothing that runs. Each payload below
sits in the body of its own definition; one tiny real build per mode checks
every page. `raw_html: allow` is the control: the same payloads do reach the
page there, which shows the scanner finds them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from site_build import REPO, BuildSite, default_entries, write_project

from termsite.generate.headers import unlisted_inline_scripts
from termsite.sanitize import script_url

SVG = "<svg xmlns='http://www.w3.org/2000/svg'/>"
PAYLOADS = {
    "script-end": "Text </script><script>alert(1)</script> after.",
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(2)</script>"></iframe>\n\nAfter.',
    "img-onerror": "An image <img src=x onerror=alert(3)> inline.",
    "svg-onload": "<svg onload=alert(4)><circle r=1 /></svg>\n\nAfter.",
    "style": "<style>body { display: none }</style>\n\nAfter.",
    "attr-list-link": '[a link](https://example.org/){onclick="alert(5)"} in text.',
    "attr-list-heading": '## A heading {onclick="alert(6)"}\n\nText.',
    "md-in-html-div": '<div markdown="1" onclick="alert(7)">\n*inside*\n</div>\n\nAfter.',
    "attr-list-image": '![an image](/i.svg){onerror="alert(8)"}',
    "raw-script-url": '<a href="javascript:alert(9)">raw</a>',
    "tab-script-url": "[tab](java\tscript:alert(10))",
    "entity-script-url": "[entity](jav&#x61;script:alert(11))",
    "raw-entity-script-url": '<a href="jav&#x61;script:alert(12)">raw entity</a>',
    "theme-id": '<div id="__config">{"base": "https://evil.example/"}</div>',
    "form": '<form action="https://evil.example/"><input name="q"><button>Go</button></form>',
}
"""Case → entry body. The three script-URL cases get past the loader only because the
test sets `unsafe-url: ignore`: the sanitiser must stop them on its own."""


class Live(HTMLParser):
    """Everything in a page that would run or hijack the page, named for the report."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name: value or "" for name, value in attrs}
        self.found += [f"<{tag} {name}>" for name in names if name.startswith("on")]
        self.found += [f"<{tag}>" for _ in [tag] if tag in ("iframe", "style", "svg", "form")]
        self.found += [
            f"<{tag} {name}={value!r}>"
            for name, value in names.items()
            if name in ("href", "src", "action", "srcdoc") and script_url(value)
        ]
        if tag == "script" and "src" not in names:
            self.found.append("<script> inline")
        if names.get("id") == "__config" and tag != "script":
            self.found.append(f"<{tag} id=__config>")


def live_markup(page: Path) -> list[str]:
    """What would run in `page`'s article (the theme's own markup is checked elsewhere)."""
    text = page.read_text(encoding="utf-8")
    article = text.split("<article", 1)[1].split("</article>", 1)[0]
    parser = Live()
    parser.feed("<article" + article)
    found = parser.found + [f"inline script: {b[:40]}" for b in unlisted_inline_scripts(text)]
    return sorted(set(found))


def payload_entries() -> dict[str, object]:
    base = default_entries()["definitions/beta.yml"]
    return {
        f"definitions/case-{name}.yml": base | {"title": f"Case {name}", "body": body}
        for name, body in PAYLOADS.items()
    }


def build_payloads(root: Path, mode: str) -> Path:
    config = {"raw_html": mode, "validation": {"unsafe-url": "ignore"}}
    config_file = write_project(root / "project", payload_entries(), config, {"i.svg": SVG}, None)
    (root / "project/node_modules").symlink_to(REPO / "node_modules")
    # Not strict: MkDocs' strict mode would stop the script-URL links as "unrecognized"
    # links, and a site that builds without it must be just as safe.
    build(load_config(config_file=str(config_file), strict=False, site_dir=str(root / "site")))
    return root / "site"


def found_per_case(site: Path) -> dict[str, list[str]]:
    return {name: live_markup(site / f"definition/case-{name}/index.html") for name in PAYLOADS}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One build per mode, shared by the tests below (each build takes seconds)."""
    modes = ("sanitize", "escape", "allow")
    return {mode: build_payloads(tmp_path_factory.mktemp(mode), mode) for mode in modes}


@pytest.mark.parametrize("mode", ["sanitize", "escape"])
def test_no_payload_reaches_a_page(sites: dict[str, Path], mode: str) -> None:
    assert {name: found for name, found in found_per_case(sites[mode]).items() if found} == {}


def test_with_allow_the_payloads_do_reach_the_page(sites: dict[str, Path]) -> None:
    """The control: `allow` trusts writers, so the scanner must find the raw-HTML payloads."""
    found = found_per_case(sites["allow"])
    raw = ["script-end", "iframe-srcdoc", "img-onerror", "svg-onload", "style", "raw-script-url"]
    assert [name for name in raw if not found[name]] == []
    assert found["attr-list-link"] == ["<a onclick>"]


def test_sanitize_keeps_the_text_around_a_payload(sites: dict[str, Path]) -> None:
    page = (sites["sanitize"] / "definition/case-img-onerror/index.html").read_text("utf-8")
    assert re.search(r"An image <img src=\"x\"> inline\.", page)
    heading = (sites["sanitize"] / "definition/case-attr-list-heading/index.html").read_text(
        "utf-8"
    )
    assert '<h2 id="a-heading">A heading' in heading


def test_escape_shows_raw_html_as_text(sites: dict[str, Path]) -> None:
    page = (sites["escape"] / "definition/case-img-onerror/index.html").read_text("utf-8")
    assert "An image &lt;img src=x onerror=alert(3)&gt; inline." in page


def test_a_calculator_widget_survives_sanitising(build_site: BuildSite) -> None:
    term = default_entries()["terms/first-term.yml"] | {"calculators": ["correlation-matrix"]}
    site = build_site(entries={"terms/first-term.yml": term})
    page = (site / "term/first-term/index.html").read_text(encoding="utf-8")
    assert 'data-calculator="correlation-matrix"' in page
    assert '<form class="tc-form"' in page and "<svg" in page


@pytest.mark.parametrize("image", ["java\tscript:alert(1)", "jav&#x61;script:alert(1)"])
def test_a_script_url_as_default_image_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, image: str
) -> None:
    """`default_image` is a setting, not an entry: the option check refuses it, by name."""
    with pytest.raises(Abort):
        build_site(config={"default_image": image})
    assert "option 'default_image': a javascript:, vbscript: or data: URL" in caplog.text


ENCODED_LINKS = {
    "entity": ("[x](jav&#x61;script:alert(1))", "jav&#x61;script:alert(1)"),
    "tab": ("[x](java\tscript:alert(1))", "javascript:alert(1)"),
    "raw-entity": ('<a href="jav&#x61;script:alert(1)">x</a>', "jav&#x61;script:alert(1)"),
    "attr-list": ('[x](/term/first-term/){href="javascript:alert(1)"}', "javascript:alert(1)"),
}


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not-strict"])
@pytest.mark.parametrize("case", sorted(ENCODED_LINKS))
def test_an_encoded_script_url_is_refused_with_file_line_and_field(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str, strict: bool
) -> None:
    """Issue 15 item 4: the loader names the YAML file and line, not the generated `.md`."""
    body, shown = ENCODED_LINKS[case]
    entries = {"definitions/beta.yml": default_entries()["definitions/beta.yml"] | {"body": body}}
    config_file = write_project(tmp_path / "project", entries, None, None, None)
    config = load_config(config_file=str(config_file), strict=strict, site_dir=str(tmp_path / "s"))
    with pytest.raises(Abort):
        build(config)
    written = (tmp_path / "project/glossary/definitions/beta.yml").read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(written.splitlines(), 1) if text.startswith("body:"))
    expected = f"glossary/definitions/beta.yml:{line}: field 'body': the link '{shown}'"
    assert expected in caplog.text and "Traceback" not in caplog.text
    assert not (tmp_path / "s").exists()
