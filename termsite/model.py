"""Typed glossary entries.

The models are the one source of truth for the entry format: the loader
validates YAML against them, `termsite.authoring.schema` turns them into JSON Schema for
editors, and the page plan reads them. Every model rejects unknown keys so a
typo in an entry is an error rather than a silently ignored field.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

__all__ = [
    "MODELS",
    "WINDOWS_DEVICE_NAMES",
    "Area",
    "Author",
    "Definition",
    "Entry",
    "EntryKind",
    "FaqItem",
    "Glossary",
    "Image",
    "Section",
    "Slug",
    "Term",
]

WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(10)}
)
"""Names Windows reserves for devices: no file or folder may have them, so a page folder
`term/con/` (or an entry file `con.yml`) makes the site impossible to check out there."""


def _not_a_device_name(slug: str) -> str:
    if slug in WINDOWS_DEVICE_NAMES:
        raise ValueError(
            f"'{slug}' is a device name on Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9), "
            "so a site with it cannot be checked out there; choose another slug"
        )
    return slug


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=120),
    AfterValidator(_not_a_device_name),
]
"""Lower-case words joined by hyphens, and not a Windows device name: the last part of a
page URL."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text; surrounding whitespace is not meaningful in YAML scalars."""


class EntryKind(StrEnum):
    """The four kinds of entry; each lives in its own folder under `glossary/`."""

    TERM = "term"
    DEFINITION = "definition"
    AREA = "area"
    AUTHOR = "author"

    @property
    def folder(self) -> str:
        """The folder under `glossary/` that holds entries of this kind: `terms`, …"""
        return f"{self.value}s"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Image(_Strict):
    """An illustration; width and height are required because JSON-LD consumers want them."""

    url: Text = Field(description="Site-relative path (`/assets/…`) or absolute https URL.")
    alt: Text = Field(description="What the image shows, for readers who cannot see it.")
    width: int = Field(gt=0, le=10000, description="Width in pixels.")
    height: int = Field(gt=0, le=10000, description="Height in pixels.")


class FaqItem(_Strict):
    """One question and answer; the question may be built from a facet and the entry title."""

    facet: Text | None = Field(
        default=None,
        description="One word such as 'Risk'; the question comes from the site's faq pattern.",
    )
    question: Text | None = Field(default=None, description="The full question, if no facet.")
    answer: Text = Field(description="One paragraph of plain text (40–80 words reads best).")

    @model_validator(mode="after")
    def _facet_or_question(self) -> FaqItem:
        if (self.facet is None) == (self.question is None):
            raise ValueError("give exactly one of 'facet' or 'question'")
        return self


class Section(_Strict):
    """A named part of a long-form term (Essence, Origin, Theory, …)."""

    heading: Text
    quote: Text | None = Field(default=None, description="A pull quote summarising the section.")
    body: Text = Field(description="Markdown.")


class _EntryBase(_Strict):
    slug: Slug = Field(description="Defaults to the file name without `.yml`.")
    title: Text
    summary: Text = Field(description="One line for listings and the meta description.")
    body: str = Field(default="", description="Markdown.")
    published: dt.date
    modified: dt.date | None = Field(default=None, description="Defaults to `published`.")
    author: Slug | None = None
    areas: list[Slug] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    aliases: list[Slug] = Field(default_factory=list, description="Old slugs that redirect here.")
    synonyms: list[Text] = Field(
        default_factory=list,
        description="Other names readers use (Kendall's tau, tau-b, ENB), linked like the title.",
    )
    autolink: bool | Literal["synonyms"] = Field(
        default=True,
        description=(
            "Link mentions of this entry automatically on other pages; `synonyms` links only"
            " its synonyms, for a title that is also a common word (Basis)."
        ),
    )
    image: Image | None = None
    draft: bool = Field(default=False, description="Leave the entry out of the site.")

    @property
    def updated(self) -> dt.date:
        """The date a reader and a sitemap should see as the last change."""
        return self.modified or self.published

    @model_validator(mode="after")
    def _modified_not_before_published(self) -> _EntryBase:
        if self.modified is not None and self.modified < self.published:
            raise ValueError("'modified' is earlier than 'published'")
        return self


class Term(_EntryBase):
    """A long article on one concept."""

    kind: Literal[EntryKind.TERM] = EntryKind.TERM
    sections: list[Section] = Field(default_factory=list)
    faq: list[FaqItem] = Field(default_factory=list)
    calculators: list[Slug] = Field(
        default_factory=list, description="Ids of calculators to embed at the end of the article."
    )


class Definition(_EntryBase):
    """A short definition: one or two sentences in `body`."""

    kind: Literal[EntryKind.DEFINITION] = EntryKind.DEFINITION


class Area(_EntryBase):
    """A topic cluster: an FAQ, an introduction, and a paginated listing of its members."""

    kind: Literal[EntryKind.AREA] = EntryKind.AREA
    faq: list[FaqItem] = Field(default_factory=list)


class Author(_Strict):
    """Who wrote an entry; authors get a page listing their work."""

    kind: Literal[EntryKind.AUTHOR] = EntryKind.AUTHOR
    slug: Slug
    name: Text
    bio: Text = Field(description="A sentence or two about the author.")
    url: Text | None = Field(default=None, description="The author's own page, if any.")
    image: Image | None = None
    aliases: list[Slug] = Field(default_factory=list)
    draft: bool = False

    @property
    def title(self) -> str:
        """Authors are titled by name so listings can treat every entry alike."""
        return self.name


Entry = Term | Definition | Area | Author
"""Anything the loader can produce from one YAML file."""

MODELS: dict[EntryKind, type[Term | Definition | Area | Author]] = {
    EntryKind.TERM: Term,
    EntryKind.DEFINITION: Definition,
    EntryKind.AREA: Area,
    EntryKind.AUTHOR: Author,
}
"""The model that validates each kind of entry (the loader, the JSON Schemas)."""


class Glossary(_Strict):
    """Every published entry, keyed by slug, with references already checked."""

    terms: dict[str, Term] = Field(default_factory=dict)
    definitions: dict[str, Definition] = Field(default_factory=dict)
    areas: dict[str, Area] = Field(default_factory=dict)
    authors: dict[str, Author] = Field(default_factory=dict)

    def articles(self) -> list[Term | Definition]:
        """Terms and definitions, newest published first, then by title: the listing order."""
        items: list[Term | Definition] = [*self.terms.values(), *self.definitions.values()]
        return sorted(items, key=lambda e: (-e.published.toordinal(), e.title.casefold(), e.slug))
