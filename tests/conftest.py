"""Shared test set-up: never touch the learner's progress record or my-work/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from skinlab.data import DATA_DIR

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

