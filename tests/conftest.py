"""Shared test set-up: never touch the learner's progress record or my-work/."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# make test-fast runs the "fast" profile (fewer generated examples); make test the default.
settings.register_profile("fast", max_examples=15, deadline=None)
settings.register_profile("full", deadline=None)
settings.load_profile(os.environ.get("SKINLAB_HYPOTHESIS", "full"))

ROOT = Path(__file__).resolve().parent.parent

# Set before any kernel starts (nbval's kernels inherit this environment).
_TMP = tempfile.mkdtemp(prefix="skinlab-tests-")
os.environ["SKINLAB_PROGRESS"] = str(Path(_TMP) / "progress.json")
os.environ["PYTHONHASHSEED"] = "0"
os.environ.pop("MPLBACKEND", None)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))
