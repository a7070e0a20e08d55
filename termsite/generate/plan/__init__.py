"""The page plan: which pages the glossary produces, at which URLs, with what data.

Planning is separate from rendering and from MkDocs so that the URL scheme,
pagination and backlinks are computed once, tested without a build, and shared
by the templates, the JSON-LD and the crawl outputs. URLs here are site-relative
directory URLs (`term/x/`); the home page is the empty string.
"""

from termsite.generate.plan.memo import PlanMemo
from termsite.generate.plan.pages import (
    AreaCount,
    Crumb,
    Letter,
    Link,
    PageKind,
    PagePlan,
    Qa,
    Redirect,
    faq_items,
)
from termsite.generate.plan.planner import plan, redirects
from termsite.generate.plan.urls import entry_url, page_trail

__all__ = [
    "AreaCount",
    "Crumb",
    "Letter",
    "Link",
    "PageKind",
    "PagePlan",
    "PlanMemo",
    "Qa",
    "Redirect",
    "entry_url",
    "faq_items",
    "page_trail",
    "plan",
    "redirects",
]
