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


# -- a class on JupyterHub: the sizing table TEACHING.md carries -----------------------------

SIZING_START, SIZING_END = "<!-- classroom-sizing -->", "<!-- /classroom-sizing -->"
NOT_MEASURED = ("Not measured yet on this checkout: run `make classroom-bench` (it writes "
                "`benchmarks/classroom.json` and this table).")


def sizing_text(classroom: dict[str, Any] | None) -> str:
    """The measured classroom runs as a Markdown table (``benchmarks/classroom.json``), or a line
    saying they were not measured.

    Examples
    --------
    >>> print(sizing_text({"runs": [{"learners": 15, "update_ms": {"p50": 55, "p95": 119,
    ...     "max": 300}, "spawn_s": {"p50": 4.1, "p95": 6.0}, "mb_per_learner": {"pss": 180,
    ...     "rss": 262}, "hub_cpu_percent": 3.2, "errors": 0}], "p95_crosses_100ms_at": 15,
    ...     "cores": 2}))  # doctest: +NORMALIZE_WHITESPACE
    | learners | update p50 | update p95 | spawn p95 | MB a learner (PSS) | errors |
    |---|---|---|---|---|---|
    | 15 | 55 ms | 119 ms | 6 s | 180 MB | 0 |
    <BLANKLINE>
    Measured by make classroom-bench on 2 cores; the update round trip's p95 first passes
    100 ms at 15 learners.
    """
    runs = (classroom or {}).get("runs") or []
    if not runs:
        return NOT_MEASURED
    lines = ["| learners | update p50 | update p95 | spawn p95 | MB a learner (PSS) | errors |",
             "|---|---|---|---|---|---|"]
    for r in sorted(runs, key=lambda r: r["learners"]):
        lines.append(f"| {r['learners']} | {r['update_ms']['p50']:.0f} ms | "
                     f"{r['update_ms']['p95']:.0f} ms | {r['spawn_s']['p95']:.0f} s | "
                     f"{r['mb_per_learner']['pss']:.0f} MB | {r['errors']} |")
    crosses = classroom.get("p95_crosses_100ms_at") if classroom else None
    where = (f"the update round trip's p95 first passes 100 ms at {crosses} learners"
             if crosses else "the update round trip's p95 stayed within 100 ms at every size run")
    cores = (classroom or {}).get("cores")
    on = f" on {cores} cores" if cores else ""
    return "\n".join(lines) + f"\n\nMeasured by make classroom-bench{on}; {where}."


def write_sizing(root: str | Path) -> list[Path]:
    """Put :func:`sizing_text` of ``benchmarks/classroom.json`` (if any) between TEACHING.md's
    markers; return the files changed."""
    root = Path(root)
    source = root / "benchmarks" / "classroom.json"
    classroom = json.loads(source.read_text(encoding="utf-8")) if source.exists() else None
    path = root / "TEACHING.md"
    text = path.read_text(encoding="utf-8")
    block = re.compile(re.escape(SIZING_START) + ".*?" + re.escape(SIZING_END), re.S)
    if not block.search(text):
        raise ValueError(f"TEACHING.md has no {SIZING_START} ... {SIZING_END} block")
    made = f"{SIZING_START}\n{sizing_text(classroom)}\n{SIZING_END}"
    new = block.sub(lambda _: made, text)
    if new == text:
        return []
    path.write_text(new, encoding="utf-8", newline="\n")
    return [path]
