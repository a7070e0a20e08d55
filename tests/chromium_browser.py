"""How every browser suite launches Debian's Chromium (Playwright's own download cannot work)."""

from __future__ import annotations

import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Without the background-networking flags Chromium keeps dialling unreachable hosts."""


def chromium_executable() -> str:
    """Debian's `chromium` on PATH; `make test` installs it when missing."""
    executable = shutil.which("chromium")
    assert executable, "Chromium is missing: install Debian's 'chromium' package (make test does)."
    return executable
