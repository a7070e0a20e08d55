"""A clone runs on its own: no tracked file reads the workspace folder beside the repository.

The schema.org vocabulary the JSON-LD tests need once came from a `shared/`
folder next to the repository, and a user's clone has no such folder. The
vocabulary is vendored now (`tests/site/data/`); this test keeps any new
reference to that folder, or to this machine's absolute workspace path, out.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SHARED = "sha" + "red"
"""The folder's name, written in pieces (as every pattern below) so this file passes itself."""
FORBIDDEN = re.compile(
    "|".join(
        [
            re.escape(f"../{SHARED}"),
            re.escape(f"..\\{SHARED}"),
            r"parents?\b[^\n]{0,40}[\"']" + SHARED + r"[/\"']",
            re.escape("/" + "work/"),
        ]
    )
)
TEXT_SUFFIXES = {"", ".py", ".md", ".yml", ".yaml", ".toml", ".json", ".js", ".mjs", ".html"}
TEXT_SUFFIXES |= {".j2", ".css", ".sh", ".txt", ".cfg", ".ini", ".svg", ".xml", ".csv"}


def tracked_files() -> list[Path]:
    """The files git tracks (what a clone gets), as absolute paths."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [REPO / name for name in sorted(listing.split("\0")) if name]


def offending_lines(paths: list[Path], root: Path = REPO) -> list[str]:
    """`path:line: text` for every line that names the workspace folder."""
    found = []
    for path in paths:
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if FORBIDDEN.search(line):
                found.append(f"{path.relative_to(root).as_posix()}:{number}: {line.strip()}")
    return found


def test_no_tracked_file_reads_the_folder_beside_the_repository() -> None:
    files = tracked_files()
    assert len(files) > 100  # the listing worked
    assert offending_lines(files) == []


def test_the_check_finds_a_reference_to_the_folder_beside_the_repository(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        f'VOCAB = REPO.parent / "{SHARED}/reference/x.jsonld"\nOTHER = "../{SHARED}/x"\n',
        encoding="utf-8",
    )
    assert offending_lines([sample], root=tmp_path) == [
        f'sample.py:1: VOCAB = REPO.parent / "{SHARED}/reference/x.jsonld"',
        f'sample.py:2: OTHER = "../{SHARED}/x"',
    ]


def test_the_vocabulary_is_vendored_with_its_licence() -> None:
    data = REPO / "tests/site/data"
    assert (data / "schemaorg-current-https.jsonld.gz").stat().st_size > 100_000
    assert "CC BY-SA 3.0" in (data / "README.md").read_text(encoding="utf-8")
