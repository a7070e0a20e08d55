"""Each kind of content problem, with the exact message an editor reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loader_samples import DEFINITION, LoadFn, WriteEntry

from termsite.load import yaml_source

Messages = Callable[[Path], list[str]]

TERM = """\
title: Kendall Tau
summary: A rank correlation that counts concordant and discordant pairs of observations.
published: 2025-03-01
author: risk-desk
areas: [crypto-asset-correlation]
"""


def test_unknown_key_suggests_the_closest_field(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "relatd: [basis]\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'relatd': "
        "unknown field 'relatd' (did you mean 'related'?)"
    ]


def test_text_field_given_a_list(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    faq = "faq:\n  - question: Why?\n    answer: Because.\n  - question: How?\n    answer: [a, b]\n"
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + faq)
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:10: field 'faq[1].answer': expected text, got a list"
    ]


def test_whole_number_given_text(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    image = "image:\n  url: /a.svg\n  alt: A chart.\n  width: abc\n  height: 630\n"
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + image)
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:9: field 'image.width': expected a whole number, got 'abc'"
    ]


def test_date_in_another_format(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM.replace("2025-03-01", "14/03/2025"))
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:3: field 'published': "
        "expected a date like 2025-03-14, got '14/03/2025'"
    ]


def test_missing_required_field_points_at_the_mapping(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM.replace("published: 2025-03-01\n", ""))
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:1: field 'published': this field is required"
    ]


def test_slug_that_is_not_lower_case_words(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "related: [Funding Rate]\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'related[0]': expected lower-case words "
        "joined by hyphens (e.g. 'funding-rate'), got 'Funding Rate'"
    ]


def test_file_name_that_is_not_a_slug(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/Kendall Tau.yml", TERM)
    assert messages(base_glossary) == [
        "glossary/terms/Kendall Tau.yml:1: field 'slug': the file name is not a valid slug: "
        "expected lower-case words joined by hyphens (e.g. 'kendall-tau'), got 'Kendall Tau'"
    ]


def test_faq_item_with_both_facet_and_question(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    faq = "faq:\n  - facet: Risk\n    question: Why?\n    answer: Because.\n"
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + faq)
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:7: field 'faq[0]': "
        "give exactly one of 'facet' or 'question'"
    ]


def test_modified_before_published(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "modified: 2025-01-01\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'modified': 'modified' is earlier than 'published'"
    ]


def test_unquoted_yes_where_text_is_expected(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(
        base_glossary, "terms/kendall-tau.yml", TERM.replace("title: Kendall Tau", "title: yes")
    )
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:1: field 'title': "
        "expected text, got the yes/no value true (put it in quotes)"
    ]


def test_single_slug_where_a_list_is_expected(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "related: basis\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'related': "
        "expected a list, got 'basis' (write it as [basis])"
    ]


def test_messages_never_show_python_reprs(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    odd = "title: {a: 1}\nsummary: 3.5\npublished: [1]\nimage: text\ndraft: maybe\n"
    write_entry(base_glossary, "terms/kendall-tau.yml", odd)
    found = "\n".join(messages(base_glossary))
    for leak in ("<class", "Input should", "pydantic", "http", "type="):
        assert leak not in found


def test_yaml_syntax_error_names_line_and_column(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", "title: Kendall Tau\nsummary: a: b\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:2: YAML syntax error at column 11: a ':' appears where "
        "YAML does not expect one (put text that contains ': ' in quotes)"
    ]


def test_tab_indentation(base_glossary: Path, write_entry: WriteEntry, messages: Messages) -> None:
    write_entry(
        base_glossary, "terms/kendall-tau.yml", "title: Kendall Tau\nimage:\n\turl: /a.svg\n"
    )
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:3: a tab is used for indentation; YAML needs spaces there"
    ]


def test_empty_file(base_glossary: Path, write_entry: WriteEntry, messages: Messages) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", "# nothing yet\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml: the file is empty; an entry needs at least a title"
    ]


def test_top_level_list(base_glossary: Path, write_entry: WriteEntry, messages: Messages) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", "- title: Kendall Tau\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:1: the file holds a list, "
        "but an entry is a mapping of fields such as 'title: …'"
    ]


def test_invalid_utf8_names_the_byte(base_glossary: Path, messages: Messages) -> None:
    path = base_glossary / "glossary" / "terms" / "kendall-tau.yml"
    path.parent.mkdir()
    path.write_bytes(b"title: Kendall\nsummary: caf\xe9\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:2: the file is not valid UTF-8: byte 0xe9 at offset 27 "
        "cannot be read (save the file as UTF-8)"
    ]


def test_alias_bomb_is_refused(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefg"):
        previous = "abcdefg"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    write_entry(base_glossary, "terms/kendall-tau.yml", "\n".join(levels) + "\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:1: the file expands to more than 20,000 values "
        "(through YAML aliases?); entry files are limited to that"
    ]


def test_file_over_the_size_limit(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", "# " + "x" * yaml_source.MAX_BYTES)
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml: the file is 2.0 MB; entry files are limited to 2 MB"
    ]


def test_duplicate_key(base_glossary: Path, write_entry: WriteEntry, messages: Messages) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "title: Kendall's Tau\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'title': the key 'title' appears twice; "
        "keep only one"
    ]


def test_file_outside_the_kind_folders(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "kendall-tau.yml", TERM)
    assert messages(base_glossary) == [
        "glossary/kendall-tau.yml: entry files belong directly in one of terms/, definitions/, "
        "areas/, authors/; this file is not read"
    ]


def test_file_with_another_extension(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.md", "# Kendall")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.md: only .yml and .yaml files are read; "
        "move this file out of the glossary folder"
    ]


def test_dangling_related_reference_suggests_a_slug(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "related: [bassis]\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'related[0]': "
        "no term or definition has the slug 'bassis' (did you mean 'basis'?)"
    ]


def test_dangling_author(base_glossary: Path, write_entry: WriteEntry, messages: Messages) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM.replace("risk-desk", "risk-dsk"))
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:4: field 'author': no author has the slug 'risk-dsk' "
        "(did you mean 'risk-desk'?)"
    ]


def test_areas_must_name_areas(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(
        base_glossary,
        "terms/kendall-tau.yml",
        TERM.replace("[crypto-asset-correlation]", "[basis]"),
    )
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:5: field 'areas[0]': 'basis' is a definition "
        "(glossary/definitions/basis.yml); this field names areas"
    ]


def test_duplicate_slug_names_both_files(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/basis.yml", DEFINITION)
    assert messages(base_glossary) == [
        "glossary/terms/basis.yml:1: field 'slug': the slug 'basis' is already used by "
        "glossary/definitions/basis.yml"
    ]


def test_yml_and_yaml_files_with_one_slug_collide(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "definitions/basis.yaml", DEFINITION)
    assert messages(base_glossary) == [
        "glossary/definitions/basis.yml:1: field 'slug': the slug 'basis' is already used by "
        "glossary/definitions/basis.yaml"
    ]


def test_alias_that_is_another_entrys_slug(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "aliases: [basis]\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'aliases[0]': the alias 'basis' is the slug of "
        "glossary/definitions/basis.yml"
    ]


def test_reference_to_a_draft(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "draft: true\n")
    write_entry(base_glossary, "terms/tau-b.yml", TERM + "related: [kendall-tau]\n")
    assert messages(base_glossary) == [
        "glossary/terms/tau-b.yml:6: field 'related[0]': 'kendall-tau' is a draft, so it is left "
        "out of the site; publish it or remove this"
    ]


def test_unknown_calculator(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "calculators: [correlation-matrx]\n")
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'calculators[0]': "
        "no calculator has the id 'correlation-matrx' (did you mean 'correlation-matrix'?)"
    ]


def test_short_summary_is_a_warning(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(
        base_glossary,
        "terms/kendall-tau.yml",
        TERM.replace(TERM.split("\n")[1], "summary: Too short."),
    )
    result = load(base_glossary)
    assert [str(p) for p in result.warnings] == [
        "glossary/terms/kendall-tau.yml:2: field 'summary': warning: the summary has 10 "
        "characters; aim for 50–160 so it fits listings and search results"
    ]
    assert result.errors == ()


def test_future_date_is_a_warning(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "modified: 2027-01-01\n")
    result = load(base_glossary)
    assert [str(p) for p in result.warnings] == [
        "glossary/terms/kendall-tau.yml:6: field 'modified': warning: the date 2027-01-01 is in "
        "the future (today is 2026-11-24)"
    ]


def test_every_problem_of_the_glossary_is_reported_at_once(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "relatd: []\n")
    write_entry(base_glossary, "terms/tau-b.yml", "title: [x]\n")
    write_entry(base_glossary, "terms/tau-c.yml", "title: 'open\n")
    paths = {problem.path for problem in load(base_glossary).errors}
    assert paths == {f"glossary/terms/{name}.yml" for name in ("kendall-tau", "tau-b", "tau-c")}


def test_references_to_a_broken_entry_are_not_reported_twice(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + "related: [basis]\n")
    write_entry(base_glossary, "definitions/basis.yml", "title: [broken]\n")
    assert [message.split(":")[0] for message in messages(base_glossary)] == [
        "glossary/definitions/basis.yml"
    ] * 3


def test_unknown_key_in_a_nested_mapping_suggests_its_fields(
    base_glossary: Path, write_entry: WriteEntry, messages: Messages
) -> None:
    image = "image:\n  url: /a.svg\n  alt: A chart.\n  widht: 1200\n  height: 630\n"
    write_entry(base_glossary, "terms/kendall-tau.yml", TERM + image)
    assert messages(base_glossary) == [
        "glossary/terms/kendall-tau.yml:6: field 'image.width': this field is required",
        "glossary/terms/kendall-tau.yml:9: field 'image.widht': "
        "unknown field 'widht' (did you mean 'width'?)",
    ]
