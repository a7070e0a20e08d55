"""Material's markup that the HTML standard forbids, corrected in the written page.

Material's `base.html` writes its drawer and search toggles as
`<input type="checkbox" autocomplete="off">` outside any block or partial, so
no template override reaches them, and `autocomplete` is not allowed on a
checkbox (the Nu checker reports it on every page). The attribute only asks
Firefox not to restore a toggle's state on reload; removing it from the finished
page keeps every page valid without copying the theme's whole base template.
"""

from __future__ import annotations

import re

__all__ = ["valid_theme_markup"]

_TOGGLE_AUTOCOMPLETE = re.compile(
    r"""(<input\b(?=[^>]*\bclass="md-toggle")(?=[^>]*\btype="checkbox")[^>]*?)\s+autocomplete="off\""""
)
"""`autocomplete="off"` inside one of Material's `md-toggle` checkboxes, and only there."""


def valid_theme_markup(html: str) -> str:
    """`html` without the theme's invalid `autocomplete` on its checkbox toggles."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
