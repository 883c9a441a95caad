"""The test suite's times in README and CONTRIBUTING are the ones make bench measured
(benchmarks/results.json), never typed by hand (skinlab.tools.suite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skinlab.tools import suite

ROOT = Path(__file__).resolve().parents[1]


def test_the_documents_say_the_measured_times():
    measured = suite.read(ROOT)
    for key in ("make_test_s", "make_test_fast_s", "cores", "date", "commit"):
        assert key in measured, key
    assert 0 < measured["make_test_fast_s"] < measured["make_test_s"]
    sentence = suite.suite_text(measured)
    for name in suite.DOCS:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert f"{suite.START}{sentence}{suite.END}" in text, (
            f"{name}: the suite's times differ from benchmarks/results.json: run make bench "
            f"ONLY=suite")
    goals = json.loads((ROOT / "benchmarks" / "results.json").read_text())["goals"]
    assert any(g.startswith("make test:") for g in goals)  # the goal is judged in the bench


def test_write_docs_replaces_a_stale_block_and_refuses_a_document_without_one(tmp_path):
    for name in suite.DOCS:
        (tmp_path / name).write_text(f"Times: {suite.START}old{suite.END}.\n", encoding="utf-8")
    times = {"make_test_s": 61, "make_test_fast_s": 9, "cores": 2, "date": "2026-12-05"}
    changed = suite.write_docs(tmp_path, times)
    assert [p.name for p in changed] == list(suite.DOCS)
    assert "make test 1 min 1 s" in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert suite.write_docs(tmp_path, times) == []  # nothing left to change
    (tmp_path / "README.md").write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="README.md has no"):
        suite.write_docs(tmp_path, times)


def test_teaching_carries_the_measured_classroom_sizing_or_says_it_was_not_measured():
    import json

    from skinlab.tools import suite as s
    root = Path(__file__).resolve().parents[1]
    text = (root / "TEACHING.md").read_text(encoding="utf-8")
    block = text.split(s.SIZING_START)[1].split(s.SIZING_END)[0].strip()
    source = root / "benchmarks" / "classroom.json"
    classroom = json.loads(source.read_text(encoding="utf-8")) if source.exists() else None
    assert block == s.sizing_text(classroom)
    assert s.sizing_text(None) == s.NOT_MEASURED
