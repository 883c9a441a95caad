"""Packaging: environment.yml mirrors pyproject, the lock satisfies the ranges, the README leads
with the two commands."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements() -> dict[str, Requirement]:
    project = _pyproject()["project"]
    extras = project["optional-dependencies"]
    reqs = project["dependencies"] + extras["test"] + extras["hub"]
    return {canonicalize_name(Requirement(r).name): Requirement(r) for r in reqs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or item in ("pip",) or item.startswith("python"):
                continue
            req = Requirement(item)
            out[canonicalize_name(req.name)] = str(req.specifier)
    return out


def test_environment_yml_lists_the_same_packages_and_ranges_as_pyproject():
    env = _environment()
    reqs = {name: str(r.specifier) for name, r in _requirements().items()}
    assert env == reqs


def test_lock_pins_every_dependency_within_its_range():
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[canonicalize_name(m.group(1))] = m.group(2)
    for name, req in _requirements().items():
        assert name in pins, f"{name} is not pinned in requirements/lock.txt"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {req}"


def test_python_floor_is_3_11():
    assert _pyproject()["project"]["requires-python"] == ">=3.11"


def test_readme_shows_the_two_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lab, test = text.find("make lab"), text.find("make test")
    conda = text.lower().find("conda")
    assert 0 <= lab < conda and 0 <= test < conda


@pytest.mark.slow
def test_the_built_wheel_carries_the_data_quizzes_and_widget_assets(tmp_path):
    """The JavaScript and CSS the widgets load, the data and the quiz banks are package files:
    a wheel built from the repository holds every one of them."""
    import subprocess
    import sys
    import zipfile

    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "--quiet", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("skinlab-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [p.relative_to(ROOT).as_posix() for pattern in
              ("skinlab/ui/assets/*", "skinlab/assets/*", "skinlab/data/*.yaml",
               "skinlab/tools/book_assets/*",
               "skinlab/quizzes/*.yaml") for p in ROOT.glob(pattern)]
    assert any(w.endswith(".js") for w in wanted) and any(w.endswith(".css") for w in wanted)
    missing = sorted(set(wanted) - names)
    assert not missing, f"not in the wheel: {missing}"
