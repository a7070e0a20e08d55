"""Running the W3C Nu Html Checker once over many files, and telling theme errors from ours.

An error is the theme's when the markup it points at appears word for word in
one of Material's own templates: our templates, our content and anything the
termsite plugin renders never match that way, so they are ours by default.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_TIMEOUT_S = 180


@dataclass(frozen=True)
class NuError:
    """One error: the file, its line, the checker's message and the markup it points at."""

    file: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.markup.strip()[:120]}]"


def run_vnu(paths: Sequence[Path], site: Path) -> list[NuError]:
    """All errors in `paths`, from one JVM (its start-up is the slow part)."""
    assert VNU_JAR.is_file(), "vnu.jar is missing: run `npm ci` (make test does)"
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
    result = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, timeout=VNU_TIMEOUT_S
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [_error(message, site) for message in report["messages"]]


def _error(message: dict[str, object], site: Path) -> NuError:
    url = str(message.get("url", ""))
    extract = str(message.get("extract", ""))
    start = int(str(message.get("hiliteStart", 0)))
    markup = extract[start : start + int(str(message.get("hiliteLength", len(extract))))]
    return NuError(
        file=_site_path(url, site),
        line=int(str(message.get("lastLine", 0))),
        message=str(message.get("message", "")),
        markup=markup,
    )


def _site_path(url: str, site: Path) -> str:
    path = url.removeprefix("file:")
    prefix = str(site.resolve()) + "/"
    return path.removeprefix(prefix).removeprefix(str(site) + "/")


@cache
def theme_templates() -> str:
    """Every Material template's text, joined: the haystack for theme markup."""
    root = files("material") / "templates"
    return "\n".join(_texts(root))


def _texts(folder: object) -> list[str]:
    texts: list[str] = []
    for child in folder.iterdir():  # type: ignore[attr-defined]
        if child.is_dir():
            texts.extend(_texts(child))
        elif child.name.endswith(".html"):
            texts.append(child.read_text(encoding="utf-8"))
    return texts


def is_theme_error(error: NuError) -> bool:
    """Whether the erroneous markup is Material's own, word for word."""
    markup = error.markup.strip()
    return len(markup) > 8 and markup in theme_templates()
