"""The calculators wheel: deterministic, complete, and installable by any wheel reader."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import zipfile
from pathlib import Path

from termsite.widgets.wheel import build_wheel, calculators_wheel, package_files, package_root


def _names(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.namelist()


def _read(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)


def test_wheel_bytes_are_identical_across_builds() -> None:
    files = package_files()
    assert build_wheel(files, "0.1.0").content == build_wheel(dict(files), "0.1.0").content


def test_wheel_holds_exactly_the_package_files_plus_dist_info() -> None:
    wheel = calculators_wheel()
    shipped = {name for name in _names(wheel.content) if not name.startswith("calculators-")}
    on_disk = {
        "calculators/" + p.relative_to(package_root()).as_posix()
        for p in package_root().rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert shipped == on_disk


def test_wheel_files_match_the_sources_byte_for_byte() -> None:
    wheel = calculators_wheel()
    for name, data in package_files().items():
        assert _read(wheel.content, name) == data


def test_wheel_entries_are_sorted_with_a_fixed_timestamp() -> None:
    with zipfile.ZipFile(io.BytesIO(calculators_wheel().content)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_record_lists_every_file_with_its_sha256_and_size() -> None:
    wheel = calculators_wheel()
    record_name = next(n for n in _names(wheel.content) if n.endswith(".dist-info/RECORD"))
    rows = list(csv.reader(io.StringIO(_read(wheel.content, record_name).decode())))
    assert sorted(row[0] for row in rows) == sorted(_names(wheel.content))
    for name, digest, size in rows:
        if name == record_name:
            assert (digest, size) == ("", "")
            continue
        data = _read(wheel.content, name)
        expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert (digest, int(size)) == (f"sha256={expected}", len(data))


def test_wheel_name_is_a_pure_python_wheel_name() -> None:
    assert calculators_wheel().filename.endswith("-py3-none-any.whl")
    assert calculators_wheel().filename.startswith("calculators-")


def test_a_changed_file_gives_a_new_url(tmp_path: Path) -> None:
    package = tmp_path / "calculators"
    package.mkdir()
    (package / "__init__.py").write_text('"""One."""\n')
    first = calculators_wheel(package).site_path
    (package / "__init__.py").write_text('"""Two, longer."""\n')
    assert calculators_wheel(package).site_path != first


def test_caches_and_compiled_files_stay_out(tmp_path: Path) -> None:
    package = tmp_path / "calculators"
    (package / "__pycache__").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert list(package_files(package)) == ["calculators/__init__.py"]
