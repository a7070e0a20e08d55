"""The exports made entry by entry: `glossary.json` reads as one `json.dumps`, and kept parts
give the same files as a fresh run."""

from __future__ import annotations

import json

from termsite_sample import definition, glossary, site, term

from termsite.generate.exports import Article, glossary_csv, glossary_json
from termsite.generate.kept import KeptOrder, KeptTexts
from termsite.model import Definition, Term

ENTRIES = (
    term("x", synonyms=["Ex", "Éx <b>"]),
    definition("y", summary='A "quoted" summary with a tab\tand a line\nbreak in it.'),
)


def test_glossary_json_reads_as_one_indented_dump_of_the_document() -> None:
    text = glossary_json(site(), glossary(*ENTRIES))
    assert text == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def test_glossary_json_of_no_terms_keeps_an_empty_list() -> None:
    assert json.loads(glossary_json(site(), glossary()))["hasDefinedTerm"] == []


def test_kept_terms_give_the_same_file_after_an_entry_changes() -> None:
    kept = KeptTexts[Article]()
    glossary_json(site(), glossary(*ENTRIES), kept)
    changed = glossary(ENTRIES[0], definition("y", summary="Another summary, long enough."))
    assert glossary_json(site(), changed, kept) == glossary_json(site(), changed)


def test_kept_rows_give_the_same_csv_after_an_entry_changes() -> None:
    kept = KeptTexts[Article]()
    glossary_csv(site(), glossary(*ENTRIES), kept)
    changed = glossary(ENTRIES[0], definition("y", summary="Another summary, long enough."))
    assert glossary_csv(site(), changed, kept) == glossary_csv(site(), changed)
    assert glossary_csv(site(), changed).count("\n") == 3


def test_a_kept_order_gives_the_same_files_after_a_title_moves_an_entry() -> None:
    kept, order = KeptTexts[Article](), KeptOrder[Term | Definition]()
    glossary_json(site(), glossary(*ENTRIES), kept, order)
    moved = glossary(ENTRIES[0], definition("y", title="A First Title"))
    assert glossary_json(site(), moved, kept, order) == glossary_json(site(), moved)
    assert glossary_csv(site(), moved, KeptTexts[Article](), order) == glossary_csv(site(), moved)


def test_kept_texts_make_parts_only_for_entries_that_are_new_objects() -> None:
    kept, made = KeptTexts[Article](), []

    def make(entry: Term | Definition) -> str:
        made.append(entry.slug)
        return entry.slug

    first = list(ENTRIES)
    assert kept.each("site", first, make) == ["x", "y"]
    saved = [ENTRIES[0], definition("y", summary="Another summary, long enough.")]
    assert kept.each("site", saved, make) == ["x", "y"]
    assert kept.each("site", [term("w"), *saved], make) == ["w", "x", "y"]
    assert made == ["x", "y", "y", "w"]
    assert kept.each("another site", saved, make) == ["x", "y"]
    assert made[4:] == ["x", "y"]
