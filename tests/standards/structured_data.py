"""Adobe's structured-data validator (npm `@adobe/structured-data-validator`), run offline.

It applies Google's rich-result rules (at least two breadcrumb items, required
properties per type) and, given the schema.org vocabulary, schema.org's own
types and properties, to the JSON-LD that `@marbec/web-auto-extractor` reads
from each page, `@graph` nodes included. One Node process checks every page.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("structured_data.mjs")
PACKAGES = ("@adobe/structured-data-validator", "@marbec/web-auto-extractor")
TIMEOUT_S = 300


def validate_pages(pages: Sequence[Path], vocabulary: Path | None) -> dict[str, list[str]]:
    """Each page's issues as `SEVERITY Type: message (path)` lines; clean pages left out."""
    missing = [name for name in PACKAGES if not (ROOT / "node_modules" / name).is_dir()]
    assert not missing, f"{missing} missing: run `npm ci` (make test does)"
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "pages.json"
        listing.write_text(json.dumps([str(page) for page in pages]), encoding="utf-8")
        command = ["node", str(RUNNER), str(listing)] + ([str(vocabulary)] if vocabulary else [])
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    assert result.returncode == 0, f"the validator failed:\n{result.stderr[-4000:]}"
    report: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return {page: [_line(issue) for issue in issues] for page, issues in report.items() if issues}


def _line(issue: dict[str, object]) -> str:
    path = ".".join(
        str(step.get("property") or step.get("type") or "")
        for step in issue.get("path") or []  # type: ignore[attr-defined]
        if isinstance(step, dict)
    )
    return f"{issue['severity']} {issue['rootType']}: {issue['issueMessage']} ({path})"


def content_pages(site: Path) -> list[Path]:
    """Every page a reader can land on (redirect stubs and the 404 page carry no graph)."""
    return [
        page
        for page in sorted(site.rglob("index.html"))
        if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    ]
