"""Where a site's glossary and settings are, read from `mkdocs.yml` without MkDocs.

`termsite check` and `termsite new` must answer in well under a second, and
loading a full MkDocs configuration imports the theme and every plugin. The
few facts they need (the glossary folder, the validation levels) sit in the
`plugins: - termsite:` block, so this reads just that block, through the same
`SiteSettings` model the plugin uses, relative to the config file as MkDocs
resolves paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from termsite.settings import SiteSettings
from termsite.wording import option_problems

__all__ = ["DEFAULT_CONFIG", "Project", "ProjectError", "read_project"]

DEFAULT_CONFIG = "mkdocs.yml"


class ProjectError(Exception):
    """The configuration cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Project:
    """A site on disk: its config file, the folder it sits in, and its termsite settings."""

    config_file: Path
    root: Path
    settings: SiteSettings

    @property
    def glossary_dir(self) -> Path:
        return self.root / self.settings.glossary_dir

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when it is inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


class _ConfigLoader(yaml.SafeLoader):
    """Safe loading that reads MkDocs' `!ENV` and `!!python/name:` tags as nothing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def read_project(config_file: str | None) -> Project:
    """The project of `config_file`; a missing default `mkdocs.yml` means default settings."""
    path = Path(config_file or DEFAULT_CONFIG)
    if not path.is_file():
        if config_file is not None:
            raise ProjectError(f"the config file '{config_file}' does not exist")
        return Project(path, Path.cwd(), SiteSettings())
    options = _plugin_options(path)
    return Project(path, path.resolve().parent, _settings(path, options))


def docs_dir(project: Project) -> Path:
    """The folder of hand-written pages: MkDocs' `docs_dir` (default `docs`)."""
    try:
        config = yaml.load(
            project.config_file.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader
        )
    except (OSError, yaml.YAMLError):
        config = None
    folder = config.get("docs_dir") if isinstance(config, Mapping) else None
    return project.root / str(folder or "docs")


def _plugin_options(path: Path) -> dict[str, Any]:
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.as_posix()}:{mark.line + 1}" if mark else path.as_posix()
        raise ProjectError(f"{where}: the config file is not valid YAML") from None
    plugins = config.get("plugins", []) if isinstance(config, Mapping) else []
    return _termsite_options(plugins)


def _termsite_options(plugins: Any) -> dict[str, Any]:
    """The `termsite:` options from a plugin list or mapping, as MkDocs accepts both."""
    items = plugins.items() if isinstance(plugins, Mapping) else _listed(plugins)
    for name, options in items:
        if name == "termsite":
            return dict(options) if isinstance(options, Mapping) else {}
    return {}


def _listed(plugins: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    for item in plugins if isinstance(plugins, list) else []:
        found += list(item.items()) if isinstance(item, Mapping) else [(item, {})]
    return found


def _settings(path: Path, options: dict[str, Any]) -> SiteSettings:
    options = {key: value for key, value in options.items() if key != "enabled"}
    try:
        return SiteSettings.model_validate(options)
    except ValidationError as error:
        lines = [
            f"{path.as_posix()}: plugin 'termsite', option '{where}': {message}"
            for where, message in option_problems(error, SiteSettings)
        ]
        raise ProjectError("\n".join(lines)) from None
