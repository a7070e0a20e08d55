"""The names index: which file each entry is filed in, what its record says, and that a
serve session's kept records give the files a fresh run gives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from loader_samples import LoadFn, WriteEntry

from termsite.generate.kept import KeptTexts
from termsite.generate.plan import PagePlan, plan
from termsite.search.names import NAMES_DIR, compressed, folded, names_files
from termsite.settings import SiteSettings

VEGA = """\
title: Vega
summary: How much an option's price moves for one point of implied volatility.
published: 2025-02-11
author: risk-desk
areas: [crypto-asset-correlation]
synonyms: ["Kappa", "Épsilon <b>"]
aliases: [old-vega]
body: One sentence.
"""


def file_of(letters: str) -> str:
    return f"{NAMES_DIR}/{letters.encode('utf-8').hex()}.json.gz"


def planned(project: Path, load: LoadFn) -> list[PagePlan]:
    result = load(project)
    assert result.glossary is not None, result.problems
    return plan(result.glossary, SiteSettings())


def records(files: dict[str, str], letters: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = json.loads(files[file_of(letters)])
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kendall's tau", "kendall s tau"),
        ("  Vega   smile ", "vega smile"),
        ("Émile-Borel test", "emile borel test"),
        ("Δ-hedge", "δ hedge"),
        ("CVaR (95%)", "cvar 95"),
    ],
)
def test_folding_sets_accents_case_and_punctuation_aside_as_the_search_box_does(
    text: str, expected: str
) -> None:
    assert folded(text) == expected


def test_an_entry_is_filed_under_its_title_and_each_of_its_other_names(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    write_entry(base_glossary, "terms/vega.yml", VEGA)
    files = names_files(planned(base_glossary, load))
    for letters in ("ve", "ka", "ep", "ol"):  # title, synonyms, the alias read as words
        assert [r["url"] for r in records(files, letters)] == ["term/vega/"], letters
    vega = records(files, "ve")[0]
    assert vega == {
        "url": "term/vega/",
        "title": "Vega",
        "kind": "Term",
        "area": "Crypto Asset Correlation",
        "names": "Kappa; Épsilon <b>; old vega",
        "summary": "How much an option's price moves for one point of implied volatility.",
    }


def test_areas_and_definitions_are_filed_and_authors_and_listings_are_not(
    base_glossary: Path, load: LoadFn
) -> None:
    files = names_files(planned(base_glossary, load))
    filed = sorted((r["kind"], r["url"]) for text in files.values() for r in json.loads(text))
    assert filed == [
        ("Area", "area/crypto-asset-correlation/"),
        ("Definition", "definition/basis/"),
    ]


def test_the_files_are_gzipped_json_and_the_same_text_gives_the_same_bytes(
    base_glossary: Path, load: LoadFn
) -> None:
    text = names_files(planned(base_glossary, load))[file_of("ba")]
    assert compressed(text)[4:8] == bytes(4)  # no time in the gzip header: builds match
    assert json.loads(gzip.decompress(compressed(text)))[0]["title"] == "Basis"


def test_kept_records_give_the_files_of_a_fresh_run_after_a_save(
    base_glossary: Path, write_entry: WriteEntry, load: LoadFn
) -> None:
    kept = KeptTexts[PagePlan]()
    write_entry(base_glossary, "terms/vega.yml", VEGA)
    names_files(planned(base_glossary, load), kept)
    write_entry(base_glossary, "terms/vega.yml", VEGA.replace("title: Vega", "title: Omega"))
    after = planned(base_glossary, load)
    assert names_files(after, kept) == names_files(after)
    assert file_of("ve") not in names_files(after)
    assert [r["title"] for r in records(names_files(after), "om")] == ["Omega"]
