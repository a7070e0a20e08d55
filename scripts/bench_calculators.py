"""Calculator speed: CPython, Pyodide under Node, and numpy on CPython as the floor.

    .venv/bin/python scripts/bench_calculators.py [--repeat 5] [--json] [--limits]

Each row times one full `calculators.run(...)` call (CSV parsing, maths,
tables and SVG) at the sizes the issue fixes; the figure is the median of
`--repeat` runs after one warm-up. The same Python snippet runs in CPython
here and in the pinned npm Pyodide under Node (one Node process for all rows).
The floor column times the equivalent numpy/pandas/scipy computation on the
same data: the speed a compiled library reaches, for comparison only.
``--limits`` times instead the worst case each size limit admits (the largest
input one run accepts, with missing cells where they force the slow path);
the goal is the issue's: under about 10 s in the browser.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA_CODE = '''
import random

def returns_csv(assets, rows, seed, missing=0.0):
    """A CSV of one-factor correlated returns (a `missing` share of cells left empty)."""
    rng = random.Random(seed)
    market = [rng.gauss(0.0, 0.02) for _ in range(rows)]
    columns = [[0.8 * m + rng.gauss(0.0, 0.015) for m in market] for _ in range(assets)]
    lines = ["date," + ",".join(f"A{i}" for i in range(assets))]
    for r in range(rows):
        cells = ("" if rng.random() < missing else f"{c[r]:.6f}" for c in columns)
        lines.append(f"r{r}," + ",".join(cells))
    return "\\n".join(lines) + "\\n"

def typed_portfolio(n):
    """Weights, volatilities and a typed correlation matrix that needs the repair."""
    rng = random.Random(1)
    weights = ", ".join(f"A{i}: {1 / n}" for i in range(n))
    vols = ", ".join(f"A{i}: {rng.uniform(0.2, 1.0):.3f}" for i in range(n))
    def entry(i, j):
        step = abs(i - j)
        return "1" if step == 0 else "0.95" if step == 1 else "-0.3" if step == 2 else "0.2"
    corr = "\\n".join(" ".join(entry(i, j) for j in range(n)) for i in range(n))
    return {"source": "manual", "weights": weights, "volatilities": vols, "correlations": corr}
'''


@dataclass(frozen=True)
class Case:
    """One benchmark row: what runs in both Pythons, and its numpy floor."""

    name: str
    size: str
    goal_ms: float
    inputs_code: str  # Python that defines `calc_id` and `inputs`
    floor: Callable[[dict[str, Any]], Callable[[], object]] | None


def _frame(inputs: dict[str, Any]) -> Any:
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(inputs["csv"]), index_col=0)


def _pearson_floor(inputs: dict[str, Any]) -> Callable[[], object]:
    import numpy as np

    values = _frame(inputs).to_numpy()
    return lambda: np.corrcoef(values, rowvar=False)


def _kendall_floor(inputs: dict[str, Any]) -> Callable[[], object]:
    from scipy import stats

    values = _frame(inputs).to_numpy()
    k = values.shape[1]
    return lambda: [
        stats.kendalltau(values[:, i], values[:, j]).statistic
        for i in range(k)
        for j in range(i + 1, k)
    ]


def _rolling_floor(inputs: dict[str, Any]) -> Callable[[], object]:
    frame = _frame(inputs)
    x, y = frame["A0"], frame["A1"]
    return lambda: x.rolling(90).corr(y)


def _liquidation_floor(inputs: dict[str, Any]) -> Callable[[], object]:
    import numpy as np

    paths, steps = int(inputs["paths"]), int(inputs["steps"])
    dt = float(inputs["horizon_days"]) / 365.0 / steps
    rho, vx, vy = float(inputs["rho"]), float(inputs["vol_x"]), float(inputs["vol_y"])

    def simulate() -> object:
        rng = np.random.default_rng(1)
        z1 = rng.standard_normal((paths, steps))
        z2 = rho * z1 + np.sqrt(1 - rho**2) * rng.standard_normal((paths, steps))
        x = np.exp(np.cumsum(vx * np.sqrt(dt) * z1 - 0.5 * vx**2 * dt, axis=1))
        y = np.exp(np.cumsum(vy * np.sqrt(dt) * z2 - 0.5 * vy**2 * dt, axis=1))
        equity = 0.2 * y - (1.0 - x)
        return (equity < 0.05 * x).any(axis=1).mean()

    return simulate


CASES = (
    Case(
        "correlation-matrix, Pearson",
        "50 assets × 1,000 rows",
        150.0,
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(50, 1000, 1), 'returns': 'none', 'method': 'pearson'}\n",
        _pearson_floor,
    ),
    Case(
        "correlation-matrix, Kendall",
        "10 assets × 1,000 rows",
        300.0,
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(10, 1000, 2), 'returns': 'none', 'method': 'kendall'}\n",
        _kendall_floor,
    ),
    Case(
        "rolling-correlation",
        "5,000 rows, window 90",
        50.0,
        "calc_id = 'rolling-correlation'\n"
        "inputs = {'csv': returns_csv(2, 5000, 3), 'returns': 'none', 'x': 'A0', 'y': 'A1',"
        " 'window': '90', 'method': 'pearson'}\n",
        _rolling_floor,
    ),
    Case(
        "liquidation-risk",
        "20,000 paths × 50 steps",
        2000.0,
        "from calculators import SPECS\n"
        "calc_id = 'liquidation-risk'\n"
        "inputs = dict(SPECS[calc_id].example, paths='20000', steps='50')\n",
        _liquidation_floor,
    ),
)


LIMIT_GOAL_MS = 10_000.0


def _limit(name: str, size: str, code: str) -> Case:
    """A worst case at one size limit (no numpy floor)."""
    return Case(name, size, LIMIT_GOAL_MS, code, None)


LIMIT_CASES = (
    _limit(
        "correlation-matrix, Pearson limit",
        "100 assets × 1,000 rows, 5% missing",
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(100, 1000, 1, 0.05), 'returns': 'none'}\n",
    ),
    _limit(
        "correlation-matrix, Spearman limit",
        "100 assets × 300 rows, 5% missing",
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(100, 300, 1, 0.05), 'returns': 'none',"
        " 'method': 'spearman'}\n",
    ),
    _limit(
        "correlation-matrix, Kendall limit",
        "50 assets × 500 rows, 5% missing",
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(50, 500, 1, 0.05), 'returns': 'none',"
        " 'method': 'kendall'}\n",
    ),
    _limit(
        "correlation-matrix, repair limit",
        "40 assets × 120 rows, 30% missing",
        "calc_id = 'correlation-matrix'\n"
        "inputs = {'csv': returns_csv(40, 120, 7, 0.3), 'returns': 'none', 'repair': 'true',"
        " 'order': 'cluster', 'significance': 'true'}\n",
    ),
    _limit(
        "rolling-correlation, Kendall limit",
        "20,000 rows × window 500",
        "calc_id = 'rolling-correlation'\n"
        "inputs = {'csv': returns_csv(2, 20000, 3, 0.02), 'returns': 'none',"
        " 'method': 'kendall', 'window': '500'}\n",
    ),
    _limit(
        "rolling-correlation, row limit",
        "100,000 rows, RiskMetrics",
        "calc_id = 'rolling-correlation'\n"
        "inputs = {'csv': returns_csv(2, 100000, 3, 0.02), 'returns': 'none',"
        " 'method': 'riskmetrics'}\n",
    ),
    _limit(
        "stress-correlation, row limit",
        "50,000 rows, volatility rule",
        "calc_id = 'stress-correlation'\n"
        "inputs = {'csv': returns_csv(2, 50000, 3, 0.02), 'returns': 'none',"
        " 'regime': 'volatility'}\n",
    ),
    _limit(
        "portfolio-diversification, typed limit",
        "40 assets, matrix repaired",
        "calc_id = 'portfolio-diversification'\ninputs = typed_portfolio(40)\n",
    ),
    _limit(
        "portfolio-diversification, CSV limit",
        "40 assets × 5,000 rows, 5% missing",
        "calc_id = 'portfolio-diversification'\n"
        "inputs = {'weights': ', '.join(f'A{i}: 0.025' for i in range(40)),"
        " 'csv': returns_csv(40, 5000, 4, 0.05), 'returns': 'none'}\n",
    ),
    _limit(
        "liquidation-risk, limit",
        "800 paths (+ 2,200 for the curve) × 1,500 steps",
        "from calculators import SPECS\n"
        "calc_id = 'liquidation-risk'\n"
        "inputs = dict(SPECS[calc_id].example, paths='800', steps='1500')\n",
    ),
)


def snippet(case: Case, repeat: int) -> str:
    """Python that builds the inputs, warms up once, then times `repeat` runs."""
    return (
        DATA_CODE
        + case.inputs_code
        + "import time\nfrom calculators import run\nrun(calc_id, inputs)\ntimes = []\n"
        + f"for _ in range({repeat}):\n"
        + "    start = time.perf_counter()\n    run(calc_id, inputs)\n"
        + "    times.append(time.perf_counter() - start)\n"
        + "output = times\n"
    )


def cpython_times(case: Case, repeat: int) -> tuple[list[float], dict[str, Any]]:
    """Run the snippet here; also return its inputs for the numpy floor."""
    namespace: dict[str, Any] = {}
    exec(snippet(case, repeat), namespace)
    return namespace["output"], namespace["inputs"]


def pyodide_times(cases: tuple[Case, ...], repeat: int) -> dict[str, list[float] | None]:
    """Run every snippet in one Pyodide process under Node; None where it failed."""
    node = shutil.which("node")
    if node is None:
        return {case.name: None for case in cases}
    request = {"cases": [{"name": c.name, "code": snippet(c, repeat)} for c in cases]}
    done = subprocess.run(
        [node, str(ROOT / "scripts" / "pyodide_run.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        print(done.stderr.strip(), file=sys.stderr)
        return {case.name: None for case in cases}
    results = json.loads(done.stdout)["results"]
    return {name: r["output"] if r["ok"] else None for name, r in results.items()}


def floor_times(case: Case, inputs: dict[str, Any], repeat: int) -> list[float] | None:
    """The numpy/pandas/scipy equivalent, timed the same way (None without one)."""
    if case.floor is None:
        return None
    work = case.floor(inputs)
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def ms(times: list[float] | None, stat: str = "median") -> float | None:
    """The median (or the minimum, less sensitive to a busy machine) in milliseconds."""
    if not times:
        return None
    return (min(times) if stat == "min" else statistics.median(times)) * 1000.0


def main(argv: list[str] | None = None) -> int:
    """Print the benchmark table (and, with --json, one JSON object as the last line)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument(
        "--stat", choices=("median", "min"), default="median", help="how runs are summarised"
    )
    parser.add_argument(
        "--limits", action="store_true", help="time the worst case of every size limit"
    )
    args = parser.parse_args(argv)
    cases = LIMIT_CASES if args.limits else CASES
    in_pyodide = pyodide_times(cases, args.repeat)
    rows = []
    for case in cases:
        here, inputs = cpython_times(case, args.repeat)
        rows.append(
            {
                "calculator": case.name,
                "size": case.size,
                "cpython_ms": ms(here, args.stat),
                "pyodide_ms": ms(in_pyodide.get(case.name), args.stat),
                "numpy_ms": ms(floor_times(case, inputs, args.repeat), args.stat),
                "goal_pyodide_ms": case.goal_ms,
            }
        )
    print(f"{args.stat} of {args.repeat} runs after one warm-up; {os.cpu_count()} CPUs\n")
    print_table(rows)
    if args.json:
        print(json.dumps({"rows": rows}))
    return 0


def print_table(rows: list[dict[str, Any]]) -> None:
    """A Markdown table, ready for the closing note."""

    def fmt(value: float | None) -> str:
        return "—" if value is None else f"{value:,.1f}"

    print("| calculator | size | CPython ms | Pyodide ms | numpy floor ms | goal (Pyodide) | met |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for row in rows:
        met = row["pyodide_ms"] is not None and row["pyodide_ms"] <= row["goal_pyodide_ms"]
        print(
            f"| {row['calculator']} | {row['size']} | {fmt(row['cpython_ms'])} | "
            f"{fmt(row['pyodide_ms'])} | {fmt(row['numpy_ms'])} | "
            f"≤ {row['goal_pyodide_ms']:,.0f} | {'yes' if met else 'no'} |"
        )


if __name__ == "__main__":
    sys.exit(main())
