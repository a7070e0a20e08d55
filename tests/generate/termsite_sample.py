"""A small glossary built from the models directly, for the page, render and output tests."""

from __future__ import annotations

import datetime as dt

from termsite.generate.jsonld import SiteInfo
from termsite.model import Area, Author, Definition, FaqItem, Glossary, Image, Section, Term
from termsite.settings import SiteSettings

SITE_URL = "https://example.test/"
SUMMARY = "A summary of exactly the kind a listing shows, long enough to be a real sentence."


def image() -> Image:
    return Image(url="/assets/a.svg", alt="A chart.", width=1200, height=630)


def area(slug: str = "alpha", **fields: object) -> Area:
    values: dict[str, object] = {
        "slug": slug,
        "title": slug.capitalize(),
        "summary": SUMMARY,
        "published": dt.date(2025, 1, 1),
        "author": "desk",
        "image": image(),
        "faq": [
            FaqItem(facet="Risk", answer="Risk answer."),
            FaqItem(question="Why?", answer="Because."),
        ],
    }
    return Area.model_validate(values | fields)


def term(slug: str, **fields: object) -> Term:
    values: dict[str, object] = {
        "slug": slug,
        "title": slug.replace("-", " ").title(),
        "summary": SUMMARY,
        "published": dt.date(2025, 3, 1),
        "author": "desk",
        "areas": ["alpha"],
        "sections": [Section(heading="Essence", quote="A quote.", body="Body text.")],
    }
    return Term.model_validate(values | fields)


def definition(slug: str, **fields: object) -> Definition:
    values: dict[str, object] = {
        "slug": slug,
        "title": slug.replace("-", " ").title(),
        "summary": SUMMARY,
        "published": dt.date(2025, 2, 1),
        "author": "desk",
        "areas": ["alpha"],
        "body": "One sentence.",
    }
    return Definition.model_validate(values | fields)


def glossary(*entries: Term | Definition | Area) -> Glossary:
    """The given entries plus the author `desk` and, unless given, the area `alpha`."""
    return _glossary(entries, area(), _desk())


def kept_glossary(*entries: Term | Definition | Area) -> Glossary:
    """`glossary`, with the very same area and author every call, as a serve session's
    loader hands back unchanged entries: what a plan memo keeps pages by."""
    return _glossary(entries, _KEPT_AREA, _KEPT_AUTHOR)


def _desk() -> Author:
    return Author(slug="desk", name="The Desk", bio="Writes the entries.")


def _glossary(entries: tuple[Term | Definition | Area, ...], alpha: Area, desk: Author) -> Glossary:
    terms = {e.slug: e for e in entries if isinstance(e, Term)}
    definitions = {e.slug: e for e in entries if isinstance(e, Definition)}
    areas = {e.slug: e for e in entries if isinstance(e, Area)} or {"alpha": alpha}
    return Glossary(terms=terms, definitions=definitions, areas=areas, authors={"desk": desk})


_KEPT_AREA = area()
_KEPT_AUTHOR = _desk()


def site(**settings: object) -> SiteInfo:
    return SiteInfo(name="Example", url=SITE_URL, settings=SiteSettings.model_validate(settings))
