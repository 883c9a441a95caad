"""Exercises: one source with solutions, generated learner versions, and checks that give
specific, friendly feedback."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from skinlab import anatomy, student, workspace
from skinlab.check import check_sites_in_epidermis, check_thickness_um

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises").glob("*.ipynb"))


def _run(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", out.get("evalue")
            texts.append(out.get("text") or "".join(out.get("data", {}).get("text/plain", "")))
    return texts


def test_there_is_an_exercise_for_notebook_01():
    assert any(p.name.startswith("01_") for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_learner_version_is_up_to_date(source):
    expected = student.render(student.learner_version(json.loads(source.read_text()),
                                                      source.name))
    committed = source.parent / "student" / source.name
    assert committed.exists(), "run make student"
    assert committed.read_text() == expected, "learner version is stale: run make student"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_learner_version_has_no_solution(source):
    learner = (source.parent / "student" / source.name).read_text()
    assert "BEGIN SOLUTION" not in learner and "Your turn" in learner


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_solutions_pass_every_check(source):
    checks = [t for t in _run(source) if t.startswith(("Correct", "Not yet"))]
    assert checks and all(t.startswith("Correct") for t in checks), checks


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_learner_version_runs_and_says_not_yet(source):
    checks = [t for t in _run(source.parent / "student" / source.name)
              if t.startswith(("Correct", "Not yet"))]
    assert checks and all(t.startswith("Not yet") for t in checks), checks


def test_strip_solutions_rejects_broken_markers():
    assert student.strip_solutions("a = ...\n# BEGIN SOLUTION\na = 1\n# END SOLUTION\nb") == \
        f"a = ...\n{student.PROMPT}\nb"
    for bad in ("# BEGIN SOLUTION\nx", "# END SOLUTION", "# BEGIN SOLUTION\n# BEGIN SOLUTION"):
        with pytest.raises(ValueError):
            student.strip_solutions(bad)


def test_make_lab_copies_the_learner_versions(tmp_path):
    workspace.sync(ROOT, tmp_path)
    for source in SOURCES:
        copied = (tmp_path / "exercises" / source.name).read_text()
        assert "Your turn" in copied and "BEGIN SOLUTION" not in copied


# -- the checks' feedback -----------------------------------------------------------------------

RIGHT = [s for s in anatomy.sites() if anatomy.layer_at_depth(s, 300).key in
         ("stratum_corneum", "viable_epidermis")]


@pytest.mark.parametrize("answer, words", [
    (..., "replace the ..."),
    (None, "your answer is None"),
    (42, "not a int"),
    ([1, 2], "must be a site name"),
    (["chin"], "'chin' is not a body site"),
    (RIGHT + ["cheek"], "already in the"),
    (RIGHT[:-1], "you missed"),
])
def test_sites_check_gives_a_specific_hint(answer, words):
    feedback = check_sites_in_epidermis(answer, 300)
    assert not feedback.passed and feedback.message.startswith("Not yet")
    assert words in feedback.message


def test_sites_check_accepts_the_right_answer_in_any_order_and_case():
    assert check_sites_in_epidermis([s.upper() for s in reversed(RIGHT)], 300).passed


def _forearm_viable():
    return next(x for x in anatomy.layers_at("forearm") if x.key == "viable_epidermis")


@pytest.mark.parametrize("answer, words", [
    (..., "replace the ..."), (None, "None"), ("57", "give a number"),
    (float("nan"), "not a finite number"),
    (_forearm_viable().thickness_um / 1000, "looks like millimetres"),
    (_forearm_viable().bottom_um, "where the viable epidermis"),
    (1234.0, "is not the thickness"),
])
def test_thickness_check_gives_a_specific_hint(answer, words):
    feedback = check_thickness_um(answer, "forearm", "viable_epidermis")
    assert not feedback.passed and words in feedback.message


def test_thickness_check_accepts_the_model_value():
    assert check_thickness_um(_forearm_viable().thickness_um, "forearm", "viable_epidermis")
