"""The audit passes on the course and catches each kind of planted problem."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import edit_yaml

from skinlab.tools import audit

ROOT = Path(__file__).resolve().parent.parent


def test_audit_is_clean_on_the_course_and_reports_what_is_there():
    proc = subprocess.run([sys.executable, "-m", "skinlab", "audit"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    report = json.loads(proc.stdout)
    assert report["problems"] == [], report["problems"]
    assert proc.returncode == 0
    assert "layers" in report["explorers"]
    assert report["totals"]["notebooks"] == len(list((ROOT / "notebooks").glob("*.ipynb")))
    assert report["totals"]["strict_cells"] >= 3
    assert report["data_values"]["total"] == sum(report["data_values"]["by_status"].values())
    assert report["references"] > 0
    # per notebook: how many values it reads, by status, and which are placeholders
    use = report["data_use"]
    assert set(use) == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    for name, entry in use.items():
        assert entry["values"] == sum(entry["by_status"].values()) > 0, name
        assert len(entry["placeholders"]) == entry["by_status"]["placeholder"]
        assert len(entry["assumptions"]) == entry["by_status"]["assumption"]
    assert "layers.yaml: sites.eyelid.hypodermis" in use["01_skin_layers.ipynb"]["placeholders"]


def test_data_use_counts_each_notebooks_values_by_status(tmp_path):
    from skinlab.data import Dataset
    (tmp_path / "notebooks").mkdir()
    data = Dataset()
    placeholder = next(w for w, v in data.values.items() if v.status == "placeholder")
    measured = next(w for w, v in data.values.items() if v.status == "measured")
    (tmp_path / audit.READS_FILE).write_text(json.dumps(
        {"a.ipynb": [placeholder, measured], "b.ipynb": ["layers.yaml: sites.gone.dermis"]}))
    issues: list = []
    use = audit.data_use(tmp_path, data, ["a.ipynb", "b.ipynb", "c.ipynb"], issues)
    assert use["a.ipynb"]["by_status"] == {"measured": 1, "estimated": 0, "assumption": 0,
                                           "placeholder": 1}
    assert use["a.ipynb"]["placeholders"] == [placeholder]
    messages = [i.message for i in issues if i.kind == "data-reads"]
    assert any("no longer a data value" in m for m in messages)
    assert any("no entry for c.ipynb" in m for m in messages)
    (tmp_path / audit.READS_FILE).unlink()
    issues.clear()
    assert audit.data_use(tmp_path, data, ["a.ipynb"], issues) == {}
    assert issues and "make execute" in issues[0].message


@pytest.fixture(scope="module")
def clean_course(tmp_path_factory) -> Path:
    """A copy of the course's notebooks, data, quiz banks and sanitize file, audited clean once
    (each test plants its problem in a copy of this copy)."""
    root = tmp_path_factory.mktemp("clean-course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "skinlab" / "data", root / "skinlab" / "data",
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copytree(ROOT / "skinlab" / "quizzes", root / "skinlab" / "quizzes")
    (root / "tests").mkdir()
    shutil.copy(ROOT / audit.SANITIZE_FILE, root / audit.SANITIZE_FILE)
    assert audit.run(root)["problems"] == []  # clean before planting
    return root


@pytest.fixture
def course(clean_course: Path, tmp_path: Path) -> Path:
    """A fresh copy of the clean course, to plant problems in."""
    shutil.copytree(clean_course, tmp_path / "course")
    return tmp_path / "course"


def _add_cell(course: Path, cell: dict) -> None:
    path = course / "notebooks" / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(cell)
    path.write_text(json.dumps(nb), encoding="utf-8")


def plant_value_without_source(course):
    edit_yaml(course / "skinlab/data/layers.yaml",
               lambda t: t["sites"]["cheek"]["dermis"].pop("source"))


def plant_unused_source(course):
    edit_yaml(course / "skinlab/data/references.yaml", lambda t: t.update(
        orphan2020={"authors": "Orphan A", "year": 2020, "title": "Never cited",
                    "doi": "10.0000/none"}))


def plant_unknown_key(course):
    edit_yaml(course / "skinlab/data/layers.yaml",
               lambda t: t["sites"]["palm"]["dermis"].update(source="nobody1999"))


def plant_ignored_cell_without_widget(course):
    _add_cell(course, {"cell_type": "code", "execution_count": 99, "id": "planted",
                       "metadata": {"tags": ["nbval-ignore-output"]}, "source": "print(42)",
                       "outputs": [{"output_type": "stream", "name": "stdout", "text": "42\n"}]})


def plant_sanitize_rule_matching_a_sentence(course):
    with open(course / audit.SANITIZE_FILE, "a", encoding="utf-8") as f:
        f.write("\n[planted]\nregex: \\d+ µm\nreplace: N µm\n")


def plant_unsourced_number(course):
    _add_cell(course, {"cell_type": "markdown", "id": "planted", "metadata": {},
                       "source": "The dermis of the cheek is 7.3 mm thick."})


def plant_objective_with_one_question(course):
    edit_yaml(course / "skinlab/quizzes/00_start_here.yaml", lambda t: t.update(
        questions=[q for q in t["questions"] if q["id"] != "sentence"]))


def plant_stale_quiz_key(course):
    def stale(tree):
        probe = next(q for q in tree["questions"] if q["id"] == "probe-cheek")
        probe["check"]["depth_um"] = 5  # the stratum corneum, not the marked papillary dermis
    edit_yaml(course / "skinlab/quizzes/00_start_here.yaml", stale)


def plant_unreadable_quiz_bank(course):
    (course / "skinlab/quizzes/99_broken.yaml").write_text("questions: [unclosed\n",
                                                            encoding="utf-8")


def _edit_notebook(course, change, name="00_start_here.ipynb"):
    path = course / "notebooks" / name
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb["cells"])
    path.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def _drop(cells, text):
    [i] = [i for i, c in enumerate(cells) if text in "".join(c["source"])]
    del cells[i]


def plant_section_not_shown(course):
    _edit_notebook(course, lambda cells: _drop(cells, 'quiz.widget("your-work")'))


def plant_check_without_summary(course):
    _edit_notebook(course, lambda cells: _drop(cells, 'quiz.summary("your-work")'))


def plant_reveal_not_folded(course):
    def unfold(cells):
        for c in cells:
            c.get("metadata", {}).pop("jupyter", None)
    _edit_notebook(course, unfold)


def plant_stale_objectives(course):
    def edit(cells):
        cell = next(c for c in cells if c["metadata"].get("skinlab", {}).get("generated") ==
                    "objectives")
        cell["source"] = ["## In this notebook\n", "\n", "**Time:** about 5 minutes."]
    _edit_notebook(course, edit)


def plant_a_long_read(course):
    def edit(cells):
        cells.insert(len(cells) - 1, {"cell_type": "markdown", "id": "planted", "metadata": {},
                                      "source": "word " * 9000})
    _edit_notebook(course, edit)


@pytest.mark.parametrize("plant, kind", [
    (plant_section_not_shown, "section-not-shown"),
    (plant_check_without_summary, "check-without-summary"),
    (plant_reveal_not_folded, "reveal-not-folded"),
    (plant_stale_objectives, "stale-notebook-text"),
    (plant_a_long_read, "notebook-too-long"),
    (plant_value_without_source, "missing-source"),
    (plant_unused_source, "unused-source"),
    (plant_unknown_key, "unknown-source"),
    (plant_ignored_cell_without_widget, "ignored-cell-without-widget"),
    (plant_sanitize_rule_matching_a_sentence, "sanitize-matches-describe"),
    (plant_unsourced_number, "unsourced-number"),
    (plant_objective_with_one_question, "objective-unassessed"),
    (plant_stale_quiz_key, "bad-quiz"),
    (plant_unreadable_quiz_bank, "bad-quiz"),
])
@pytest.mark.slow  # the whole audit on a planted copy, 14 times: left to make test
def test_audit_catches_each_planted_problem(course, plant, kind, capsys):
    plant(course)
    assert audit.main(course) == 1  # one run: what it prints is the report
    printed = json.loads(capsys.readouterr().out)
    assert kind in {p["kind"] for p in printed["problems"]}


@pytest.mark.parametrize("text, bad", [
    ("The palm's stratum corneum is about 173 µm thick.", []),
    ("On the cheek it is about 17 µm.", []),
    ("A layer 0.2 mm thick.", []),
    ("Between 12.3 and 16.8 µm.", []),
    ("It is 999 µm thick.", ["999 µm"]),
    ("Use `probe_um=4321` in code; 4321 um in text.", ["4321 um"]),
    ("Needles of 3.7 mm.", ["3.7 mm"]),
    ("Notebook 03 takes about 50 minutes.", []),
])
def test_number_matcher(text, bad):
    known = audit.known_numbers(audit.Dataset(audit.DATA_DIR))
    assert audit.unsourced_numbers(text, known) == bad


# -- quiz banks: the objectives-to-questions map ------------------------------------------------

def test_the_report_maps_every_banks_objectives_to_at_least_two_questions():
    from skinlab.quiz import Quiz, banks
    report = audit.run(ROOT)
    names = banks(ROOT / "skinlab" / "quizzes")
    assert names and sorted(report["objectives"]) == names
    for name in names:
        quiz = Quiz.from_bank(name)
        assert report["objectives"][name] == quiz.objective_map()
        assert set(report["objectives"][name]) == set(quiz.objectives)
        for objective, ids in report["objectives"][name].items():
            assert len(ids) >= (1 if quiz.final else 2), (name, objective, ids)
        assert report["quiz_questions"][name] == len(quiz.questions)
    assert not [p for p in report["problems"]
                if p["kind"] in ("bad-quiz", "objective-unassessed")]


def test_the_map_is_read_from_the_audited_root(course):
    (course / "skinlab/quizzes/00_start_here.yaml").rename(
        course / "skinlab/quizzes/50_renamed.yaml")
    report = audit.run(course)
    assert "50_renamed" in report["objectives"] and "00_start_here" not in report["objectives"]
    assert "00_start_here" not in report["quiz_questions"]
    bank = yaml.safe_load((course / "skinlab/quizzes/50_renamed.yaml").read_text(encoding="utf-8"))
    predictions = sum(q["kind"] == "prediction" for q in bank["questions"])
    assert report["quiz_questions"]["50_renamed"] == predictions + sum(
        len(ids) for ids in report["objectives"]["50_renamed"].values())


def test_an_objective_with_one_question_is_named_with_its_question(course):
    plant_objective_with_one_question(course)
    report = audit.run(course)
    assert report["objectives"]["00_start_here"]["use-explorer"] == ["keyboard"]
    [problem] = [p for p in report["problems"] if p["kind"] == "objective-unassessed"]
    assert problem["where"] == "skinlab/quizzes/00_start_here.yaml: objective use-explorer"
    assert "1 question (keyboard)" in problem["message"]


def test_a_broken_bank_is_a_problem_with_the_quiz_error_not_a_crash(course):
    from skinlab.quiz import Quiz, QuizError
    plant_stale_quiz_key(course)
    plant_unreadable_quiz_bank(course)
    report = audit.run(course)
    bad = {p["where"]: p["message"] for p in report["problems"] if p["kind"] == "bad-quiz"}
    assert set(bad) == {"skinlab/quizzes/00_start_here.yaml", "skinlab/quizzes/99_broken.yaml",
                        "skinlab/quizzes/final_assessment.yaml"}  # it asks 00's questions
    assert bad["skinlab/quizzes/final_assessment.yaml"].startswith(
        "quiz bank final_assessment: question n00-probe-cheek: quiz bank 00_start_here: "
        "question probe-cheek: stale key")
    with pytest.raises(QuizError) as err:
        Quiz.from_bank("00_start_here", folder=course / "skinlab" / "quizzes")
    assert bad["skinlab/quizzes/00_start_here.yaml"] == str(err.value)
    assert "probe-cheek: stale key" in bad["skinlab/quizzes/00_start_here.yaml"]
    assert "not valid YAML" in bad["skinlab/quizzes/99_broken.yaml"]
    assert "00_start_here" not in report["objectives"] and "99_broken" not in report["objectives"]
    assert report["quiz_questions"]["00_start_here"] == len(  # still counted: the file reads
        Quiz.from_bank("00_start_here").questions)
    assert set(report["objectives"]) == {p.stem for p in (ROOT / "skinlab/quizzes").glob("*.yaml")
                                         } - {"00_start_here", "final_assessment"}


def test_a_bank_edited_after_an_audit_is_read_again_by_the_next(course):
    """The banks a final assessment refers to are cached per file version, not per folder."""
    assert audit.run(course)["problems"] == []
    plant_stale_quiz_key(course)
    bad = {p["where"] for p in audit.run(course)["problems"] if p["kind"] == "bad-quiz"}
    assert bad == {"skinlab/quizzes/00_start_here.yaml", "skinlab/quizzes/final_assessment.yaml"}


def test_a_bank_that_is_not_a_mapping_is_a_problem_too(course):
    (course / "skinlab/quizzes/98_list.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    report = audit.run(course)
    [problem] = [p for p in report["problems"] if p["kind"] == "bad-quiz"]
    assert problem["where"].endswith("98_list.yaml") and "98_list" in problem["message"]
    assert "98_list" not in report["objectives"] and "98_list" not in report["quiz_questions"]


def test_a_failing_model_is_reported_not_swallowed(monkeypatch):
    from skinlab import anatomy
    from skinlab.data import dataset

    def broken(site):
        raise RuntimeError("boom")

    monkeypatch.setattr(anatomy, "layers_at", broken)
    failures: list[str] = []
    audit.known_numbers(dataset(), failures)
    assert failures == ["the anatomy model failed: RuntimeError: boom"]
