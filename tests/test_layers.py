"""The package's structure: every module sits in exactly one layer of the import contract, the
contracts hold (lint-imports), no private name is used across modules, and the code passes ruff."""

from __future__ import annotations

import ast
import re
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import skinlab

ROOT = Path(__file__).resolve().parent.parent


def _layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "layers")
    return [[m.strip() for part in layer.split("|") for m in part.split(":")]
            for layer in contract["layers"]]


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(skinlab.__path__, "skinlab."))


def test_every_module_sits_in_exactly_one_layer():
    layers = _layers()
    for module in _modules():
        homes = [i for i, layer in enumerate(layers) for entry in layer
                 if module == entry or module.startswith(entry + ".")]
        assert len(homes) == 1, f"{module} is in layers {homes}"


@pytest.mark.slow
def test_the_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is not installed (pip install -e '.[test]')"
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "0 broken" in proc.stdout


PROTOCOL = {"_esm", "_css"}  # anywidget's own attribute names, not the course's private ones


def _private_uses(path: Path) -> list[str]:
    """Private names (a leading underscore) taken from another skinlab module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {}  # local name -> skinlab module it names
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("skinlab"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.module}.{alias.name}")
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("skinlab"):
                    modules[(alias.asname or alias.name).split(".")[0]] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in modules and node.attr.startswith("_")
                and not node.attr.startswith("__") and node.attr not in PROTOCOL):
            found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "skinlab").rglob("*.py")) +
                         sorted((ROOT / "tests").glob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_is_used_across_modules(path):
    assert _private_uses(path) == []


@pytest.mark.slow
def test_ruff_finds_nothing():
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert exe, "ruff is not installed (pip install -e '.[test]')"
    proc = subprocess.run([exe, "check", "skinlab", "tests", "benchmarks", "conftest.py"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]


# -- the layout (issue 24) -----------------------------------------------------------------------
TOP_LIMIT = 18  # modules at the top of skinlab/: the learners' models, text, units, palette, ...


def test_the_top_of_the_package_holds_few_modules():
    top = sorted(p.stem for p in (ROOT / "skinlab").glob("*.py"))
    assert len(top) <= TOP_LIMIT, top
    for package in ("quiz", "progress", "figures", "check", "tools", "explore", "draw", "ui"):
        assert (ROOT / "skinlab" / package / "__init__.py").exists(), package
    assert not (ROOT / "skinlab" / "browser.py").exists()  # the harness lives in tests/support


def test_contracts_name_packages_not_hand_kept_lists():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    explorers = next(c for c in contracts if "Explorers" in c["name"])
    assert explorers["source_modules"] == ["skinlab.explore"]
    for contract in contracts:
        for module in contract.get("source_modules", []):
            assert module.count(".") <= 2, module  # a package or a package's module, never a list
    assert sum(len(layer) for layer in _layers()) < 30


VIEWS = {"skinlab.quiz.widget", "skinlab.progress.view"}  # and each package's facade


def test_every_quiz_and_progress_model_is_in_the_no_view_contract():
    """The contract names the model modules; a new module of either package that is not its view
    or its facade must join it (this test fails until it does)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if "never import their views" in c["name"])
    models = {f"skinlab.{package}.{p.stem}" for package in ("quiz", "progress")
              for p in (ROOT / "skinlab" / package).glob("*.py") if p.stem != "__init__"}
    assert set(contract["source_modules"]) == models - VIEWS
    assert VIEWS <= set(contract["forbidden_modules"])


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected sets of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(edges) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


@pytest.mark.slow
def test_no_import_cycle_function_level_imports_included():
    """Every import counts, deferred ones included; only a submodule's edge to its own ancestor
    package is dropped, and imports under ``if TYPE_CHECKING:``."""
    import grimp  # installed with import-linter (the test extra)
    graph = grimp.build_graph("skinlab", exclude_type_checking_imports=True, cache_dir=None)
    edges = {m: {t for t in graph.find_modules_directly_imported_by(m)
                 if not m.startswith(t + ".")} for m in graph.modules}
    assert sum(map(len, edges.values())) > 200  # the graph was read
    assert strongly_connected(edges) == []


def test_one_result_type_and_one_problem_type():
    from skinlab.check import Feedback
    from skinlab.data import Problem
    from skinlab.quiz import Result
    from skinlab.tools.audit import Issue
    assert Feedback is Result and Issue is Problem
    r = Feedback(True, "Correct: 1.5 mm.")
    assert r.passed and r.correct and r.valid and r.scored and bool(r) and repr(r) == r.message


HEX = re.compile(r"[\"']#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?[\"']")


def test_hex_colours_live_only_in_the_palette():
    """One place for colours, where the contrast and colour-blindness tests see them."""
    found = [f"{p.relative_to(ROOT)}:{i}" for p in sorted((ROOT / "skinlab").rglob("*.py"))
             if p.name != "palette.py"
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if HEX.search(line)]
    assert not found, found
    assert HEX.search('color="#dddddd"') and not HEX.search('"#Glossary"')


def test_one_number_validator_for_every_model():
    """The models' inputs go through skinlab.data.number: an infinity is refused everywhere
    (anatomy once let it through)."""
    from skinlab import anatomy, renewal
    from skinlab.data import number
    for call in (lambda: anatomy.layer_at_depth("cheek", float("inf")),
                 lambda: renewal.cohort_at("cheek", float("inf")),
                 lambda: number(float("nan"), "x")):
        with pytest.raises(ValueError, match="finite number"):
            call()
    copies = [p.name for p in (ROOT / "skinlab").glob("*.py")
              if "isinstance(x, bool) or not isinstance(x, Real)" in p.read_text("utf-8")]
    assert copies == [], copies
