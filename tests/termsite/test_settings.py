"""The plugin options are checked by the same model that documents them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from termsite.mkdocs_plugin import TermsitePlugin, settings_from_options
from termsite.project import ProjectError, read_project


def test_misspelt_validation_code_is_an_error_with_a_suggestion() -> None:
    settings, problems = settings_from_options({"validation": {"sumary-length": "warn"}})
    assert settings is None
    assert problems == [
        ("validation", "'sumary-length' is not a problem code (did you mean 'summary-length'?)")
    ]


@pytest.mark.parametrize(
    ("options", "sentence"),
    [
        ({"page_sise": 3}, "unknown field 'page_sise' (did you mean 'page_size'?)"),
        ({"paths": {"trem": "t/{slug}/"}}, "unknown field 'trem' (did you mean 'term'?)"),
        ({"validation": {"sumary-length": "warn"}}, "(did you mean 'summary-length'?)"),
    ],
)
def test_a_misspelt_option_is_worded_alike_by_termsite_and_by_mkdocs(
    tmp_path: Path, options: dict[str, object], sentence: str
) -> None:
    """`termsite check`/`build` read the options through the project, `mkdocs build` through
    the plugin: both must give the editor the same sentence."""
    block = "".join(f"      {key}: {value!r}\n" for key, value in options.items())
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: X\nplugins:\n  - termsite:\n{block}", encoding="utf-8")
    with pytest.raises(ProjectError) as caught:
        read_project(str(config))
    errors, _ = TermsitePlugin().load_config(options)
    [(where, error)] = errors
    assert str(caught.value) == f"{config.as_posix()}: plugin 'termsite', option '{where}': {error}"
    assert sentence in str(error)


def test_known_validation_code_regrades() -> None:
    settings, problems = settings_from_options({"validation": {"summary-length": "ignore"}})
    assert problems == []
    assert settings is not None
    assert settings.validation["summary-length"] == "ignore"
    assert settings.severities == {"summary-length": "ignore"}


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
