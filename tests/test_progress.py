"""The learner's record: local, atomic and locked, and it survives corruption."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from skinlab import progress

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def record_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("SKINLAB_PROGRESS", str(path))
    return path


def test_path_follows_the_environment(record_file):
    assert progress.path() == record_file


def test_default_path_is_a_per_user_data_folder(monkeypatch):
    monkeypatch.delenv("SKINLAB_PROGRESS")
    assert progress.path().name == "progress.json"
    assert "skinlab" in str(progress.path().parent)


def test_record_and_read_back_in_order(record_file):
    progress.record("00_start_here", "q1", "pd", True, "read-figure")
    progress.record("00_start_here", "q2", {"answer": True, "reason": "r"}, False)
    progress.record("01_layers", "q1", float("nan"), False)  # not JSON: stored as text
    got = progress.answers()
    assert [(a["bank"], a["question"], a["correct"]) for a in got] == [
        ("00_start_here", "q1", True), ("00_start_here", "q2", False), ("01_layers", "q1", False)]
    assert got[1]["response"] == {"answer": True, "reason": "r"}
    assert got[2]["response"] == "nan"
    json.loads(record_file.read_text())  # always valid JSON on disk


def test_summary_uses_the_latest_answer_and_names_objectives_to_revisit(record_file):
    progress.record("00_start_here", "q1", "a", False, "read-figure")
    progress.record("00_start_here", "q1", "b", True, "read-figure")
    progress.record("00_start_here", "q2", "c", False, "course-map")
    assert progress.summary() == [{"bank": "00_start_here", "answered": 2, "correct": 1,
                                   "revisit": ["course-map"]}]
    assert progress.summary_text() == ("00_start_here: 2 answered, 1 correct; revisit: "
                                       "course-map.")


def test_empty_record_summary(record_file):
    assert progress.summary() == []
    assert progress.summary_text().startswith("No answers recorded yet")


WRITER = """
import sys
from skinlab import progress
for i in range(200):
    progress.record("bank", f"w{sys.argv[1]}-{i}", i, i % 2 == 0)
"""


@pytest.mark.slow  # four processes, 800 writes: a stress test, left to make test
def test_four_processes_writing_200_answers_each_lose_nothing(record_file):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(n)]) for n in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    got = progress.answers()
    assert len(got) == 800
    assert {a["question"] for a in got} == {f"w{n}-{i}" for n in range(4) for i in range(200)}


@pytest.mark.parametrize("garbage", [b"{not json", b"\xff\xfe\x00", b'{"answers": 3}', b"[]"])
def test_a_corrupt_record_is_kept_aside_with_a_warning(record_file, garbage):
    record_file.write_bytes(garbage)
    with pytest.warns(progress.ProgressWarning) as caught:
        assert progress.answers() == []
    message = str(caught[0].message)
    kept = [p for p in record_file.parent.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == garbage
    assert str(kept[0]) in message
    progress.record("bank", "q", 1, True)  # and a working record afterwards
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(progress.answers()) == 1


def test_export_csv_and_reset_with_backup(record_file, tmp_path):
    progress.record("00_start_here", "q1", "a, with comma", True)
    out = progress.export_csv(tmp_path / "mine.csv")
    lines = out.read_text().splitlines()
    assert lines[0] == "time,bank,question,kind,objective,correct,response"
    assert "00_start_here,q1" in lines[1] and "a, with comma" in lines[1]
    backup = progress.reset()
    assert backup.exists() and "q1" in backup.read_text()
    assert progress.answers() == []
    assert progress.reset() is not None  # an empty record is backed up too


def test_panel_resets_only_after_confirmation(record_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    progress.record("00_start_here", "q1", "a", True)
    panel = progress.panel()
    buttons = {b.description: b for b in panel.children[1].children}
    status = panel.children[2]
    buttons["Export to CSV"].click()
    assert (tmp_path / "my-progress.csv").exists() and "Exported 1 entry" in status.text
    buttons["Reset…"].click()
    assert len(progress.answers()) == 1 and "Confirm" in status.text
    buttons["Reset…"].click()  # same button, now reading "Confirm reset"
    assert progress.answers() == [] and "saved as" in status.text


def test_predictions_are_recorded_but_never_scored(record_file):
    progress.record("00_start_here", "q1", "a", True)
    progress.record("00_start_here", "guess", "b", True, kind="prediction")
    assert [a["kind"] for a in progress.answers()] == ["answer", "prediction"]
    assert progress.answers()[1]["correct"] is False  # a prediction is never right or wrong
    assert progress.summary() == [{"bank": "00_start_here", "answered": 1, "correct": 1,
                                   "revisit": []}]
    assert set(progress.latest("00_start_here")) == {"q1"}
    assert set(progress.predictions("00_start_here")) == {"guess"}
    with pytest.raises(ValueError, match="kind must be one of"):
        progress.record("00_start_here", "q1", "a", True, kind="guess")


def test_answers_to_questions_the_course_no_longer_has_are_skipped_with_a_note(record_file):
    progress.record("01_skin_layers", "eyelid-hypodermis-depth", "0.8 mm", True)
    progress.record("01_skin_layers", "heel-100", "sc", True)
    progress.record("gone_bank", "q", "x", False)
    known = {"01_skin_layers": {"heel-100"}}
    text = progress.summary_text(known)
    assert "01_skin_layers: 1 answered, 1 correct." in text
    assert "2 answers to questions the course no longer asks" in text
    assert "gone_bank" not in text


def test_an_old_record_without_kinds_still_reads_as_answers(record_file):
    progress.path().write_text(json.dumps({"version": 1, "answers": [
        {"bank": "00_start_here", "question": "q1", "correct": True, "response": "a"}]}))
    assert progress.summary()[0]["answered"] == 1


# -- the review set (Leitner boxes) ---------------------------------------------------------------
def _entry(q, correct, when, kind="answer", bank="b", objective=None):
    e = {"bank": bank, "question": q, "response": "x", "correct": correct, "kind": kind,
         "time": when.isoformat()}
    if objective:
        e["objective"] = objective
    return e


def test_review_set_from_a_synthetic_record():
    from datetime import datetime, timedelta, timezone

    from skinlab import progress

    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    day = timedelta(days=1)
    entries = [
        _entry("wrong-once", False, t0, objective="depth"),           # box 0: due at once
        _entry("fixed", False, t0), _entry("fixed", True, t0 + day),  # answered right since
        _entry("up-then-down", True, t0), _entry("up-then-down", True, t0 + day),
        _entry("up-then-down", False, t0 + 2 * day),                  # box 1: due after 1 day
        _entry("guess", False, t0, kind="prediction"),                # never reviewed
        _entry("retired", False, t0),                                 # not asked any more
    ]
    known = {"b": {"wrong-once", "fixed", "up-then-down", "guess"}}
    now = t0 + 2 * day + timedelta(hours=12)
    due = progress.review_set(now, known, entries)
    assert [d["question"] for d in due] == ["wrong-once"]
    assert due[0]["objective"] == "depth" and due[0]["box"] == 0
    later = progress.review_set(t0 + 3 * day + timedelta(hours=1), known, entries)
    assert [d["question"] for d in later] == ["wrong-once", "up-then-down"]
    assert later[1]["box"] == 1
    text = progress.review_text(now, known, entries)
    assert text.startswith("1 question to review now:") and "objective: depth" in text


def test_review_set_empty_record_and_naive_time():
    from datetime import datetime, timezone

    import pytest as _pytest

    from skinlab import progress

    assert progress.review_set(datetime.now(timezone.utc), entries=[]) == []
    assert progress.review_text(datetime.now(timezone.utc), entries=[]).startswith(
        "Nothing to review now")
    with _pytest.raises(ValueError, match="time zone"):
        progress.review_set(datetime(2026, 1, 1), entries=[])
