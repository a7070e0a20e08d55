"""The MkDocs adapter: MkDocs events in, the engine-agnostic core out.

Each event guards (`enabled`), turns MkDocs objects into plain data
(`HandWrittenPage`) and delegates to `generate/` (`plan`, `render`, `jsonld`,
`crawl`, `preview`); which pages exist, what the sitemap dates and what a
preview shows are decided there, not here. Generated pages
are `File.generated` files kept out of the nav; crawl outputs are generated
files too, so MkDocs writes every byte of the site and nothing is written
behind its back.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import pydantic
from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs.utils.templates import TemplateContext

import calculators
from termsite import build_cache, sanitize, search
from termsite.generate import (
    autolink,
    cards,
    crawl,
    exports,
    headers,
    jsonld,
    render,
    social,
    theme_markup,
)
from termsite.generate.handwritten import (
    HandWrittenPage,
    first_heading,
    page_titles,
    uses_calculators,
)
from termsite.generate.kept import KeptTexts
from termsite.generate.links import markdown_path, relative_links
from termsite.generate.plan import Crumb, PagePlan, Redirect, page_trail, plan, redirects
from termsite.generate.preview import preview_card
from termsite.load import load_entry
from termsite.load.crossref import CheckMemo
from termsite.load.entry_cache import EntryStore
from termsite.mkdocs_plugin import incremental, prerender, watching
from termsite.mkdocs_plugin.cache import CachedPageFile, PageCache
from termsite.mkdocs_plugin.editorial import EditorialLine
from termsite.mkdocs_plugin.incremental import EntryResult
from termsite.mkdocs_plugin.page_files import SiteFiles, planned_file, render_misses
from termsite.mkdocs_plugin.progress import BuildReport
from termsite.mkdocs_plugin.static_files import (
    StaticWriteError,
    StaticWriter,
    site_unread_until_post_build,
)
from termsite.model import EntryKind, Glossary
from termsite.settings import RawHtml, SiteSettings
from termsite.widgets.runtime import RuntimeFilesError, runtime_files
from termsite.wording import option_problems

__all__ = ["TermsitePlugin", "TermsitePluginConfig", "settings_from_options"]

log = logging.getLogger("mkdocs.plugins.termsite")

OVERRIDES_DIR = render.TEMPLATE_DIR / "overrides"
CALCULATOR_MARKER = "<!-- calculator: {} -->"
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "toc")
"""Generated Markdown uses `{: .class }`, `{ #id }` and `<div markdown>`; without these it
would show them."""
JSON = (exports.glossary_json, exports.JSON_FILE)
CSV = (exports.glossary_csv, exports.CSV_FILE)
LINKED_KINDS = {"term": "term", "definition": "definition", "area": "area", "area_page": "area"}
"""Page kinds that are an entry's own page, and the entry kind they belong to."""


class TermsitePluginConfig(base.Config):  # type: ignore[no-untyped-call]
    """Only `enabled` is declared here; every other option is a `SiteSettings` field."""

    enabled = opt.Type(bool, default=True)
    """Switch the plugin off without removing its settings."""


def settings_from_options(
    options: dict[str, Any],
) -> tuple[SiteSettings | None, list[tuple[str, str]]]:
    """Validate the plugin's options through `SiteSettings`, worded as `termsite check` does."""
    try:
        return SiteSettings.model_validate(options), []
    except pydantic.ValidationError as error:
        return None, option_problems(error, SiteSettings)


class TermsitePlugin(BasePlugin[TermsitePluginConfig]):  # type: ignore[no-untyped-call]
    """Turns `glossary/` into pages, JSON-LD and crawl outputs during a MkDocs build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = SiteSettings()
        self.glossary = Glossary()
        self.plans: dict[str, PagePlan] = {}
        self.titles: dict[str, str] = {}
        self.site = jsonld.SiteInfo(name="", url="", settings=self.settings)
        self.project_root = Path.cwd()
        self.env: jinja2.Environment = render.make_environment()
        self.incremental = incremental.Incremental(self._read_entry)
        self.report = BuildReport()
        self.cache = PageCache(warnings=lambda: sum(self.report.tally.kinds.values()))
        self.indexer = search.BackgroundIndexer()
        self.stream = search.StreamingIndexer()
        self.static_writer = StaticWriter()
        self.serving = False
        self.matcher: autolink.Matcher | None = None
        self.entry_store: EntryStore | None = None
        """Entries loaded by the last `termsite build`, while the build cache is on."""
        self.copies: dict[str, str] = {}
        self.workers = (prerender.PageWorker(), prerender.PageWorker())
        """The second core's worker for MkDocs' Markdown loop, and for its theme loop."""
        self.sources = prerender.PageWorker()
        """The second core's worker for the generated pages' Markdown sources (`on_files`)."""
        self.prerender_pending = False
        self.nav: Navigation | None = None
        self.theme_env: jinja2.Environment | None = None
        self.editorial = EditorialLine()
        self.material = True
        """Material's article is what `search.indexed_page` marks for Pagefind."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A `serve --dirty` session keeps what is unchanged between its rebuilds."""
        self.serving = command == "serve"
        self.incremental.start(serving=self.serving, dirty=dirty)

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Check `enabled` the MkDocs way and everything else through `SiteSettings`."""
        rest = {key: value for key, value in options.items() if key != "enabled"}
        errors, warnings = super().load_config(
            {k: v for k, v in options.items() if k == "enabled"}, config_file_path
        )
        settings, problems = settings_from_options(rest)
        errors += [(where, _PlainError(message)) for where, message in problems]
        if settings is not None:
            self.settings = settings
        return errors, warnings

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Register our theme overrides under the site's own, and take over the sitemap."""
        if not self.config.enabled:
            return config
        self.project_root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.material = config.theme.name == "material"
        _insert_theme_dir(config, OVERRIDES_DIR)
        config.theme.static_templates.discard("sitemap.xml")
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        self.site = _site_info(config, self.settings)
        site = _site_globals(self.site)
        key = (_config_file(config), [render.TEMPLATE_DIR, *_template_dirs(config)], repr(site))
        self.env = self.incremental.environment(
            config.theme, key, lambda: render.make_environment(_template_dirs(config), site=site)
        )
        self.report.start()
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Load the glossary and add every generated page and crawl output as a file.

        A broken entry stops the build here, before anything is written, with
        the loader's report as the whole message (no traceback).
        """
        if not self.config.enabled:
            return files
        files = SiteFiles(files)
        self.editorial.wait()
        self.copies = {}
        self.workers = (prerender.PageWorker(), prerender.PageWorker())
        self.sources = prerender.PageWorker()
        self.prerender_pending = True
        folders = [render.TEMPLATE_DIR, *_template_dirs(config)]
        self.incremental.begin(files, _config_file(config), folders, Path(config.site_dir))
        self.glossary = self._load_glossary()
        home = "index.md" not in files
        planned = plan(self.glossary, self.settings, home=home, memo=self.incremental.plan_memo())
        self.plans = {page.src_uri: page for page in planned}
        hand_written = [_hand_written(file) for file in _own_pages(files, self.plans)]
        self.titles = page_titles(hand_written)
        calculator_pages = jsonld.own_calculator_pages(hand_written)
        self.site = dataclasses.replace(
            self.site, rasters=self._rasters(files), calculator_pages=calculator_pages
        )
        for raster in self.site.rasters.values():
            raster_file = File.generated(config, raster.path, content=raster.content)
            self._add(files, raster_file, config.docs_dir)
        folder = self.project_root / self.settings.cache_dir
        warm = self.cache.warm(folder)  # then the worker waits for the misses (`begin`)
        self._start_source_worker(config, [] if warm else planned)
        for page in planned:
            self._add(files, self._page_file(config, page), config.docs_dir)
        moved = redirects(self.glossary, self.settings)
        for redirect in moved:
            self._add(files, self._redirect_file(config, redirect), config.docs_dir)
        table = crawl.redirects_file(self.site, moved)
        self._add(
            files, File.generated(config, crawl.REDIRECTS_FILE, content=table), config.docs_dir
        )
        runtime = self._runtime_files(config) if uses_calculators(planned, hand_written) else []
        for file in [*self._crawl_files(config, planned, hand_written), *runtime]:
            self._add(files, file, config.docs_dir)
        self._add(files, self._headers_file(config, files), config.docs_dir)
        self.matcher = self._matcher(files)
        self.cache.current = _targets_digest(self.matcher)
        site_wide = _matcher_salt(self.matcher) if self.cache.enabled else ""
        dirs = _template_dirs(config)
        for copy in self.cache.begin(config, files, self.plans, dirs, folder, site_wide):
            files.append(copy)
        self._start_source_worker(config, self.cache.misses(planned) if warm else [])
        render_misses(files, lambda file: isinstance(file, CachedPageFile))
        self.sources.stop()
        self.cache.keep_copies(files)
        self.cache.link_hits(config, files, self)
        return files

    def _matcher(self, files: Files) -> autolink.Matcher | None:
        """The build's one term matcher, with each entry at the URL MkDocs publishes it at."""
        if not self.settings.autolink.enabled:
            return None

        def published(url: str) -> str:
            file = files.src_uris.get(markdown_path(url))
            return file.url if file is not None else url

        memo = self.incremental.memo("targets", autolink.TargetMemo)
        targets = autolink.targets_for(self.glossary, self.settings, published, memo)
        return self.incremental.matcher(targets, autolink.rules_for(self.settings))

    @staticmethod
    def _add(files: Files, file: File, docs_dir: str) -> None:
        """Add a generated file. A theme's file of that name (Material's sitemap template)
        gives way; a hand-written file in `docs_dir` wins, with a warning."""
        existing = files.src_uris.get(file.src_uri)  # a POSIX path: no PurePath per file
        if existing is not None and existing.src_dir == docs_dir:
            log.warning(f"'{file.src_uri}' is written by hand, so termsite does not generate it.")
            return
        if existing is not None:
            files.remove(existing)
        files.append(file)

    def _load_glossary(self) -> Glossary:
        from termsite.load import load_glossary
        from termsite.problems import format_report

        root = self.project_root / self.settings.glossary_dir
        self.incremental.entries.watch(root, self.report)
        self.entry_store = self._open_entry_store()
        checks = self.incremental.memo("checks", CheckMemo)
        result = load_glossary(
            root,
            severities=self.settings.severities,
            display_root=self.project_root,
            read_entry=self.incremental.entries.read,
            follow_symlinks=self.settings.follow_symlinks,
            checks=checks,
        )
        if checks is not None:
            log.debug(f"Cross-entry checks: {checks.rechecked} entries checked again.")
        self._save_entry_store()
        errors = [p for p in result.problems if p.severity == "error"]
        for problem in result.problems:
            if problem.severity != "error":
                log.warning(str(problem))
        if errors:
            raise PluginError(format_report(errors))
        glossary: Glossary = result.glossary
        return glossary

    def _open_entry_store(self) -> EntryStore | None:
        """A one-off build with the build cache reads only the entries saved since the last;
        a serve session keeps its entries in memory instead (`incremental.EntryCache`)."""
        if not self.cache.enabled or self.incremental.active:
            return None
        store = EntryStore.open(self.project_root / self.settings.cache_dir)
        if store.note:
            log.info(store.note)
            store.note = ""
        return store

    def _save_entry_store(self) -> None:
        """Saved before the build goes on: the store holds what each file's bytes load into,
        true whatever happens to the rest of this build."""
        store, self.entry_store = self.entry_store, None
        if store is None:
            return
        store.save()
        if store.note:
            log.info(store.note)
        log.debug(f"Entries: {store.hits} from the entry store.")

    def _read_entry(self, path: str, shown: str, kind: EntryKind) -> EntryResult:
        """One entry file: from the entry store when one is open and the file is unchanged."""
        store = self.entry_store
        return store.read(path, shown, kind) if store is not None else load_entry(path, shown, kind)

    def _rasters(self, files: Files) -> dict[str, social.Raster]:
        """Raster copies of every shared SVG found among the site's files, by the SVG's URL."""
        rasters = {}
        for url, size in social.wanted_rasters(self.glossary, self.settings).items():
            source = files.get_file_from_path(url.lstrip("/"))
            if source is None:
                continue
            try:
                rasters[url] = social.raster_for(url, source.content_bytes, size)
            except (ValueError, UnicodeDecodeError) as error:
                raise PluginError(f"{url}: the image cannot be rendered ({error}).") from None
        return rasters

    def _page_file(self, config: MkDocsConfig, page: PagePlan) -> File:
        return self.incremental.file(page.src_uri, page, lambda: self._new_page_file(config, page))

    def _new_page_file(self, config: MkDocsConfig, page: PagePlan) -> File:
        """The page's file; its Markdown is rendered once read (`page_files`), which a page
        the build cache serves never is, or taken from the second core's worker."""

        def markdown() -> str:
            content = self._source_from_worker(page)
            return self._page_source(page) if content is None else content

        return planned_file(config, page.src_uri, markdown)

    def _page_source(self, page: PagePlan) -> str:
        try:
            return render.render_page(page, self.settings, self.env)
        except jinja2.TemplateError as error:
            raise PluginError(f"Template error while rendering '{page.src_uri}': {error}") from None

    def _start_source_worker(self, config: MkDocsConfig, planned: list[PagePlan]) -> None:
        """Fork the worker that renders page sources from the back (`prerender`)."""
        if prerender.available(config, self, len(planned), self.serving, ()):
            self.sources.start(planned, prerender.source_job(self._sources))

    def _sources(self, page: PagePlan) -> tuple[str, str | None]:
        """What the source worker renders of a page: its Markdown and its Markdown copy."""
        content = self._page_source(page)
        return content, self._markdown_copy(page) if page.markdown_copy else None

    def _source_from_worker(self, page: PagePlan) -> str | None:
        """The page's source as the worker rendered it (its copy is kept for later), or
        None when the build renders it itself."""
        if not self.sources.claim(page):
            return None
        done = self.sources.take(page)
        if done is None:
            return None
        (content, copy), records = done
        prerender.emit(records, "render")
        if copy is not None:
            self.copies[page.src_uri] = copy
        return str(content)

    def _redirect_file(self, config: MkDocsConfig, redirect: Redirect) -> File:
        src_uri = f"{redirect.url}index.html"

        def make() -> File:
            html = crawl.redirect_html(self.site, redirect, self.env)
            return File.generated(config, src_uri, content=html)

        return self.incremental.file(src_uri, redirect, make)

    def _crawl_files(
        self, config: MkDocsConfig, planned: list[PagePlan], hand_written: list[HandWrittenPage]
    ) -> list[File]:
        entries = crawl.sitemap_entries(self.site, planned, hand_written)
        xml = self.incremental.unless_changed(
            "sitemap.xml", entries, lambda: crawl.sitemap_xml(entries)
        )
        llms = crawl.llms_txt(self.site, planned, self.incremental.memo("llms.txt", crawl.LlmsMemo))
        found = [
            File.generated(config, "sitemap.xml", content=xml),
            File.generated(config, "sitemap.xml.gz", content=self._sitemap_gz(xml)),
            File.generated(config, "robots.txt", content=crawl.robots_txt(self.site)),
            File.generated(config, "llms.txt", content=llms),
            File.generated(config, exports.JSON_FILE, content=self._export(*JSON)),
            File.generated(config, exports.CSV_FILE, content=self._export(*CSV)),
        ]
        found += [self._copy_file(config, page) for page in planned if page.markdown_copy]
        return found + self._names_files(config, planned)

    def _names_files(self, config: MkDocsConfig, planned: list[PagePlan]) -> list[File]:
        """The search box's names index, where its search box is (Material's)."""
        if not self.material:
            return []
        kept = self.incremental.memo("search-names", KeptTexts[PagePlan])
        written = search.names_files(planned, kept)
        return [
            File.generated(config, path, content=self._compressed(path, text))
            for path, text in written.items()
        ]

    def _compressed(self, path: str, text: str) -> bytes:
        return self.incremental.unless_changed(path, text, lambda: search.compressed(text))

    def _export(self, write: exports.Writer, name: str) -> str:
        texts, order = self.incremental.entry_texts(name), self.incremental.order("exports")
        return write(self.site, self.glossary, texts, order)

    def _headers_file(self, config: MkDocsConfig, files: Files) -> File:
        """The static host's `_headers` (CSP, caching), from the final list of files."""
        paths = tuple(file.dest_uri for file in files)
        content = self.incremental.unless_changed(
            headers.HEADERS_FILE, paths, lambda: headers.headers_for_site(paths)
        )
        return File.generated(config, headers.HEADERS_FILE, content=content)

    def _sitemap_gz(self, xml: str) -> bytes:
        return self.incremental.unless_changed("sitemap.xml.gz", xml, lambda: crawl.sitemap_gz(xml))

    def _copy_file(self, config: MkDocsConfig, page: PagePlan) -> File:
        """The Markdown copy; its source name is not `.md` so MkDocs copies it, not renders it."""
        destination = page.src_uri

        def make() -> File:
            file = planned_file(config, f"{destination}.copy", lambda: self._markdown_copy(page))
            file.dest_uri = destination
            return file

        return self.incremental.file(f"{destination}.copy", page, make)

    def _runtime_files(self, config: MkDocsConfig) -> list[File]:
        """The calculators' browser runtime, from the widget package, as generated files."""
        try:
            sources = runtime_files(self.settings, self.project_root)
        except RuntimeFilesError as error:
            raise PluginError(str(error)) from None
        return [_site_file(config, uri, source) for uri, source in sources]

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """At the first page, start the second core on generated pages (`prerender`); then
        hand it each page it renders."""
        if not self.config.enabled:
            return page
        if self.prerender_pending:
            self.prerender_pending = False
            pages = self._generated_pages(files, config, prerender.MARKDOWN_EVENTS)
            job = prerender.markdown_job(config, files, self._steps())
            self.workers[0].start(pages, job) if pages else None
        if self.workers[0].claim(page.file):
            prerender.hand_over(page, self.workers[0])
        return page

    def _generated_pages(
        self, files: Files, config: MkDocsConfig, events: Sequence[str]
    ) -> list[File]:
        """The generated pages MkDocs' loops will render, if a worker may take some."""
        if self.serving:  # never while serving (`prerender.available`): skip listing 11,000 pages
            return []
        pages = [
            file
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if file.src_uri in self.plans and not isinstance(file, CachedPageFile)
        ]
        return pages if prerender.available(config, self, len(pages), self.serving, events) else []

    def _steps(self) -> prerender.Steps:
        return prerender.Steps(self._page_markdown, self._page_content, self._page_context)

    @event_priority(50)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Insert calculator widgets and make site-absolute links relative.

        Priority 50 (early) so other plugins see links MkDocs can resolve.
        """
        if not self.config.enabled:
            return markdown
        self.report.page_read()
        self.cache.page_started()
        return self._page_markdown(markdown, page, files)

    def _page_markdown(self, markdown: str, page: Page, files: Files) -> str:
        with_widgets = self._insert_widgets(markdown, page)
        if page.file.src_uri not in self.plans:
            with_widgets = render.crumbs_markdown(self._trail(page), self.env) + with_widgets
        return relative_links(with_widgets, page.file.src_uri, files.src_uris)

    def _trail(self, page: Page) -> tuple[Crumb, ...]:
        """A hand-written page's breadcrumb, shown above it and marked up (not on home)."""
        url = page.url if page.url != "./" else ""
        return page_trail(url, self.titles)

    def _insert_widgets(self, markdown: str, page: Page) -> str:
        calc_ids = page.meta.get("calculators") or []
        if page.file.src_uri in self.plans or not calc_ids:
            return markdown
        widget = render.default_widget_renderer()
        base_url = render.base_url_for(page.url)
        for calc_id in calc_ids:
            html = widget(str(calc_id), self.settings, base_url)
            markdown = markdown.replace(CALCULATOR_MARKER.format(calc_id), f"\n\n{html}\n\n")
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Clean an entry page's HTML (`raw_html`), then link mentions of entries and add
        each linked entry's card (`generate.autolink`): the links and cards are termsite's own.
        """
        if not self.config.enabled:
            return html
        self.cache.page_done(page)  # a page whose reading warned is not cached
        done = prerender.rendered(page)
        if done is not None:
            html, linked = done.content, done.linked
        else:
            html, linked = self._page_content(html, page)
        if linked is not None:
            self.cache.depends_on(page, linked)
            self.incremental.linked(page.file.src_uri, linked)
        if done is not None:
            prerender.emit(done.records, "content")
        return html

    def _page_content(self, html: str, page: Page) -> tuple[str, list[str] | None]:
        """The page's HTML cleaned, linked and with its copy button; the URLs it links."""
        planned = self.plans.get(page.file.src_uri)
        html, linked = self._linked(self._sanitized(html, page), page, planned)
        return self._with_copy_button(html, planned), linked

    def _linked(
        self, html: str, page: Page, planned: PagePlan | None
    ) -> tuple[str, list[str] | None]:
        if self.matcher is None:
            return html, None
        if planned is None and not _autolinks_by_hand(page.meta, self.settings):
            return html, None
        own = ""
        if planned is not None and planned.kind in LINKED_KINDS:
            own = f"{LINKED_KINDS[planned.kind]}/{planned.slug}"
        linked = autolink.link_page(html, self.matcher, page_url=page.url, own=own)
        urls = [target.url for target in linked.linked]
        if not self.settings.autolink.cards:
            return linked.html, urls
        return linked.html + cards.cards_html(linked.linked, page.url), urls

    def _with_copy_button(self, html: str, planned: PagePlan | None) -> str:
        """Entry pages get "Copy as Markdown", which copies their `.md` copy's text."""
        if planned is None or not planned.markdown_copy:
            return html
        return exports.with_copy_button(html, self._markdown_copy(planned))

    def _markdown_copy(self, page: PagePlan) -> str:
        """The page's Markdown copy, through the site's templates, rendered once a build (the
        copy file and the copy button share the one string)."""
        found = self.copies.get(page.src_uri)
        if found is None:
            found = self.incremental.render(
                "copy", page, lambda: crawl.markdown_copy(self.site, page, self.env)
            )
            self.copies[page.src_uri] = found
        return found

    def _sanitized(self, html: str, page: Page) -> str:
        """A generated page's HTML through the allowlist; its text is the entries'.

        Hand-written pages in `docs_dir` are the site owner's own and pass as written.
        """
        planned = self.plans.get(page.file.src_uri)
        if planned is None or self.settings.raw_html is RawHtml.ALLOW:
            return html
        return sanitize.clean_html(html, keep=_widget_markup(planned, self.settings))

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Hand `main.html` the page's JSON-LD and social-card data (unless the second core
        renders this page through the theme: then it does that too)."""
        if not self.config.enabled:
            return context
        if nav is not self.nav or not self.workers[1].claim(page.file):
            self._page_context(context, page)
        self.cache.page_started()
        return context

    def _page_context(self, context: TemplateContext, page: Page) -> TemplateContext:
        planned = self.plans.get(page.file.src_uri)
        extra: dict[str, Any] = context  # type: ignore[assignment]
        extra["termsite_jsonld"] = jsonld.to_script_json(self._graph(page, planned))
        extra["termsite_social"] = preview_card(self.site, planned)
        copy = planned.src_uri if planned and planned.markdown_copy else ""
        extra["termsite_markdown"] = self.site.absolute(copy) if copy else ""
        return context

    def _graph(self, page: Page, planned: PagePlan | None) -> jsonld.Node:
        if planned is not None:
            return jsonld.graph_for_plan(self.site, planned)
        hand_written = HandWrittenPage(_site_url(page.file), page.meta)
        trail = self._trail(page)
        return jsonld.graph_for_hand_written(self.site, hand_written, page.title or "", trail)

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        """In a `serve --dirty` session, mark unchanged generated files kept; count the pages."""
        if not self.config.enabled:
            return nav
        self.incremental.mark(files, self.plans, self.matcher.by_url if self.matcher else None)
        self.nav = nav
        pages = [f for f in files.documentation_pages() if not isinstance(f, CachedPageFile)]
        self.report.pages(sum(1 for f in pages if not self.incremental.active or f.is_modified()))
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Correct the theme's invalid markup, then count the page and send it to search."""
        if self.config.enabled:
            output = theme_markup.valid_theme_markup(output)
            output = self._search_markup(output, page)
            self.report.page_written()
            self.cache.page_done(page)
            content_id = self.cache.written(page, output)
            self._search_cached(page)
            if self.cache.enabled and not content_id:
                content_id = search.content_id(output)
            if self._searched(page.file.src_uri):
                self.stream.add(output, page.url, content_id)
        return output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Static theme pages (`404.html`) carry the same toggles as every page."""
        if not self.config.enabled:
            return output_content
        return theme_markup.valid_theme_markup(output_content)

    def _search_cached(self, page: Page | None) -> None:
        """Send search the cached pages MkDocs would have written before `page` (all the
        rest for None), in build order: Pagefind's output depends on the order."""
        for src_uri, html, url, content_id in self.cache.feed_before(page):
            if self._searched(src_uri):
                self.stream.add(html, url, content_id)

    def _searched(self, src_uri: str) -> bool:
        """Whether Pagefind indexes the page: not a listing, which `_search_markup` leaves
        unmarked (with Material's article marked on other pages, Pagefind drops it), so
        a listing that changed does not stop its index part being reused."""
        planned = self.plans.get(src_uri)
        return planned is None or planned.kind not in search.LISTING_KINDS or not self.material

    def _search_markup(self, output: str, page: Page) -> str:
        """Index entries and hand-written pages under their kind, areas and other names;
        not listings."""
        planned = self.plans.get(page.file.src_uri)
        if planned is None:
            return search.indexed_page(output, "Page")
        if planned.kind in search.LISTING_KINDS:
            return output
        areas = [area.title for area in planned.areas]
        names = search.other_names(planned.entry)
        return search.indexed_page(output, planned.kind.value.title(), areas, names)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the written HTML for search (in the background while serving), then sum up."""
        if not self.config.enabled:
            return
        self.cache.links_done()
        self._stop_workers()
        try:
            self.static_writer.wait()
        except StaticWriteError as error:
            raise PluginError(str(error)) from None
        done = [worker.rendered for worker in self.workers]
        log.debug(f"The second core rendered {done[0]} pages' Markdown and {done[1]} themed.")
        self.incremental.commit()
        self._search_cached(None)
        self.report.cached = self.cache.hits
        site_dir = Path(config.site_dir)
        if self.serving:
            self.indexer.request(site_dir)
        else:
            streamed = self.stream.running
            if streamed:  # made while the main thread mostly waits for Pagefind
                self.editorial.prepare(self._editorial_line)
            try:
                self.stream.finish() if streamed else search.index_site(site_dir)
            except search.SearchIndexError as error:
                raise PluginError(str(error)) from None
            if streamed:
                self.cache.keep_search(self.stream)
                log.debug(f"Search: {len(self.stream.reused)} index parts from the cache.")
        self.cache.commit()
        log.info(self.report.finish())
        self.editorial.say(self._editorial_line, later=self.serving, then=self.incremental.collect)

    def _editorial_line(self) -> str:
        """The editorial report's one line (the checks that need no second pass over pages)."""
        from termsite.authoring.report import build_report

        return build_report(self.glossary, self.settings, mentions=False).summary_line()

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Give the theme the inline scripts the CSP names; a one-off build indexes pages for
        search as they are written (`search.stream`)."""
        if self.config.enabled:
            env.globals["termsite_inline"] = headers.INLINE_SCRIPTS
            env.globals["termsite_root"] = urlsplit(self.site.root).path or "/"
            env.globals["termsite_paths"] = self.settings.paths.model_dump()
            self.cache.restore(files)
            self._start_theme_worker(config, files, env)
        if self.config.enabled and not self.serving and site_unread_until_post_build(config, self):
            self.static_writer.start(files, _overwritten(config, files))
            try:
                stored = self.cache.search_parts if self.cache.enabled else None
                self.stream.start(Path(config.site_dir), stored, self.cache.part_intact)
            except Exception as error:  # no service: index after the build instead
                log.debug(f"Pagefind service unavailable ({error}); indexing after the build.")
                self.stream.stop()
        return env

    def _stop_workers(self) -> None:
        for worker in (self.sources, *self.workers):
            worker.stop()
        if self.theme_env is not None:
            prerender.stop_serving(self.theme_env)
            self.theme_env = None

    def _start_theme_worker(self, config: MkDocsConfig, files: Files, env: Any) -> None:
        """The Markdown loop is over; fork the theme loop's worker (before the Pagefind
        service starts, whose pipe it must not hold open)."""
        self.workers[0].stop()
        pages = self._generated_pages(files, config, prerender.THEME_EVENTS)
        if pages and self.nav is not None:
            steps = self._steps()
            self.workers[1].start(pages, prerender.theme_job(config, files, self.nav, env, steps))
            prerender.serve_templates(env, self.workers[1], steps)
            self.theme_env = env

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers()
        self.static_writer.stop()
        self.editorial.forget()
        self.incremental.collect()
        self.stream.stop()
        self.cache.discard()
        self.report.finish()

    def on_shutdown(self) -> None:
        """The session is over: finish indexing, and forget what it kept."""
        self.indexer.wait()
        self.editorial.wait()
        self.cache.use(False)
        self.incremental.start(serving=False, dirty=False)
        self.incremental = incremental.Incremental(self._read_entry)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer | None:
        """Rebuild when an entry or a template changes, not only a Markdown page; be told of
        changes by the system rather than poll 10,000 files (`watching`)."""
        if not self.config.enabled:
            return server
        watching.watch_changes(server)
        watched = [self.project_root / self.settings.glossary_dir, render.TEMPLATE_DIR]
        for folder in [*watched, *_template_dirs(config)]:
            if folder.is_dir():
                server.watch(str(folder))
        return server


class _PlainError(Exception):
    """An option problem whose message is already a sentence for people."""


def _insert_theme_dir(config: MkDocsConfig, folder: Path) -> None:
    """Put our overrides after the site's `custom_dir` (which wins) and before the theme."""
    dirs = config.theme.dirs
    if str(folder) in dirs:
        return
    position = 1 if config.theme.custom_dir else 0
    dirs.insert(position, str(folder))


def _template_dirs(config: MkDocsConfig) -> list[Path]:
    """A site's own page templates: `templates/` beside mkdocs.yml, then its theme custom_dir."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    folders = [root / "templates"]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def _overwritten(config: MkDocsConfig, files: Files) -> set[str]:
    """Output paths that MkDocs writes after the static files, over any of them: the pages,
    the theme's and the site's templates (and the sitemap's gzipped copy)."""
    templates = [*config.theme.static_templates, *config.extra_templates]
    pages = {file.dest_uri for file in files.documentation_pages()}
    return pages | set(templates) | {f"{name}.gz" for name in templates}


def _matcher_salt(matcher: autolink.Matcher | None) -> str:
    """For the build cache: which words link where on every page (titles, synonyms, rules)."""
    if matcher is None:
        return "no autolink"
    names = [(t.key, t.url, t.names) for _, t in sorted(matcher.by_url.items())]
    rules = sorted(  # sets sorted: their order changes from one process to the next
        (name, sorted(value) if isinstance(value, frozenset | set) else value)
        for name, value in vars(matcher.rules).items()
    )
    return build_cache.digest(repr(rules), repr(names))


def _targets_digest(matcher: autolink.Matcher | None) -> Callable[[Sequence[str]], str]:
    """For the build cache: the entries a page links, as this build's cards show them."""
    targets = matcher.by_url if matcher is not None else {}
    said: dict[str, str] = {}  # a target's repr, once: a rebuild at 10k asks 450,000 times

    def shown(url: str) -> str:
        found = said.get(url)
        if found is None:
            found = said[url] = repr(targets.get(url))
        return found

    return lambda urls: build_cache.digest(*(shown(url) for url in urls))


def _autolinks_by_hand(meta: MutableMapping[str, Any], settings: SiteSettings) -> bool:
    """A hand-written page is linked unless the site or its front matter says not."""
    return settings.autolink.hand_written_pages and meta.get("autolink") is not False


def _config_file(config: MkDocsConfig) -> Path | None:
    return Path(config.config_file_path) if config.config_file_path else None


def _site_info(config: MkDocsConfig, settings: SiteSettings) -> jsonld.SiteInfo:
    return jsonld.SiteInfo(
        name=config.site_name,
        url=config.site_url or "",
        settings=settings,
        description=config.site_description or "",
        calculator_titles=_calculator_titles(),
    )


def _site_globals(site: jsonld.SiteInfo) -> dict[str, str]:
    return {"name": site.name, "url": site.root, "description": site.description}


def _calculator_titles() -> dict[str, str]:
    """Calculator names for JSON-LD."""
    return {calc_id: spec.title for calc_id, spec in calculators.SPECS.items()}


def _widget_markup(page: PagePlan, settings: SiteSettings) -> list[str]:
    """The calculator widgets a generated page embeds, exactly as its template put them in."""
    if not page.calculators:
        return []
    widget = render.default_widget_renderer()
    base_url = render.base_url_for(page.url)
    return [str(widget(calc_id, settings, base_url)) for calc_id in page.calculators]


def _own_pages(files: Files, plans: Mapping[str, PagePlan]) -> list[File]:
    """The site's own Markdown pages: every included page termsite did not generate."""
    pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
    return [file for file in pages if file.src_uri not in plans]


def _hand_written(file: File) -> HandWrittenPage:
    """A MkDocs page file as plain data for the core: its source is read once a build."""
    url, src_uri = _site_url(file), file.src_uri
    try:
        body, meta = get_data(file.content_string)
    except (OSError, UnicodeDecodeError):
        return HandWrittenPage(url, src_uri=src_uri)
    return HandWrittenPage(url, meta, first_heading(body), src_uri)


def _site_url(file: File) -> str:
    """MkDocs' page URL as the core's site-relative URL: the home page is ""."""
    return file.url if file.url != "./" else ""


def _site_file(config: MkDocsConfig, uri: str, source: Path | bytes) -> File:
    if isinstance(source, bytes):
        return File.generated(config, uri, content=source)
    return File.generated(config, uri, abs_src_path=str(source))
