"""Two builds of the starter site, at different times and from different places, are identical.

Each build runs on its own copy of the project (so absolute paths differ), with
different file modification times and from a different working directory; the
wall clock differs too. Every byte of the two trees must match, the sitemap,
the gzip files, the search index, the calculators wheel and the Python memory
snapshot (made afresh in Node by each build) included.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import struct
import zipfile
from pathlib import Path

import pytest

from termsite.widgets.snapshot import CACHE_VARIABLE

from .conftest import build_starter_site, copy_project

pytestmark = pytest.mark.xdist_group("standards")

SOURCE_DATE_EPOCH = 1_700_000_000
DAY_S = 86_400


def digests(site: Path) -> dict[str, str]:
    """Every file of a tree by path, with its SHA-256."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    env = {"SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)}
    # An empty snapshot cache each: both builds make the memory snapshot in Node.
    caches = (base / "cache-one", base / "cache-two")
    first = copy_project(base / "one" / "project", SOURCE_DATE_EPOCH + DAY_S)
    second = copy_project(base / "two" / "elsewhere" / "project", SOURCE_DATE_EPOCH + 9 * DAY_S)
    elsewhere = base / "two" / "elsewhere"
    site_one = build_starter_site(
        base / "site-one",
        cwd=first,
        config=first / "mkdocs.yml",
        env={**env, CACHE_VARIABLE: str(caches[0])},
    )
    site_two = build_starter_site(
        base / "site-two",
        cwd=elsewhere,
        config=second / "mkdocs.yml",
        env={**env, CACHE_VARIABLE: str(caches[1])},
    )
    assert all(list(cache.glob("*.bin")) for cache in caches), "a build reused a snapshot"
    return site_one, site_two


def test_two_builds_give_byte_identical_trees(two_builds: tuple[Path, Path]) -> None:
    one, two = (digests(site) for site in two_builds)
    assert sorted(one) == sorted(two), "the two builds wrote different files"
    differing = sorted(name for name in one if one[name] != two[name])
    assert differing == [], f"files that differ between two builds: {differing}"


@pytest.mark.parametrize(
    "pattern",
    [
        "sitemap.xml",
        "sitemap.xml.gz",
        "pagefind/pagefind-entry.json",
        "**/*.whl",
        "assets/pyodide/*/snapshot-*.bin",
    ],
)
def test_reproducible_tree_holds_the_outputs_that_tend_to_drift(
    two_builds: tuple[Path, Path], pattern: str
) -> None:
    assert list(two_builds[0].glob(pattern)), f"the build wrote no {pattern}"


def test_gzip_files_carry_no_clock_time(two_builds: tuple[Path, Path]) -> None:
    stamps = {
        path.name: struct.unpack("<I", path.read_bytes()[4:8])[0]
        for path in two_builds[0].rglob("*.gz")
    }
    assert stamps, "the build wrote no gzip file"
    late = {name: stamp for name, stamp in stamps.items() if stamp > SOURCE_DATE_EPOCH}
    assert late == {}, f"gzip headers stamped after SOURCE_DATE_EPOCH: {late}"
    for path in two_builds[0].rglob("*.gz"):
        gzip.decompress(path.read_bytes())


def test_wheel_entries_carry_no_clock_time(two_builds: tuple[Path, Path]) -> None:
    wheels = list(two_builds[0].rglob("*.whl"))
    assert wheels, "the build wrote no calculators wheel"
    limit = zipfile.ZipInfo("x", date_time=_utc(SOURCE_DATE_EPOCH)).date_time
    with zipfile.ZipFile(wheels[0]) as archive:
        late = [info.filename for info in archive.infolist() if info.date_time > limit]
    assert late == [], f"wheel entries dated after SOURCE_DATE_EPOCH: {late}"


def _utc(epoch: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
