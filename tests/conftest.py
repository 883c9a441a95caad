"""Shared test set-up: never touch the learner's progress record or my-work/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import settings

from support import browser as B
from skinlab.data import DATA_DIR
from skinlab.quiz import banks

# make test-fast runs the "fast" profile (fewer generated examples); make test the default.
settings.register_profile("fast", max_examples=15, deadline=None)
settings.register_profile("full", deadline=None)
settings.load_profile(os.environ.get("SKINLAB_HYPOTHESIS", "full"))

ROOT = Path(__file__).resolve().parent.parent

# The learner's progress record is never touched: the root conftest.py points SKINLAB_PROGRESS
# at a temporary file before any kernel starts.


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def copy_data(dest: Path) -> Path:
    """A copy of the course's data files (no Python) at ``dest``, to change in a test."""
    shutil.copytree(DATA_DIR, dest, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return dest


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let ``change`` edit the tree in place, write it back."""
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(tree)
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'#rrggbb' as three fractions of 1."""
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def basal_column_share(ax) -> float:
    """The share of pixel columns of an axes' drawn tissue (its raster image) that show the
    basal cells' colour or the basal layer's ground: near 1 for a row all the way across."""
    import numpy as np

    from skinlab.palette import TISSUE

    raster = next(a for a in ax.get_children() if hasattr(a, "pixels"))
    pixels = raster.pixels[..., :3].astype(float)
    near = np.zeros(pixels.shape[:2], dtype=bool)
    for key in ("basal_cell", "stratum_basale"):
        near |= np.abs(pixels - 255 * np.array(rgb(TISSUE[key]))).sum(axis=2) <= 6
    return float(near.any(axis=0).mean())


# -- the browser tests' JupyterLab (tests/test_browser*.py) ----------------------------------------
# Each module that asks for ``lab`` gets its own server (module scope), so the browser modules run
# side by side on make test's two processes.


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    B.need_chromium("the course in a browser")
    root = tmp_path_factory.mktemp("lab")
    for name in sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy(ROOT / "notebooks" / name, root / name)
    B.write_notebook(root / B.SHARED, B.SHARED_CELLS)
    for bank in banks():  # every check, prediction and the end quiz, in that order
        B.write_notebook(root / f"quiz_{bank}.ipynb", [
            f"import ipywidgets as w\nfrom skinlab.quiz import Quiz\nq = Quiz.from_bank({bank!r})\n"
            f"w.VBox([q.widget(s) for s in [*q.sections(), None]])"])
    B.SHOTS.mkdir(parents=True, exist_ok=True)
    with B.lab_server(root) as server, B.browser() as chromium:
        yield server, chromium


@pytest.fixture(scope="module")
def tabs(lab):
    """One JupyterLab page for the tests that open a notebook each: each test opens its notebook
    in it (the last one's closed) instead of loading JupyterLab again, about a second less a
    test. A test that fails leaves the page to be replaced."""
    server, chromium = lab
    held: dict = {}

    def get():
        if "page" not in held:
            held["context"] = chromium.new_context(viewport={"width": 1280, "height": 900})
            held["page"] = held["context"].new_page()
        return held["page"]

    def drop():
        if "context" in held:
            held.pop("context").close()
            held.pop("page")

    yield SimpleNamespace(get=get, drop=drop)
    drop()


@pytest.fixture
def page(lab, tabs, request):
    server, _ = lab
    before = B.kernels(server)
    pg = tabs.get()
    failed_before = request.session.testsfailed
    yield pg
    try:
        if request.session.testsfailed != failed_before:
            raise RuntimeError("the test failed: start the next one on a fresh page")
        B.close_documents(pg)
        pg.set_viewport_size({"width": 1280, "height": 900})
    except Exception:  # noqa: BLE001 - any doubt about the page: the next test gets a new one
        tabs.drop()
    B.shutdown_kernels(server, keep=before)
