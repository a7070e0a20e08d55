"""Synthetic projects for the benchmark: N entries in termsite's format, and the same
text as plain Markdown pages for Material and for Hugo, the yardsticks.

The mix is realistic for the reference site: one long-form term in eight (six
sections of ~140 words, pull quotes), short definitions, an area per 150
entries with a three-question FAQ, five authors, four related links each;
one entry in four has a synonym and one in eight an alias (an old slug).
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "risk",
    "margin",
    "collateral",
    "volatility",
    "correlation",
    "liquidity",
    "depth",
    "funding",
    "basis",
    "leverage",
    "position",
    "exposure",
    "hedge",
    "spread",
    "order",
    "book",
    "venue",
    "price",
    "return",
    "drawdown",
    "regime",
    "stress",
    "calm",
    "crisis",
    "tail",
    "quantile",
    "estimate",
    "sample",
    "window",
    "decay",
    "contagion",
    "cascade",
    "engine",
    "mark",
    "index",
    "perpetual",
    "option",
    "future",
    "delta",
    "gamma",
    "vega",
    "skew",
    "smile",
    "model",
    "calibration",
    "validation",
    "portfolio",
    "weight",
    "diversification",
    "asset",
    "stablecoin",
    "reserve",
    "redemption",
    "peg",
    "oracle",
]

FACETS = ("Analysis", "Risk", "Diversification", "Mechanics", "Strategy", "Calculation")
SECTIONS = ("Essence", "Origin", "Theory", "Approach", "Evolution", "Horizon")


def sentence(rng: random.Random, words: int) -> str:
    """A pseudo-sentence; realistic length matters for page size, meaning does not."""
    picked = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(picked).capitalize() + "."


def paragraph(rng: random.Random, words: int) -> str:
    """Roughly `words` words as sentences of 8 to 20 words."""
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(sentence(rng, rng.randint(8, 20)))
    return " ".join(out)


def yaml_block(text: str) -> str:
    """A YAML literal block, indented for a top-level key."""
    return "|\n" + "\n".join("  " + line for line in text.splitlines()) + "\n"


def summary(rng: random.Random) -> str:
    """A one-line summary inside the 50–160 character band the loader expects."""
    text = sentence(rng, 12)
    while len(text) < 60:
        text = text[:-1] + " " + sentence(rng, 4)
    return text[:150].rstrip(" .") + "."


def area_yaml(rng: random.Random, index: int) -> str:
    faq = "".join(
        f"  - facet: {facet}\n    answer: {paragraph(rng, 50)}\n" for facet in rng.sample(FACETS, 3)
    )
    return (
        f"title: Area {index:03d} {rng.choice(WORDS).title()}\n"
        f"summary: {summary(rng)}\n"
        f"published: 2025-01-{1 + index % 28:02d}\nauthor: author-{index % 5}\n"
        f"body: {yaml_block(paragraph(rng, 80))}faq:\n{faq}"
    )


def unique_title(rng: random.Random, seen: set[str]) -> str:
    """Three words, one more until no other entry has the title (the loader refuses twins)."""
    title = sentence(rng, 3)[:-1]
    while title.casefold() in seen:
        title = f"{title} {rng.choice(WORDS)}"
    seen.add(title.casefold())
    return title


def article_yaml(rng: random.Random, slugs: list[str], areas: int, term: bool, title: str) -> str:
    related = ", ".join(rng.sample(slugs, 4))
    area_list = ", ".join(f"area-{a:03d}" for a in sorted(rng.sample(range(areas), 2)))
    head = (
        f"title: {title}\nsummary: {summary(rng)}\n"
        f"published: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
        f"author: author-{rng.randrange(5)}\nareas: [{area_list}]\nrelated: [{related}]\n"
    )
    if not term:
        return head + f"body: {yaml_block(paragraph(rng, 50))}"
    sections = "".join(
        f"  - heading: {name}\n    quote: {sentence(rng, 12)}\n"
        f"    body: |\n      {paragraph(rng, 140)}\n"
        for name in SECTIONS
    )
    return head + f"sections:\n{sections}"


def write_glossary(root: Path, entries: int, seed: int = 7) -> None:
    """A realistic mix: one term in eight, an area per 150 entries (at least 6), 5 authors."""
    rng = random.Random(seed)
    areas = max(6, entries // 150)
    articles = entries - areas - 5
    slugs = [f"entry-{i:05d}" for i in range(articles)]
    for kind in ("terms", "definitions", "areas", "authors"):
        (root / "glossary" / kind).mkdir(parents=True, exist_ok=True)
    for i in range(5):
        (root / "glossary/authors" / f"author-{i}.yml").write_text(
            f"name: Author {i}\nbio: {sentence(rng, 14)}\n", encoding="utf-8"
        )
    for i in range(areas):
        (root / "glossary/areas" / f"area-{i:03d}.yml").write_text(
            area_yaml(rng, i), encoding="utf-8"
        )
    seen: set[str] = set()
    written: list[Path] = []
    for i, slug in enumerate(slugs):
        term = i % 8 == 0
        others = [s for s in rng.sample(slugs, 5) if s != slug]
        kind = "terms" if term else "definitions"
        written.append(root / "glossary" / kind / f"{slug}.yml")
        written[-1].write_text(
            article_yaml(rng, others, areas, term, unique_title(rng, seen)), encoding="utf-8"
        )
    add_other_names(written, seen, random.Random(seed + 1))


def add_other_names(paths: list[Path], seen: set[str], rng: random.Random) -> None:
    """Synonyms and aliases, from a generator of their own so the rest of the text is
    the same as before they were added; no name is another entry's title or name."""
    for i, path in enumerate(paths):
        lines = []
        if i % 4 == 1:
            lines.append(f"synonyms: [{unique_title(rng, seen)}]\n")
        if i % 8 == 6:
            lines.append(f"aliases: [{unique_title(rng, seen).lower().replace(' ', '-')}]\n")
        if lines:
            path.write_text(path.read_text(encoding="utf-8") + "".join(lines), encoding="utf-8")


def write_termsite_project(root: Path, *, autolink: bool = True) -> Path:
    """The benchmark's mkdocs.yml; `autolink=False` switches automatic term links off."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content/about.md").write_text("# About\n\nA generated benchmark site.\n")
    config = root / "mkdocs.yml"
    plugin = "  - termsite\n" if autolink else "  - termsite:\n      autolink: {enabled: false}\n"
    config.write_text(
        "site_name: Bench\nsite_url: https://bench.example/\ndocs_dir: content\n"
        f"theme:\n  name: material\n  font: false\nplugins:\n{plugin}"
        "nav:\n  - About: about.md\n",
        encoding="utf-8",
    )
    return config


def generated_pages(source: Path) -> dict[str, str]:
    """termsite's own Markdown for every page it generates, links already made relative.

    The yardsticks build exactly these pages, so the comparison measures what
    termsite adds (loading, planning, JSON-LD, Markdown copies, search index),
    not a difference in content.
    """
    from termsite.generate import render
    from termsite.generate.links import relative_links
    from termsite.generate.plan import plan
    from termsite.load import load_glossary
    from termsite.settings import SiteSettings

    settings = SiteSettings()
    planned = plan(load_glossary(source / "glossary").glossary, settings, home=True)
    known = {page.src_uri for page in planned}
    env = render.make_environment()
    return {
        page.src_uri: relative_links(render.render_page(page, settings, env), page.src_uri, known)
        for page in planned
    }


def write_plain_project(pages: dict[str, str], root: Path) -> Path:
    """The same pages as Markdown files for plain MkDocs + Material (with its own search).

    It has the Markdown extensions termsite's pages need (`md_in_html` among them), so it
    renders the same HTML: without `md_in_html` the listings would pass through as raw
    Markdown text, unrendered, and the yardstick would skip that work.
    """
    docs = root / "docs"
    for src_uri, markdown in pages.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\nsite_url: https://plain.example/\n"
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - toc\n"
        "plugins:\n  - search\nnav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /*/**/*.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


HUGO_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""


def write_hugo_project(pages: dict[str, str], root: Path) -> Path:
    """The same pages for Hugo: one Markdown page each, a one-template layout."""
    for src_uri, markdown in pages.items():
        if src_uri == "index.md":
            continue
        path = root / "content" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        body = markdown.split("---\n", 2)[-1]
        path.write_text(f'---\ntitle: "{Path(src_uri).stem}"\n---\n{body}', encoding="utf-8")
    layouts = root / "layouts/_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(HUGO_PAGE, encoding="utf-8")
    config = root / "config.toml"
    config.write_text(
        'baseURL = "https://hugo.example/"\ntitle = "Hugo"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n',
        encoding="utf-8",
    )
    return config
