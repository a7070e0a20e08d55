"""The plugin options are checked by the same model that documents them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from termsite.mkdocs_plugin import settings_from_options


def test_misspelt_validation_code_is_an_error_with_a_suggestion() -> None:
    settings, problems = settings_from_options({"validation": {"sumary-length": "warn"}})
    assert settings is None
    assert problems == [
        "option 'validation': 'sumary-length' is not a problem code "
        "(did you mean 'summary-length'?)"
    ]


def test_known_validation_code_regrades() -> None:
    settings, problems = settings_from_options({"validation": {"summary-length": "ignore"}})
    assert problems == []
    assert settings is not None
    assert settings.validation["summary-length"] == "ignore"


def test_readme_documents_every_option_with_its_default() -> None:
    """The README's table is generated from SiteSettings; regenerate it when an option changes."""
    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("config_table", root / "scripts/config_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.table() in (root / "README.md").read_text(encoding="utf-8"), (
        "README.md's configuration table is stale: paste the output of "
        "'.venv/bin/python scripts/config_table.py' into it"
    )
