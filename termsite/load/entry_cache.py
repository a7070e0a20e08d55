"""Entries read and validated by an earlier `termsite build`, kept for the next one.

A fresh `termsite build` at 10,000 entries spent most of its loading time
parsing YAML and validating files that had not changed since the last build.
The store keeps, in the build cache folder, what loading one file produced:
the model, the line of every field (error messages need them), the file's own
problems, and what the cross-entry checks found in the entry alone (its
`Loaded.memo`: text and URL checks, keyed on the day and the calculators). An
entry is taken from the store only when the digest of its bytes, read now, is
the digest it was stored under, so the full build stays the truth: the same
models, and the same warnings, every build.

The store is two pickles: `base` holds every entry, `delta` only those that
changed since `base` was written, so a build after one save writes a few
kilobytes instead of the whole glossary. Each file starts with a header naming
the store's format, a salt (termsite's code and the versions of the libraries
that parse and validate) and the digest of what follows; a file whose header
or digest does not match is ignored as a whole, with one line saying so.
Unpickling is restricted to the classes an entry is made of, so a planted file
cannot run code.
"""

from __future__ import annotations

import enum
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from termsite import model
from termsite.build_cache import IGNORE_FILE
from termsite.collector import collection_paused
from termsite.load import load_entry, load_entry_bytes
from termsite.load.crossref import Loaded
from termsite.load.yaml_source import MAX_BYTES, Document
from termsite.model import EntryKind
from termsite.problems import Problem

__all__ = ["STORE_FORMAT", "EntryStore", "store_salt"]

STORE_FORMAT = 1
"""Bumped when what the store holds changes shape: an older store is then simply cold."""
FOLDER = "entries"
BASE = "base.pickle"
DELTA = "delta.pickle"
IGNORE_TEXT = "# written by termsite\n*\n"
"""The cache folder's `.gitignore`, as `build_cache` writes it."""
_MAGIC = b"termsite-entries"
_LIBRARIES = ("termsite", "pydantic", "pydantic-core", "pyyaml")
"""Distributions whose code decides what a file loads into."""
_KEPT_MEMO = ("own-key", "own", "title-key", "named")
"""What `crossref` remembers of an entry alone; the rest names other entries."""
_REWRITE_SHARE = 10
"""`base` is written again once more than one entry in this many is in `delta`."""

Result = tuple[Loaded | None, list[Problem]]
Key = tuple[str, str]
"""An entry file as shown in messages, and its kind (the kind comes from its folder)."""


@dataclass(frozen=True)
class _Kept:
    """One file's loading, as stored: everything to rebuild its `Loaded` and problems."""

    digest: str
    entry: Any
    lines: Mapping[tuple[str | int, ...], int] | None
    memo: dict[str, Any]
    problems: tuple[Problem, ...]

    def result(self, shown: str) -> Result:
        problems = list(self.problems)
        if self.entry is None or self.lines is None:
            return None, problems
        doc = Document(data={}, lines=self.lines)  # validation was the only reader of data
        return Loaded(self.entry, shown, doc, dict(self.memo)), problems


@cache
def store_salt() -> str:
    """termsite's code, Python's and the libraries' versions: a change makes the store cold."""
    from termsite.build_cache import code_digest, digest

    package = Path(__file__).resolve().parent.parent
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==none")
    python = sys.version  # pickles of models are only promised to one Python's own reader
    return digest(str(STORE_FORMAT), python, *versions, code_digest(package))


@dataclass
class EntryStore:
    """The store of one site during one build: `read` is the loader's one-file reader."""

    folder: Path
    salt: str
    note: str = ""
    """One line to show when a stored file was found damaged and ignored."""
    hits: int = 0
    _base: dict[Key, _Kept] = field(default_factory=dict)
    _delta: dict[Key, _Kept] = field(default_factory=dict)
    _read: dict[Key, tuple[str, Loaded | None, _Kept | None, list[Problem]]] = field(
        default_factory=dict
    )

    @classmethod
    def open(cls, cache_folder: Path, salt: str | None = None) -> EntryStore:
        """The store in `cache_folder`; empty when there is none or it cannot be trusted."""
        store = cls(cache_folder / FOLDER, salt if salt is not None else store_salt())
        store._base = store._load(BASE)
        store._delta = store._load(DELTA) if store._base else {}
        return store

    def read(self, path: str, shown: str, kind: EntryKind) -> Result:
        """The stored result while the file's bytes are the stored ones; else load it."""
        raw = _bytes(path)
        if raw is None:  # unreadable or too large: the loader says so in its own words
            return load_entry(path, shown, kind)
        key = (shown, kind.value)
        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
        kept = self._delta.get(key) or self._base.get(key)
        if kept is not None and kept.digest == digest:
            self.hits += 1
            item, problems = kept.result(shown)
        else:
            kept = None
            item, problems = load_entry_bytes(raw, Path(path).stem, shown, kind)
        self._read[key] = (digest, item, kept, list(problems))
        return item, problems

    def save(self) -> None:
        """Store what this build read; a store that cannot be written only costs speed."""
        current = {key: self._kept(*read) for key, read in self._read.items()}
        changed = {
            key: kept for key, kept in current.items() if not _same(self._base.get(key), kept)
        }
        try:
            self._make_folder()
            if not self._base or len(changed) * _REWRITE_SHARE > len(current):
                self._write(BASE, current)
                (self.folder / DELTA).unlink(missing_ok=True)
            elif changed.keys() != self._delta.keys() or any(
                not _same(self._delta[key], kept) for key, kept in changed.items()
            ):
                self._write(DELTA, changed)
        except OSError as error:
            self.note = f"The entry store could not be written ({error.strerror})."

    def _make_folder(self) -> None:
        """The store's folder, in a cache folder git ignores even when the first build fails
        (the page cache writes the same `.gitignore` only after a good build)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder.parent / IGNORE_FILE
        if not ignore.exists():
            ignore.write_text(IGNORE_TEXT, encoding="utf-8")

    @staticmethod
    def _kept(
        digest: str, item: Loaded | None, kept: _Kept | None, problems: list[Problem]
    ) -> _Kept:
        memo = {k: item.memo[k] for k in _KEPT_MEMO if k in item.memo} if item else {}
        if kept is not None and kept.memo == memo:
            return kept
        entry, lines = (item.entry, item.doc.lines) if item is not None else (None, None)
        return _Kept(digest, entry, lines, memo, tuple(problems))

    def _load(self, name: str) -> dict[Key, _Kept]:
        path = self.folder / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            return self._damaged(name, error.strerror or "unreadable")
        header, _, body = data.partition(b"\n")
        fields = header.split(b" ")
        if len(fields) != 4 or fields[0] != _MAGIC or fields[2].decode() != self.salt:
            return {}  # another format or another termsite: cold, not damaged
        if fields[1] != str(STORE_FORMAT).encode():
            return {}
        if fields[3].decode() != hashlib.blake2b(body, digest_size=20).hexdigest():
            return self._damaged(name, "its contents do not match their digest")
        try:
            return _unpickled(body)
        except Exception as error:
            return self._damaged(name, f"it cannot be read ({type(error).__name__})")

    def _damaged(self, name: str, why: str) -> dict[Key, _Kept]:
        self.note = self.note or (
            f"The entry store {FOLDER}/{name} is damaged: {why}; reading every entry again."
        )
        self._base, self._delta = {}, {}
        return {}

    def _write(self, name: str, entries: dict[Key, _Kept]) -> None:
        body = pickle.dumps(dict(sorted(entries.items())), protocol=pickle.HIGHEST_PROTOCOL)
        check = hashlib.blake2b(body, digest_size=20).hexdigest()
        header = b" ".join([_MAGIC, str(STORE_FORMAT).encode(), self.salt.encode(), check.encode()])
        temporary = self.folder / f"{name}.{os.getpid()}.new"
        temporary.write_bytes(header + b"\n" + body)
        os.replace(temporary, self.folder / name)


def _same(old: _Kept | None, new: _Kept) -> bool:
    return old is new or (old is not None and old.digest == new.digest and old.memo == new.memo)


def _bytes(path: str) -> bytes | None:
    """The file's bytes, or None when it cannot be read or is over the loader's limit."""
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    return raw if len(raw) <= MAX_BYTES else None


_ALLOWED = {
    "builtins": frozenset({"frozenset", "set", "object"}),
    "copyreg": frozenset({"_reconstructor", "__newobj__"}),
    "datetime": frozenset({"date", "datetime", "timezone", "timedelta"}),
    "termsite.load.entry_cache": frozenset({"_Kept"}),
    "termsite.problems": frozenset({"Problem"}),
}
"""What an entry is made of, besides the models and enums of `termsite.model`."""


class _EntryUnpickler(pickle.Unpickler):
    """Builds only the classes in `_ALLOWED`: anything else is refused, never imported."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        if module == "termsite.model":
            found = getattr(model, name, None)
            if isinstance(found, type) and issubclass(found, BaseModel | enum.Enum):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of an entry")


def _unpickled(body: bytes) -> dict[Key, _Kept]:
    """The stored entries, checked for shape; unpickling with the collector paused is four
    times faster (the 10,000 models it makes would otherwise be traced over and over)."""
    with collection_paused():
        found = _EntryUnpickler(io.BytesIO(body)).load()
    if not isinstance(found, dict) or not all(isinstance(v, _Kept) for v in found.values()):
        raise TypeError("entries")
    return found
