"""Loading a glossary that is right: what ends up in the `Glossary` and where it came from."""

from __future__ import annotations

from pathlib import Path

from loader_samples import DEFINITION, TODAY, LoadFn, WriteEntry

from termsite.load import SourceRef, load_glossary
from termsite.model import EntryKind

REPO = Path(__file__).resolve().parents[2]

TERM = """\
title: Kendall Tau
summary: A rank correlation that counts concordant and discordant pairs of observations.
published: 2025-03-01
modified: 2025-06-01
author: risk-desk
areas: [crypto-asset-correlation]
related: [basis]
aliases: [kendall-coefficient]
sections:
  - heading: Essence
    quote: Pairs that agree against pairs that disagree.
    body: |
      Two paragraphs.
faq:
  - question: Is it robust?
    answer: More than Pearson.
"""


def test_base_glossary_loads_without_problems(base_glossary: Path, load: LoadFn) -> None:
    result = load(base_glossary)
    assert result.problems == ()
    assert sorted(result.glossary.definitions) == ["basis"]


def test_term_fields_are_read(base_glossary: Path, write_entry: WriteEntry, load: LoadFn) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM)
    term = load(base_glossary).glossary.terms["kendall-tau"]
    assert (term.title, term.related, term.aliases) == (
        "Kendall Tau",
        ["basis"],
        ["kendall-coefficient"],
    )
    assert term.sections[0].body == "Two paragraphs."
    assert term.updated.isoformat() == "2025-06-01"


def test_slug_defaults_to_the_file_name(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM)
    assert load(base_glossary).glossary.terms["kendall-tau"].slug == "kendall-tau"


def test_explicit_slug_wins_over_the_file_name(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall.yml", TERM + "slug: kendall-tau\n")
    assert list(load(base_glossary).glossary.terms) == ["kendall-tau"]


def test_yaml_extension_is_accepted(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yaml", TERM)
    assert list(load(base_glossary).glossary.terms) == ["kendall-tau"]


def test_drafts_are_left_out(base_glossary: Path, write_entry: WriteEntry, load: LoadFn) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "draft: true\n")
    result = load(base_glossary)
    assert (result.problems, result.glossary.terms) == ((), {})


def test_crlf_and_byte_order_mark_are_read(base_glossary: Path, load: LoadFn) -> None:
    path = base_glossary / "glossary" / "terms" / "kendall-tau.yml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + TERM.replace("\n", "\r\n").encode("utf-8"))
    result = load(base_glossary)
    assert result.problems == ()
    assert result.glossary.terms["kendall-tau"].sections[0].body == "Two paragraphs."


def test_crlf_keeps_line_numbers(base_glossary: Path, load: LoadFn) -> None:
    path = base_glossary / "glossary" / "terms" / "kendall-tau.yml"
    path.parent.mkdir()
    path.write_bytes((TERM + "relatd: []\n").replace("\n", "\r\n").encode("utf-8"))
    assert [problem.line for problem in load(base_glossary).problems] == [17]


def test_sources_name_each_file_and_kind(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM)
    sources = load(base_glossary).sources
    assert sources["kendall-tau"] == SourceRef("glossary/terms/kendall-tau.yml", EntryKind.TERM)
    assert sources["risk-desk"] == SourceRef("glossary/authors/risk-desk.yml", EntryKind.AUTHOR)


def test_severity_setting_can_ignore_a_code(base_glossary: Path, write_entry: WriteEntry) -> None:
    future = TERM.replace("modified: 2025-06-01\n", "").replace("2025-03-01", "2027-01-01")
    write_entry(base_glossary, "terms/kendall-tau.yml", future)
    result = load_glossary(
        base_glossary / "glossary", severities={"future-date": "ignore"}, today=TODAY
    )
    assert result.problems == ()


def test_severity_setting_can_make_a_warning_an_error(
    base_glossary: Path, write_entry: WriteEntry
) -> None:
    write_entry(
        base_glossary, "terms/kendall-tau.yml", TERM.replace(TERM.split("\n")[1], "summary: Short.")
    )
    result = load_glossary(
        base_glossary / "glossary", severities={"summary-length": "error"}, today=TODAY
    )
    assert [problem.code for problem in result.errors] == ["summary-length"]


def test_downgraded_dangling_reference_is_dropped_from_the_glossary(
    base_glossary: Path, write_entry: WriteEntry
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM.replace("[basis]", "[basis, nope]"))
    result = load_glossary(
        base_glossary / "glossary", severities={"dangling-reference": "warn"}, today=TODAY
    )
    assert result.errors == ()
    assert result.glossary.terms["kendall-tau"].related == ["basis"]


def test_hidden_files_and_editor_backups_are_skipped(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/.kendall-tau.yml.swp", "x")
    write_entry(base_glossary, "terms/kendall-tau.yml~", "x")
    write_entry(base_glossary, ".gitkeep", "")
    assert load(base_glossary).problems == ()


def test_missing_glossary_folder_is_one_problem(tmp_path: Path, load: LoadFn) -> None:
    assert [str(problem) for problem in load(tmp_path).problems] == [
        "glossary: the glossary folder does not exist"
    ]


def test_paths_default_to_the_folder_above_the_glossary(
    base_glossary: Path, write_entry: WriteEntry
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "relatd: []\n")
    result = load_glossary(base_glossary / "glossary", today=TODAY)
    assert [problem.path for problem in result.problems] == ["glossary/terms/kendall-tau.yml"]


def test_definition_sample_round_trips(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(
        base_glossary, "definitions/funding-rate.yml", DEFINITION.replace("Basis", "Funding Rate")
    )
    assert load(base_glossary).glossary.definitions["funding-rate"].title == "Funding Rate"


def test_starter_glossary_has_no_errors() -> None:
    result = load_glossary(REPO / "glossary", display_root=REPO)
    assert [str(problem) for problem in result.errors] == []
