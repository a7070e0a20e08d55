"""Rendering page plans to Markdown with YAML front matter, through overridable Jinja templates.

Page templates produce Markdown, not HTML, so MkDocs and the theme still do
what they do for hand-written pages (TOC, permalinks, link checking). Entry
*text* (titles, summaries, FAQ answers) is escaped for Markdown with `md`, so
it shows exactly as written; entry *bodies* are Markdown by design and pass
through untouched. A site's own template folder comes first in the loader, so
any page template here (`pages/*.md.j2`, the Markdown copy, `redirect.html`) can
be replaced without forking the package. The calculator widget's templates are
not among them: they live in `termsite/widgets/templates/` with the browser
script that mounts on their markup, and change with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from termsite.generate.plan import Crumb, PageKind, PagePlan
from termsite.sanitize import escape_raw_html
from termsite.settings import RawHtml, SiteSettings
from termsite.widgets import render_widget

__all__ = [
    "TEMPLATE_DIR",
    "WidgetRenderer",
    "base_url_for",
    "front_matter",
    "make_environment",
    "md_inline",
    "render_page",
]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#])")
LINE_START_MARKERS = re.compile(r"^([-+]|\d+(?=\.\s))")

TEMPLATE_FIELDS = (
    "entry",
    "author",
    "image",
    "faq",
    "areas",
    "related",
    "backlinks",
    "items",
    "page_number",
    "page_urls",
    "letter",
    "letters",
)
"""Plan fields that page templates read by name beside `page` itself."""

SAFE_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's dumper when PyYAML has it: the same output, ten times faster (10,000 pages)."""

WidgetRenderer = Callable[[str, SiteSettings, str], Markup]
"""`(calculator id, settings, base url) -> widget HTML`, as `termsite.widgets.render_widget`."""


def one_line(text: str) -> str:
    """Text with every run of white space, line breaks included, as one space."""
    return " ".join(str(text).split())


def md_inline(text: str) -> Markup:
    """Text that Markdown will show exactly as written, on one line.

    `&`, `<` and `>` become entities (Markdown has no backslash escape for `<`)
    and every character Markdown gives meaning to is backslash-escaped.
    """
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(one_line(text), quote=False))
    return Markup(LINE_START_MARKERS.sub(_escape_marker, escaped))


@jinja2.pass_context
def markdown_body(context: jinja2.runtime.Context, text: str) -> Markup:
    """An entry's Markdown body as the page gets it: raw HTML shown as text under
    `raw_html: escape`, as written otherwise (the plugin cleans the HTML it becomes)."""
    settings = context.get("settings")
    if isinstance(settings, SiteSettings) and settings.raw_html is RawHtml.ESCAPE:
        return Markup(escape_raw_html(text))
    return Markup(text)


def _escape_marker(match: re.Match[str]) -> str:
    """`- x`, `+ x`, `1. x` at the start would become a list: escape the marker."""
    marker = match.group(1)
    return f"\\{marker}" if not marker.isdigit() else f"{marker}\\"


def site_path(url: str) -> str:
    """A site-relative URL as the site-absolute path used in generated Markdown links.

    The MkDocs plugin turns these into page-relative `.md` links, which MkDocs
    then checks and rewrites, so generated links are validated like any other.
    """
    if "://" in url:
        return url
    return "/" + url.lstrip("/")


def base_url_for(url: str) -> str:
    """The relative path from a page at directory URL `url` to the site root (`..`, `.`)."""
    depth = len([part for part in url.strip("/").split("/") if part])
    return "/".join([".."] * depth) or "."


def default_widget_renderer() -> WidgetRenderer:
    """The calculator widget renderer (`termsite.widgets.render_widget`)."""
    return render_widget


def make_environment(
    override_dirs: Sequence[Path] = (), site: Mapping[str, str] | None = None
) -> jinja2.Environment:
    """One strict environment: site overrides first, then the package's templates.

    HTML templates are autoescaped; Markdown templates escape entry text
    explicitly with `md`, because HTML escaping alone would not stop `*` or `[`.
    `site` (name, url, description) is what the home page shows about the site.
    """
    loaders = [jinja2.FileSystemLoader(str(path)) for path in override_dirs if path.is_dir()]
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATE_DIR)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_inline
    env.filters["one_line"] = one_line
    env.filters["body"] = markdown_body
    env.filters["site_path"] = site_path
    env.globals["site"] = dict(site or {"name": "Glossary", "url": "", "description": ""})
    return env


def front_matter(page: PagePlan) -> dict[str, Any]:
    """The YAML front matter MkDocs reads into `page.meta` (title, description, calculators).

    Title and description are HTML-escaped here because Material prints `page.meta.title`
    and `page.meta.description` into `<title>`, the header and a `content` attribute as
    they are: entry text such as `</title><script>` must arrive there as text.
    """
    meta: dict[str, Any] = {"termsite_kind": page.kind.value}
    if page.kind is not PageKind.HOME:  # the home page's <title> is the site's name alone
        meta["title"] = html.escape(page.title)
    if page.description:
        meta["description"] = html.escape(page.description)
    if page.calculators:
        meta["calculators"] = list(page.calculators)
    return meta


def template_context(page: PagePlan) -> dict[str, Any]:
    """The names the page templates read, kept stable so a site's own templates keep working.

    They are the plan's typed fields, plus the A–Z total (`count`), the home
    page's newest entries (`newest`) and, on the home page, `areas` with counts.
    """
    names = {name: getattr(page, name) for name in TEMPLATE_FIELDS}
    names["count"] = sum(letter.count for letter in page.letters)
    names["newest"] = page.items
    if page.kind in (PageKind.HOME, PageKind.AREAS):
        names["areas"] = page.area_counts
    return names


def crumbs_markdown(trail: Sequence[Crumb], env: jinja2.Environment) -> str:
    """A hand-written page's breadcrumb through the `crumbs` macro the generated pages use,
    so a site's own `_macros.md.j2` reaches both; nothing for home's one-step trail."""
    if len(trail) < 2:
        return ""
    macros: Any = env.get_template("pages/_macros.md.j2").make_module()
    return f"{macros.crumbs(trail)}\n\n"


def render_page(
    page: PagePlan,
    settings: SiteSettings,
    env: jinja2.Environment | None = None,
    widget: WidgetRenderer | None = None,
) -> str:
    """The Markdown source of one generated page, front matter first."""
    environment = env or make_environment()
    render_widget = widget or default_widget_renderer()
    base_url = base_url_for(page.url)

    def calculator_widget(calc_id: str) -> Markup:
        return render_widget(calc_id, settings, base_url)

    body = environment.get_template(page.template).render(
        page=page, settings=settings, calculator_widget=calculator_widget, **template_context(page)
    )
    meta = yaml.dump(front_matter(page), Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=True)
    return f"---\n{meta}---\n\n{body.strip()}\n"
