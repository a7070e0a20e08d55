"""Automatic term links: find mentions of glossary entries in a rendered page and link them.

Editors write plain Markdown; the build links the first mention of each entry per H2 section.
It works on the HTML that Markdown produced, not on the Markdown source, so the `.md` copies
and llms.txt stay as written, and the skip zones (headings, code, existing links, table
headers) are elements rather than guesses about Markdown syntax.

Speed: one `Matcher` is compiled per build from every entry's title, aliases and synonyms.
Matching splits text into words and looks word sequences up in a dict keyed by their
normalised form, longest first, so its cost grows with the words of a page and the longest
name, never with the number of entries (a regex alternation of 30,000 names would try each
one at every position).

The HTML is read with a tokenizer for the serialisation Python-Markdown and termsite's own
templates write (quoted attributes, closed elements, raw `script`/`style` bodies); it is a
deliberate choice over `html.parser`, which is several times slower on a 10,000-page build
and would have to re-serialise every tag it did not change.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from termsite.collector import collection_paused
from termsite.generate.plan import entry_url
from termsite.model import Area, Definition, Glossary, Term
from termsite.settings import SKIP_TAGS, SiteSettings

__all__ = [
    "Linked",
    "Matcher",
    "Mention",
    "Rules",
    "Target",
    "TargetMemo",
    "alias_name",
    "card_id",
    "forms_of",
    "inflections",
    "link_page",
    "relative_url",
]

WORD = re.compile(r"&#?\w+;|\w+(?:['’]\w+)*")
"""A word (with inner apostrophes: Kendall's), or an HTML entity, which breaks a phrase."""
JOINER = re.compile(r"(?:\s+|[-‐–])")
"""What may stand between two words of one name: spaces or a single hyphen or en dash."""
TAG = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[!?][^>]*>"
    r"|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL | re.IGNORECASE,
)
ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
VOID = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input"),
        *("link", "meta", "param", "source", "track", "wbr"),
    }
)
BASE = "http://termsite.invalid/"
"""A stand-in origin for resolving a page-relative href to a site path."""
PLAIN_PATH = re.compile(r"[\w.~-]+(?:/[\w.~-]*)*")
"""A relative path with no scheme, query, parameters or escapes: the links pages are made of,
which `_site_path` resolves without the general URL parser."""


@dataclass(frozen=True)
class Target:
    """An entry that mentions can link to; `url` is its page, relative to the site root."""

    key: str
    url: str
    title: str
    kind: str
    summary: str
    names: tuple[str, ...]
    """Every display form that should link here: title, aliases as words, synonyms."""


@dataclass(frozen=True)
class Rules:
    """The linking rules, each one a site option (`SiteSettings.autolink`)."""

    per_section: bool = True
    """Link the first mention per H2 section; False links only the first per page."""
    inflections: bool = True
    longest_match: bool = True
    exact_acronyms: bool = True
    skip_tags: frozenset[str] = frozenset(SKIP_TAGS)
    skip_classes: frozenset[str] = frozenset()
    cards_on_links: bool = True
    """Give hand-written links to entries a card too."""


@dataclass(frozen=True)
class _Form:
    target: Target
    exact: tuple[str | None, ...]
    """Per word: the spelling it must have (acronyms, mixed case), or None for any case."""
    any_case: bool = field(init=False, compare=False)
    """No word's spelling matters (most names): a mention needs no second look."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "any_case", not any(self.exact))


@dataclass(frozen=True)
class Mention:
    """One match of a name in a text: where, and which entry."""

    start: int
    end: int
    target: Target


@dataclass
class Linked:
    """A page after linking: its HTML, and which entries it linked or mentioned."""

    html: str
    linked: list[Target] = field(default_factory=list)
    """Entries the page links (automatically or by hand), each once, in order of appearance."""
    automatic: int = 0
    """How many links the matcher added."""


def _norm(word: str) -> str:
    """A word's lookup form: curly apostrophes straight, possessive 's dropped, case folded."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.rstrip("'").casefold()


def name_key(name: str) -> tuple[str, ...]:
    """The lookup form of a name: two names with the same key match the same mentions."""
    return tuple(_norm(word) for word in _words(name))


def _is_acronym(word: str) -> bool:
    """ENB, VaR, ES: a capital after the first letter, so case tells it from a plain word.
    `islower` answers most words in C: all cased letters small means no capital."""
    rest = word[1:]
    return not rest.islower() and any(ch.isupper() for ch in rest)


def inflections(word: str) -> list[str]:
    """English plurals of a name's last word: ratio → ratios, matrix → matrices, …"""
    lower = word.casefold()
    found = [word + "s"]
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        found.append(word + "es")
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        found.append(word[:-1] + "ies")
    if lower.endswith(("ix", "ex")):
        found.append(word[:-2] + "ices")
    if lower.endswith("a"):
        found.append(word + "e")
    if lower.endswith("is"):
        found.append(word[:-2] + "es")
    return found


def _words(text: str) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text) if not m.group(0).startswith("&")]


def forms_of(name: str, *, inflect: bool) -> list[list[str]]:
    """The word sequences a name matches: itself and, when asked, its plural forms."""
    words = _words(name)
    if not words:
        return []
    found = [words]
    last = words[-1]
    if inflect and last.isalpha():
        plurals = [last + "s"] if _is_acronym(last) or last.isupper() else inflections(last)
        found += [[*words[:-1], plural] for plural in plurals]
    return found


@functools.lru_cache(maxsize=1 << 16)
def _name_forms(
    name: str, inflect: bool, exact_acronyms: bool
) -> tuple[tuple[tuple[str, ...], tuple[str | None, ...]], ...]:
    """Each form's lookup key and exact spellings. Remembered: a serve session builds a
    matcher for every save, and of 10,000 entries' names only the saved entry's are new."""
    found = []
    for words in forms_of(name, inflect=inflect):
        key = tuple(_norm(word) for word in words)
        if sum(len(part) for part in key) < 2:
            continue
        exact = tuple(
            word.replace("’", "'") if exact_acronyms and _is_acronym(word) else None
            for word in words
        )
        found.append((key, exact))
    return tuple(found)


def _changed_targets(
    old: Sequence[Target], new: Sequence[Target]
) -> tuple[list[Target], list[Target]]:
    """The old targets no new one equals, and the new ones no old one equals.

    A serve session's targets are the last build's very objects for unchanged
    entries (`TargetMemo`), so those are told apart by identity, at C speed; only
    the few others are hashed and compared field by field.
    """
    old_ids, new_ids = set(map(id, old)), set(map(id, new))
    old_rest = [target for target in old if id(target) not in new_ids]
    new_rest = [target for target in new if id(target) not in old_ids]
    kept, before = set(new_rest), set(old_rest)
    return [t for t in old_rest if t not in kept], [t for t in new_rest if t not in before]


class _Node:
    """One word of the name trie: the names that end here, and the words that may follow."""

    __slots__ = ("forms", "next")

    def __init__(self) -> None:
        self.forms: list[_Form] = []
        self.next: dict[str, _Node] = {}


class Matcher:
    """Every entry's names, compiled once per build, and the search over one text."""

    def __init__(self, targets: Iterable[Target], rules: Rules | None = None) -> None:
        self.rules = rules or Rules()
        self.forms: dict[tuple[str, ...], list[_Form]] = {}
        self.longest = 0
        self.by_url: dict[str, Target] = {}
        self._root = _Node()
        self._norms: dict[str, str] = {}
        self.by_slug: dict[str, Target] = {}
        """Where a calculator names an entry by slug alone: a term before a definition."""
        self.targets: tuple[Target, ...] = tuple(targets)
        """What the matcher was compiled from, in order: the first target of a name wins."""
        with collection_paused():  # the trie lives as long as the matcher
            for target in self.targets:
                self.by_url[target.url] = target
                self.by_slug.setdefault(target.key.split("/", 1)[-1], target)
                for name in target.names:
                    self._add(name, target)

    def retargeted(self, targets: Iterable[Target]) -> Matcher:
        """What `Matcher(targets, self.rules)` would be: this matcher, with only the names of
        the targets that differ from the ones it holds changed.

        A serve session's save changes one entry or two of 10,000, and compiling
        every name again took a few tenths of a second of each. Each name's forms
        keep the order of their targets, so where two entries claim one name the
        same one wins as in a new matcher.
        """
        new = tuple(targets)
        order = {target.key: n for n, target in enumerate(new)}
        if len(order) < len(new):  # one key twice: only a new matcher says which wins
            return Matcher(new, self.rules)
        gone, came = _changed_targets(self.targets, new)
        touched = {key for target in gone for key in self._keys(target)}
        for key in touched:
            self.forms[key] = [form for form in self.forms[key] if form.target not in gone]
        self.targets = new
        for target in came:
            for name in target.names:
                self._add(name, target)
            touched.update(self._keys(target))
        for key in touched:
            self._settle(key, order)
        self.by_url = {target.url: target for target in new}
        self.by_slug = {}
        for target in new:
            self.by_slug.setdefault(target.key.split("/", 1)[-1], target)
        self.longest = max(map(len, self.forms), default=0)
        return self

    def _keys(self, target: Target) -> set[tuple[str, ...]]:
        rules = self.rules
        return {
            key
            for name in target.names
            for key, _ in _name_forms(name, rules.inflections, rules.exact_acronyms)
        }

    def _settle(self, key: tuple[str, ...], order: dict[str, int]) -> None:
        """A name's forms in target order (a stable sort: one target's keep their own), and
        its trie node holding the same; a name no target has left is dropped."""
        forms = sorted(self.forms.get(key, []), key=lambda form: order[form.target.key])
        if forms:
            self.forms[key] = forms
        else:
            self.forms.pop(key, None)
        self._node(key).forms = list(forms)

    def _add(self, name: str, target: Target) -> None:
        for key, exact in _name_forms(name, self.rules.inflections, self.rules.exact_acronyms):
            bucket = self.forms.setdefault(key, [])
            if all(form.target.key != target.key or form.exact != exact for form in bucket):
                form = _Form(target, exact)
                bucket.append(form)
                self._node(key).forms.append(form)
            self.longest = max(self.longest, len(key))

    def _node(self, key: tuple[str, ...]) -> _Node:
        node = self._root
        for word in key:
            found = node.next.get(word)
            if found is None:  # not `setdefault(word, _Node())`: a node made per word looked up
                found = node.next[word] = _Node()
            node = found
        return node

    def _normed(self, word: str) -> str:
        """`_norm`, remembered: a build looks the same few thousand words up millions of times."""
        found = self._norms.get(word)
        if found is None:
            found = self._norms[word] = _norm(word)
        return found

    def find(self, text: str, exclude: str = "") -> Iterator[Mention]:
        """Every non-overlapping mention in `text`, left to right, skipping entry `exclude`.

        Each word is looked up once in the trie of names; only a word that starts some name
        costs more than that, and only as long as the words after it continue one.
        """
        tokens = list(WORD.finditer(text))
        words = [token.group(0) for token in tokens]
        norms, normed = self._norms, self._normed
        keys = ["" if word[0] == "&" else norms.get(word) or normed(word) for word in words]
        first = self._root.next
        i = 0
        while i < len(tokens):
            node = first.get(keys[i])
            found = (
                None
                if node is None
                else self._match_at(text, tokens, keys, words, i, node, exclude)
            )
            if found is None:
                i += 1
                continue
            length, target = found
            yield Mention(tokens[i].start(), tokens[i + length - 1].end(), target)
            i += length

    def _match_at(
        self,
        text: str,
        tokens: Sequence[re.Match[str]],
        keys: Sequence[str],
        words: Sequence[str],
        i: int,
        node: _Node,
        exclude: str,
    ) -> tuple[int, Target] | None:
        candidates = self._candidates(text, tokens, keys, i, node)
        ordered = reversed(candidates) if self.rules.longest_match else iter(candidates)
        for length, forms in ordered:
            for form in forms:
                if form.target.key != exclude and (
                    form.any_case or _spelled(words[i : i + length], form.exact)
                ):
                    return length, form.target
        return None

    def _candidates(
        self,
        text: str,
        tokens: Sequence[re.Match[str]],
        keys: Sequence[str],
        i: int,
        node: _Node,
    ) -> list[tuple[int, list[_Form]]]:
        """(length, forms) of every name that the words from token i on spell, shortest first.

        A name continues over spaces or a single hyphen or dash, never over punctuation or an
        entity."""
        found = [(1, node.forms)] if node.forms else []
        j = i + 1
        while j < len(tokens) and node.next:
            following = node.next.get(keys[j])
            if following is None:
                break
            gap_start, gap_end = tokens[j - 1].end(), tokens[j].start()
            if not (gap_end - gap_start == 1 and text[gap_start] == " ") and not (
                JOINER.fullmatch(text, gap_start, gap_end)
            ):
                break
            node = following
            j += 1
            if node.forms:
                found.append((j - i, node.forms))
        return found


def _spelled(words: Sequence[str], exact: Sequence[str | None]) -> bool:
    if not any(exact):
        return True
    return all(
        want is None or _strip_possessive(word.replace("’", "'")) == _strip_possessive(want)
        for word, want in zip(words, exact, strict=True)
    )


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def relative_url(target: str, page_url: str) -> str:
    """The href from page `page_url` to site path `target` (both site-relative, MkDocs style)."""
    base = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    start = base.split("/") if base else []
    parts = target.split("/")
    common = 0
    while common < min(len(parts) - 1, len(start)) and parts[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "./"


def _site_path(href: str, page_url: str) -> str | None:
    """The site path an href points at, or None when it leaves the site."""
    path, _, _ = href.partition("#")
    if PLAIN_PATH.fullmatch(path) and (not page_url or PLAIN_PATH.fullmatch(page_url)):
        return _joined(path, page_url)
    resolved = urlsplit(urljoin(BASE + page_url, href))
    if f"{resolved.scheme}://{resolved.netloc}/" != BASE:
        return None
    return resolved.path.removeprefix("/")


def _joined(path: str, page_url: str) -> str:
    """`urljoin`'s resolution of relative `path` against the page (RFC 3986 dot segments),
    for the plain paths `PLAIN_PATH` accepts; `test_autolink` checks it against `urljoin`."""
    base = ("/" + page_url).split("/")
    segments = base[:-1] + path.split("/")
    segments[1:-1] = [segment for segment in segments[1:-1] if segment]
    resolved: list[str] = []
    for segment in segments:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)
    if segments[-1] in (".", ".."):
        resolved.append("")
    return "/".join(resolved).removeprefix("/")


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in ATTRIBUTE.finditer(text)
    }


def card_id(target: Target) -> str:
    """The id of an entry's card on a page: stable, and unique per entry."""
    return "termsite-card-" + re.sub(r"[^a-z0-9]+", "-", target.key.casefold()).strip("-")


class _Walker:
    """One pass over a page's HTML: link text outside skip zones, mark links to entries."""

    def __init__(self, matcher: Matcher, page_url: str, own: str) -> None:
        self.matcher = matcher
        self.rules = matcher.rules
        self.page_url = page_url
        self.own = own
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0
        self.seen: set[str] = set()
        self.section = 0
        self.hand_linked: set[tuple[int, str]] = set()
        self.linked: dict[str, Target] = {}
        self.automatic = 0
        self.targets: dict[str, Target | None] = {}

    def run(self, source: str) -> Linked:
        tags = list(TAG.finditer(source))
        self.hand_linked = self._hand_links(tags)
        position = 0
        for match in tags:
            self._text(source[position : match.start()])
            self._tag(match)
            position = match.end()
        self._text(source[position:])
        return Linked("".join(self.out), list(self.linked.values()), self.automatic)

    def _tag(self, match: re.Match[str]) -> None:
        name = (match.group(3) or "").lower()
        if not name:
            self.out.append(match.group(0))
            return
        if match.group(2):
            self._close(name)
            self.out.append(match.group(0))
            return
        raw = match.group(4) or ""
        attributes = _attributes(raw) if self._reads_attributes(name, raw) else {}
        if name == "h2" and self.rules.per_section:
            self.seen = set()
            self.section += 1
        skip = self._skips(name, attributes)
        if name == "a" and "data-concept" in attributes:
            self.out.append(self._concept_link(match.group(0), attributes))
        elif name == "a":
            self.out.append(self._mark_link(match.group(0), attributes))
        else:
            self.out.append(match.group(0))
        if name in VOID or raw.rstrip().endswith("/"):
            return
        self.stack.append((name, skip))
        self.skipping += skip

    def _reads_attributes(self, name: str, raw: str) -> bool:
        """Whether a tag's attributes can matter: a link's always, others' only when they
        may carry `data-autolink` or a skipped class (most tags carry neither)."""
        if name == "a":
            return True
        if "=" not in raw:
            return False
        lowered = raw.lower()
        return "data-autolink" in lowered or bool(self.rules.skip_classes and "class" in lowered)

    def _hand_links(self, tags: Sequence[re.Match[str]]) -> set[tuple[int, str]]:
        """(section, entry) of every hand-written link, so no earlier mention is linked too."""
        found: set[tuple[int, str]] = set()
        section = 0
        for match in tags:
            name = (match.group(3) or "").lower()
            if match.group(2) or name not in ("a", "h2"):
                continue
            if name == "h2" and self.rules.per_section:
                section += 1
                continue
            target = self._target_of(_attributes(match.group(4) or "").get("href"))
            if target is not None:
                found.add((section, target.key))
        return found

    def _target_of(self, href: str | None) -> Target | None:
        """The entry `href` links to; each href is resolved once a page."""
        if href is None:
            return None
        if href not in self.targets:
            path = _site_path(href, self.page_url)
            self.targets[href] = self.matcher.by_url.get(path) if path is not None else None
        return self.targets[href]

    def _skips(self, name: str, attributes: dict[str, str]) -> bool:
        if name in self.rules.skip_tags or attributes.get("data-autolink") == "off":
            return True
        if not self.rules.skip_classes or "class" not in attributes:
            return False
        return not self.rules.skip_classes.isdisjoint(attributes["class"].split())

    def _close(self, name: str) -> None:
        if not any(open_name == name for open_name, _ in self.stack):
            return
        while self.stack:
            open_name, skip = self.stack.pop()
            self.skipping -= skip
            if open_name == name:
                return

    def _mark_link(self, tag: str, attributes: dict[str, str]) -> str:
        """A hand-written link to an entry counts as its mention and gets the entry's card."""
        target = self._target_of(attributes.get("href"))
        if target is None or "data-card" in attributes or target.key == self.own:
            return tag
        self.seen.add(target.key)
        own_skip = set(attributes.get("class", "").split()) & self.rules.skip_classes
        if self.skipping or own_skip or not self.rules.cards_on_links:
            return tag
        self.linked.setdefault(target.key, target)
        extra = f' data-card="{card_id(target)}" aria-describedby="{card_id(target)}-summary"'
        return tag[:-1].rstrip("/") + extra + ">"

    def _concept_link(self, tag: str, attributes: dict[str, str]) -> str:
        """A calculator's placeholder for the entry its spec names (`widgets.concepts`): it
        links to the entry with the card the rest of the page shares, in any skip zone, or
        stays plain text where the site has no such entry (or on the entry's own page)."""
        target = self.matcher.by_slug.get(attributes["data-concept"])
        if target is None or target.key == self.own or "href" in attributes:
            return tag
        self.linked.setdefault(target.key, target)
        extra = f' href="{html.escape(relative_url(target.url, self.page_url))}"'
        if self.rules.cards_on_links:
            extra += f' data-card="{card_id(target)}" aria-describedby="{card_id(target)}-summary"'
        return tag[:-1].rstrip("/") + extra + ">"

    def _text(self, text: str) -> None:
        if not text:
            return
        if self.skipping or text.isspace():
            self.out.append(text)
            return
        position = 0
        for mention in self.matcher.find(text, exclude=self.own):
            target = mention.target
            if target.key in self.seen or (self.section, target.key) in self.hand_linked:
                continue
            self.seen.add(target.key)
            self.linked.setdefault(target.key, target)
            self.automatic += 1
            self.out.append(text[position : mention.start])
            self.out.append(self._anchor(target, text[mention.start : mention.end]))
            position = mention.end
        self.out.append(text[position:])

    def _anchor(self, target: Target, words: str) -> str:
        href = html.escape(relative_url(target.url, self.page_url))
        ident = card_id(target)
        return (
            f'<a class="termsite-autolink" href="{href}" data-card="{ident}"'
            f' aria-describedby="{ident}-summary">{words}</a>'
        )


def link_page(source: str, matcher: Matcher, *, page_url: str, own: str = "") -> Linked:
    """Link the first mention of each entry per section in `source`, a page's content HTML.

    `page_url` is the page's site-relative URL (hrefs are made relative to it); `own` is the
    key of the entry the page is about, which is never linked on its own page.
    """
    return _Walker(matcher, page_url, own).run(source)


def alias_name(slug: str) -> str:
    """An alias slug read as words: `kendall-tau-b` → `kendall tau b`."""
    return slug.replace("-", " ")


@dataclass
class TargetMemo:
    """The last build's targets, each with the entry it was made from, for a serve session.

    An unchanged entry is the same object from one build to the next, so its
    target is the last one while its URL is too: the matcher then tells the
    unchanged targets apart by identity (`Matcher.retargeted`), where hashing
    10,000 of them field by field was a tenth of a save.
    """

    context: object = None
    targets: dict[str, tuple[object, Target]] = field(default_factory=dict)


def targets_for(
    glossary: Glossary,
    settings: SiteSettings,
    url_for: Callable[[str], str] | None = None,
    memo: TargetMemo | None = None,
) -> list[Target]:
    """Every entry that mentions may link to, with the names it is matched by.

    `url_for` maps an entry's planned URL to the URL the engine publishes it at (the same
    unless the engine writes `name.html` files). A serve session passes its `memo`.
    """
    options = settings.autolink
    memo = memo or TargetMemo()
    last = memo.targets if memo.context == options else {}
    made: dict[str, tuple[object, Target]] = {}
    groups: list[tuple[str, Iterable[Term | Definition | Area]]] = [
        ("term", glossary.terms.values()),
        ("definition", glossary.definitions.values()),
        ("area", glossary.areas.values()),
    ]
    for kind, entries in groups:
        if kind not in options.kinds:
            continue
        for entry in sorted(entries, key=lambda e: e.slug):
            if entry.autolink is False:
                continue
            key = f"{kind}/{entry.slug}"
            url = entry_url(settings, kind, entry.slug)
            url = url_for(url) if url_for else url
            old = last.get(key)
            if old is not None and old[0] is entry and old[1].url == url:
                made[key] = old
            else:
                made[key] = (entry, _target(entry, key, url, settings))
    memo.context, memo.targets = options, made
    return [target for _, target in made.values()]


def _target(entry: Term | Definition | Area, key: str, url: str, settings: SiteSettings) -> Target:
    options = settings.autolink
    names = [entry.title] if entry.autolink is True else []
    if options.match_aliases and entry.autolink is True:
        names += [alias_name(alias) for alias in entry.aliases]
    names += list(entry.synonyms) if options.match_synonyms else []
    return Target(
        key=key,
        url=url,
        title=entry.title,
        kind=entry.kind.value.capitalize(),
        summary=entry.summary,
        names=tuple(names),
    )


def rules_for(settings: SiteSettings) -> Rules:
    """The matcher's rules from the site's `autolink` options."""
    options = settings.autolink
    return Rules(
        per_section=options.per_section,
        inflections=options.inflections,
        longest_match=options.longest_match,
        exact_acronyms=options.exact_acronyms,
        skip_tags=frozenset(tag.lower() for tag in options.skip_tags),
        skip_classes=frozenset(options.skip_classes),
        cards_on_links=options.cards,
    )


def matcher_for(
    glossary: Glossary, settings: SiteSettings, url_for: Callable[[str], str] | None = None
) -> Matcher:
    """The build's one matcher: compiled once, used for every page."""
    return Matcher(targets_for(glossary, settings, url_for), rules_for(settings))
