"""The persistent build cache: a cached `termsite build` equals a clean one, byte for byte.

Each edit of the issue is made between a first (cache-filling) build and a
second, cached build; a clean `--no-cache` build of the same sources must
then give the same files, the Pagefind index included. The cache must also
actually serve pages (else these comparisons prove nothing), and a damaged
cache must be ignored with one line saying so.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from site_builds import termsite_build

from termsite import build_cache, cli
from termsite.generate.render import TEMPLATE_DIR

Project = Callable[[int], Path]

ENTRIES = 40
EDITED = "glossary/definitions/entry-00003.yml"
CACHE = ".termsite-cache"
FROM_CACHE = re.compile(r"Built ([\d,]+) pages in [\d.]+ s \(([\d,]+) from the cache\)")


pytestmark = pytest.mark.usefixtures("mkdocs_logging")


@pytest.fixture
def project(synthetic_project: Project) -> Path:
    """A small strict project with short listings, so one more entry moves pagination."""
    config_file = synthetic_project(ENTRIES)
    text = config_file.read_text(encoding="utf-8")
    text = text.replace("  - termsite\n", "  - termsite:\n      page_size: 3\n")
    config_file.write_text(text + "strict: true\n", encoding="utf-8")
    return config_file


def from_cache(said: str) -> int:
    found = FROM_CACHE.search(said)
    return int(found.group(2).replace(",", "")) if found else 0


def cached_equals_clean(config_file: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A cached build, then a clean one: the same files, or the test fails. Returns the log."""
    site = config_file.parent / "site"
    said = termsite_build(config_file, capsys)
    cached = config_file.parent.parent / "cached-site"
    shutil.rmtree(cached, ignore_errors=True)
    shutil.copytree(site, cached)
    termsite_build(config_file, capsys, "--no-cache")
    assert differences(cached, site) == []
    return said


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ or exist on one side only, the search index included."""
    found: list[str] = []
    stack = [(filecmp.dircmp(left, right, ignore=[]), "")]
    while stack:
        node, prefix = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        found += [prefix + name for name in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


def _edit_summary(root: Path) -> None:
    path = root / EDITED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new = "summary: A rewritten one-line summary that listings and related links show.\n"
    path.write_text("".join(new if x.startswith("summary:") else x for x in lines), "utf-8")


def _add_entry(root: Path) -> None:
    """A new definition titled to sort first: every A–Z and area page after it shifts."""
    text = (root / EDITED).read_text(encoding="utf-8")
    title = "title: Aaa First Entry\n"
    lines = [title if x.startswith("title:") else x for x in text.splitlines(True)]
    (root / "glossary/definitions/aaa-first-entry.yml").write_text("".join(lines), "utf-8")


def _delete_entry(root: Path) -> None:
    """Delete a definition, and take it out of the `related:` lists that name it."""
    gone = root / "glossary/definitions/entry-00005.yml"
    gone.unlink()
    for path in (root / "glossary").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        kept = re.sub(r"(, )?entry-00005(, )?", lambda m: ", " if m[1] and m[2] else "", text)
        if kept != text:
            path.write_text(kept, encoding="utf-8")


def _change_template(root: Path) -> None:
    template = root / "templates/pages/definition.md.j2"
    template.parent.mkdir(parents=True, exist_ok=True)
    original = (TEMPLATE_DIR / "pages/definition.md.j2").read_text(encoding="utf-8")
    template.write_text(original + "\nA note the site adds to every definition.\n", "utf-8")


def _change_config(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "copyright: A copyright line on every page.\n",
        encoding="utf-8",
    )


EDITS: dict[str, Callable[[Path], None]] = {
    "summary": _edit_summary,
    "new entry": _add_entry,
    "deleted entry": _delete_entry,
    "template": _change_template,
    "mkdocs.yml": _change_config,
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_cached_rebuild_after_an_edit_equals_a_clean_build(
    edit: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys)
    EDITS[edit](project.parent)
    said = cached_equals_clean(project, capsys)
    if edit == "summary":  # only the pages that show this entry's summary changed
        assert from_cache(said) > ENTRIES // 2, said
    if edit == "mkdocs.yml":  # every page shows the copyright: nothing may come from the cache
        assert from_cache(said) == 0, said


def test_an_unchanged_rebuild_takes_every_generated_page_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = termsite_build(project, capsys)
    said = cached_equals_clean(project, capsys)
    built = FROM_CACHE.search(said)
    assert from_cache(first) == 0
    assert built is not None and int(built.group(1)) - int(built.group(2)) == 1, said  # about.md


def test_a_fresh_process_reuses_the_cache(project: Path) -> None:
    """Keys must not depend on the process (string hashing orders sets differently in each)."""
    code = "import sys; from termsite.cli import main; sys.exit(main(sys.argv[1:]))"
    said = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(
            [sys.executable, "-c", code, "build", "-f", str(project)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        said.append(done.stderr)
    built = FROM_CACHE.search(said[1])
    assert built is not None and int(built.group(1)) - int(built.group(2)) == 1, said[1]


def _stored_pages(root: Path) -> list[Path]:
    return sorted((root / CACHE / "pages").glob("*.html"))


@pytest.mark.parametrize(
    "damage", ["truncated page", "changed page", "manifest", "no pages", "search part"]
)
def test_a_damaged_cache_is_ignored_with_one_line(
    damage: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys)
    root = project.parent
    pages = _stored_pages(root)
    if damage == "truncated page":
        pages[0].write_bytes(pages[0].read_bytes()[:100])
    elif damage == "changed page":
        data = bytearray(pages[0].read_bytes())
        data[200] ^= 1
        pages[0].write_bytes(bytes(data))
    elif damage == "search part":
        part_file = max((root / CACHE / "pages").glob("*.bin"), key=lambda p: p.stat().st_size)
        data = bytearray(part_file.read_bytes())
        data[10] ^= 1
        part_file.write_bytes(bytes(data))
    elif damage == "manifest":
        manifest = root / CACHE / "manifest.json"
        manifest.write_bytes(manifest.read_bytes()[:-40])
    else:
        shutil.rmtree(root / CACHE / "pages")
    said = cached_equals_clean(project, capsys)
    assert said.count("The build cache in .termsite-cache/ is damaged") == 1, said


def test_no_cache_neither_reads_nor_writes_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys, "--no-cache")
    assert not (project.parent / CACHE).exists()
    termsite_build(project, capsys)
    assert from_cache(termsite_build(project, capsys, "--no-cache")) == 0


def test_clean_cache_removes_the_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    termsite_build(project, capsys)
    assert (project.parent / CACHE / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    monkeypatch.chdir(project.parent)
    assert cli.main(["clean-cache"]) == 0
    assert not (project.parent / CACHE).exists()
    assert "Removed .termsite-cache/." in capsys.readouterr().out
    assert cli.main(["clean-cache"]) == 0
    assert "There is no build cache" in capsys.readouterr().out


def test_the_cache_folder_is_configurable(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("page_size: 3\n", "page_size: 3\n      cache_dir: .c\n"))
    termsite_build(project, capsys)
    assert (project.parent / ".c/manifest.json").is_file()
    assert not (project.parent / CACHE).exists()


def test_a_page_that_warned_is_not_stored(tmp_path: Path) -> None:
    """Pages are stored with what they were made from; `forget` drops one before saving."""
    store = build_cache.BuildCache.open(tmp_path / "c")
    store.put("a.md", "k1", b"<p>a</p>")
    store.put("b.md", "k2", b"<p>b</p>")
    store.forget("b.md")
    store.save()
    again = build_cache.BuildCache.open(tmp_path / "c")
    assert again.get("a.md", "k1") is not None
    assert again.get("a.md", "other key") is None
    assert again.get("b.md", "k2") is None
    assert not again.note


def test_an_unchanged_rebuild_renders_no_page_or_copy_markdown(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hit's key comes from its plan, so neither its Markdown nor its `.md` copy is made."""
    from termsite.generate import crawl, render

    termsite_build(project, capsys)
    rendered: list[str] = []
    for module, name in ((render, "render_page"), (crawl, "markdown_copy")):
        original = getattr(module, name)

        def counted(
            *args: object, _original: Callable[..., str] = original, _name: str = name
        ) -> str:
            rendered.append(_name)
            return _original(*args)

        monkeypatch.setattr(module, name, counted)
    cached_equals_clean(project, capsys)
    clean = len(rendered)
    rendered.clear()
    said = termsite_build(project, capsys)
    assert clean > ENTRIES and rendered == [], said


def test_a_page_from_the_cache_is_a_link_to_the_stored_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys)
    termsite_build(project, capsys)
    page = project.parent / "site/definition/entry-00003/index.html"
    copy = project.parent / "site/definition/entry-00003.md"
    stored = {path.stat().st_ino for path in (project.parent / CACHE / "pages").iterdir()}
    assert page.stat().st_ino in stored
    assert copy.stat().st_ino in stored


def _part_entries(root: Path) -> dict[str, int]:
    """The inode of each search index part's entry file: a part put in place from the
    cache is a link to the file the previous build wrote, so its inode stays."""
    bundle = root / "site/pagefind"
    return {p.parent.name: p.stat().st_ino for p in bundle.rglob("pagefind-entry.json")}


def test_search_index_parts_fed_the_same_pages_are_reused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys)
    first = _part_entries(project.parent)
    cached_equals_clean(project, capsys)  # the clean build writes every part anew
    termsite_build(project, capsys)
    again = _part_entries(project.parent)
    termsite_build(project, capsys)
    assert len(first) == 4 and _part_entries(project.parent) == again


def test_a_search_part_whose_pages_changed_is_indexed_again(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    termsite_build(project, capsys)
    before = _part_entries(project.parent)
    _edit_summary(project.parent)
    cached_equals_clean(project, capsys)
    _edit_summary(project.parent)  # the same text: nothing more changes
    path = project.parent / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace("rewritten", "new"), "utf-8")
    said = cached_equals_clean(project, capsys)
    assert from_cache(said) > ENTRIES // 2 and len(before) == 4, said


def test_a_summary_edit_indexes_only_the_part_of_the_edited_page(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pages that list the entry or carry its card change too, but not in what
    Pagefind reads of them: their parts are reused (and the index equals a clean one)."""
    termsite_build(project, capsys)
    before = _part_entries(project.parent)
    _edit_summary(project.parent)
    said = cached_equals_clean(project, capsys)
    termsite_build(project, capsys)  # the clean build wrote every part: fill the cache again
    after = _part_entries(project.parent)
    path = project.parent / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace("rewritten", "new"), "utf-8")
    termsite_build(project, capsys)
    kept = [part for part, inode in _part_entries(project.parent).items() if after[part] == inode]
    assert len(before) == 4 and len(kept) == 3, said


def _settle_stored_files(root: Path) -> None:
    """Date every stored file an hour back, as if the build that wrote it were long over."""
    old = os.stat(root / CACHE / "manifest.json").st_mtime_ns - 3600 * 10**9
    for path in (root / CACHE / "pages").iterdir():
        os.utime(path, ns=(old, old))


def _reads_of_stored_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    original = build_cache._read

    def counted(path: str) -> tuple[build_cache.FileStat, bytes]:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(build_cache, "_read", counted)
    return reads


def test_a_stored_file_whose_stat_vouches_for_it_is_not_read_again(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a stored file was found intact with a settled time, its stat stands for its
    bytes: a rebuild reads none of the pages and search files it reuses."""
    termsite_build(project, capsys)
    _settle_stored_files(project.parent)
    reads = _reads_of_stored_files(monkeypatch)
    termsite_build(project, capsys)  # reads each file once, and keeps its stat
    first = len(reads)
    reads.clear()
    said = cached_equals_clean(project, capsys)
    assert first > ENTRIES and reads == [] and from_cache(said) > ENTRIES, said


@pytest.mark.parametrize("stored", ["page", "search part"])
def test_a_stored_file_changed_in_place_after_its_stat_was_kept_is_noticed(
    stored: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Writing a stored file in place (the site's hard link to it) changes its time, so
    its kept stat no longer vouches for it: its bytes are read, and found changed."""
    termsite_build(project, capsys)
    _settle_stored_files(project.parent)
    termsite_build(project, capsys)
    manifest = (project.parent / CACHE / "manifest.json").read_text(encoding="utf-8")
    suffix = ".html" if stored == "page" else ".bin"
    files = sorted((project.parent / CACHE / "pages").glob(f"*{suffix}"))
    kept = [path for path in files if f'"{path.name}":' in manifest.split('"stats"')[1]]
    target = max(kept, key=lambda path: path.stat().st_size)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 1
    with target.open("r+b") as handle:  # in place: same inode, same size
        handle.write(bytes(data))
    said = cached_equals_clean(project, capsys)
    assert said.count("The build cache in .termsite-cache/ is damaged") == 1, said


def test_with_a_warm_cache_the_source_worker_renders_only_the_pages_it_misses(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked before the cache is asked, the worker rendered every page's source from the
    back, for a rebuild to throw away; with a manifest there it waits for the misses."""
    from termsite.generate.plan import PagePlan
    from termsite.mkdocs_plugin import prerender

    monkeypatch.setattr(prerender, "MIN_PAGES", 1)
    monkeypatch.setattr(prerender, "_cores", lambda: 2)
    given: list[list[str]] = []
    original = prerender.PageWorker.start

    def start(worker: prerender.PageWorker, pages: list[prerender.Named], job: object) -> None:
        if pages and isinstance(pages[0], PagePlan):
            given.append([page.src_uri for page in pages])
        original(worker, pages, job)  # type: ignore[arg-type]

    monkeypatch.setattr(prerender.PageWorker, "start", start)
    termsite_build(project, capsys)
    cold = given.pop()
    _edit_summary(project.parent)
    said = termsite_build(project, capsys)
    built = FROM_CACHE.search(said)
    assert built is not None and len(given) == 1, said
    missed = int(built.group(1)) - int(built.group(2)) - 1  # about.md is not generated
    assert len(cold) > ENTRIES and 0 < len(given[0]) == missed, (given, said)
    assert EDITED.replace("glossary/definitions/", "definition/").replace(".yml", ".md") in given[0]
    cached = project.parent.parent / "cached-site"
    shutil.rmtree(cached, ignore_errors=True)
    shutil.copytree(project.parent / "site", cached)
    termsite_build(project, capsys, "--no-cache")
    assert differences(cached, project.parent / "site") == []


@pytest.mark.parametrize("linker", ["links", "fails"])
def test_the_cached_pages_are_put_in_place_by_another_process(
    linker: str, project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The `Linker` puts every cached page in place, or, when it fails, the build does:
    the site equals a clean build either way."""
    from termsite.mkdocs_plugin import cache

    handed: list[int] = []
    original = cache.Linker.start

    def start(self: cache.Linker, files: list[cache.StoredPageFile]) -> None:
        handed.append(len(files))
        original(self, files)

    monkeypatch.setattr(cache.Linker, "start", start)
    if linker == "fails":  # half the pages, then a crash
        half = "names = names[: len(names) // 4 * 2]\n"
        script = cache.LINKER.replace("made = set()\n", half + "made = set()\n")
        monkeypatch.setattr(cache, "LINKER", script + "raise SystemExit(3)\n")
    termsite_build(project, capsys)
    _edit_summary(project.parent)
    said = cached_equals_clean(project, capsys)
    assert len(handed) == 1 and handed[0] > from_cache(said) > ENTRIES // 2, (handed, said)
