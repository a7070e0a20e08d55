"""Build-scale benchmark: generate N synthetic entries, build them, print figures.

The last line printed is one JSON object (a contract: outside checks read it).
Plain MkDocs + Material on equivalent Markdown pages is built in the same run
as the yardstick, so the ratio is fair on whatever machine runs it.

    .venv/bin/python scripts/bench.py --entries 1000 --json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "risk margin collateral volatility correlation liquidity depth funding basis leverage "
    "position exposure hedge spread order book venue price return drawdown regime stress "
    "calm crisis tail quantile estimate sample window decay contagion cascade engine mark "
    "index perpetual option future delta gamma vega skew smile model calibration validation "
    "portfolio weight diversification asset stablecoin reserve redemption peg oracle"
).split()

FACETS = ("Analysis", "Risk", "Diversification", "Mechanics", "Strategy", "Calculation")
SECTIONS = ("Essence", "Origin", "Theory", "Approach", "Evolution", "Horizon")


@dataclass(frozen=True)
class Figures:
    """What one build cost; the keys are the benchmark's published contract."""

    entries: int
    pages: int
    build_seconds: float
    peak_rss_mb: float
    site_bytes: int
    largest_page_bytes: int
    search_first_query_bytes: int


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
        f"  - facet: {facet}\n    answer: {paragraph(rng, 50)}\n"
        for facet in rng.sample(FACETS, 3)
    )
    return (
        f"title: Area {index:03d} {rng.choice(WORDS).title()}\n"
        f"summary: {summary(rng)}\n"
        f"published: 2025-01-{1 + index % 28:02d}\nauthor: author-{index % 5}\n"
        f"body: {yaml_block(paragraph(rng, 80))}faq:\n{faq}"
    )


def article_yaml(rng: random.Random, slugs: list[str], areas: int, term: bool) -> str:
    related = ", ".join(rng.sample(slugs, 4))
    area_list = ", ".join(f"area-{a:03d}" for a in sorted(rng.sample(range(areas), 2)))
    head = (
        f"title: {sentence(rng, 3)[:-1]}\nsummary: {summary(rng)}\n"
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
    for i, slug in enumerate(slugs):
        term = i % 8 == 0
        others = [s for s in rng.sample(slugs, 5) if s != slug]
        kind = "terms" if term else "definitions"
        (root / "glossary" / kind / f"{slug}.yml").write_text(
            article_yaml(rng, others, areas, term), encoding="utf-8"
        )


def write_termsite_project(root: Path) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content/about.md").write_text("# About\n\nA generated benchmark site.\n")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Bench\nsite_url: https://bench.example/\ndocs_dir: content\n"
        "theme:\n  name: material\nplugins:\n  - search\n  - termsite\n"
        "nav:\n  - About: about.md\n",
        encoding="utf-8",
    )
    return config


def write_plain_project(source: Path, root: Path) -> Path:
    """Equivalent Markdown pages for plain Material: the same bodies, no termsite."""
    docs = root / "docs"
    for yml in sorted((source / "glossary").rglob("*.yml")):
        page = docs / yml.parent.name / f"{yml.stem}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        text = yml.read_text(encoding="utf-8")
        page.write_text(f"# {yml.stem}\n\n{text}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Plain\nsite_url: https://plain.example/\ntheme:\n  name: material\n"
        "plugins:\n  - search\nnav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /*/*.md\nvalidation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


def timed_build(config: Path) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MB for one `mkdocs build`."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        check=True,
        cwd=config.parent,
    )
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def search_first_query_bytes(site: Path) -> int:
    """Bytes a browser fetches to answer a first query with the site's search.

    Pagefind loads its entry file, its WASM, one index chunk and a few fragments;
    Material's built-in search loads its whole JSON index. Count what applies.
    """
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        fixed = ["pagefind.js", "pagefind-entry.json"]
        size = sum((pagefind / name).stat().st_size for name in fixed if (pagefind / name).exists())
        wasm = sorted(pagefind.glob("wasm.*.pagefind"))
        chunks = sorted((pagefind / "index").glob("*.pf_index"))
        fragments = sorted((pagefind / "fragment").glob("*.pf_fragment"))[:5]
        parts = [*wasm[:1], *chunks[:1], *fragments]
        return size + sum(p.stat().st_size for p in parts)
    index = site / "search/search_index.json"
    return index.stat().st_size if index.exists() else 0


def measure(config: Path, entries: int) -> Figures:
    seconds, rss = timed_build(config)
    site = config.parent / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    return Figures(
        entries=entries,
        pages=len(pages),
        build_seconds=round(seconds, 2),
        peak_rss_mb=round(rss, 1),
        site_bytes=sum(p.stat().st_size for p in files),
        largest_page_bytes=max((p.stat().st_size for p in pages), default=0),
        search_first_query_bytes=search_first_query_bytes(site),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000, help="entries to generate")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain Material yardstick")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="termsite-bench-") as tmp:
        project = Path(tmp) / "termsite"
        write_glossary(project, args.entries)
        figures = measure(write_termsite_project(project), args.entries)
        result = asdict(figures)
        if not args.no_plain:
            plain = measure(write_plain_project(project, Path(tmp) / "plain"), args.entries)
            result["plain_material_seconds"] = plain.build_seconds
            result["ratio_to_plain"] = round(figures.build_seconds / plain.build_seconds, 2)
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        for key, value in result.items():
            print(f"{key:>28}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
