"""Building a small project in this process, as the build-cache and entry-store tests do."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite import cli


def termsite_build(config_file: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> str:
    """Run `termsite build` in this process; returns what it logged."""
    capsys.readouterr()
    status = cli.main(["build", "-f", str(config_file), *flags])
    said = capsys.readouterr().err
    assert status == 0, said
    return said
