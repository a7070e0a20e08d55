"""JSON Schema for each kind of entry, generated from the pydantic models.

Editors that speak JSON Schema (VS Code's YAML extension, JetBrains IDEs,
anything built on yaml-language-server) then complete field names, show each
field's description and flag typos while the entry is being written. The files
under `schemas/` are generated, never edited: `termsite schema` rewrites them
and a test fails when they drift from the models.

Two fields are dropped from what editors see, because the loader fills them
in: `kind` (the folder gives it) and the requirement for `slug` (the file name
gives it).

Pointing an editor at the schemas:

* one file: put `# yaml-language-server: $schema=../../schemas/term.schema.json`
  on its first line (`termsite new` writes this line for you);
* a whole folder, in VS Code's `settings.json`:
  `"yaml.schemas": {"./schemas/term.schema.json": "glossary/terms/*.yml", …}`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from termsite.model import MODELS, EntryKind

__all__ = [
    "JSON_SCHEMA_DIALECT",
    "SCHEMA_DIR",
    "entry_schema",
    "schema_file_name",
    "schema_text",
    "stale_schemas",
    "write_schemas",
]

SCHEMA_DIR = "schemas"
"""Where the schemas live, relative to `mkdocs.yml`."""
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect pydantic generates."""

_FILLED_BY_LOADER = ("kind", "slug")


def schema_file_name(kind: EntryKind) -> str:
    """`term.schema.json`: the file name editors are pointed at."""
    return f"{kind.value}.schema.json"


def entry_schema(kind: EntryKind) -> dict[str, Any]:
    """The JSON Schema of one entry file of `kind`, as an editor should see it."""
    schema = MODELS[kind].model_json_schema(mode="validation")
    schema["properties"].pop("kind", None)
    required = [name for name in schema.get("required", []) if name not in _FILLED_BY_LOADER]
    schema["required"] = required
    if not required:
        del schema["required"]
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def schema_text(kind: EntryKind) -> str:
    """The schema serialised deterministically: sorted keys, two-space indent, final newline."""
    return json.dumps(entry_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write (or rewrite) every kind's schema into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in EntryKind:
        path = directory / schema_file_name(kind)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(directory: Path) -> list[Path]:
    """The schema files in `directory` that are missing or differ from a fresh generation."""
    stale = []
    for kind in EntryKind:
        path = directory / schema_file_name(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(path)
    return stale
