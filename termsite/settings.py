"""The site's settings: one typed model read from `mkdocs.yml`'s `plugins: - termsite:` block.

The MkDocs plugin validates its options through this model, so a typo in
`mkdocs.yml` is reported the way an entry error is, and the core modules
(`generate/`: plan, render, jsonld, crawl) read settings without importing MkDocs.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from termsite.problems import CODES
from termsite.sanitize import script_url
from termsite.wording import suggestion

__all__ = [
    "AutolinkSettings",
    "CalculatorSettings",
    "Organization",
    "PagePaths",
    "RawHtml",
    "SiteSettings",
    "TitlePatterns",
    "ValidationLevel",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ValidationLevel(StrEnum):
    """How seriously a content problem is taken, as in MkDocs' own `validation:`."""

    ERROR = "error"
    WARN = "warn"
    IGNORE = "ignore"


class RawHtml(StrEnum):
    """What happens to HTML written into entry Markdown (and to the HTML Markdown makes)."""

    SANITIZE = "sanitize"
    ESCAPE = "escape"
    ALLOW = "allow"


class PagePaths(_Frozen):
    """URL patterns of the generated pages, relative to the site root, ending in `/`."""

    term: str = "term/{slug}/"
    """A long-form term's page."""
    definition: str = "definition/{slug}/"
    """A short definition's page."""
    area: str = "area/{slug}/"
    """An area's first page: its FAQ and the first page of its listing."""
    area_page: str = "area/{slug}/resource/{n}/"
    """Listing page n ≥ 2 of an area (page 1 redirects to the area)."""
    areas: str = "area/"
    """The hub listing every area with its count and summary."""
    author: str = "author/{slug}/"
    """An author's page, listing what they wrote."""
    glossary: str = "glossary/"
    """The A–Z index; its letter pages sit below it."""


class TitlePatterns(_Frozen):
    """Page titles; `{title}` is the entry's title and `{n}` a listing page number."""

    term: str = "{title} ⎊ Term"
    """Title of a term page."""
    definition: str = "{title} ⎊ Definition"
    """Title of a definition page."""
    area: str = "{title} ⎊ Area"
    """Title of an area's first page."""
    area_page: str = "{title} ⎊ Area ⎊ Resource {n}"
    """Title of an area's listing page n ≥ 2."""
    author: str = "{title} ⎊ Author"
    """Title of an author page."""


class Organization(_Frozen):
    """The publisher named in every page's JSON-LD."""

    name: str | None = None
    """Defaults to the MkDocs `site_name`."""
    url: str | None = None
    """Defaults to the MkDocs `site_url`."""
    logo: str | None = None
    """The publisher's logo, site-relative or absolute; an SVG is given as a 512×512 PNG."""


class CalculatorSettings(_Frozen):
    """How calculator widgets load their Python runtime in the browser."""

    pyodide_cdn_url: str | None = None
    """Base URL of a Pyodide CDN (may contain `{version}`); empty means self-hosted."""


SKIP_TAGS = (
    *("h1", "h2", "h3", "h4", "h5", "h6"),
    *("a", "code", "pre", "kbd", "samp", "th", "script", "style", "button", "label"),
)
"""Elements whose text automatic links never enter."""


class AutolinkSettings(_Frozen):
    """Automatic term links and hover cards (README, "Linking")."""

    enabled: bool = True
    """Link mentions of glossary entries in every page's text at build time."""
    per_section: bool = True
    """Link the first mention of an entry in each H2 section; `false` links only the first
    on the page."""
    match_aliases: bool = True
    """Match an entry's `aliases` (old slugs, read as words) as well as its title."""
    match_synonyms: bool = True
    """Match an entry's `synonyms` (display forms such as "Kendall's tau" or "ENB")."""
    inflections: bool = True
    """Match English plurals of a name's last word (ratios, matrices, copulas)."""
    exact_acronyms: bool = True
    """Match acronyms and mixed-case words (ENB, VaR) only as written; other words
    match in any case."""
    longest_match: bool = True
    """Prefer the longest name ("rolling correlation" before "correlation")."""
    kinds: list[str] = Field(default_factory=lambda: ["term", "definition", "area"])
    """Which kinds of entry are linked: `term`, `definition`, `area`."""
    hand_written_pages: bool = True
    """Link the Markdown pages of `docs_dir` too (a page opts out with `autolink: false`
    in its front matter)."""
    skip_tags: list[str] = Field(default_factory=lambda: list(SKIP_TAGS))
    """Elements whose text is never linked: headings (FAQ questions are headings), code,
    existing links, table headers."""
    skip_classes: list[str] = Field(
        default_factory=lambda: [
            "termsite-breadcrumbs",
            "termsite-byline",
            "termsite-listing",
            "termsite-pager",
            "tc-calculator",
        ]
    )
    """Elements with one of these classes are not linked: breadcrumbs, bylines, listings of
    entries (which show each summary already), pagers, calculator widgets."""
    cards: bool = True
    """Give every linked entry a hover card (title, kind, summary, "Read more")."""
    card_summary_length: int = Field(default=180, ge=40, le=1000)
    """Summaries longer than this many characters are reported as too long for a card."""

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: list[str]) -> list[str]:
        for kind in value:
            if kind not in ("term", "definition", "area"):
                raise ValueError(f"'{kind}' is not a kind that can be linked")
        return value


class SiteSettings(_Frozen):
    """Every option of the `termsite` plugin, each with its default."""

    glossary_dir: str = "glossary"
    """The folder of YAML entries, relative to `mkdocs.yml`."""
    paths: PagePaths = Field(default_factory=PagePaths)
    """Where each kind of generated page lives."""
    page_size: int = Field(default=14, ge=1, le=1000)
    """How many articles an area listing page shows."""
    title_patterns: TitlePatterns = Field(default_factory=TitlePatterns)
    """Page title patterns per page kind."""
    faq_question: str = "What is the {facet} of {title}?"
    """The question built from an FAQ item's facet and the entry's title."""
    organization: Organization = Field(default_factory=Organization)
    """The publisher in JSON-LD."""
    default_image: str | None = None
    """Image for pages without one (Open Graph, JSON-LD); an SVG is shared as a 1200×630 PNG."""
    default_image_alt: str | None = None
    """What the default image shows, for `og:image:alt`; defaults to the site name."""
    timezone_offset: str = Field(default="+00:00", pattern=r"^[+-](?:[01]\d|2[0-3]):[0-5]\d$")
    """The offset given to entry dates in JSON-LD, such as `+01:00`."""
    search_action: bool = True
    """Advertise the theme's `?q=` search as a schema.org SearchAction."""
    newest_on_home: int = Field(default=10, ge=0, le=100)
    """How many of the newest entries the generated home page lists."""
    validation: dict[str, ValidationLevel] = Field(default_factory=dict)
    """Severity per content-problem code: `error`, `warn` or `ignore`."""
    calculators: CalculatorSettings = Field(default_factory=CalculatorSettings)
    """Calculator widget options."""
    follow_symlinks: bool = False
    """Read entry files that are symbolic links to files outside the project."""
    raw_html: RawHtml = RawHtml.SANITIZE
    """HTML in entries: `sanitize` keeps only safe markup; `escape` also shows raw HTML as
    text; `allow` trusts the writers (see Safety)."""
    autolink: AutolinkSettings = Field(default_factory=AutolinkSettings)
    """Automatic term links and hover cards."""
    cache_dir: str = ".termsite-cache"
    """`termsite build`'s cache of rendered pages, relative to `mkdocs.yml` (git-ignored)."""

    @property
    def severities(self) -> dict[str, str]:
        """`validation` as the loader takes it: problem code → `error`, `warn` or `ignore`.

        The one conversion, used by `termsite check` and by the MkDocs build alike.
        """
        return {code: level.value for code, level in self.validation.items()}

    @field_validator("default_image")
    @classmethod
    def _no_script_url(cls, value: str | None) -> str | None:
        """A script URL would reach `og:image`, `twitter:image` and JSON-LD."""
        if value and script_url(value):
            raise ValueError("a javascript:, vbscript: or data: URL is not an image address")
        return value

    @field_validator("validation")
    @classmethod
    def _known_codes(cls, value: dict[str, ValidationLevel]) -> dict[str, ValidationLevel]:
        """A misspelt code would otherwise be ignored and leave the default grading."""
        for code in value:
            if code not in CODES:
                raise ValueError(f"'{code}' is not a problem code{suggestion(code, CODES)}")
        return value
