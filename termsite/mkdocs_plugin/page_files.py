"""The build's files: generated pages rendered when first read, and one list of pages.

A cached `termsite build` takes nearly every page's HTML from the build cache,
under a key made from the page's plan (`cache.PageCache.begin`), so it has no
use for those pages' Markdown, nor for their Markdown copies (the `.md` file
beside an entry page), which it stores too. Rendering them through Jinja
anyway, only to compute keys, was a fifth of a cached rebuild. A
`PlannedFile` renders the first time MkDocs, or the plugin, asks for its
text; the plugin asks for every one the cache does not serve while it still
handles `on_files` (`render_misses`), so a template error stops the build
where it always did.

MkDocs asks which files are pages six times a build, each time of every file
(23,000 at 10,000 entries: a twentieth of a serve session's save); `SiteFiles`
knows them from the first time until a file is added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

__all__ = ["PlannedFile", "SiteFiles", "planned_file", "render_misses"]


class SiteFiles(Files):
    """`Files` that remember which of them are Markdown pages (a file's name says it, and a
    file's name does not change); their inclusion is looked at on every call, as MkDocs
    does, since a plugin may set it."""

    def __init__(self, files: Iterable[File]) -> None:
        super().__init__(files)
        self._pages: list[File] | None = None

    def _markdown_pages(self) -> list[File]:
        if self._pages is None:
            self._pages = [file for file in self if file.is_documentation_page()]
        return self._pages

    def append(self, file: File) -> None:
        self._pages = None
        super().append(file)

    def remove(self, file: File) -> None:
        self._pages = None
        super().remove(file)

    def documentation_pages(
        self, *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
    ) -> list[File]:
        levels = _accepted(inclusion)
        return [file for file in self._markdown_pages() if id(file.inclusion) in levels]

    def copy_static_files(
        self,
        dirty: bool = False,
        *,
        inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    ) -> None:
        pages = set(map(id, self._markdown_pages()))
        levels = _accepted(inclusion)
        for file in self:
            if id(file) not in pages and id(file.inclusion) in levels:
                file.copy_file(dirty)


def _accepted(inclusion: Callable[[InclusionLevel], bool]) -> set[int]:
    """The inclusion levels `inclusion` accepts, by identity: asked once per level rather
    than once per file, and an enum member's hash is a Python call."""
    return {id(level) for level in InclusionLevel if inclusion(level)}


class PlannedFile(File):
    """A generated page whose Markdown comes from `render()` on first use."""

    renderer: Callable[[], str] | None = None

    def rendered(self) -> None:
        """Render the Markdown now, if it has not been (errors propagate from here)."""
        render, self.renderer = self.renderer, None
        if render is not None:
            self._content = render()

    def copy_file(self, dirty: bool = False) -> None:
        """A planned file that is not a page (a Markdown copy) is written, so rendered, here."""
        self.rendered()
        super().copy_file(dirty)

    @property
    def content_bytes(self) -> bytes:
        self.rendered()
        return File.content_bytes.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.renderer = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        self.rendered()
        return File.content_string.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.renderer = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]


def planned_file(config: MkDocsConfig, src_uri: str, render: Callable[[], str]) -> PlannedFile:
    """A generated page (kept out of the nav) or Markdown copy, rendered by `render` when read."""
    file = PlannedFile.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    assert isinstance(file, PlannedFile)
    file.renderer = render
    return file


def render_misses(files: Iterable[File], skip: Callable[[File], bool]) -> None:
    """Render every planned page's Markdown except those `skip` names (the cache's hits)."""
    for file in files:
        if isinstance(file, PlannedFile) and not skip(file):
            file.rendered()
