"""The files that are not pages, written by a forked process (`mkdocs_plugin.static_files`).

The writer must write what MkDocs' copy step would, leave MkDocs the files a page or a
template overwrites, and report a file it cannot write by its name, as one plain line.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.structure.files import File, Files

from termsite.mkdocs_plugin.static_files import (
    StaticFiles,
    StaticWriteError,
    StaticWriter,
    site_unread_until_post_build,
)


def _file(site: Path, src_uri: str, content: str, dest_uri: str | None = None) -> File:
    """A generated file, as the plugin makes them (content in memory, no source on disk)."""
    file = File(src_uri, src_dir=None, dest_dir=str(site), use_directory_urls=True)
    file.content_string = content
    if dest_uri is not None:
        file.dest_uri = dest_uri
    return file


def _files(site: Path, count: int) -> Files:
    made = [
        _file(site, f"copies/entry-{i}.md.copy", f"# {i}\n", f"copies/entry-{i}.md")
        for i in range(count)
    ]
    made.append(_file(site, "404.html.src", "static 404", "404.html"))
    made.append(_file(site, "index.md", "# Home\n"))
    return Files(made)


def test_the_writer_writes_every_static_file_and_mkdocs_writes_only_the_overwritten(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    files = _files(site, 50)
    writer = StaticWriter()
    writer.start(files, overwritten={"404.html", "index.html"})
    writer.wait()
    assert [(site / f"copies/entry-{i}.md").read_text() for i in range(50)] == [
        f"# {i}\n" for i in range(50)
    ]
    assert not (site / "404.html").exists()  # left to MkDocs, which writes it before templates
    (site / "copies/entry-0.md").unlink()
    assert isinstance(files, StaticFiles)
    files.copy_static_files()
    assert (site / "404.html").read_text() == "static 404"
    assert not (site / "copies/entry-0.md").exists()  # the writer's, not MkDocs' again
    assert not (site / "index.html").exists()  # a page: neither copies it


def test_a_file_that_cannot_be_written_is_named_in_one_plain_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = _files(site, 5)
    site.mkdir()
    (site / "copies").write_text("a file where a folder must go")
    writer = StaticWriter()
    writer.start(files, overwritten=set())
    with pytest.raises(StaticWriteError) as raised:
        writer.wait()
    message = str(raised.value)
    assert message.startswith("Could not write 'copies/entry-0.md' into the site folder: ")
    assert "\n" not in message and "Error(" not in message


def test_a_failed_build_stops_the_writer_and_a_second_wait_is_harmless(tmp_path: Path) -> None:
    writer = StaticWriter()
    writer.start(_files(tmp_path / "site", 2000), overwritten=set())
    writer.stop()
    writer.wait()


class _Plugin:
    def on_post_build(self) -> None:
        """A plugin's post_build handler, as MkDocs lists it (a bound method)."""


def test_files_land_during_the_pages_only_when_termsite_alone_reads_the_site_after() -> None:
    ours, theirs = _Plugin(), _Plugin()

    def config(*plugins: _Plugin) -> Any:
        events = {"post_build": [plugin.on_post_build for plugin in plugins]}
        return SimpleNamespace(plugins=SimpleNamespace(events=events))

    assert site_unread_until_post_build(config(ours), ours)
    assert not site_unread_until_post_build(config(theirs, ours), ours)  # a minifier, say
