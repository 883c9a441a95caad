"""`make lab`: the learner's folder is filled once and never overwritten, and the server answers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from skinlab.tools import workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def course(tmp_path: Path) -> Path:
    src = tmp_path / "course"
    (src / "notebooks").mkdir(parents=True)
    (src / "exercises" / "student").mkdir(parents=True)
    (src / "notebooks" / "00_start_here.ipynb").write_text('{"v": 1}')
    (src / "exercises" / "student" / "01_ex.ipynb").write_text('{"ex": 1}')
    return src


def test_first_sync_copies_everything(course, tmp_path):
    target = tmp_path / "mine"
    report = workspace.sync(course, target)
    assert sorted(report.copied) == ["00_start_here.ipynb", "exercises/01_ex.ipynb"]
    assert _json(target / "00_start_here.ipynb") == {
        "v": 1, "metadata": {"language_info": workspace.language_info()}}
    assert any("Your work is kept in" in line for line in report.lines(target))


def _json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_copy_says_which_python_runs_it_and_is_otherwise_the_course_file(tmp_path):
    """JupyterLab writes the kernel's language_info into a notebook it opens: a copy that
    already carries this Python's is not modified by being opened."""
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    real = ROOT / "notebooks" / "01_skin_layers.ipynb"
    nb = _json(real)
    nb["metadata"]["language_info"] = {"name": "python", "version": "3.0.0"}
    (course / "notebooks" / real.name).write_text(json.dumps(nb), encoding="utf-8")
    workspace.sync(course, tmp_path / "mine")
    copy = _json(tmp_path / "mine" / real.name)
    info = copy["metadata"].pop("language_info")
    assert info == workspace.language_info() and info["version"] != "3.0.0"
    nb["metadata"].pop("language_info")
    assert copy == nb


def test_learners_changes_are_never_overwritten(course, tmp_path):
    target = tmp_path / "mine"
    workspace.sync(course, target)
    (target / "00_start_here.ipynb").write_text("my notes")
    report = workspace.sync(course, target)
    assert (target / "00_start_here.ipynb").read_text() == "my notes"
    assert report.copied == [] and report.updates == []


def test_a_newer_course_version_is_saved_beside_with_a_message(course, tmp_path):
    target = tmp_path / "mine"
    workspace.sync(course, target)
    (target / "00_start_here.ipynb").write_text("my notes")
    (course / "notebooks" / "00_start_here.ipynb").write_text('{"v": 2}')
    report = workspace.sync(course, target)
    assert (target / "00_start_here.ipynb").read_text() == "my notes"
    [(mine, new)] = report.updates
    assert _json(target / new)["v"] == 2
    assert "course update" in new
    assert any("newer than your copy" in line for line in report.lines(target))
    again = workspace.sync(course, target)  # no second copy of the same update
    assert again.updates == []


def test_a_corrupt_manifest_is_reported_and_nothing_is_lost(course, tmp_path):
    target = tmp_path / "mine"
    workspace.sync(course, target)
    (target / "00_start_here.ipynb").write_text("my notes")
    (target / workspace.MANIFEST).write_text("{not json")
    report = workspace.sync(course, target)
    assert report.warnings and "could not be read" in report.warnings[0]
    assert (target / "00_start_here.ipynb").read_text() == "my notes"
    json.loads((target / workspace.MANIFEST).read_text())  # a fresh, valid record


def test_lab_settings_turn_off_the_news(tmp_path):
    path = workspace.write_lab_settings(tmp_path)
    settings = json.loads(path.read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    # every cell laid out, so a link to a notebook's glossary lands on it
    assert settings["@jupyterlab/notebook-extension:tracker"]["windowingMode"] == "none"
    # a teacher's own settings in the same file are kept
    settings["@jupyterlab/notebook-extension:tracker"]["codeCellConfig"] = {"lineNumbers": True}
    path.write_text(json.dumps(settings))
    again = json.loads(workspace.write_lab_settings(tmp_path).read_text())
    assert again["@jupyterlab/notebook-extension:tracker"] == {
        "codeCellConfig": {"lineNumbers": True}, "windowingMode": "none"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_lab(target: Path, port: int, token: str) -> subprocess.Popen:
    args = f"--no-browser --ip 127.0.0.1 --port {port} --ServerApp.token={token}"
    return subprocess.Popen(["make", "--no-print-directory", "lab", f"MY_WORK={target}",
                             f"LAB_ARGS={args}"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _stop(proc: subprocess.Popen) -> str:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out


def _wait_for_api(port: int, token: str, proc: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"make lab exited early:\n{proc.stdout.read()}")
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
                return json.loads(r.read())
        except OSError:
            time.sleep(0.5)
    raise AssertionError("JupyterLab did not answer within 90 s")


@pytest.mark.kernel
def test_make_lab_serves_the_course_and_keeps_changes_on_a_second_run(tmp_path):
    target, token = tmp_path / "my-work", "skinlab-test-token"
    port = _free_port()
    proc = _start_lab(target, port, token)
    try:
        status = _wait_for_api(port, token, proc)
        assert "started" in status
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/"
                                    f"00_start_here.ipynb?token={token}&content=0") as r:
            assert json.loads(r.read())["type"] == "notebook"
    finally:
        out = _stop(proc)
    assert "Your work is kept in" in out
    mine = target / "00_start_here.ipynb"
    mine.write_text("the learner's own version")
    port = _free_port()
    proc = _start_lab(target, port, token)
    try:
        _wait_for_api(port, token, proc)
    finally:
        _stop(proc)
    assert mine.read_text() == "the learner's own version"
