"""The `_headers` rules: one policy for the whole site, long caching only for versioned files."""

from __future__ import annotations

from pathlib import Path

from termsite.generate.headers import (
    CONTENT_SECURITY_POLICY,
    HeaderRule,
    build_rules,
    headers_file,
    headers_for,
    inline_scripts,
    nginx_snippet,
    parse_headers_file,
    site_paths_of,
)

SITE = [
    "index.html",
    "assets/pyodide/314.0.7/pyodide.asm.wasm",
    "assets/calculators/805b26a2f737f725/calculators-0.1.0-py3-none-any.whl",
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
    "assets/termsite/calculators.js",
    "assets/pyodide/README.txt",
]


def cache_control(path: str) -> str | None:
    return dict(headers_for(path, build_rules(SITE))).get("Cache-Control")


def test_every_path_gets_the_site_wide_headers() -> None:
    names = [name for name, _ in headers_for("/term/x/", build_rules(SITE))]
    assert names[:3] == ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"]


def test_versioned_folders_and_hashed_bundles_are_cached_for_a_year() -> None:
    cached = [
        "/assets/pyodide/314.0.7/pyodide.asm.wasm",
        "/assets/calculators/805b26a2f737f725/calculators-0.1.0-py3-none-any.whl",
        "/assets/javascripts/bundle.a5f9d56c.min.js",
        "/assets/stylesheets/main.57a0d79d.min.css",
    ]
    assert {cache_control(path) for path in cached} == {"public, max-age=31536000, immutable"}


def test_files_whose_name_does_not_change_are_not_cached_for_long() -> None:
    unversioned = ["/index.html", "/assets/pyodide/README.txt"]
    assert [cache_control(path) for path in unversioned] == [None, None]


def test_termsite_scripts_revalidate_and_pictures_keep_a_day() -> None:
    site = [*SITE, "assets/images/areas/a.svg", "assets/social/a-0123456789abcdef.png"]
    rules = build_rules(site)
    assert dict(headers_for("/assets/termsite/calculators.js", rules))["Cache-Control"] == (
        "public, max-age=0, must-revalidate"
    )
    assert (
        "max-age=86400" in dict(headers_for("/assets/images/areas/a.svg", rules))["Cache-Control"]
    )
    assert (
        "immutable"
        in dict(headers_for("/assets/social/a-0123456789abcdef.png", rules))["Cache-Control"]
    )


def test_rules_are_sorted_and_do_not_repeat() -> None:
    patterns = [rule.pattern for rule in build_rules([*SITE, *SITE])]
    assert patterns[0] == "/*" and patterns[1:] == sorted(set(patterns[1:]))


def test_headers_file_reads_back_to_the_same_rules() -> None:
    rules = build_rules(SITE)
    assert parse_headers_file(headers_file(rules)) == rules


def test_policy_allows_webassembly_but_no_inline_or_eval() -> None:
    assert "'wasm-unsafe-eval'" in CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", "")
    assert "object-src 'none'" in CONTENT_SECURITY_POLICY


def test_nginx_snippet_repeats_site_headers_inside_cached_locations() -> None:
    snippet = nginx_snippet()
    blocks = snippet.split("location ")[1:]
    assert blocks and all("Content-Security-Policy" in block for block in blocks)
    assert all("immutable" in block for block in blocks)
    assert snippet.count("always;") == len(snippet.strip().splitlines()) - 2 * len(blocks)


def test_inline_scripts_finds_code_but_not_data_blocks_or_files() -> None:
    html = (
        '<script>alert(1)</script><script src="a.js"></script>'
        '<script type="application/ld+json">{}</script>'
        '<script id="__config" type="application/json">{}</script>'
        '<script type="module">import "x"</script>'
    )
    assert inline_scripts(html) == ["alert(1)", 'import "x"']


def test_site_paths_of_lists_files_from_the_root(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.txt").write_text("c")
    (tmp_path / "index.html").write_text("i")
    assert site_paths_of(tmp_path) == ["a/b/c.txt", "index.html"]


def test_a_rule_pattern_matches_a_prefix_or_one_path() -> None:
    assert HeaderRule("/assets/*", ()).matches("/assets/x/y.js")
    assert not HeaderRule("/a.js", ()).matches("/a.jsx")
