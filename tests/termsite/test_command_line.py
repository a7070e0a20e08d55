"""`termsite` commands: exit codes, what they print, skeletons, and the atomic build.

(Named `test_command_line.py`, not `test_cli.py`: `tests/calculators/test_cli.py`
exists, and two test modules with one name in package-less folders collide.)
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from loader_samples import WriteEntry

from termsite import atomic_site, cli
from termsite.atomic_site import build_atomically
from termsite.model import EntryKind

CONFIG = """\
site_name: Tiny
site_url: https://tiny.test/
docs_dir: content
plugins:
  - termsite:
      glossary_dir: {glossary}
      calculators:
        pyodide_cdn_url: https://runtime.test/pyodide/{{version}}/
"""


def _project(root: Path, glossary: str = "glossary") -> Path:
    """Write a tiny `mkdocs.yml` and home page beside `root/glossary`; return the config."""
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "index.md").write_text("# Tiny\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(CONFIG.format(glossary=glossary), encoding="utf-8")
    return config


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# ---------------------------------------------------------------- check


def test_check_passes_a_clean_glossary(
    base_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(base_glossary)
    status, out, _ = _run(capsys, "check", "--config-file", str(config))
    assert (status, out) == (0, "3 entries in glossary/: no problems found.\n")


def test_check_fails_and_prints_the_report(
    base_glossary: Path, write_entry: WriteEntry, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(base_glossary)
    write_entry(base_glossary, "terms/tau.yml", "title: Tau\nsummary: [x]\npublished: 2025-01-01\n")
    status, out, _ = _run(capsys, "check", "--config-file", str(config))
    assert status == 1
    assert out == (
        "glossary/terms/tau.yml:2: field 'summary': expected text, got a list\n"
        "1 error, 0 warnings in 1 file\n"
    )


def test_check_passes_with_warnings_only(
    base_glossary: Path, write_entry: WriteEntry, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(base_glossary)
    write_entry(
        base_glossary, "terms/tau.yml", "title: Tau\nsummary: Short.\npublished: 2025-01-01\n"
    )
    status, out, _ = _run(capsys, "check", "--config-file", str(config))
    assert status == 0
    assert out.endswith("0 errors, 1 warning in 1 file\n")


def test_check_report_lists_findings_and_json_is_machine_readable(
    base_glossary: Path, write_entry: WriteEntry, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    config = _project(base_glossary)
    write_entry(
        base_glossary,
        "definitions/ancient.yml",
        "title: Ancient Entry\nsummary: A definition nobody has touched for a very long time now.\n"
        "published: 2001-01-01\n",
    )
    status, out, _ = _run(capsys, "check", "--report", "--config-file", str(config))
    assert status == 0
    assert "Entries not updated lately (1)\n  - definition/ancient (last updated 2001-01-01)" in out
    assert "Entries that no page mentions or links" in out
    status, out, _ = _run(capsys, "check", "--json", "--config-file", str(config))
    data = json.loads(out)
    assert status == 0 and data["problems"] == []
    assert data["report"]["stale"] == ["definition/ancient (last updated 2001-01-01)"]
    assert "definition/ancient" in data["report"]["never_mentioned"]


def test_check_reads_the_glossary_folder_from_the_config(
    base_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_glossary / "glossary").rename(base_glossary / "entries")
    config = _project(base_glossary, glossary="entries")
    status, out, _ = _run(capsys, "check", "--config-file", str(config))
    assert (status, out) == (0, "3 entries in entries/: no problems found.\n")


def test_check_reports_a_bad_plugin_option_in_one_sentence(
    base_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(base_glossary)
    config.write_text("plugins:\n  - termsite:\n      page_size: many\n", encoding="utf-8")
    status, _, err = _run(capsys, "check", "--config-file", str(config))
    assert status == 1
    assert err == (
        f"termsite: {config.as_posix()}: plugin 'termsite', option 'page_size': "
        "expected a whole number, got 'many'\n"
    )


def test_missing_config_file_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "check", "--config-file", str(tmp_path / "nope.yml"))
    assert (status, err) == (
        1,
        f"termsite: the config file '{tmp_path / 'nope.yml'}' does not exist\n",
    )


def test_unexpected_failure_is_a_sentence_without_traceback(
    base_glossary: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("termsite.load.load_glossary", broken)
    status, _, err = _run(capsys, "check", "--config-file", str(_project(base_glossary)))
    assert (status, err) == (
        1,
        "termsite: unexpected failure: disk on fire (run again with --debug to see where)\n",
    )


def test_debug_shows_the_traceback(
    base_glossary: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("termsite.load.load_glossary", broken)
    _, _, err = _run(capsys, "check", "--debug", "--config-file", str(_project(base_glossary)))
    assert "Traceback" in err


@pytest.mark.parametrize(
    "command", ["check", "new", "build", "clean-cache", "serve", "calc", "schema"]
)
def test_every_command_has_help_with_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.build_parser().parse_args([command, "--help"])
    assert stop.value.code == 0
    assert "examples:" in capsys.readouterr().out


# ---------------------------------------------------------------- new


@pytest.mark.parametrize("kind", list(EntryKind))
def test_new_writes_a_skeleton_that_passes_check(
    kind: EntryKind, base_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(base_glossary)
    status, out, _ = _run(capsys, "new", kind.value, "Tail Dependence: Ünïcode", "-f", str(config))
    assert (status, out) == (0, f"glossary/{kind.value}s/tail-dependence-unicode.yml\n")
    status, out, _ = _run(capsys, "check", "-f", str(config))
    assert (status, out) == (0, "4 entries in glossary/: no problems found.\n")


def test_new_points_editors_at_the_schema(
    base_glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "new", "term", "Tau", "-f", str(_project(base_glossary)))
    first = (base_glossary / "glossary" / "terms" / "tau.yml").read_text(encoding="utf-8")
    assert first.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/term.schema.json"


def test_new_refuses_to_overwrite(base_glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _project(base_glossary)
    before = (base_glossary / "glossary" / "definitions" / "basis.yml").read_bytes()
    status, _, err = _run(capsys, "new", "definition", "Basis", "-f", str(config))
    assert (status, err) == (
        1,
        "termsite: glossary/definitions/basis.yml already exists; edit it or pick another title\n",
    )
    assert (base_glossary / "glossary" / "definitions" / "basis.yml").read_bytes() == before


# ---------------------------------------------------------------- schema


def test_schema_check_fails_until_schemas_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _project(tmp_path)
    assert _run(capsys, "schema", "--check", "-f", str(config))[0] == 1
    assert _run(capsys, "schema", "-f", str(config))[0] == 0
    assert _run(capsys, "schema", "--check", "-f", str(config))[0] == 0


# ---------------------------------------------------------------- atomic build


def _old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "term").mkdir(parents=True)
    (site / "index.html").write_text("old home", encoding="utf-8")
    (site / "term" / "x.html").write_bytes(b"old term \x00\xff")
    return site


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    before = _tree_digest(site)

    def failing(staging: Path) -> None:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError("template error")

    with pytest.raises(RuntimeError):
        build_atomically(site, failing)
    assert _tree_digest(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_interrupted_build_leaves_the_previous_site(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    before = _tree_digest(site)

    def interrupted(staging: Path) -> None:
        (staging / "index.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_atomically(site, interrupted)
    assert _tree_digest(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_successful_build_replaces_the_site_whole(tmp_path: Path) -> None:
    site = _old_site(tmp_path)
    build_atomically(site, lambda staging: (staging / "new.html").write_text("new"))
    assert _tree_digest(site) == {"new.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_first_build_creates_a_readable_site(tmp_path: Path) -> None:
    build_atomically(tmp_path / "site", lambda staging: (staging / "a.html").write_text("a"))
    assert (tmp_path / "site").stat().st_mode & 0o005 == 0o005


def test_a_symlinked_site_keeps_its_link_and_gets_the_new_tree(tmp_path: Path) -> None:
    web_root = tmp_path / "www" / "html"
    web_root.parent.mkdir()
    _old_site(tmp_path).rename(web_root)
    (tmp_path / "site").symlink_to(web_root)
    build_atomically(tmp_path / "site", lambda staging: (staging / "new.html").write_text("new"))
    assert (tmp_path / "site").readlink() == web_root
    assert _tree_digest(web_root) == {"new.html": hashlib.sha256(b"new").hexdigest()}
    assert sorted(p.name for p in web_root.parent.iterdir()) == ["html"]


def test_an_interrupt_while_the_old_copy_is_deleted_still_publishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _old_site(tmp_path)

    def interrupted(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_site, "_remove_tree", interrupted)
    published = build_atomically(site, lambda staging: (staging / "new.html").write_text("new"))
    assert _tree_digest(site) == {"new.html": hashlib.sha256(b"new").hexdigest()}
    assert published.leftover is not None and published.leftover.is_dir()
    monkeypatch.undo()
    build_atomically(site, lambda staging: (staging / "newer.html").write_text("newer"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_site_dir_that_is_a_file_is_refused_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(atomic_site.SiteSwapError, match="is not a folder; remove it"):
        build_atomically(tmp_path / "site", lambda staging: None)


def _termsite(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from termsite.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_termsite_build_with_a_content_error_keeps_the_previous_site(
    base_glossary: Path, write_entry: WriteEntry
) -> None:
    _project(base_glossary)
    first = _termsite("build", cwd=base_glossary)
    assert first.returncode == 0, first.stderr
    site = base_glossary / "site"
    before = _tree_digest(site)
    assert "index.html" in before
    write_entry(base_glossary, "definitions/basis.yml", "title: [broken]\n")
    second = _termsite("build", cwd=base_glossary)
    assert second.returncode == 1
    assert "glossary/definitions/basis.yml:1: field 'title': expected text, got a list" in (
        second.stderr
    )
    assert "Traceback" not in second.stderr
    assert _tree_digest(site) == before
    hidden = [path.name for path in base_glossary.iterdir() if path.name.startswith(".")]
    assert sorted(hidden) == [".termsite-cache"]  # the build cache; no staging folder is left


def test_calc_hands_its_arguments_to_the_calculators(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "calc", "--help")
    assert status == 0
    assert "correlation-matrix" in out
