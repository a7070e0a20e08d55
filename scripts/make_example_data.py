"""Generate the starter site's synthetic example dataset (seeded, reproducible).

    .venv/bin/python scripts/make_example_data.py          # rewrite the committed CSV
    .venv/bin/python scripts/make_example_data.py --check  # fail if the file is stale

The data is synthetic and every page that shows it says so. It is built to
show the effects the calculators explain:

- three regimes (calm, stress, crisis) follow a persistent Markov chain;
- within a regime, returns follow a one-factor model whose loadings rise from
  calm to crisis, so correlations converge toward one in a crisis;
- a common GARCH(1,1) variance, scaled up in stress and crisis, gives
  volatility clustering; shocks are multivariate Student t (5 degrees of
  freedom) for fat tails, which keeps each regime's correlation matrix exact.

`generate()` also returns the regime of every return and the model
correlation of every regime, so tests can check the recovered correlations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "calculators" / "data" / "example-prices.csv"

SEED = 20240601
START = dt.date(2022, 1, 1)
DAYS = 1096
ASSETS = ("BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "LINK")
START_PRICES = (46000.0, 3700.0, 170.0, 510.0, 0.83, 0.17, 22.0)
DAILY_VOL = (0.028, 0.034, 0.050, 0.032, 0.038, 0.048, 0.045)  # calm-regime scale
REGIMES = ("calm", "stress", "crisis")
LOADINGS = {
    "calm": (0.75, 0.72, 0.62, 0.60, 0.52, 0.50, 0.62),
    "stress": (0.86, 0.84, 0.78, 0.76, 0.70, 0.68, 0.78),
    "crisis": (0.96, 0.95, 0.92, 0.91, 0.88, 0.86, 0.92),
}
VOL_MULTIPLIER = {"calm": 1.0, "stress": 1.6, "crisis": 2.6}
DRIFT = {"calm": 0.0015, "stress": -0.0010, "crisis": -0.0040}
TRANSITIONS = {
    "calm": (("calm", 0.975), ("stress", 0.020), ("crisis", 0.005)),
    "stress": (("calm", 0.040), ("stress", 0.930), ("crisis", 0.030)),
    "crisis": (("calm", 0.010), ("stress", 0.050), ("crisis", 0.940)),
}
T_DOF = 5.0
GARCH = (0.04, 0.08, 0.88)  # ω, α, β on a unit-variance scale (persistence 0.96)


@dataclass(frozen=True)
class Example:
    """The generated prices and, for tests, the regime and model correlation of each return."""

    dates: list[str]
    prices: list[list[float]]  # one row per date, one value per asset
    regimes: list[str]  # regime of each return (len = dates − 1)

    def model_correlation(self, regime: str, i: int, j: int) -> float:
        """The correlation the model uses between assets i and j in `regime`."""
        loadings = LOADINGS[regime]
        return 1.0 if i == j else loadings[i] * loadings[j]


def next_regime(rng: random.Random, regime: str) -> str:
    """One step of the Markov chain."""
    draw = rng.random()
    for name, probability in TRANSITIONS[regime]:
        draw -= probability
        if draw < 0:
            return name
    return regime


def t_scale(rng: random.Random) -> float:
    """The common multivariate-t mixing factor √(ν/χ²_ν)·√((ν−2)/ν): unit variance."""
    chi2 = rng.gammavariate(T_DOF / 2.0, 2.0)
    return math.sqrt((T_DOF - 2.0) / chi2)


def day_shocks(rng: random.Random, regime: str) -> list[float]:
    """Unit-variance, fat-tailed shocks with the regime's one-factor correlation."""
    scale = t_scale(rng)
    market = rng.gauss(0.0, 1.0)
    return [
        scale * (b * market + math.sqrt(1.0 - b * b) * rng.gauss(0.0, 1.0))
        for b in LOADINGS[regime]
    ]


def generate(seed: int = SEED) -> Example:
    """Simulate DAYS of prices; deterministic for a given seed."""
    rng = random.Random(seed)
    omega, alpha, beta = GARCH
    variance = omega / (1.0 - alpha - beta)
    regime = "calm"
    prices = [list(START_PRICES)]
    regimes: list[str] = []
    for _ in range(DAYS - 1):
        regime = next_regime(rng, regime)
        shocks = day_shocks(rng, regime)
        level = math.sqrt(variance) * VOL_MULTIPLIER[regime]
        last = prices[-1]
        prices.append(
            [
                p * math.exp(DRIFT[regime] + vol * level * z)
                for p, vol, z in zip(last, DAILY_VOL, shocks, strict=True)
            ]
        )
        market_shock = sum(shocks) / len(shocks)
        variance = omega + alpha * market_shock**2 + beta * variance
        regimes.append(regime)
    dates = [(START + dt.timedelta(days=d)).isoformat() for d in range(DAYS)]
    return Example(dates, prices, regimes)


def price_text(value: float) -> str:
    """Six significant digits: realistic quotes, small file."""
    return f"{value:.6g}" if value < 1e6 else f"{value:.0f}"


def to_csv(example: Example) -> str:
    """The CSV text: a ``date`` column, then one column per asset."""
    lines = ["date," + ",".join(ASSETS)]
    for date, row in zip(example.dates, example.prices, strict=True):
        lines.append(date + "," + ",".join(price_text(p) for p in row))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the CSV, or with --check report whether the committed one is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = to_csv(generate())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is stale: run scripts/make_example_data.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    counts = {name: generate().regimes.count(name) for name in REGIMES}
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text.encode())} bytes), regimes {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
