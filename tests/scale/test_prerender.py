"""The second core (`mkdocs_plugin.prerender`): a build whose generated pages forked
workers rendered writes the same bytes as a serial build, and says the same warnings.

The workers here render every generated page, its Markdown source before MkDocs' loops,
then in MkDocs' Markdown loop and in its theme loop (the build waits for each at its first
page), so each comparison covers the whole path: sources and Markdown copies, results,
anchors, tables of contents, themed pages and the log records handed back to the build.
"""

from __future__ import annotations

import filecmp
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from termsite.mkdocs_plugin import prerender

Project = Callable[[int], Path]

ENTRIES = 30
BROKEN = "See [a missing page](gone.md#part). "
FAILING = "definition/entry-00002.md"


@pytest.fixture
def worker_renders_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the worker on a tiny site, and let it render every page before the build starts."""
    monkeypatch.setattr(prerender, "MIN_PAGES", 1)
    monkeypatch.setattr(prerender, "_cores", lambda: 2)
    claim = prerender.PageWorker.claim

    def after_the_worker(self: prerender.PageWorker, file: File) -> bool:
        if self._process is not None:
            self._process.join()  # it stops only when no page is left to claim
        return claim(self, file)

    monkeypatch.setattr(prerender.PageWorker, "claim", after_the_worker)


def failing_on(src_uri: str, make: Callable[..., prerender.Job]) -> Callable[..., prerender.Job]:
    """A worker job that raises on one page, as a bug in a template or an extension would."""

    def make_failing(*args: object) -> prerender.Job:
        job = make(*args)

        def failing(file: File, capture: Any) -> Any:
            if file.src_uri == src_uri:
                raise RuntimeError("broken")
            return job(file, capture)

        return failing

    return make_failing


def failing_source(make: Callable[..., prerender.Job]) -> Callable[..., prerender.Job]:
    """A source job that raises on the page of `FAILING`."""

    def make_failing(render: Callable[[Any], Any]) -> prerender.Job:
        def failing(plan: Any) -> Any:
            if plan.src_uri == FAILING:
                raise RuntimeError("broken")
            return render(plan)

        return make(failing)

    return make_failing


def built(config_file: Path, site_dir: Path, *, strict: bool = False) -> tuple[int, int, int]:
    """Build into `site_dir`; how many pages the workers rendered (Markdown, theme, and
    the pages' sources before the loops)."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins["termsite"]
    return plugin.workers[0].rendered, plugin.workers[1].rendered, plugin.sources.rendered


def same_files(left: Path, right: Path) -> list[str]:
    """Relative paths that differ or exist on one side only."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (left / name).is_file()
        or not (right / name).is_file()
        or not filecmp.cmp(left / name, right / name, shallow=False)
    )


def test_a_serial_build_uses_no_worker_below_min_pages(
    synthetic_project: Project, tmp_path: Path
) -> None:
    assert built(synthetic_project(ENTRIES), tmp_path / "site") == (0, 0, 0)


@pytest.mark.usefixtures("worker_renders_all")
def test_pages_the_worker_rendered_equal_a_serial_build_byte_for_byte(
    synthetic_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = synthetic_project(ENTRIES)
    rendered = built(config_file, tmp_path / "parallel")
    monkeypatch.setattr(prerender, "MIN_PAGES", 10**9)
    assert built(config_file, tmp_path / "serial") == (0, 0, 0)
    definitions = len(list((tmp_path / "serial").glob("definition/*/index.html")))
    assert rendered[0] == rendered[1] == rendered[2] > definitions
    assert same_files(tmp_path / "parallel", tmp_path / "serial") == []


@pytest.mark.usefixtures("worker_renders_all")
def test_a_page_the_workers_fail_on_is_rendered_by_the_build(
    synthetic_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = synthetic_project(ENTRIES)
    for name in ("markdown_job", "theme_job"):
        monkeypatch.setattr(prerender, name, failing_on(FAILING, getattr(prerender, name)))
    monkeypatch.setattr(prerender, "source_job", failing_source(prerender.source_job))
    rendered = built(config_file, tmp_path / "parallel")
    monkeypatch.setattr(prerender, "MIN_PAGES", 10**9)
    built(config_file, tmp_path / "serial")
    assert min(rendered) > 0  # the pages after the failing one, in its order
    assert same_files(tmp_path / "parallel", tmp_path / "serial") == []


@pytest.mark.usefixtures("worker_renders_all")
def test_a_warning_from_a_page_the_worker_rendered_fails_a_strict_build(
    synthetic_project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = synthetic_project(ENTRIES)
    entry = config_file.parent / "glossary/definitions/entry-00001.yml"
    entry.write_text(entry.read_text().replace("body: |\n  ", f"body: |\n  {BROKEN}"))
    with pytest.raises(Abort, match="1 warnings"):
        built(config_file, tmp_path / "site", strict=True)
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert said == [
        "Doc file 'definition/entry-00001.md' contains a link 'gone.md#part', "
        "but the target 'definition/gone.md' is not found among documentation files."
    ]


class _Page:
    src_uri = "definition/entry-00001.md"


@pytest.mark.parametrize("session_frozen", [False, True])
def test_starting_a_worker_leaves_the_collector_as_it_found_it(session_frozen: bool) -> None:
    """A serve session keeps its site frozen between saves; a worker's fork must not thaw it,
    and a build that froze nothing keeps nothing frozen."""
    import gc

    gc.collect()
    if session_frozen:
        gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        worker = prerender.PageWorker()
        worker.start([_Page()], lambda file, capture: file.src_uri)
        worker.stop()
        assert (gc.get_freeze_count() > 0) == session_frozen
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
