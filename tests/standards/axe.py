"""Running axe-core (the npm package, pinned) inside a Playwright page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
RUN_AXE = """async () => {
  const moving = document.getAnimations().filter((one) => one instanceof CSSTransition);
  await Promise.all(moving.map((one) => one.finished.catch(() => {})));
  return (await axe.run(document, {resultTypes: ['violations']})).violations;
}"""
"""axe judges the page as it settles, not a colour caught half-way through a transition
(Material's buttons fade in 125 ms, and axe measured one mid-fade once)."""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on a page, with how bad it is and where."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} at {', '.join(self.targets[:3])}"


@cache
def axe_source() -> str:
    assert AXE_SCRIPT.is_file(), "axe-core is missing: run `npm ci` (make test does)"
    return AXE_SCRIPT.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[Violation]:
    """Every violation axe finds on the loaded page."""
    page.add_script_tag(content=axe_source())
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return [_violation(item) for item in found]


def _violation(item: dict[str, Any]) -> Violation:
    targets = tuple(str(t) for node in item.get("nodes", []) for t in node.get("target", []))
    return Violation(item["id"], str(item.get("impact")), item.get("help", ""), targets)


def blocking(violations: list[Violation]) -> list[Violation]:
    """The serious and critical ones: the standard the site must meet."""
    return [v for v in violations if v.impact in BLOCKING_IMPACTS]
