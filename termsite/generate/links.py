"""Site-absolute links in Markdown (`/term/x/`) turned into page-relative `.md` links.

Entries link to each other the way readers see URLs, `/term/kendall-tau/`.
MkDocs only checks and rewrites links to source files, and an absolute link
would break a site served under a sub-path. Rewriting each one to the source
file it points at (`../kendall-tau.md`) lets MkDocs validate every link in
strict mode and emit correct relative URLs. Links to nothing are left alone,
so MkDocs reports them.

This module is the one home of what a site-absolute link is (`](/x)`, never
the protocol-relative `](//host/x)`) and of which Markdown file gives a URL:
the page plan finds backlinks with it and the Markdown copies make the same
links absolute.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Container

__all__ = [
    "SITE_LINK",
    "absolute_links",
    "candidate_sources",
    "linked_paths",
    "markdown_path",
    "relative_links",
]

SITE_LINK = re.compile(r"""\]\(/(?!/)([^)\s#?]*)([?#][^)\s]*)?(\s+(?:"[^"]*"|'[^']*'))?\)""")
"""`](/path?query#part "title")`: the path, then the query or fragment, then the title."""


def markdown_path(url: str) -> str:
    """`term/x/` → `term/x.md`, home → `index.md`: the Markdown file that gives a directory URL.

    Generated pages are planned at these source paths, and each entry's
    Markdown copy is published there, beside the page's folder.
    """
    stripped = url.strip("/")
    return f"{stripped}.md" if stripped else "index.md"


def candidate_sources(path: str) -> list[str]:
    """The source files a site path may come from: `term/x/` → `term/x.md`, `term/x/index.md`."""
    stripped = path.strip("/")
    if not stripped:
        return [markdown_path(path), "README.md"]
    if path.endswith("/") or "." not in posixpath.basename(stripped):
        return [markdown_path(path), f"{stripped}/index.md", f"{stripped}/README.md"]
    return [stripped]


def linked_paths(markdown: str) -> set[str]:
    """The site paths (`term/x/`) that `markdown` links to."""
    return {match.group(1) for match in SITE_LINK.finditer(markdown)}


def absolute_links(markdown: str, root: str) -> str:
    """Every site-absolute link made absolute under `root`, so a copy works on its own."""
    return SITE_LINK.sub(lambda match: _link(root + match.group(1), match), markdown)


def _link(target: str, match: re.Match[str]) -> str:
    """The link `match` with its path replaced by `target`, query, fragment and title kept."""
    return f"]({target}{match.group(2) or ''}{match.group(3) or ''})"


def relative_links(markdown: str, page_src_uri: str, known: Container[str]) -> str:
    """Every `](/path)` whose target is a known source file, made relative to the page."""
    return SITE_LINK.sub(_replacer(page_src_uri, known), markdown)


def _replacer(page_src_uri: str, known: Container[str]) -> Callable[[re.Match[str]], str]:
    folder = posixpath.dirname(page_src_uri) or "."

    def replace(match: re.Match[str]) -> str:
        for source in candidate_sources(match.group(1)):
            if source in known:
                return _link(_relative(source, folder), match)
        return match.group(0)

    return replace


def _relative(source: str, folder: str) -> str:
    """`posixpath.relpath` for two clean relative paths, without its `getcwd` per call
    (20 links a page at 10,000 pages)."""
    target = source.split("/")
    start = [] if folder == "." else folder.split("/")
    common = 0
    while common < min(len(target), len(start)) and target[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."
