"""A pure-Python wheel of the `calculators` package, built in memory at site-build time.

The browser's worker fetches this wheel and unpacks it into ``site-packages``
(``pyodide.unpackArchive``), beside the memory snapshot or after a plain boot, so
readers run byte-for-byte the files the tests run. The zip is deterministic (sorted entries,
fixed timestamps and permissions) so the same sources give the same bytes, and the
site puts it under a path named after its hash so a changed file gets a new URL.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import calculators

__all__ = ["Wheel", "calculators_wheel", "package_files"]

PACKAGE = "calculators"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest timestamp a zip can hold: no build time leaks into the bytes."""

SKIPPED_PARTS = frozenset({"__pycache__"})
SKIPPED_SUFFIXES = frozenset({".pyc", ".pyo"})


@dataclass(frozen=True)
class Wheel:
    """The wheel's file name (Pyodide reads name and version from it) and its bytes."""

    filename: str
    content: bytes

    @property
    def digest(self) -> str:
        """A short content hash, used as the folder of the wheel's URL."""
        return hashlib.sha256(self.content).hexdigest()[:16]

    @property
    def site_path(self) -> str:
        """Where the wheel lives in the built site, relative to its root."""
        return f"assets/calculators/{self.digest}/{self.filename}"


def package_root() -> Path:
    """The folder of the `calculators` package these tests and this build import."""
    return Path(calculators.__file__).resolve().parent


def package_files(root: Path | None = None) -> dict[str, bytes]:
    """Every source and data file of the package, keyed by its path inside the wheel."""
    base = package_root() if root is None else root
    files: dict[str, bytes] = {}
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base)
        if path.is_file() and _is_shipped(relative):
            files[f"{PACKAGE}/{relative.as_posix()}"] = path.read_bytes()
    return files


def calculators_wheel(root: Path | None = None) -> Wheel:
    """The wheel for the package's current files (cached while the files are unchanged)."""
    base = package_root() if root is None else root
    return _build_cached(base, _fingerprint(base))


def _is_shipped(relative: Path) -> bool:
    """Caches and compiled files are byproducts of running the code, not the code."""
    return not (SKIPPED_PARTS & set(relative.parts)) and relative.suffix not in SKIPPED_SUFFIXES


def _fingerprint(base: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times: cheap to read, and they change with any edit."""
    entries = []
    for path in sorted(base.rglob("*")):
        if path.is_file() and _is_shipped(path.relative_to(base)):
            stat = path.stat()
            entries.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


@lru_cache(maxsize=4)
def _build_cached(base: Path, fingerprint: tuple[tuple[str, int, int], ...]) -> Wheel:
    """Build once per distinct set of files; `fingerprint` is only the cache key."""
    del fingerprint
    return build_wheel(package_files(base), _version())


def _version() -> str:
    """The calculators ship inside the termsite distribution, so they share its version."""
    return importlib.metadata.version("termsite")


def build_wheel(files: dict[str, bytes], version: str) -> Wheel:
    """A deterministic wheel holding `files` plus the three dist-info files a wheel needs."""
    dist_info = f"{PACKAGE}-{version}.dist-info"
    entries = dict(files)
    entries[f"{dist_info}/METADATA"] = _metadata(version).encode()
    entries[f"{dist_info}/WHEEL"] = _wheel_file().encode()
    record_name = f"{dist_info}/RECORD"
    entries[record_name] = _record(entries, record_name).encode()
    return Wheel(f"{PACKAGE}-{version}-py3-none-any.whl", _zip(entries))


def _metadata(version: str) -> str:
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {PACKAGE}\n"
        f"Version: {version}\n"
        "Summary: Standard-library-only correlation calculators (termsite).\n"
    )


def _wheel_file() -> str:
    return "Wheel-Version: 1.0\nGenerator: termsite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _record(entries: dict[str, bytes], record_name: str) -> str:
    """RECORD lists every file with its sha256 and size; its own line has neither."""
    lines = [f"{name},sha256={_urlsafe_digest(data)},{len(data)}" for name, data in entries.items()]
    lines.append(f"{record_name},,")
    return "\n".join(sorted(lines)) + "\n"


def _urlsafe_digest(data: bytes) -> str:
    """The hash encoding the wheel format asks for: urlsafe base64 without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()
