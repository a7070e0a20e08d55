"""Content that was accepted silently: each is now refused or warned, in one sentence that
names the file, the line and the field (issue 11 §2, issue 15 item 3).

These run the real loader on real files in a temp glossary (FIFOs and symlinks
included); a failing refusal would hang, crash or publish, so each test also
bounds what it waits for by reading nothing it should not.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from site_build import LONG

from termsite.load import load_glossary
from termsite.load.crossref import MAX_TITLE
from termsite.load.yaml_source import MAX_EXPANDED_CHARS
from termsite.problems import Problem

QUICK_S = 2.0
"""How long a refusal may take; an alias amplification that is not refused takes minutes."""


def entry(title: str = "Basis", summary: str = LONG, **fields: str) -> str:
    lines = [f"title: {title}", f"summary: {summary}", "published: 2025-02-01"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def write(project: Path, relative: str, text: str | bytes) -> Path:
    path = project / "glossary" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(project: Path, **options: bool) -> list[Problem]:
    return list(load_glossary(project / "glossary", display_root=project, **options).problems)


def only(found: list[Problem], code: str) -> list[str]:
    return [str(problem) for problem in found if problem.code == code]


def test_two_definitions_with_one_title_are_an_error_naming_both(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry())
    write(tmp_path, "definitions/basis-copy.yml", entry())
    found = only(problems(tmp_path), "duplicate-title")
    assert found == [
        "glossary/definitions/basis.yml:1: field 'title': the title 'Basis' is also the title "
        "of glossary/definitions/basis-copy.yml; two definitions need titles a reader can "
        "tell apart"
    ]


def test_a_cyrillic_look_alike_title_is_a_duplicate_too(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry())
    write(tmp_path, "definitions/basis-2.yml", entry(title="Bаsis"))  # Cyrillic а
    found = problems(tmp_path)
    assert only(found, "duplicate-title") == [
        "glossary/definitions/basis.yml:1: field 'title': the title 'Basis' reads the same as "
        "'Bаsis', the title of glossary/definitions/basis-2.yml; two definitions need titles "
        "a reader can tell apart"
    ]
    assert [p.severity for p in found if p.code == "duplicate-title"] == ["error"]
    assert only(found, "confusable-characters") == [
        "glossary/definitions/basis-2.yml:1: field 'title': warning: the title mixes scripts: "
        "'а' (U+0430 CYRILLIC SMALL LETTER A) in 'Bаsis' looks like 'a'; type the letter itself"
    ]


def test_one_title_in_two_kinds_is_not_a_duplicate(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry())
    write(tmp_path, "terms/basis-trade.yml", entry())
    assert only(problems(tmp_path), "duplicate-title") == []


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ],
)
def test_invisible_and_bidi_controls_are_warned(tmp_path: Path, char: str, name: str) -> None:
    write(tmp_path, "definitions/basis.yml", entry(title=f"Ba{char}sis", summary=LONG + char))
    found = [p for p in problems(tmp_path) if p.code == "invisible-character"]
    assert [(p.field, p.severity, p.line) for p in found] == [
        ("title", "warning", 1),
        ("summary", "warning", 2),
    ]
    assert f"({name}); remove them" in found[0].message


def test_a_greek_letter_as_a_word_of_its_own_is_not_a_confusable(tmp_path: Path) -> None:
    write(tmp_path, "terms/delta.yml", entry(title="Delta (Δ) and Kendall τ"))
    assert only(problems(tmp_path), "confusable-characters") == []


def test_a_five_thousand_character_title_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "terms/long.yml", entry(title="Long " * 1000))
    assert only(problems(tmp_path), "title-too-long") == [
        "glossary/terms/long.yml:1: field 'title': the title has 4,999 characters; titles are "
        f"limited to {MAX_TITLE} (it is the page title, the heading and a line in every listing)"
    ]


def test_alias_amplification_under_the_value_limit_is_refused_quickly(tmp_path: Path) -> None:
    """A 125 kB file repeating one body through 4,000 aliases: 81 MB of page text."""
    body = "word " * 12_000
    text = entry(body=f"&b {body}") + "sections:\n"
    text += "  - {heading: H, body: *b}\n" * 4_000
    write(tmp_path, "terms/amplified.yml", text)
    assert len(text.encode()) < 200_000
    start = time.monotonic()
    found = [p for p in problems(tmp_path) if p.severity == "error"]
    assert time.monotonic() - start < QUICK_S
    assert [p.code for p in found] == ["yaml-too-large"]
    assert f"more than {MAX_EXPANDED_CHARS:,} characters" in found[0].message
    index = int((found[0].field or "").removeprefix("sections[").removesuffix("].body"))
    assert found[0].line == 6 + index  # the line of the section whose alias crossed the limit


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object:os.system {}", "!!python/object:os.system"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a: null}", "!!set"),
        ("!local x", "!local"),
    ],
)
def test_explicit_yaml_tags_are_refused_by_name(tmp_path: Path, value: str, shown: str) -> None:
    write(tmp_path, "definitions/basis.yml", entry(body=value))
    assert only(problems(tmp_path), "yaml-tag") == [
        f"glossary/definitions/basis.yml:4: field 'body': the YAML tag '{shown}' is not allowed; "
        "entries hold only plain text, numbers, dates, lists and mappings (remove the tag)"
    ]


def test_core_tags_on_plain_values_are_accepted(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry(body="!!str 12"))
    assert problems(tmp_path) == []


def test_nul_in_a_text_is_refused_with_its_field(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry(body='"one\\0two"'))
    assert only(problems(tmp_path), "nul-character") == [
        "glossary/definitions/basis.yml:4: field 'body': the text holds a NUL character "
        "('\\0' or '\\x00'), which text never holds; remove it"
    ]


def test_a_raw_nul_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "definitions/basis.yml", entry(body="one\x00two").encode())
    found = only(problems(tmp_path), "nul-character")
    assert found == [
        "glossary/definitions/basis.yml:4: the file contains a NUL byte (0x00), which text "
        "never holds; remove it or save the file as UTF-8 text"
    ]


def test_a_symlink_to_a_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(entry(title="Secret"), encoding="utf-8")
    link = project / "glossary/definitions/secret.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    result = load_glossary(project / "glossary", display_root=project)
    assert [str(p) for p in result.problems] == [
        "glossary/definitions/secret.yml: this is a symbolic link to a file outside the "
        "project, which is not published by default; copy the file into the project, or set "
        "follow_symlinks: true"
    ]
    assert result.glossary.definitions == {}
    followed = load_glossary(project / "glossary", display_root=project, follow_symlinks=True)
    assert list(followed.glossary.definitions) == ["secret"]


def test_a_symlink_inside_the_project_is_read(tmp_path: Path) -> None:
    shared = write(tmp_path, "../entries/basis.yml", entry())
    link = tmp_path / "glossary/definitions/basis.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to(shared)
    result = load_glossary(tmp_path / "glossary", display_root=tmp_path)
    assert result.problems == () and list(result.glossary.definitions) == ["basis"]


def test_a_fifo_is_refused_at_once_with_its_name(tmp_path: Path) -> None:
    fifo = tmp_path / "glossary/terms/x.yml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    start = time.monotonic()
    found = [str(p) for p in problems(tmp_path)]
    assert time.monotonic() - start < QUICK_S
    assert found == [
        "glossary/terms/x.yml: this is a FIFO (named pipe), not a regular file, so it is not "
        "read; move it out of the glossary"
    ]


def test_a_symlink_to_dev_zero_is_refused_with_its_name(tmp_path: Path) -> None:
    link = tmp_path / "glossary/terms/zero.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to("/dev/zero")
    assert [p.code for p in problems(tmp_path)] == ["outside-symlink"]
    followed = [str(p) for p in problems(tmp_path, follow_symlinks=True)]
    assert followed == [
        "glossary/terms/zero.yml: this is a character device, not a regular file, so it is not "
        "read; move it out of the glossary"
    ]


def test_a_dangling_symlink_is_named(tmp_path: Path) -> None:
    link = tmp_path / "glossary/terms/gone.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "nowhere.yml")
    assert [str(p) for p in problems(tmp_path)] == [
        "glossary/terms/gone.yml: this is a symbolic link to nothing (its target does not "
        "exist); remove the link"
    ]


@pytest.mark.parametrize("slug", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_windows_device_names_are_refused_as_slugs(tmp_path: Path, slug: str) -> None:
    """Issue 15 item 3: `term/con/` cannot be checked out on Windows."""
    write(tmp_path, f"terms/{slug}.yml", entry(title="Device"))
    write(tmp_path, "terms/other.yml", entry(title="Other", aliases=f"[{slug}]"))
    found = sorted(str(p) for p in problems(tmp_path) if p.severity == "error")
    sentence = (
        f"'{slug}' is a device name on Windows (CON, PRN, AUX, NUL, COM0–9, LPT0–9), so a "
        "site with it cannot be checked out there; choose another slug"
    )
    assert found == sorted(
        [
            f"glossary/terms/other.yml:4: field 'aliases[0]': {sentence}",
            f"glossary/terms/{slug}.yml:1: field 'slug': the file name is not a valid slug: "
            + sentence,
        ]
    )


def test_a_kind_folder_linked_from_outside_is_refused_then_followed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    outside = tmp_path / "elsewhere"
    write(tmp_path, "../elsewhere/basis.yml", entry())
    (project / "glossary").mkdir(parents=True)
    (project / "glossary/definitions").symlink_to(outside)
    assert [str(p) for p in problems(project)] == [
        "glossary/definitions: this is a symbolic link to a folder outside the project, which "
        "is not published by default; copy the folder into the project, or set "
        "follow_symlinks: true"
    ]
    followed = load_glossary(project / "glossary", display_root=project, follow_symlinks=True)
    assert list(followed.glossary.definitions) == ["basis"]
