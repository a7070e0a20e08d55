"""Commented starting points for new entries, as `termsite new` writes them.

A skeleton passes `termsite check` as written (its placeholders are valid
text of the right length), so an editor starts from a green check and sees
each problem they introduce. The comments explain the fields in place; the
first line points editors at the JSON Schema for completion.
"""

from __future__ import annotations

import datetime as dt
import json

from termsite.model import EntryKind

__all__ = ["SECTION_HEADINGS", "skeleton"]

SECTION_HEADINGS = ("Essence", "Origin", "Theory", "Approach", "Evolution", "Horizon")
"""The sections of a long-form term, in reading order."""

_SUMMARY = "Replace this line with one sentence that says what it is and why it matters."

_ARTICLE_HEAD = """\
# yaml-language-server: $schema={schema}
# A new {kind}. Replace every "Replace …" text, then run `termsite check`.
title: {title}
# One line of 50–160 characters: the meta description and the text in listings.
summary: {summary}
published: {today}            # ISO date of first publication
# modified: {today}           # the date of the last real change, once there is one
{author}areas: []                        # area slugs; the first is the primary area
related: []                      # slugs of terms or definitions this one leans on
# aliases: [old-slug]            # old slugs that should redirect here
# draft: true                    # keep the entry out of the site while you write
"""

_SECTION = """\
  - heading: {heading}
    quote: Replace with a one-sentence pull quote that sums up the {heading} section.
    body: |
      Replace with Markdown paragraphs. Link other entries with site paths,
      e.g. [funding rate](/definition/funding-rate/).
"""

_TERM_TAIL = """\
# calculators: [correlation-matrix]   # calculator ids embedded at the end of the article
# image: {{url: /assets/images/areas/example.svg, alt: What it shows, width: 1200, height: 630}}
body: |
  Replace with an optional Markdown introduction shown before the sections.
sections:                        # headings the site uses: {headings}
{sections}# faq:
#   - question: Replace with a question a reader asks?
#     answer: Replace with one paragraph that answers it.
"""

_DEFINITION_TAIL = """\
body: |
  Replace with one or two sentences of Markdown that define the term.
"""

_AREA_TAIL = """\
# image:                         # 1200×630, in content/assets/images/areas/
#   url: /assets/images/areas/{slug}.svg
#   alt: What the picture shows, in words.
#   width: 1200
#   height: 630
body: |
  Replace with a short introduction to the area (Markdown, one or two paragraphs).
faq:                             # each question reads "What is the {{facet}} of {{title}}?"
{faq}"""

_FAQ = """\
  - facet: {facet}
    answer: Replace with one paragraph of 40–80 words that answers this exact question.
"""

_AUTHOR = """\
# yaml-language-server: $schema={schema}
# A new author. Entries name them by the file name: author: {slug}
name: {title}
bio: Replace with a sentence or two about who writes under this name.
# url: /about/                   # the author's own page, if any
"""


def skeleton(
    kind: EntryKind, title: str, *, slug: str, today: dt.date, author: str | None, schema: str
) -> str:
    """The text of a new entry of `kind`; `schema` is the schema path relative to the file."""
    quoted = json.dumps(title, ensure_ascii=False)
    if kind is EntryKind.AUTHOR:
        return _AUTHOR.format(schema=schema, slug=slug, title=quoted)
    author_line = (
        f"author: {author}{' ' * max(1, 25 - len(author))}# an author slug from glossary/authors/\n"
        if author
        else "# author: your-author-slug     # an author slug from glossary/authors/\n"
    )
    head = _ARTICLE_HEAD.format(
        schema=schema,
        kind=kind.value,
        title=quoted,
        summary=_SUMMARY,
        today=today,
        author=author_line,
    )
    return head + _tail(kind, slug)


def _tail(kind: EntryKind, slug: str) -> str:
    if kind is EntryKind.TERM:
        sections = "".join(_SECTION.format(heading=heading) for heading in SECTION_HEADINGS)
        return _TERM_TAIL.format(headings=", ".join(SECTION_HEADINGS), sections=sections)
    if kind is EntryKind.AREA:
        faq = "".join(_FAQ.format(facet=facet) for facet in ("Analysis", "Risk", "Practice"))
        return _AREA_TAIL.format(slug=slug, faq=faq)
    return _DEFINITION_TAIL
