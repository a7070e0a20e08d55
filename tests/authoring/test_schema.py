"""The committed JSON Schemas: generated from the models, and what editors need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termsite.authoring.schema import entry_schema, schema_file_name, stale_schemas, write_schemas
from termsite.model import EntryKind

REPO = Path(__file__).resolve().parents[2]


def test_committed_schemas_equal_a_fresh_generation() -> None:
    stale = [path.name for path in stale_schemas(REPO / "schemas")]
    assert stale == [], "run 'termsite schema' to regenerate"


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    (tmp_path / "term.schema.json").write_text("{}\n", encoding="utf-8")
    assert stale_schemas(tmp_path) == [tmp_path / "term.schema.json"]


@pytest.mark.parametrize("kind", list(EntryKind))
def test_schema_rejects_unknown_fields(kind: EntryKind) -> None:
    assert entry_schema(kind)["additionalProperties"] is False


@pytest.mark.parametrize("kind", list(EntryKind))
def test_fields_the_loader_fills_are_not_asked_for(kind: EntryKind) -> None:
    schema = entry_schema(kind)
    assert "kind" not in schema["properties"]
    assert "slug" not in schema.get("required", [])


def test_term_schema_requires_what_the_model_requires() -> None:
    assert entry_schema(EntryKind.TERM)["required"] == ["title", "summary", "published"]


def test_fields_carry_descriptions_for_editors() -> None:
    properties = entry_schema(EntryKind.TERM)["properties"]
    assert properties["aliases"]["description"] == "Old slugs that redirect here."


def test_schema_files_are_named_by_kind(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert [path.name for path in written] == [schema_file_name(kind) for kind in EntryKind]
    assert json.loads(written[0].read_text(encoding="utf-8"))["title"] == "Term"
