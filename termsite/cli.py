"""`termsite`: the editor's command line — check, new, build, serve, calc, schema.

Each command finds the site through `--config-file` (default `mkdocs.yml`),
so it works from the project folder without further set-up. Whatever goes
wrong ends as one plain sentence on stderr and a non-zero exit; `--debug`
shows the traceback for the rare case that is our bug rather than the input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from termsite.model import EntryKind
from termsite.problems import format_report
from termsite.project import DEFAULT_CONFIG, Project, ProjectError, read_project
from termsite.wording import slugify

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_INTERRUPTED = 0, 1, 130


class CommandError(Exception):
    """A command cannot do what was asked; the message is shown as it is."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0 fine, 1 problems, 130 interrupted)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["calc"]:
        return _calc(args_list[1:])
    args = build_parser().parse_args(args_list)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("termsite: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # every failure becomes a sentence; --debug shows the rest
        if args.debug:
            traceback.print_exc()
        print(f"termsite: {_sentence(error)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return status


def _sentence(error: BaseException) -> str:
    """One plain sentence for an exception, without Python reprs."""
    if isinstance(error, CommandError | ProjectError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    detail = str(error).strip().splitlines()[0] if str(error).strip() else "no details"
    return f"unexpected failure: {detail} (run again with --debug to see where)"


# ---------------------------------------------------------------- the parser

_DESCRIPTION = """\
Build and check a termsite glossary site: YAML entries under glossary/ rendered
into a MkDocs + Material site with schema.org markup and in-browser calculators.
"""

_EPILOG = """\
examples:
  termsite check                       validate every entry, build nothing
  termsite new term "Pearson Correlation"
  termsite serve                       preview at http://127.0.0.1:8000 with live reload
  termsite build                       build site/ (the old site stays if the build fails)

Run 'termsite COMMAND --help' for the options of one command.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per editor task."""
    parser = argparse.ArgumentParser(
        prog="termsite", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Formatter
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    common = _common_options()
    adders = (_add_check, _add_new, _add_build, _add_clean_cache, _add_serve, _add_calc)
    for add in (*adders, _add_schema):
        add(commands, common)
    return parser


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks."""


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-f",
        "--config-file",
        metavar="PATH",
        default=None,
        help=f"the MkDocs configuration to use (default: {DEFAULT_CONFIG})",
    )
    common.add_argument(
        "--debug", action="store_true", help="show the traceback when something fails"
    )
    return common


Commands = Any  # argparse's sub-parser action has no public type


def _command(
    commands: Commands,
    common: argparse.ArgumentParser,
    name: str,
    summary: str,
    examples: str,
    run: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"examples:\n{examples}",
        parents=[common],
        formatter_class=_Formatter,
    )
    parser.set_defaults(run=run)
    return parser


def _add_check(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "check",
        "Validate every glossary entry without building; exit 1 if any has an error.",
        "  termsite check\n  termsite check --config-file other-site/mkdocs.yml\n"
        "  termsite check --report\n  termsite check --report --json > report.json\n",
        _check,
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="also print the editorial report: unlinked mentions, entries nothing mentions, "
        "long summaries, near duplicates, names given twice, related loops, stale entries",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON (for CI)")
    parser.add_argument(
        "--stale-days",
        type=int,
        default=730,
        metavar="DAYS",
        help="an entry not modified for this many days is stale (default: 730)",
    )


def _add_new(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "new",
        "Write a commented skeleton entry to glossary/<kind>s/<slug>.yml.",
        '  termsite new term "Pearson Correlation"\n'
        '  termsite new definition "Funding Rate"\n'
        '  termsite new area "Liquidation and Margin"\n'
        '  termsite new author "Risk Desk"\n',
        _new,
    )
    parser.add_argument("kind", choices=[kind.value for kind in EntryKind], help="kind of entry")
    parser.add_argument("title", help="the entry's title (an author's name); gives the slug")


def _add_build(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "build",
        "Build the site into site/; on failure the previous site/ is left as it was.",
        "  termsite build\n  termsite build --no-strict\n  termsite build --no-cache\n",
        _build,
    )
    parser.add_argument(
        "--cache",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="reuse the pages of earlier builds whose inputs are unchanged (default: on)",
    )
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fail on any MkDocs warning (default: on)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="show warnings and errors only")


def _add_clean_cache(commands: Commands, common: argparse.ArgumentParser) -> None:
    _command(
        commands,
        common,
        "clean-cache",
        "Delete the build cache (.termsite-cache/ beside mkdocs.yml unless cache_dir says).",
        "  termsite clean-cache\n",
        _clean_cache,
    )


def _add_serve(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "serve",
        "Preview the site with live reload when entries, pages or templates change.",
        "  termsite serve\n  termsite serve --dev-addr 127.0.0.1:8001\n",
        _serve,
    )
    parser.add_argument(
        "-a",
        "--dev-addr",
        metavar="IP:PORT",
        default=None,
        help="address to serve on (default: mkdocs.yml's dev_addr, else 127.0.0.1:8000)",
    )
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="fail on MkDocs warnings (default: as mkdocs.yml says)",
    )


def _add_calc(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "calc",
        "Run a calculator on the command line (see 'termsite calc --help').",
        "  termsite calc --help\n  termsite calc correlation-matrix --help\n",
        lambda args: _calc(args.rest),
    )
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="the calculator's arguments")


def _add_schema(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = _command(
        commands,
        common,
        "schema",
        "Write the JSON Schema of each entry kind into schemas/, for editor completion.",
        "  termsite schema\n  termsite schema --check\n  termsite schema --output /tmp/schemas\n",
        _schema,
    )
    parser.add_argument(
        "-o", "--output", metavar="DIR", help="folder to write to (default: schemas/ by the config)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files are out of date"
    )


# ---------------------------------------------------------------- the commands


def _check(args: argparse.Namespace) -> int:
    from termsite.load import load_glossary

    project = read_project(args.config_file)
    result = load_glossary(
        project.glossary_dir,
        display_root=project.root,
        severities=project.settings.severities,
        follow_symlinks=project.settings.follow_symlinks,
    )
    count = len(result.sources)
    if args.report or args.json:
        return _editorial(args, project, result)
    if result.problems:
        print(format_report(result.problems))
    else:
        print(f"{count} entries in {project.shown(project.glossary_dir)}/: no problems found.")
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def _editorial(args: argparse.Namespace, project: Project, result: Any) -> int:
    """`check --report`: the loader's problems, then the editorial report (or JSON)."""
    import json

    from termsite.authoring import report
    from termsite.project import docs_dir

    folder = docs_dir(project)
    pages = {
        report.page_url(path.relative_to(folder).as_posix()): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md"))
    }
    found = report.build_report(
        result.glossary, project.settings, pages, stale_days=args.stale_days
    )
    if args.json:
        problems = [str(problem) for problem in result.problems]
        print(json.dumps({"problems": problems, "report": asdict(found)}, indent=1, sort_keys=True))
    else:
        if result.problems:
            print(format_report(result.problems) + "\n")
        print(report.format_report(found))
    return EXIT_PROBLEMS if result.errors else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from termsite.authoring.schema import SCHEMA_DIR, schema_file_name
    from termsite.authoring.skeletons import skeleton

    project = read_project(args.config_file)
    kind = EntryKind(args.kind)
    slug = slugify(args.title)
    if not slug:
        raise CommandError(f"the title '{args.title}' has no letters or digits to make a slug from")
    path = project.glossary_dir / kind.folder / f"{slug}.yml"
    schema = project.root / SCHEMA_DIR / schema_file_name(kind)
    text = skeleton(
        kind,
        args.title,
        slug=slug,
        today=dt.date.today(),
        author=_first_author(project),
        schema=Path(os.path.relpath(schema, path.parent)).as_posix(),
    )
    _write_new(path, text, project)
    print(project.shown(path))
    return EXIT_OK


def _first_author(project: Project) -> str | None:
    """The first author slug in the glossary: a reference that resolves, for the skeleton."""
    from termsite.load import EXTENSIONS

    folder = project.glossary_dir / EntryKind.AUTHOR.folder
    found = sorted(p.stem for p in folder.glob("*") if p.suffix in EXTENSIONS and p.is_file())
    return found[0] if folder.is_dir() and found else None


def _write_new(path: Path, text: str, project: Project) -> None:
    taken = [p for p in (path, path.with_suffix(".yaml")) if p.exists()]
    if taken:
        raise CommandError(
            f"{project.shown(taken[0])} already exists; edit it or pick another title"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def _build(args: argparse.Namespace) -> int:
    from termsite.atomic_site import SiteSwapError, build_atomically
    from termsite.build_cache import PREVIOUS_SITE

    _log_to_stderr(logging.WARNING if args.quiet else logging.INFO)
    config = _mkdocs_config(args, strict=args.strict)
    site_dir = Path(config["site_dir"])
    project = read_project(args.config_file)
    shown = project.shown(site_dir)
    spare = project.root / project.settings.cache_dir / PREVIOUS_SITE if args.cache else None
    try:
        published = build_atomically(
            site_dir, lambda staging: _mkdocs_build(config, staging, args.cache), spare
        )
    except SiteSwapError as error:
        raise CommandError(str(error)) from None
    except _mkdocs_exceptions() as error:
        reason = "" if "BuildError" in str(error) else f" ({error})"
        print(f"termsite: the build failed{reason}; {shown}/ was left as it was.", file=sys.stderr)
        return EXIT_PROBLEMS
    if published.leftover is not None:
        print(
            f"termsite: the new site is in {shown}/; deleting the previous copy was "
            f"interrupted, and the next build removes {published.leftover.name}.",
            file=sys.stderr,
        )
    return EXIT_OK


def _mkdocs_config(args: argparse.Namespace, **options: Any) -> Any:
    from mkdocs.config import load_config

    project = read_project(args.config_file)
    if not project.config_file.is_file():
        raise CommandError(f"there is no {DEFAULT_CONFIG} here; pass --config-file PATH")
    kwargs = {key: value for key, value in options.items() if value is not None}
    try:
        return load_config(config_file=str(project.config_file), **kwargs)
    except _mkdocs_exceptions() as error:
        raise CommandError(
            f"{project.shown(project.config_file)} cannot be used: {error}"
        ) from None


def _mkdocs_build(config: Any, staging: Path, cache: bool) -> None:
    """MkDocs' build into `staging`; with the build cache, in MkDocs' dirty mode, which
    skips exactly the pages the cache marks unmodified (staging starts empty)."""
    from mkdocs.commands.build import build

    config["site_dir"] = str(staging)
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins.get("termsite")
    cached = cache and plugin is not None and hasattr(plugin, "cache")
    if cached:
        plugin.cache.use(True)
    try:
        build(config, dirty=cached)
    finally:
        config.plugins.on_shutdown()


def _clean_cache(args: argparse.Namespace) -> int:
    from termsite.build_cache import remove

    project = read_project(args.config_file)
    folder = project.root / project.settings.cache_dir
    shown = project.shown(folder)
    print(f"Removed {shown}/." if remove(folder) else f"There is no build cache at {shown}/.")
    return EXIT_OK


def _mkdocs_exceptions() -> type[Exception]:
    from mkdocs.exceptions import MkDocsException

    exception: type[Exception] = MkDocsException
    return exception


def _log_to_stderr(level: int) -> None:
    """MkDocs reports through logging; show it the way the `mkdocs` command does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "name", "") == "termsite" for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.name = "termsite"
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    project = read_project(args.config_file)
    if not project.config_file.is_file():
        raise CommandError(f"there is no {DEFAULT_CONFIG} here; pass --config-file PATH")
    _log_to_stderr(logging.INFO)
    options = {"dev_addr": args.dev_addr, "strict": args.strict}
    kwargs = {key: value for key, value in options.items() if value is not None}
    try:
        serve(config_file=str(project.config_file), livereload=True, build_type="dirty", **kwargs)
    except _mkdocs_exceptions() as error:
        print(f"termsite: the site cannot be served ({error})", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _calc(argv: Sequence[str]) -> int:
    from calculators.cli import main as calculators_main

    status: int = calculators_main(list(argv))
    return status


def _schema(args: argparse.Namespace) -> int:
    from termsite.authoring.schema import SCHEMA_DIR, stale_schemas, write_schemas

    project = read_project(args.config_file)
    folder = Path(args.output) if args.output else project.root / SCHEMA_DIR
    if args.check:
        stale = stale_schemas(folder)
        for path in stale:
            print(f"{project.shown(path)} is out of date; run 'termsite schema'")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(folder):
        print(project.shown(path))
    return EXIT_OK
