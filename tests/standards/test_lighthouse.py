"""Lighthouse (npm, pinned) on area, term and calculator pages: SEO, accessibility, practice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from chromium_browser import CHROMIUM_ARGS

from .conftest import ROOT

pytestmark = pytest.mark.xdist_group("standards")

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("seo", "accessibility", "best-practices")
GOALS = {"seo": 100, "accessibility": 98, "best-practices": 95}
KINDS = ("area", "term", "calculator")
RUN_TIMEOUT_S = 120


def run_lighthouse(url: str, report: Path) -> dict[str, int]:
    """Scores (0–100) per category for one URL, from Lighthouse's JSON report."""
    assert LIGHTHOUSE.is_file(), "lighthouse is missing: run `npm ci` (make test does)"
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is missing: install Debian's 'chromium' package (make test does)."
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-2000:]}"
    return _scores(json.loads(report.read_text(encoding="utf-8")))


def _scores(report: dict[str, dict[str, dict[str, float | None]]]) -> dict[str, int]:
    return {name: round(100 * (c["score"] or 0)) for name, c in report["categories"].items()}


def failed_audits(report: Path) -> list[str]:
    """The audits that cost points, for the failure message."""
    data = json.loads(report.read_text(encoding="utf-8"))
    weighted = {
        ref["id"] for c in data["categories"].values() for ref in c["auditRefs"] if ref["weight"]
    }
    return sorted(
        f"{audit_id}: {audit['title']}"
        for audit_id, audit in data["audits"].items()
        if audit_id in weighted and audit["score"] is not None and audit["score"] < 1
    )


@pytest.fixture(scope="module")
def lighthouse_reports(
    base_url: str, page_kinds: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """One Lighthouse run per page kind, in turn (each starts its own Chromium)."""
    folder = tmp_path_factory.mktemp("lighthouse")
    reports = {kind: folder / f"{kind}.json" for kind in KINDS}
    for kind, report in reports.items():
        scores = run_lighthouse(base_url + page_kinds[kind], report)
        print(f"\nLighthouse {kind} ({page_kinds[kind]}): {scores}")
    return reports


@pytest.mark.parametrize("kind", KINDS)
def test_page_kind_meets_lighthouse_goals(lighthouse_reports: dict[str, Path], kind: str) -> None:
    report = lighthouse_reports[kind]
    scores = _scores(json.loads(report.read_text(encoding="utf-8")))
    short = {name: score for name, score in scores.items() if score < GOALS[name]}
    assert short == {}, f"{kind}: {scores} below {GOALS}; lost points on {failed_audits(report)}"
