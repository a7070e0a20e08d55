"""Calculator widgets: the HTML form from each spec, with the build-time result inside.

`render_widget` is what the page templates and the MkDocs plugin call; the
browser side (`termsite/widgets/assets/`) mounts on the markup it returns. The markup
is the DOM contract tests and outside checks drive: a root
``[data-calculator=<id>]`` with a truthful ``data-state``, one
``[data-output=<name>]`` per output, ``data-source="build"`` until the reader
computes in the browser.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

import calculators
from calculators.spec import TRUE_WORDS, CalculatorSpec
from termsite.widgets.concepts import linked_line, pair_headline_concepts, table_concepts
from termsite.widgets.examples import example_values
from termsite.widgets.form import element_id, form_fields, more_options, primary_table
from termsite.widgets.prerender import data_value, prerender
from termsite.widgets.reproduce import example_reproduction
from termsite.widgets.runtime import (
    SiteOptions,
    module_paths,
    pyodide_index_url,
    script_path,
    snapshot_url,
)
from termsite.widgets.wheel import calculators_wheel

__all__ = ["UnknownCalculatorError", "render_widget"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


class UnknownCalculatorError(ValueError):
    """A page asks for a calculator id that does not exist; the message lists the valid ones."""


def render_widget(calc_id: str, settings: SiteOptions, base_url: str) -> Markup:
    """The whole widget for `calc_id`, for a page whose path to the site root is `base_url`."""
    spec = _spec(calc_id)
    fields = form_fields(spec)
    html = (
        _environment()
        .get_template("widget.html")
        .render(
            spec=spec,
            fields=fields,
            more_fields=more_options(fields),
            primary=primary_table(spec),
            result=prerender(calc_id),
            headline=linked_line(prerender(calc_id).headline, spec.headline_concepts),
            pair_concepts=pair_headline_concepts(calc_id),
            ids={
                "status": element_id(calc_id, "status"),
                "title": element_id(calc_id, "title"),
                "command": element_id(calc_id, "command"),
            },
            reproduce=example_reproduction(spec, _root(base_url)),
            script_url=f"{_root(base_url)}/{script_path()}",
            module_urls=[f"{_root(base_url)}/{path}" for path in module_paths()],
            index_url=pyodide_index_url(settings),
            wheel_url=calculators_wheel().site_path,
            snapshot_url=snapshot_url(settings),
            snapshot_build=calculators_wheel().digest,
            example_json=json.dumps(example_values(spec), ensure_ascii=False, sort_keys=True),
            true_words=" ".join(sorted(TRUE_WORDS)),
        )
    )
    return Markup(_compact(html))


def _spec(calc_id: str) -> CalculatorSpec:
    try:
        return calculators.SPECS[calc_id]
    except KeyError:
        known = ", ".join(sorted(calculators.SPECS))
        raise UnknownCalculatorError(
            f"There is no calculator '{calc_id}'. Known calculators: {known}."
        ) from None


def _root(base_url: str) -> str:
    """MkDocs gives ``..``, ``.`` or ``""`` for the site root; URLs need a non-empty prefix."""
    root = base_url.rstrip("/")
    return root if root else "."


def _compact(html: str) -> str:
    """Drop blank lines: Markdown ends a raw HTML block at one, which would break the widget."""
    return "\n".join(line for line in html.splitlines() if line.strip())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """Autoescaped and strict: reader-facing text comes from specs, never unescaped."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    environment.filters["data_value"] = data_value
    environment.filters["table_concepts"] = table_concepts
    return environment
