"""The files that are not pages, written by a forked process while the pages render.

Between its two page loops MkDocs copies every file that is not a page, on the
build's one thread: at 10,000 entries 11,000 Markdown copies and 1,300 redirects,
about 4 s of creating files that the rest of the build waits for. By then their
contents are made (the plugin renders them in `on_files`), so a process forked at
`on_env` writes them while the main process renders pages, and the build waits for
it only in `on_post_build`, before anything reads the site.

MkDocs writes these files first so that a page or a theme template with the same
output path overwrites them; a file whose output is such a path is left to MkDocs.
A one-off build only (`serve` rebuilds a handful of files a save), and only where no
other plugin's `post_build` could read the site first (`site_unread_until_post_build`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Collection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

__all__ = ["StaticFiles", "StaticWriteError", "StaticWriter", "site_unread_until_post_build"]


def site_unread_until_post_build(config: MkDocsConfig, owner: object) -> bool:
    """Whether files may still be landing in the site folder while the pages render: only
    when `owner` (termsite, which waits for them first) alone handles `post_build`, where
    another plugin might read the site (a minifier, a link checker)."""
    handlers = config.plugins.events["post_build"]
    return all(getattr(handler, "__self__", None) is owner for handler in handlers)


class StaticWriteError(Exception):
    """A file could not be written; the message names it and says why."""


class StaticWriter:
    """The forked writer of one build's static files."""

    def __init__(self) -> None:
        self._process: BaseProcess | None = None
        self._answer: Connection | None = None

    def start(self, files: Files, overwritten: Collection[str]) -> None:
        """Fork the writer over every static file whose output no page or template
        overwrites; MkDocs' own copy step then skips them (`StaticFiles`)."""
        handed = [
            file
            for file in files
            if not file.is_documentation_page()
            and file.inclusion.is_included()  # type: ignore[no-untyped-call]
            and file.dest_uri not in overwritten
        ]
        if not handed:
            return
        context = multiprocessing.get_context("fork")
        self._answer, said = context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(target=_write_all, args=(handed, said), daemon=True)
        self._process.start()
        said.close()
        files.__class__ = StaticFiles
        assert isinstance(files, StaticFiles)
        files.written_elsewhere = {file.src_uri for file in handed}

    def wait(self) -> None:
        """Wait for the writer; raise `StaticWriteError` if it could not write a file."""
        process, answer = self._process, self._answer
        self._process = self._answer = None
        if process is None or answer is None:
            return
        try:
            said = answer.recv() if answer.poll(None) else None
        except EOFError:
            said = None
        finally:
            answer.close()
            process.join()
        if said is None:
            raise StaticWriteError("The process writing the site's files stopped before it ended.")
        if said:
            raise StaticWriteError(said)

    def stop(self) -> None:
        """The build failed: end the writer, whatever it has written."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        with contextlib.suppress(StaticWriteError):
            self.wait()


def _write_all(files: list[File], said: Connection) -> None:
    """The writer: each file as MkDocs would copy it, in MkDocs' order; then one answer,
    empty when every file was written."""
    gc.disable()  # it allocates little; a collection would copy the parent's pages
    answer = ""
    for file in files:
        try:
            type(file).copy_file(file, dirty=False)
        except OSError as error:
            reason = error.strerror or str(error)
            answer = f"Could not write '{file.dest_uri}' into the site folder: {reason}."
            break
    said.send(answer)
    said.close()
    os._exit(0)  # no atexit handlers, nor the parent's buffers, in a forked copy


class StaticFiles(Files):
    """A build's files, some of which a `StaticWriter` writes: MkDocs copies the rest."""

    written_elsewhere: Collection[str] = frozenset()

    def copy_static_files(
        self,
        dirty: bool = False,
        *,
        inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    ) -> None:
        for file in self:
            if file.src_uri in self.written_elsewhere:
                continue
            if not file.is_documentation_page() and inclusion(file.inclusion):
                file.copy_file(dirty)
