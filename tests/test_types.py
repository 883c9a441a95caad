"""mypy (not strict) finds no error in the models, data, units, text, quiz and progress packages:
the files and settings are ``[tool.mypy]`` in pyproject.toml (issue: documented and typed)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error(tmp_path):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert {"skinlab/quiz", "skinlab/progress", "skinlab/data"} <= set(config["files"])
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Success: no issues found" in output, output
