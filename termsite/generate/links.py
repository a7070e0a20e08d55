"""Site-absolute links in Markdown (`/term/x/`) turned into page-relative `.md` links.

Entries link to each other the way readers see URLs, `/term/kendall-tau/`.
MkDocs only checks and rewrites links to source files, and an absolute link
would break a site served under a sub-path. Rewriting each one to the source
file it points at (`../kendall-tau.md`) lets MkDocs validate every link in
strict mode and emit correct relative URLs. Links to nothing are left alone,
so MkDocs reports them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Container

__all__ = ["candidate_sources", "relative_links"]

SITE_LINK = re.compile(r"\]\(/(?!/)([^)\s#?]*)([?#][^)\s]*)?\)")


def candidate_sources(path: str) -> list[str]:
    """The source files a site path may come from: `term/x/` → `term/x.md`, `term/x/index.md`."""
    stripped = path.strip("/")
    if not stripped:
        return ["index.md", "README.md"]
    if path.endswith("/") or "." not in posixpath.basename(stripped):
        return [f"{stripped}.md", f"{stripped}/index.md", f"{stripped}/README.md"]
    return [stripped]


def relative_links(markdown: str, page_src_uri: str, known: Container[str]) -> str:
    """Every `](/path)` whose target is a known source file, made relative to the page."""
    return SITE_LINK.sub(_replacer(page_src_uri, known), markdown)


def _replacer(page_src_uri: str, known: Container[str]) -> Callable[[re.Match[str]], str]:
    folder = posixpath.dirname(page_src_uri) or "."

    def replace(match: re.Match[str]) -> str:
        path, suffix = match.group(1), match.group(2) or ""
        for source in candidate_sources(path):
            if source in known:
                return f"]({_relative(source, folder)}{suffix})"
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
