"""HTTP response headers for the built site: a `_headers` file and the same rules for nginx.

Static hosts (Netlify, Cloudflare Pages) read `_headers` from the site root;
nginx needs the same rules written as configuration, so both are rendered from
one list of `HeaderRule`s. The rules are a pure function of the built tree:
immutable caching is granted only to files whose URL changes when their bytes
do (the versioned Pyodide folder, the hash-named calculators wheel, Material's
hash-named bundles), so a deploy can never serve a stale copy of anything else.

The Content-Security-Policy allows no inline script except the few whose
exact text it names by SHA-256 hash (`INLINE_SCRIPTS`): Material's three
render-blocking helpers (scope, palette, content tabs), inlined so the first
paint waits for no request, and the redirect stubs' forwarder, which keeps the
`#fragment`. Anything else inline is blocked; `inline_scripts` and
`script_hash` let a test prove no page carries a script the policy does not name.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "HEADERS_FILE",
    "INLINE_SCRIPTS",
    "HeaderRule",
    "build_rules",
    "headers_file",
    "headers_for",
    "headers_for_site",
    "inline_scripts",
    "nginx_snippet",
    "parse_headers_file",
    "script_hash",
    "site_paths_of",
    "unlisted_inline_scripts",
]

HEADERS_FILE = "_headers"
THEME_SCRIPTS = Path(__file__).resolve().parents[1] / "templates/overrides/assets/termsite/theme"


def _script_text(name: str) -> str:
    """A theme script as it is inlined: its code lines, without the provenance comment."""
    lines = (THEME_SCRIPTS / f"{name}.js").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//")).strip()


REDIRECT_SCRIPT = "location.replace(document.currentScript.dataset.target+location.hash)"
"""The redirect stubs' forwarder: a meta refresh would drop the `#fragment`."""

INLINE_SCRIPTS: dict[str, str] = {
    "scope": _script_text("scope"),
    "palette": _script_text("palette"),
    "content": _script_text("content"),
    "redirect": REDIRECT_SCRIPT,
}
"""Every inline script a page may carry, by name; the CSP allows exactly these texts."""


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: `'sha256-<base64 of its digest>'`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


SCRIPT_HASHES = " ".join(sorted(script_hash(text) for text in INLINE_SCRIPTS.values()))

CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", f"'self' 'wasm-unsafe-eval' {SCRIPT_HASHES}"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
"""Why each source is there: Pyodide compiles WebAssembly ('wasm-unsafe-eval', never
'unsafe-eval'); the hashes name the inline scripts above, text for text; the calculator
and search workers are same-origin files (no blob:);
Material draws its icons with data: SVG in CSS; nothing is loaded from another host."""

CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)

SITE_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), geolocation=(), microphone=(), payment=(), usb=()"),
)

IMMUTABLE: tuple[tuple[str, str], ...] = (("Cache-Control", "public, max-age=31536000, immutable"),)
VERSIONED_FOLDERS = ("assets/pyodide", "assets/calculators")
"""Folders whose next level is a version or a content hash, so their files never change."""
HASHED_FOLDERS = ("assets/social",)
"""Folders whose file names carry a content hash (the rendered share images)."""
REVALIDATED: dict[str, tuple[tuple[str, str], ...]] = {
    "assets/termsite": (("Cache-Control", "public, max-age=0, must-revalidate"),),
    "assets/images": (("Cache-Control", "public, max-age=86400, stale-while-revalidate=604800"),),
}
"""Unhashed folders with their own rule. termsite's scripts import one another, so a
browser must never mix two deploys' copies: each use revalidates (a 304 costs no body).
Pictures may be a day stale, and a week while they revalidate in the background."""

HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
"""Material's bundles: `bundle.a5f9d56c.min.js`, `main.57a0d79d.min.css`, …"""
NGINX_CACHED_LOCATIONS = (
    *(f"^~ /{folder}/" for folder in (*VERSIONED_FOLDERS, *HASHED_FOLDERS)),
    '~ "\\.[0-9a-f]{8,}\\.min\\.(?:js|css)$"',
)

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")
"""Script types a browser never runs, which CSP therefore does not govern."""


@dataclass(frozen=True)
class HeaderRule:
    """Headers sent for every URL that `pattern` matches (`*` at the end matches the rest)."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        """Whether a URL path (with leading slash) falls under this rule."""
        if self.pattern.endswith("*"):
            return path.startswith(self.pattern[:-1])
        return path == self.pattern


def build_rules(site_paths: Iterable[str]) -> list[HeaderRule]:
    """The site-wide rule first, then one immutable-cache rule per versioned path, sorted.

    `site_paths` are the built files' paths from the site root (`assets/…`), so
    the rules can be made before anything is written (the MkDocs plugin knows them
    from its file list) or from a finished tree (`site_paths_of`).
    """
    paths = list(site_paths)
    cached: dict[str, tuple[tuple[str, str], ...]] = {
        pattern: IMMUTABLE for path in paths for pattern in _cached_patterns(path)
    }
    folders = {"/".join(path.split("/")[:2]) for path in paths}
    cached |= {f"/{name}/*": rule for name, rule in REVALIDATED.items() if name in folders}
    return [HeaderRule("/*", SITE_HEADERS)] + [HeaderRule(p, cached[p]) for p in sorted(cached)]


def _cached_patterns(path: str) -> list[str]:
    parts = path.split("/")
    for folder in HASHED_FOLDERS:
        if path.startswith(folder + "/"):
            return [f"/{folder}/*"]
    for folder in VERSIONED_FOLDERS:
        depth = folder.count("/") + 1
        if "/".join(parts[:depth]) == folder and len(parts) > depth + 1:
            return [f"/{folder}/{parts[depth]}/*"]
    return [f"/{path}"] if HASHED_NAME.search(parts[-1]) else []


def site_paths_of(site_dir: Path) -> list[str]:
    """Every file of a built tree, as a path from the site root."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def headers_for_site(site_paths: Iterable[str]) -> str:
    """The `_headers` text for a site made of these files."""
    return headers_file(build_rules(site_paths))


def headers_file(rules: Sequence[HeaderRule]) -> str:
    """Rules in the `_headers` format: a path line, then indented `Name: value` lines."""
    blocks = [
        "\n".join([rule.pattern, *(f"  {k}: {v}" for k, v in rule.headers)]) for rule in rules
    ]
    return "\n\n".join(blocks) + "\n"


def parse_headers_file(text: str) -> list[HeaderRule]:
    """Read a `_headers` file back (for test servers that must send what a host would)."""
    rules: list[HeaderRule] = []
    headers: list[tuple[str, str]]
    pattern, headers = "", []
    for line in text.splitlines():
        if line.strip() and not line[0].isspace():
            if pattern:
                rules.append(HeaderRule(pattern, tuple(headers)))
            pattern, headers = line.strip(), []
        elif ":" in line:
            name, _, value = line.strip().partition(":")
            headers.append((name.strip(), value.strip()))
    if pattern:
        rules.append(HeaderRule(pattern, tuple(headers)))
    return rules


def headers_for(path: str, rules: Sequence[HeaderRule]) -> list[tuple[str, str]]:
    """All headers for one URL path, as a host applies them: every matching rule, in order."""
    return [header for rule in rules if rule.matches(path) for header in rule.headers]


def nginx_snippet() -> str:
    """The same headers as an nginx `server` fragment, for the README.

    nginx drops inherited `add_header`s inside a `location` that has its own, so
    each cached location repeats the site-wide headers. Locations are patterns
    (not the exact files `_headers` lists) so the snippet outlives a rebuild.
    """
    lines = [_add_header(name, value) for name, value in SITE_HEADERS]
    for location in NGINX_CACHED_LOCATIONS:
        lines.append(f"location {location} {{")
        lines.extend(f"    {_add_header(n, v)}" for n, v in (*SITE_HEADERS, *IMMUTABLE))
        lines.append("}")
    return "\n".join(lines) + "\n"


def _add_header(name: str, value: str) -> str:
    return f'add_header {name} "{value}" always;'


def inline_scripts(html: str) -> list[str]:
    """The bodies of scripts in `html` that a browser would run inline (CSP would block them)."""
    found = []
    for attributes, body in SCRIPT.findall(html):
        kind = SCRIPT_TYPE.search(attributes)
        if kind and kind.group(1).lower() in DATA_TYPES:
            continue
        if "src=" not in attributes.replace(" ", "").lower():
            found.append(body)
    return found


def unlisted_inline_scripts(html: str) -> list[str]:
    """Inline scripts in `html` whose hash the policy does not name: a browser blocks them."""
    return [
        body for body in inline_scripts(html) if script_hash(body) not in CONTENT_SECURITY_POLICY
    ]
