"""The calculators give the same answers inside real Pyodide (Python 3.14) under Node.

One Node process runs every case in one batch (Pyodide's cold start is about
two seconds), offline, from the pinned npm package; each case's output is
compared with the same snippet run here in CPython. Passing proves the package
needs nothing but the standard library and works on Pyodide's Python.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from typing import Any

import pytest

from tests.calculators.conftest import ROOT, correlated_columns, csv_text, with_missing, with_ties

pytestmark = [pytest.mark.pyodide, pytest.mark.xdist_group("pyodide")]

IDS = [
    "correlation-matrix",
    "liquidation-risk",
    "portfolio-diversification",
    "rolling-correlation",
    "stress-correlation",
]


def _data() -> dict[str, Any]:
    """Awkward data made once in CPython and sent to both sides as JSON literals."""
    rng = random.Random(7)
    messy = with_ties(with_missing(rng, correlated_columns(rng, 120, 4), 0.15), 0.25)
    messy.append([2.0] * 120)
    offset = correlated_columns(rng, 200, 3, offset=1e9)
    pair = with_missing(rng, correlated_columns(rng, 600, 2, rho=0.3), 0.05)
    return {"messy": messy, "offset": offset, "pair": pair}


DATA = json.dumps(_data())
PRELUDE = f"import json\nDATA = json.loads({DATA!r})\n"


def _run_case(calc_id: str, **overrides: str) -> str:
    inputs = f"dict(SPECS[{calc_id!r}].example, **{overrides!r})"
    return (
        "import json\nfrom calculators import SPECS, run_json\n"
        f"output = json.loads(run_json({calc_id!r}, json.dumps({inputs})))\n"
    )


CASES: dict[str, str] = {
    **{f"example-{calc_id}": _run_case(calc_id) for calc_id in IDS},
    **{
        f"matrix-{method}-messy": PRELUDE
        + "from calculators.stats.correlation import correlation_matrix\n"
        + f"output = correlation_matrix(DATA['messy'], {method!r}, 5)\n"
        for method in ("pearson", "spearman", "kendall")
    },
    "matrix-offset": PRELUDE
    + "from calculators.stats.correlation import correlation_matrix\n"
    + "output = correlation_matrix(DATA['offset'])\n",
    "p-values": PRELUDE
    + "from calculators.stats.correlation import correlation_matrix, p_value_matrix\n"
    + "output = {m: p_value_matrix(DATA['messy'], correlation_matrix(DATA['messy'], m)[0], m)"
    + " for m in ('pearson', 'spearman', 'kendall')}\n",
    "fisher": "from calculators.stats.correlation import fisher_interval\n"
    + "output = fisher_interval(0.4321, 57)\n",
    "cluster": PRELUDE
    + "from calculators.stats.correlation import correlation_matrix\n"
    + "from calculators.stats.clustering import cluster_order\n"
    + "output = cluster_order(correlation_matrix(DATA['messy'][:4])[0])\n",
    **{
        f"rolling-{method}": PRELUDE
        + "from calculators.stats.rolling import rolling_series\n"
        + f"output = rolling_series(*DATA['pair'], {method!r}, 40, 0.94, 20)\n"
        for method in ("pearson", "spearman", "kendall", "ewma", "riskmetrics")
    },
    "matrix-kendall-significance": _run_case(
        "correlation-matrix", method="kendall", significance="true", order="cluster"
    ),
    "matrix-period-rebase-assets": _run_case(
        "correlation-matrix", period="90d", rebase="BTC", assets="ETH,SOL,DOGE"
    ),
    "rolling-dates-rebase": _run_case(
        "rolling-correlation", period="dates", start="2023-03-01", end="2023-12-31", rebase="BTC"
    ),
    "bad-csv": "import json\nfrom calculators import run_json\n"
    + "output = json.loads(run_json('correlation-matrix', json.dumps("
    + f"{{'csv': {csv_text([[1.0, 2.0, 3.0]], ['A']).replace('2.0', 'x')!r}}})))\n",
    "internal-error-is-a-sentence": "import json\nfrom calculators import run_json\n"
    + "output = json.loads(run_json('rolling-correlation', '[1, 2]'))\n",
}

STDLIB_ONLY = (
    "import sys\nimport calculators, calculators.cli\nfrom calculators import SPECS\n"
    "output = sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pandas', 'scipy'})\n"
)


@pytest.fixture(scope="session")
def pyodide_results() -> dict[str, Any]:
    """Every case run once inside Pyodide, in one Node process."""
    node = shutil.which("node")
    assert node is not None, "Node is needed for the Pyodide parity tests"
    cases = [{"name": k, "code": v} for k, v in {**CASES, "stdlib-only": STDLIB_ONLY}.items()]
    request = json.dumps({"cases": cases})
    done = subprocess.run(
        [node, str(ROOT / "scripts" / "pyodide_run.mjs")],
        input=request, capture_output=True, text=True, cwd=ROOT, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    reply: dict[str, Any] = json.loads(done.stdout)
    return reply


def _cpython(code: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return json.loads(json.dumps(namespace["output"], allow_nan=False))


def _assert_same(here: Any, there: Any, path: str = "output") -> None:
    """Equal structure and strings; numbers equal to 1e-12 (sumprod rounds better on 3.12+)."""
    if isinstance(here, float) or isinstance(there, float):
        assert isinstance(there, int | float) and isinstance(here, int | float), path
        assert math.isclose(here, there, rel_tol=1e-12, abs_tol=1e-12), (path, here, there)
    elif isinstance(here, dict):
        assert isinstance(there, dict) and sorted(here) == sorted(there), path
        for key in here:
            _assert_same(here[key], there[key], f"{path}.{key}")
    elif isinstance(here, list):
        assert isinstance(there, list) and len(here) == len(there), path
        for index, (a, b) in enumerate(zip(here, there, strict=True)):
            _assert_same(a, b, f"{path}[{index}]")
    else:
        assert here == there, (path, here, there)


def test_pyodide_runs_python_3_14(pyodide_results: dict[str, Any]) -> None:
    assert pyodide_results["python"].startswith("3.14.")


@pytest.mark.parametrize("name", sorted(CASES))
def test_pyodide_matches_cpython(pyodide_results: dict[str, Any], name: str) -> None:
    result = pyodide_results["results"][name]
    assert result["ok"], result.get("error")
    _assert_same(_cpython(CASES[name]), result["output"])


def test_the_package_imports_no_third_party_module_in_pyodide(
    pyodide_results: dict[str, Any],
) -> None:
    assert pyodide_results["results"]["stdlib-only"] == {
        "ok": True,
        "output": [],
        "seconds": pyodide_results["results"]["stdlib-only"]["seconds"],
    }


def test_the_parity_cases_cover_every_calculator() -> None:
    assert {f"example-{calc_id}" for calc_id in IDS} <= set(CASES)
