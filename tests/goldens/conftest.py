"""Options and fixtures of the golden tests: the golden site built once, and regeneration.

`make goldens` (or `pytest tests/goldens --regenerate-goldens`, or
`TERMSITE_REGENERATE_GOLDENS=1` with any pytest command) rewrites
`tests/goldens/expected/` from a fresh build instead of comparing with it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from golden_site import build_golden_site, write_goldens
from owned_outputs import owned_outputs

REGENERATE_ENV = "TERMSITE_REGENERATE_GOLDENS"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-goldens",
        action="store_true",
        default=False,
        help=f"rewrite tests/goldens/expected/ from a fresh build (or set {REGENERATE_ENV}=1)",
    )


def regenerating(config: pytest.Config) -> bool:
    """Asked for by the option (registered only when this folder is on the command line)
    or by the environment variable (which works from any pytest command)."""
    asked = bool(config.getoption("regenerate_goldens", default=False))
    return asked or os.environ.get(REGENERATE_ENV, "") not in ("", "0")


@pytest.fixture(scope="session")
def golden_outputs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """The owned outputs of the golden site; written to `expected/` when regenerating."""
    base = tmp_path_factory.mktemp("goldens")
    site = build_golden_site(base / "project", base / "site")
    outputs = owned_outputs(site)
    if regenerating(request.config):
        write_goldens(outputs)
    yield outputs
    shutil.rmtree(base, ignore_errors=True)
