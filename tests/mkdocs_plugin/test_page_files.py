"""The build's files (`mkdocs_plugin.page_files`): `SiteFiles` answers as MkDocs' `Files`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from termsite.mkdocs_plugin.page_files import SiteFiles

LEVELS = (InclusionLevel.is_included, InclusionLevel.is_in_serve, InclusionLevel.is_in_nav)


def _file(site: Path, src_uri: str, inclusion: InclusionLevel = InclusionLevel.INCLUDED) -> File:
    file = File(src_uri, src_dir=None, dest_dir=str(site), use_directory_urls=True)
    file.content_string = src_uri
    file.inclusion = inclusion
    return file


def _answers(files: Files) -> list[list[str]]:
    return [[f.src_uri for f in files.documentation_pages(inclusion=level)] for level in LEVELS]


def test_site_files_list_the_pages_files_does_through_appends_removals_and_inclusions(
    tmp_path: Path,
) -> None:
    made = [_file(tmp_path, name) for name in ("index.md", "a/index.md", "a.css", "b.md.copy")]
    plain, ours = Files(made), SiteFiles(made)
    assert _answers(ours) == _answers(plain)
    for files in (plain, ours):
        files.append(_file(tmp_path, "draft.md", InclusionLevel.DRAFT))
        files.append(_file(tmp_path, "c/index.md", InclusionLevel.NOT_IN_NAV))
    assert _answers(ours) == _answers(plain)
    assert "c/index.md" in _answers(ours)[0]
    for files in (plain, ours):
        files.remove(files.src_uris["a/index.md"])
    made[0].inclusion = InclusionLevel.EXCLUDED  # a plugin may change it after the first ask
    assert _answers(ours) == _answers(plain)
    assert "index.md" not in _answers(ours)[0]


def test_site_files_copy_every_included_file_that_is_not_a_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    made = [_file(site, "index.md"), _file(site, "a.css"), _file(site, "x.js")]
    made.append(_file(site, "hidden.js", InclusionLevel.EXCLUDED))
    files = SiteFiles(made)
    files.documentation_pages()
    files.copy_static_files()
    written = sorted(str(path.relative_to(site)) for path in site.rglob("*") if path.is_file())
    assert written == ["a.css", "x.js"]
