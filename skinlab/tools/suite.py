"""The test suite's measured times, said in README and CONTRIBUTING from
``benchmarks/results.json`` (written by ``make bench``), never typed by hand.

``make bench`` times ``make test`` and ``make test-fast`` on a fresh clone of the current commit
(setup included for ``make test``) and writes them under ``suite``; :func:`suite_text` is the
sentence the documents carry between ``<!-- suite-times -->`` markers, and :func:`write_docs`
puts it there.

>>> print(suite_text({"make_test_s": 287, "make_test_fast_s": 41, "cores": 2,
...                   "date": "2026-12-05"}))  # doctest: +NORMALIZE_WHITESPACE
measured by make bench on 2 cores on 2026-12-05: make test 4 min 47 s from a fresh clone,
setup included; make test-fast 41 s
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

START, END = "<!-- suite-times -->", "<!-- /suite-times -->"
DOCS = ("README.md", "CONTRIBUTING.md")


def _duration(seconds: float) -> str:
    """'41 s', '4 min 47 s'."""
    s = round(seconds)
    return f"{s} s" if s < 60 else f"{s // 60} min {s % 60} s"


def suite_text(suite: dict[str, Any]) -> str:
    """The measured times in one clause (see the module's example)."""
    return (f"measured by make bench on {suite['cores']} cores on {suite['date']}: make test "
            f"{_duration(suite['make_test_s'])} from a fresh clone, setup included; "
            f"make test-fast {_duration(suite['make_test_fast_s'])}")


def read(root: str | Path) -> dict[str, Any]:
    """The ``suite`` entry of ``benchmarks/results.json`` (ValueError if there is none)."""
    results = json.loads((Path(root) / "benchmarks" / "results.json").read_text("utf-8"))
    if "suite" not in results:
        raise ValueError("benchmarks/results.json has no suite times: run make bench")
    return results["suite"]


def write_docs(root: str | Path, suite: dict[str, Any]) -> list[Path]:
    """Put :func:`suite_text` between the markers of README.md and CONTRIBUTING.md; return the
    files changed. ValueError where a document lacks its markers."""
    changed = []
    block = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    for name in DOCS:
        path = Path(root) / name
        text = path.read_text(encoding="utf-8")
        if not block.search(text):
            raise ValueError(f"{name} has no {START} ... {END} block")
        new = block.sub(lambda _: f"{START}{suite_text(suite)}{END}", text)
        if new != text:
            path.write_text(new, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed
