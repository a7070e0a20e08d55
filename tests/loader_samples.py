"""Entry texts and helper types shared by the loader, schema and command-line tests.

Kept out of `conftest.py` so tests can import them by a name no other test folder uses.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

from termsite.load import LoadResult

TODAY = dt.date(2026, 11, 24)
"""A fixed 'today', so future-date checks do not depend on when tests run."""

WriteEntry = Callable[[Path, str, str], Path]
LoadFn = Callable[[Path], LoadResult]

AUTHOR = """\
name: Risk Desk
bio: The team that writes about derivatives risk.
"""

AREA = """\
title: Crypto Asset Correlation
summary: How crypto assets move together, and why that matters for risk and portfolios.
published: 2025-01-06
author: risk-desk
body: An introduction.
faq:
  - facet: Risk
    answer: One paragraph.
"""

DEFINITION = """\
title: Basis
summary: The difference between a futures price and the spot price of the same asset.
published: 2025-02-11
author: risk-desk
areas: [crypto-asset-correlation]
body: One sentence.
"""


def write_entry_file(root: Path, relative: str, text: str) -> Path:
    """Write `root/glossary/<relative>` (dedented), creating its folder."""
    path = root / "glossary" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
