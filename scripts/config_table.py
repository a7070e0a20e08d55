"""Print the README's configuration table from `SiteSettings`, the one source of the options.

.venv/bin/python scripts/config_table.py
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from termsite.settings import SiteSettings


def default_text(value: Any) -> str:
    """A default as YAML readers would write it."""
    if isinstance(value, BaseModel):
        return ""
    if value is None:
        return "*(none)*"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict) and not value:
        return "`{}`"
    return f"`{json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}`"


def rows(model: type[BaseModel], prefix: str = "") -> list[str]:
    """One row per option, nested options as dotted names."""
    out: list[str] = []
    instance = model()
    for name, field in model.model_fields.items():
        value = getattr(instance, name)
        doc = (field.description or "").replace("\n", " ").replace("|", "\\|")
        if isinstance(value, BaseModel):
            out.extend(rows(type(value), f"{prefix}{name}."))
            continue
        out.append(f"| `{prefix}{name}` | {default_text(value)} | {doc} |")
    return out


def table() -> str:
    """The whole Markdown table."""
    head = ["| option | default | what it does |", "| --- | --- | --- |"]
    return "\n".join(head + rows(SiteSettings))


if __name__ == "__main__":
    print(table())
