"""The architecture as a test: which folders may import what, and what each package exports.

The tree is the pipeline (load → generate → MkDocs adapter), and the boundary
that keeps the door open to another engine is that only `termsite.mkdocs_plugin`
(and the command line that starts it) may import MkDocs or Material. The
calculators run in Pyodide, so they may import only the standard library.
"""

from __future__ import annotations

import ast
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import calculators
import termsite
from calculators.registry import SPECS

TERMSITE = Path(termsite.__file__).parent
CALCULATORS = Path(calculators.__file__).parent
ENGINE_FREE = ["load", "generate", "widgets", "search", "authoring"]
ENGINES = {"mkdocs", "material"}


def imported_tops(path: Path) -> Iterator[str]:
    """The top-level package of every absolute import in one source file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def sources(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("folder", ENGINE_FREE)
def test_the_engine_agnostic_core_never_imports_mkdocs(folder: str) -> None:
    offenders = [
        (path.relative_to(TERMSITE).as_posix(), top)
        for path in sources(TERMSITE / folder)
        for top in imported_tops(path)
        if top in ENGINES
    ]
    assert offenders == []


def test_the_core_modules_at_the_top_never_import_mkdocs() -> None:
    top_level = [p for p in sorted(TERMSITE.glob("*.py")) if p.name != "cli.py"]
    offenders = [(p.name, top) for p in top_level for top in imported_tops(p) if top in ENGINES]
    assert offenders == []


def test_the_calculators_import_only_the_standard_library() -> None:
    offenders = [
        (path.relative_to(CALCULATORS).as_posix(), top)
        for path in sources(CALCULATORS)
        for top in imported_tops(path)
        if top not in sys.stdlib_module_names and top != "calculators"
    ]
    assert offenders == []


def test_each_calculator_package_is_named_by_its_id() -> None:
    for calc_id, spec in SPECS.items():
        package = importlib.import_module(f"calculators.{calc_id.replace('-', '_')}")
        assert package.SPEC is spec
        assert Path(package.__file__ or "").name == "__init__.py"


def test_every_calculator_package_is_registered() -> None:
    shared = {"inputs", "stats", "display", "data", "__pycache__"}
    packages = {p.name for p in CALCULATORS.iterdir() if p.is_dir() and p.name not in shared}
    assert packages == {calc_id.replace("-", "_") for calc_id in SPECS}


def _declared_all(path: Path) -> list[str] | None:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                return list(ast.literal_eval(node.value))  # type: ignore[arg-type]
    return None


def _dotted(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


@pytest.mark.parametrize("root", [TERMSITE, CALCULATORS], ids=["termsite", "calculators"])
def test_every_name_in_all_exists(root: Path) -> None:
    missing = []
    for path in sources(root):
        names = _declared_all(path)
        if names is None:
            continue
        module = importlib.import_module(_dotted(path, root))
        missing += [f"{module.__name__}.{name}" for name in names if not hasattr(module, name)]
    assert missing == []
