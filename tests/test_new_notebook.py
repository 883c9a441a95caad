"""``python -m skinlab new-notebook NN slug``: a skeleton notebook, its starter quiz bank and its
notebooks.yaml entry that pass the course's own rules; bad input is refused before anything is
written, and nothing that exists is overwritten."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

from skinlab.data import load_yaml
from skinlab.quiz import QUIZ_DIR, Quiz
from skinlab.tools import newnotebook as nn
from skinlab.tools.nbcells import generated

YAML = ROOT / nn.NOTEBOOKS_YAML
# The first free number (07 in a course of 00-06) and the one after it.
FREE, AFTER = [f"{n:02d}" for n in range(100) if f"{n:02d}" not in nn.used_numbers(ROOT)][:2]
NAME = f"{FREE}_example_topic"


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` and a hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def names_only(tmp_path: Path) -> Path:
    """A course as new-notebook's checks see it: notebooks.yaml, the quiz banks and the notebooks'
    names (empty files)."""
    (tmp_path / nn.NOTEBOOKS_YAML).parent.mkdir(parents=True)
    shutil.copy(YAML, tmp_path / nn.NOTEBOOKS_YAML)
    shutil.copytree(QUIZ_DIR, tmp_path / nn.QUIZZES)
    (tmp_path / nn.NOTEBOOKS).mkdir()
    for path in (ROOT / nn.NOTEBOOKS).glob("*.ipynb"):
        (tmp_path / nn.NOTEBOOKS / path.name).touch()
    return tmp_path


@pytest.mark.parametrize("number, slug, title, words", [
    ("7", "example_topic", None, "must be two digits, such as 07; got '7'"),
    ("007", "example_topic", None, "must be two digits"),
    ("0x", "example_topic", None, "must be two digits"),
    ("03", "example_topic", None, "notebook number 03 is already used"),
    ("00", "example_topic", None, f"the next free one is {FREE}"),
    (FREE, "Example-Topic", None, "the slug must be lowercase letters, digits and underscores"),
    (FREE, "2nd_topic", None, "starting with a letter"),
    (FREE, "topic_", None, "got 'topic_'"),
    (FREE, "example_topic", "A | B", "without '|'"),
])
def test_bad_input_is_refused_with_a_clear_message_and_writes_nothing(names_only, number, slug,
                                                                       title, words):
    before = _snapshot(names_only)
    with pytest.raises(ValueError) as err:
        nn.new_notebook(names_only, number, slug, title)
    assert words in str(err.value)
    assert _snapshot(names_only) == before


def test_an_existing_file_is_never_overwritten(names_only):
    (names_only / nn.QUIZZES / f"{NAME}.yaml").write_text("kept\n", encoding="utf-8")
    before = _snapshot(names_only)
    with pytest.raises(ValueError, match="already used"):
        nn.new_notebook(names_only, FREE, "example_topic")
    (names_only / nn.QUIZZES / f"{NAME}.yaml").unlink()
    (names_only / nn.NOTEBOOKS / f"{AFTER}_example_topic.ipynb").touch()
    with pytest.raises(ValueError, match="already used"):
        nn.new_notebook(names_only, AFTER, "example_topic")
    assert FREE not in nn.used_numbers(names_only) and AFTER in nn.used_numbers(names_only)
    assert before["skinlab/data/notebooks.yaml"] == _snapshot(names_only)[
        "skinlab/data/notebooks.yaml"]


def test_a_course_this_package_does_not_belong_to_is_refused(names_only):
    """The generated text and the kernel read the running package's data and banks: a course
    elsewhere would get another course's text, so nothing is written."""
    before = _snapshot(names_only)
    with pytest.raises(ValueError, match="not the one this skinlab package belongs to"):
        nn.new_notebook(names_only, FREE, "example_topic")
    assert _snapshot(names_only) == before


def test_the_entry_is_appended_after_the_last_notebook_and_every_line_kept():
    old = YAML.read_text(encoding="utf-8")
    entry = nn.entry_text(FREE, NAME, "Example topic", ["egawa2007", "chopra2015"])
    new = nn.append_entry(old, entry)
    old_lines, new_lines, added = old.splitlines(), new.splitlines(), entry.splitlines()
    at = next(i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b)
    assert new_lines[at:at + len(added)] == added
    assert new_lines[:at] + new_lines[at + len(added):] == old_lines  # comments and layout kept
    assert old_lines[at - 1].strip() and not old_lines[at - 1].startswith("#")  # after 06's entry
    assert old_lines[at + 1].startswith("# The disclaimer")  # the next key keeps its comment
    before, after = load_yaml(old), load_yaml(new)
    assert list(after["notebooks"])[-1] == FREE
    assert after["notebooks"].pop(FREE)["sections"] == {nn.PREDICTION: nn.HEADING,
                                                        nn.SECTION: nn.HEADING}
    assert after == before
    # a course whose notebooks come last, without a final newline
    tail = nn.append_entry("notebooks:\n  \"00\":\n    file: a.ipynb", entry)
    assert list(load_yaml(tail)["notebooks"]) == ["00", FREE]


def test_the_final_assessment_gains_two_of_the_starter_s_questions_and_keeps_every_line():
    old = (ROOT / nn.FINAL).read_text(encoding="utf-8")
    new = nn.append_final(old, nn.final_entry_text(FREE, NAME))
    assert new.startswith(old.rstrip("\n") + "\n") and new.endswith("\n")
    before, after = load_yaml(old), load_yaml(new)
    added = after["questions"][len(before["questions"]):]
    assert after["questions"][:len(before["questions"])] == before["questions"]
    assert [(q["id"], q["ref"]) for q in added] == [
        (f"n{FREE}-{qid}", {"bank": NAME, "id": qid}) for qid in nn.FINAL_QUESTIONS]
    # the starter bank holds both, and both are scored (the final counts them)
    quiz = Quiz(NAME, load_yaml(nn.bank_text(FREE, "Example topic", ["00", "06"],
                                             "01_skin_layers")), QUIZ_DIR)
    assert all(quiz.question(qid).scored for qid in nn.FINAL_QUESTIONS)
    with pytest.raises(ValueError, match="not its last key"):
        nn.append_final("questions:\n  - {id: a}\nextra: 1\n", "  - {id: b}\n")
    with pytest.raises(ValueError, match="no 'questions:' list"):
        nn.append_final("title: t\n", "  - {id: b}\n")


def test_the_starter_bank_passes_the_course_rules_and_states_no_fact_of_its_own():
    raw = load_yaml(nn.bank_text(FREE, "Example topic", ["00", "06"], "01_skin_layers"))
    quiz = Quiz(NAME, raw, QUIZ_DIR)
    assert all(len(ids) >= 2 for ids in quiz.objective_map().values())
    assert sum(q.model_checked for q in quiz.questions) >= 2
    own = [q for q in quiz.questions if q.kind != "reference"]
    assert not [q.id for q in own if q.sources]  # no source: it cites nothing
    assert {q.record_key()[0] for q in quiz.questions if q.kind == "reference"} == {
        "01_skin_layers"}
    which = quiz.question("which-notebook")
    assert next(o["text"] for o in which.options if o.get("correct")) == f"notebook {FREE}"
    assert "not medical advice" in next(r["text"] for r in quiz.question("own-skin").reasons
                                        if r.get("correct"))


def test_the_skeleton_carries_every_generated_cell_in_place():
    cells = nn.skeleton(FREE, NAME, "Example topic")["cells"]
    kinds = [generated(c) for c in cells]
    assert kinds[1:4] == ["disclaimer", "status-legend", "objectives"]
    assert kinds[-3:] == ["glossary", "references", "disclaimer-end"]
    assert cells[0]["source"].startswith(f"# {FREE} · Example topic\n")
    code = "\n".join(c["source"] for c in cells if c["cell_type"] == "code")
    assert set(re.findall(r"^from (\S+) import", code, re.M)) == {"skinlab", "skinlab.quiz"}
    assert all(nn.TO_WRITE in c["source"] for c in cells
               if c["cell_type"] == "markdown" and c["source"].startswith(("# ", "## ")))


# -- the whole command, in a copy of the course ---------------------------------------------------

# The suite's rules that iterate the notebooks or the banks (selected by the new number), and the
# course-wide ones a new notebook or bank enters.
SUITE = ["tests/test_notebooks.py", "tests/test_main_path.py", "tests/test_generated_text.py",
         "tests/test_language.py", "tests/test_status_markers.py", "tests/test_notebooktext.py",
         "tests/test_quiz.py", "tests/test_references.py", "tests/test_question_quality.py",
         "tests/test_facts.py", "tests/test_quiz_kinds.py"]
COURSE_WIDE = ["rarely_the_longest", "long_list_to_memorise", "every_notebook_is_current",
               "course_map_and_glossary", "never_left_intact", "what_each_notebook_asks",
               "final_assessment", "readme_counts"]


def _copy_course(dest: Path) -> Path:
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info")
    for folder in ("notebooks", "skinlab", "tests"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=skip)
    for name in ("pyproject.toml", "README.md", "CONTRIBUTING.md", "TEACHING.md"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def _run(course: Path, *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    """A command with the copy's skinlab first on the path (its kernels inherit it)."""
    # compiled modules go beside the copy, not into it (the test compares the copy's files), and
    # are reused by the next command instead of compiled again
    env = dict(os.environ, PYTHONPATH=str(course), PYTHONHASHSEED="0",
               PYTHONPYCACHEPREFIX=str(course.parent / "pycache"),
               SKINLAB_PROGRESS=str(course / "progress.json"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run([sys.executable, *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.slow
@pytest.mark.kernel
def test_a_new_notebook_passes_the_course_rules_in_a_copy_of_the_course(tmp_path):
    course = _copy_course(tmp_path / "course")
    before = _snapshot(course)

    bad = _run(course, "-m", "skinlab", "new-notebook", FREE, "Example-Topic")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("new-notebook: the slug must be lowercase letters")
    assert _snapshot(course) == before

    made = _run(course, "-m", "skinlab", "new-notebook", FREE, "example_topic")
    assert made.returncode == 0, made.stderr[-3000:]
    name = NAME
    notebook, bank = course / "notebooks" / f"{name}.ipynb", course / nn.QUIZZES / f"{name}.yaml"
    assert notebook.exists() and bank.exists()
    for line in (f"wrote notebooks/{name}.ipynb", f"wrote skinlab/quizzes/{name}.yaml",
                 "updated skinlab/data/notebooks.yaml", f"make execute NB={name}", "make test"):
        assert line in made.stdout, made.stdout
    assert str(tmp_path) not in made.stdout
    entry = load_yaml((course / nn.NOTEBOOKS_YAML).read_text(encoding="utf-8"))["notebooks"][FREE]
    assert (entry["file"], entry["bank"], entry["status"]) == (f"{name}.ipynb", name, "ready")
    old = YAML.read_text(encoding="utf-8").splitlines()
    new = (course / nn.NOTEBOOKS_YAML).read_text(encoding="utf-8").splitlines()
    ops = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    assert {op[0] for op in ops} == {"equal", "insert"}  # appended: every line kept, in order
    quiz = Quiz.from_bank(name, folder=course / nn.QUIZZES)
    assert quiz.sections() == [nn.PREDICTION, nn.SECTION]
    changed = {k for k, v in _snapshot(course).items() if before.get(k) != v}
    assert changed <= {f"notebooks/{name}.ipynb", f"skinlab/quizzes/{name}.yaml",
                       "skinlab/data/notebooks.yaml", "notebooks/data_reads.json",
                       "skinlab/quizzes/final_assessment.yaml",  # two of its questions
                       "notebooks/00_start_here.ipynb",  # 00: the course map's new row
                       "README.md", "CONTRIBUTING.md"}  # the course-times sentence
    from skinlab.tools import notebooktext as nt
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert f"{FREE} about" in readme.split(nt.TIMES_START)[1].split(nt.TIMES_END)[0]
    final = load_yaml((course / nn.FINAL).read_text(encoding="utf-8"))["questions"]
    assert final[:-2] == load_yaml((ROOT / nn.FINAL).read_text(encoding="utf-8"))["questions"]
    assert [q["ref"] for q in final[-2:]] == [{"bank": name, "id": q} for q in nn.FINAL_QUESTIONS]
    count = readme.split(nt.FINAL_START)[1].split(nt.FINAL_END)[0]
    assert count.startswith(f"{len(final)} questions from every notebook"), count
    assert name + ".ipynb" in json.loads(
        (course / "notebooks" / "data_reads.json").read_text(encoding="utf-8"))

    again = _run(course, "-m", "skinlab", "new-notebook", FREE, "other_topic")
    assert again.returncode == 1 and f"notebook number {FREE} is already used" in again.stderr
    assert "Traceback" not in again.stderr

    audit = _run(course, "-m", "skinlab", "audit")
    problems = json.loads(audit.stdout)["problems"]
    ours = [p for p in problems if FREE in p["where"] or p["kind"] in (
        "stale-notebook-text", "data-reads", "bad-quiz", "objective-unassessed")]
    assert ours == [], ours

    # the suite's own rules for the new notebook and its bank, and nbval on it, as make test runs
    # them (the copy's pytest configuration: --nbval with the sanitize file)
    suite = _run(course, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUITE,
                 f"notebooks/{name}.ipynb", "-m", "not slow and not kernel and not browser",
                 "-k", " or ".join([FREE, *COURSE_WIDE]))
    assert suite.returncode == 0, suite.stdout[-4000:]
    passed = int(re.search(r"(\d+) passed", suite.stdout).group(1))
    assert passed >= 35 and "failed" not in suite.stdout, suite.stdout[-2000:]
