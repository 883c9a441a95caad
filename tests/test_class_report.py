"""The class report (``python -m skinlab class-report``) on synthetic records written by the
course's own code: a progress file, a CSV export and a corrupt file, with shares worked out by
hand."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from skinlab.progress import store
from skinlab.quiz import QUIZ_DIR, Quiz
from skinlab.tools import classreport

BANK = "03_microneedling"
SINGLE, TRUEFALSE, PREDICTION = "roller-needles", "full-length", "predict-needle-depth"
HOME_RECORD = Path(".local") / "share" / "skinlab" / "progress.json"  # store.path() on Linux


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """HOME and SKINLAB_PROGRESS in a scratch folder, which is also the current folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(store.ENV, str(tmp_path / "scratch" / "progress.json"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_record(monkeypatch, target: Path, entries: list[tuple]) -> Path:
    """A learner's progress file at ``target``, written by store.record()."""
    monkeypatch.setenv(store.ENV, str(target))
    for question, response, correct, kind in entries:
        store.record(BANK, question, response, correct, "x", kind=kind)
    return target


@pytest.fixture
def class_records(scratch, monkeypatch):
    """Learner A (alice): a progress file in a hub home folder, and her own export of it beside
    it; learner B (bob): a CSV export; a corrupt progress file in a third home folder."""
    quiz = Quiz.from_bank(BANK)
    assert quiz.question(SINGLE).kind == "single"
    assert quiz.question(TRUEFALSE).kind == "truefalse"
    assert quiz.question(PREDICTION).kind == "prediction"
    write_record(monkeypatch, scratch / "homes" / "alice" / HOME_RECORD, [
        (PREDICTION, "all", False, "prediction"),
        (SINGLE, "n12", False, "answer"),  # wrong at the first try ...
        (SINGLE, "n192", True, "answer"),  # ... right at the second
        (TRUEFALSE, {"answer": True, "reason": "bend"}, False, "answer"),
    ])
    (scratch / "homes" / "alice" / "my-work").mkdir()  # alice's own export, in her home
    store.export_csv(scratch / "homes" / "alice" / "my-work" / "my-progress.csv")
    bob = write_record(monkeypatch, scratch / "work" / "bob-record.json", [
        (PREDICTION, "less", False, "prediction"),
        (SINGLE, "n192", True, "answer"),
    ])
    (scratch / "exports").mkdir()
    store.export_csv(scratch / "exports" / "bob.csv")
    broken = scratch / "homes" / "broken" / HOME_RECORD
    broken.parent.mkdir(parents=True)
    broken.write_text('{"version": 1, "answers": [', encoding="utf-8")
    monkeypatch.setenv(store.ENV, str(scratch / "scratch" / "progress.json"))
    return {"bob_json": bob}


def run(capsys, paths, out="report", names=False):
    code = classreport.main([str(p) for p in paths], out, names)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_share_is_percent_then_counts(scratch):
    assert classreport.share(1, 2) == "50% (1 of 2)"
    assert classreport.share(1, 8) == "13% (1 of 8)"  # rounded half up, on every machine
    assert classreport.share(0, 0) == "no answers"


def test_the_report_gives_the_shares_worked_out_by_hand(class_records, scratch, capsys):
    code, out, err = run(capsys, ["homes", Path("exports") / "bob.csv"])
    assert code == 0, err
    md = (scratch / "report" / "class-report.md").read_text(encoding="utf-8")
    quiz = Quiz.from_bank(BANK)
    single, truefalse = quiz.question(SINGLE), quiz.question(TRUEFALSE)
    # roller-needles: alice wrong then right (first try wrong), bob right: 1 of 2
    assert f"| {BANK}:{SINGLE} | {single.prompt} | 50% (1 of 2) |" in md
    # full-length: alice alone, wrong
    assert f"| {BANK}:{TRUEFALSE} | {truefalse.prompt} | 0% (0 of 1) |" in md
    # a question nobody answered
    assert f"| {BANK}:acne-scar-length | {quiz.question('acne-scar-length').prompt} | " \
           f"no answers |" in md
    # the wrong option chosen, with the first sentence of its feedback (and not the rest)
    n12 = next(o for o in single.raw["options"] if o["id"] == "n12")
    assert f"\u201c{n12['text']}\u201d, chosen by 1 learner: {n12['feedback']}" in md
    # the true/false's wrong verdict and reason, each with its first sentence
    verdict_said = truefalse.raw["feedback"][True]
    assert classreport.first_sentence(verdict_said) in md
    assert verdict_said not in md  # only the first sentence
    assert "the needles bend sideways as they go in (the reason)" in md
    # objectives: devices has roller-needles' 1 of 2; depth full-length's 0 of 1
    assert f"| {BANK}:devices | {quiz.objectives['devices']} | 50% (1 of 2) |" in md
    assert f"| {BANK}:depth | {quiz.objectives['depth']} | 0% (0 of 1) |" in md
    # the predictions: alice 'all', bob 'less'; beside the section 'depth''s results
    pred = quiz.question(PREDICTION)
    texts = {o["id"]: o["text"] for o in pred.raw["options"]}
    assert f"| {texts['all']} | 50% (1 of 2) |" in md
    assert f"| {texts['less']} | 50% (1 of 2) |" in md
    assert f"| {texts['deeper']} | 0% (0 of 2) |" in md
    section = md.split(f"### {BANK}:{PREDICTION}")[1].split("###")[0]
    assert "(2 learners predicted)" in section
    assert f"- {BANK}:{TRUEFALSE}: 0% (0 of 1) right at the first try" in section
    # the corrupt file is named as skipped, in the report and on stderr; never fatal
    skipped = md.split("## Skipped records")[1]
    assert "skipped progress.json: not valid JSON" in skipped
    assert "skipped homes/broken/.local/share/skinlab/progress.json: not valid JSON" in err
    assert "Traceback" not in err
    # alice's export copies her progress file: she counts once
    assert "2 learners' records read" in md
    assert "skipped homes/alice/my-work/my-progress.csv: every entry of it is in a progress " \
           "file read too" in err
    # the course's disclaimer line, and that the report is anonymised
    from skinlab.tools.notebooktext import disclaimer
    assert disclaimer() in md
    assert "anonymised" in md
    assert str(scratch) not in md + out  # no machine path


def test_anonymised_by_default_named_on_request(class_records, scratch, capsys):
    code, out, _ = run(capsys, ["homes", Path("exports") / "bob.csv"])
    assert code == 0
    report = scratch / "report"
    text = out + "".join((report / f).read_text(encoding="utf-8")
                         for f in ("class-report.md", "class-report.html"))
    for folder in ("alice", "bob", "broken", "homes", "exports"):
        assert folder not in text
    assert "learner 1" in text and "learner 2" in text
    code, _, _ = run(capsys, ["homes", Path("exports") / "bob.csv"], out="named", names=True)
    assert code == 0
    md = (scratch / "named" / "class-report.md").read_text(encoding="utf-8")
    records = md.split("## Records read")[1]
    assert "- alice (homes/alice/.local/share/skinlab/progress.json): progress file" in records
    assert "- bob (exports/bob.csv): CSV export, 1 answer, 1 prediction" in records
    assert "skipped homes/broken/.local/share/skinlab/progress.json" in md
    assert "Learners are named (--names)" in md and "anonymised" not in md


def test_an_export_and_its_own_progress_file_count_once(class_records, scratch, capsys):
    code, _, err = run(capsys, ["homes", "exports", class_records["bob_json"]])
    assert code == 0
    md = (scratch / "report" / "class-report.md").read_text(encoding="utf-8")
    assert f"| {BANK}:{SINGLE} |" in md and "50% (1 of 2) |" in md
    assert "2 learners' records read" in md
    assert "skipped exports/bob.csv: every entry of it is in a progress file read too" in err


def test_the_html_is_self_contained_with_the_figure(class_records, scratch, capsys):
    code, _, _ = run(capsys, ["homes", Path("exports") / "bob.csv"])
    assert code == 0
    page = (scratch / "report" / "class-report.html").read_text(encoding="utf-8")
    img = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">', page)
    assert img, "no embedded PNG with alt text"
    assert base64.b64decode(img.group(1)).startswith(b"\x89PNG")
    assert "share right at the first try" in img.group(2)
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched
    assert "<strong>Education, not medical advice.</strong>" in page
    assert "anonymised" in page
    assert "<script" not in page
    # the same records give the same bytes
    first = page
    assert run(capsys, ["homes", Path("exports") / "bob.csv"])[0] == 0
    assert (scratch / "report" / "class-report.html").read_text(encoding="utf-8") == first


def test_a_missing_path_or_no_readable_record_is_a_clear_error(class_records, scratch, capsys):
    code, _, err = run(capsys, ["homes", "nowhere"])
    assert code == 1
    assert "no such file or folder: nowhere" in err and "Traceback" not in err
    assert not (scratch / "report").exists()
    code, _, err = run(capsys, [Path("homes") / "broken"])
    assert code == 1
    assert "no learner's record could be read" in err and "Traceback" not in err
    assert "not valid JSON" in err
    (scratch / "empty").mkdir()
    code, _, err = run(capsys, ["empty"])
    assert code == 1 and "no progress file or CSV export found in empty" in err


def test_a_partial_record_keeps_its_readable_entries(scratch, capsys):
    good = {"bank": BANK, "question": SINGLE, "response": "n1000", "correct": False,
            "kind": "answer", "time": "2025-01-01T10:00:00+00:00"}
    (scratch / "a").mkdir()
    (scratch / "a" / "progress.json").write_text(
        '{"version": 1, "answers": [%s, {"bank": "%s"}, 7]}' % (
            json.dumps(good), BANK), encoding="utf-8")
    code, _, err = run(capsys, ["a"])
    assert code == 0
    md = (scratch / "report" / "class-report.md").read_text(encoding="utf-8")
    assert f"| {BANK}:{SINGLE} | " in md and "| 0% (0 of 1) |" in md
    assert "skipped progress.json: 2 entries of 3 could not be read" in md
    assert "skipped a/progress.json: 2 entries of 3" in err


def test_first_try_is_the_earliest_by_time_not_by_place(scratch):
    rows = [{"bank": BANK, "question": SINGLE, "response": "n192", "correct": True,
             "time": "2025-01-02T10:00:00+00:00"},
            {"bank": BANK, "question": SINGLE, "response": "n1000", "correct": False,
             "time": "2025-01-01T10:00:00+00:00"}]
    path = scratch / "late.json"
    path.write_text(json.dumps({"version": 1, "answers": rows}), encoding="utf-8")
    record = classreport.read_record(path)
    record.label = "learner 1"
    report = classreport.build([record])
    row = next(q for b in report.banks for q in b.questions if q.id == SINGLE)
    assert (row.right, row.answered) == (0, 1)
    assert row.wrong[0].text == "about 1,000"


def test_a_misconception_label_replaces_the_feedback(scratch, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    shutil.copy(QUIZ_DIR / f"{BANK}.yaml", banks)
    tree = yaml.safe_load((banks / f"{BANK}.yaml").read_text(encoding="utf-8"))
    question = next(q for q in tree["questions"] if q["id"] == SINGLE)
    next(o for o in question["options"] if o["id"] == "n12")["misconception"] = \
        "pens and rollers confused"
    (banks / f"{BANK}.yaml").write_text(yaml.safe_dump(tree, allow_unicode=True),
                                        encoding="utf-8")
    path = scratch / "one.json"
    path.write_text('{"version": 1, "answers": [{"bank": "%s", "question": "%s", '
                    '"response": "n12", "correct": false}]}' % (BANK, SINGLE), encoding="utf-8")
    record = classreport.read_record(path)
    record.label = "learner 1"
    report = classreport.build([record], folder=banks)
    md = classreport.markdown_report(report)
    assert "chosen by 1 learner: misconception: pens and rollers confused" in md
