"""Site paths (from the site root, no leading slash) shared by the widget modules."""

from __future__ import annotations

__all__ = ["ASSET_PREFIX", "EXAMPLE_PRICES_PATH"]

ASSET_PREFIX = "assets/termsite"
"""The folder of the loader, the worker, the stylesheet and the example data."""

EXAMPLE_PRICES_PATH = f"{ASSET_PREFIX}/example-prices.csv"
"""The starter dataset, fetched by the "use the example data" button."""
