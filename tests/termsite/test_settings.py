"""The plugin options are checked by the same model that documents them."""

from __future__ import annotations

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
