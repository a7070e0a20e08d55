"""A serve session's matcher, changed in place from the last build's, equals a new one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
import termsite_sample as sample
from match_targets import TARGETS, target

from termsite.generate.autolink import Matcher, Target, TargetMemo, targets_for
from termsite.settings import SiteSettings

TEXT = (
    "Correlation and rolling correlations, Kendall's tau and tau-b, the ENB, a VaR and an ES; "
    "a covariance matrix, copulas, liquidity, the Shared Name, a Renamed Entry, "
    "kendall tau b, New Measures, the Tail Ratio."
)
"""Mentions of every name below, before and after each change."""


def _replaced(key: str, new: Target | None) -> Callable[[list[Target]], list[Target]]:
    def change(targets: list[Target]) -> list[Target]:
        return [(new if t.key == key else t) for t in targets if new is not None or t.key != key]

    return change


def _added(new: Target) -> Callable[[list[Target]], list[Target]]:
    return lambda targets: sorted([*targets, new], key=lambda t: t.key)


CHANGES: dict[str, Callable[[list[Target]], list[Target]]] = {
    "title": _replaced("definition/copula", target("definition/copula", "Renamed Entry")),
    "alias": _replaced(
        "term/kendall-tau", target("term/kendall-tau", "Kendall's Tau", "tau-b", "kendall tau b")
    ),
    "summary": _replaced(
        "definition/es", target("definition/es", "Expected Shortfall", "ES", summary="New.")
    ),
    "a name two entries claim, the later one saved": _replaced(
        "term/rolling-correlation",
        target("term/rolling-correlation", "Rolling Correlation", "Correlation"),
    ),
    "a name two entries claim, the earlier one saved": _replaced(
        "definition/copula", target("definition/copula", "Copula", "Liquidity")
    ),
    "deleted entry": _replaced("definition/matrix", None),
    "new entry": _added(target("definition/tail-ratio", "Tail Ratio", "New Measure")),
}


def _structure(matcher: Matcher) -> tuple[object, ...]:
    """Everything matching reads: each name's forms in order, the trie, the lookups."""
    forms = {key: [(f.target, f.exact) for f in found] for key, found in matcher.forms.items()}
    trie = {}
    for key in matcher.forms:
        node = matcher._root
        for word in key:
            node = node.next[word]
        trie[key] = [(f.target, f.exact) for f in node.forms]
    return forms, trie, matcher.by_url, matcher.by_slug, matcher.targets, matcher.longest


def _mentions(matcher: Matcher) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.target.key) for m in matcher.find(TEXT)]


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_retargeted_matcher_equals_a_new_one(change: str) -> None:
    before = [*TARGETS, target("definition/shared", "Shared Name")]
    after = CHANGES[change](before)
    retargeted = Matcher(before).retargeted(after)
    fresh = Matcher(after)
    assert _structure(retargeted) == _structure(fresh)
    assert _mentions(retargeted) == _mentions(fresh)


def test_changes_one_after_another_still_equal_a_new_matcher() -> None:
    targets = list(TARGETS)
    matcher = Matcher(targets)
    for change in sorted(CHANGES):
        targets = CHANGES[change](targets)
        matcher = matcher.retargeted(targets)
    assert _structure(matcher) == _structure(Matcher(targets))


def test_a_name_no_entry_has_left_is_not_found() -> None:
    matcher = Matcher(TARGETS).retargeted(CHANGES["title"](list(TARGETS)))
    assert "definition/copula" in {key for _, _, key in _mentions(matcher)}
    assert ("copula",) not in matcher.forms
    assert [m for m in matcher.find("Copulas everywhere.")] == []


def test_equal_new_targets_change_nothing_and_changed_ones_are_found() -> None:
    """Targets that are new objects but equal ones (no session memo) are still unchanged."""
    before = [*TARGETS, target("definition/shared", "Shared Name")]
    after = [dataclasses.replace(t) for t in CHANGES["summary"](before)]
    retargeted = Matcher(before).retargeted(after)
    assert _structure(retargeted) == _structure(Matcher(after))
    assert [t.summary for t in retargeted.targets if t.key == "definition/es"] == ["New."]


def test_a_memo_hands_back_an_unchanged_entrys_target_and_remakes_a_saved_ones() -> None:
    settings = SiteSettings()
    memo = TargetMemo()
    first = sample.glossary(sample.term("alpha-beta"), sample.definition("gamma"))
    before = {t.key: t for t in targets_for(first, settings, memo=memo)}
    saved = sample.definition("gamma", summary="A new summary, saved in the editor just now.")
    second = sample.glossary(first.terms["alpha-beta"], saved)
    after = {t.key: t for t in targets_for(second, settings, memo=memo)}
    assert after["term/alpha-beta"] is before["term/alpha-beta"]
    assert after["definition/gamma"] is not before["definition/gamma"]
    assert after == {t.key: t for t in targets_for(second, settings)}
    moved = {t.key: t for t in targets_for(second, settings, lambda url: url + "x", memo)}
    assert moved["term/alpha-beta"].url.endswith("/x")
