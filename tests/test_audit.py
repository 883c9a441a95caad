"""The audit passes on the course and catches each kind of planted problem."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from skinlab import audit

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


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the course's notebooks, data and sanitize file, to plant problems in."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "skinlab" / "data", tmp_path / "skinlab" / "data",
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / audit.SANITIZE_FILE, tmp_path / audit.SANITIZE_FILE)
    assert audit.run(tmp_path)["problems"] == []  # clean before planting
    return tmp_path


def _edit_yaml(path: Path, change) -> None:
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(tree)
    path.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")


def _add_cell(course: Path, cell: dict) -> None:
    path = course / "notebooks" / "00_start_here.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append(cell)
    path.write_text(json.dumps(nb), encoding="utf-8")


def plant_value_without_source(course):
    _edit_yaml(course / "skinlab/data/layers.yaml",
               lambda t: t["sites"]["cheek"]["dermis"].pop("source"))


def plant_unused_source(course):
    _edit_yaml(course / "skinlab/data/references.yaml", lambda t: t.update(
        orphan2020={"authors": "Orphan A", "year": 2020, "title": "Never cited",
                    "doi": "10.0000/none"}))


def plant_unknown_key(course):
    _edit_yaml(course / "skinlab/data/layers.yaml",
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


@pytest.mark.parametrize("plant, kind", [
    (plant_value_without_source, "missing-source"),
    (plant_unused_source, "unused-source"),
    (plant_unknown_key, "unknown-source"),
    (plant_ignored_cell_without_widget, "ignored-cell-without-widget"),
    (plant_sanitize_rule_matching_a_sentence, "sanitize-matches-describe"),
    (plant_unsourced_number, "unsourced-number"),
])
def test_audit_catches_each_planted_problem(course, plant, kind, capsys):
    plant(course)
    report = audit.run(course)
    assert kind in {p["kind"] for p in report["problems"]}
    assert audit.main(course) == 1
    printed = json.loads(capsys.readouterr().out)
    assert any(p["kind"] == kind for p in printed["problems"])


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
