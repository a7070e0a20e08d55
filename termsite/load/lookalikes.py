"""Text that does not read as what it is: invisible characters and look-alike letters.

A title copied from a chat or a PDF can carry a zero-width space or a
right-to-left override, which make it sort, search and compare wrongly while
looking right; a Cyrillic `а` in `Basis` makes a second "Basis" that no one can
tell from the first. The confusable data is Unicode's (UTS #39), through the
`confusable_homoglyphs` package.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from typing import Any

from confusable_homoglyphs import categories, confusables

__all__ = ["confusable_letters", "invisible_characters", "title_key"]

_WORD = re.compile(r"\w+")
_DATA: dict[str, list[dict[str, Any]]] = confusables.confusables_data


def invisible_characters(text: str) -> list[str]:
    """Each invisible or direction-changing character in `text`, named: `U+202E RIGHT-TO-LEFT
    OVERRIDE`. These are Unicode's format characters (zero-width spaces and joiners, bidi
    embeddings, overrides and isolates U+2066–2069, the BOM, soft hyphens)."""
    if text.isascii():
        return []
    found = sorted({char for char in text if unicodedata.category(char) == "Cf"})
    return [_named(char) for char in found]


def confusable_letters(text: str) -> list[str]:
    """Letters of another script that look like letters of the word they sit in:
    `'а' (U+0430 CYRILLIC SMALL LETTER A) in 'Bаsis' looks like 'a'`."""
    found: list[str] = []
    if text.isascii():
        return found
    for word in _WORD.findall(text):
        if not confusables.is_mixed_script(word):
            continue
        main = _main_script(word)
        for char in dict.fromkeys(word):
            twin = _twin_in(char, main)
            if twin is not None and categories.alias(char) != main:
                found.append(f"'{char}' ({_named(char)}) in '{word}' looks like '{twin}'")
    return found


def title_key(title: str) -> str:
    """What a title looks like, for finding two that read the same: case, width and
    spacing folded, invisible characters dropped, look-alike letters replaced by the Latin
    (or common) letter they resemble."""
    if title.isascii():
        return " ".join(title.casefold().split())
    normal = unicodedata.normalize("NFKC", title)
    visible = (char for char in normal if unicodedata.category(char) != "Cf")
    return " ".join("".join(_skeleton_char(char) for char in visible).casefold().split())


def _main_script(word: str) -> str:
    scripts = Counter(categories.alias(char) for char in word if char.isalpha())
    scripts.pop("COMMON", None)
    return scripts.most_common(1)[0][0] if scripts else "LATIN"


@cache
def _twin_in(char: str, script: str) -> str | None:
    """A one-character look-alike of `char` in `script`, if Unicode lists one."""
    for glyph in _DATA.get(char, []):
        other = str(glyph["c"])
        if len(other) == 1 and categories.alias(other) == script:
            return other
    return None


@cache
def _skeleton_char(char: str) -> str:
    if categories.alias(char) in ("LATIN", "COMMON"):
        return char
    twin = _twin_in(char, "LATIN")
    return twin if twin is not None else char


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"
