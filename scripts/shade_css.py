"""Rewrite the shaded-cell rules in calculators.css from the heatmap's colour scale.

.venv/bin/python scripts/shade_css.py
"""

from __future__ import annotations

from termsite.widgets.shades import STYLESHEET, with_shade_rules


def main() -> None:
    """Write the block in place; the rest of the stylesheet is left as it is."""
    css = STYLESHEET.read_text(encoding="utf-8")
    STYLESHEET.write_text(with_shade_rules(css), encoding="utf-8")


if __name__ == "__main__":
    main()
