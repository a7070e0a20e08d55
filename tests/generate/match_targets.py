"""Match targets the autolink tests share: a few entries whose names overlap."""

from __future__ import annotations

from termsite.generate.autolink import Target


def target(key: str, *names: str, summary: str = "A summary.") -> Target:
    kind, slug = key.split("/")
    return Target(key, f"{kind}/{slug}/", names[0], kind.title(), summary, names)


TARGETS = [
    target("term/correlation", "Correlation"),
    target("term/rolling-correlation", "Rolling Correlation"),
    target("term/kendall-tau", "Kendall's Tau", "tau-b"),
    target("definition/enb", "Effective Number of Bets", "ENB"),
    target("definition/var", "Value at Risk", "VaR"),
    target("definition/es", "Expected Shortfall", "ES"),
    target("definition/matrix", "Covariance Matrix"),
    target("definition/copula", "Copula"),
    target("definition/liquidity", "Liquidity"),
]
