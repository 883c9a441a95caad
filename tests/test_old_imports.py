"""What notebooks, exercises and learners' saved copies of the previous release import keeps
working after the package layout (issue 24): every name in tests/data/previous_release_imports.txt
imports, the quiz facade still shows a widget, and the moved progress panel answers under its
old name with a DeprecationWarning."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = [line.split(":", 1) for line in
         (ROOT / "tests" / "data" / "previous_release_imports.txt").read_text(encoding="utf-8")
         .splitlines() if line and not line.startswith("#")]


def test_the_list_covers_what_the_course_imports():
    assert len(NAMES) >= 40
    modules = {m for m, _ in NAMES}
    assert {"skinlab", "skinlab.quiz", "skinlab.check", "skinlab.explore",
            "skinlab.progresspanel"} <= modules


@pytest.mark.parametrize("module, name", NAMES, ids=[":".join(n) for n in NAMES])
def test_a_name_of_the_previous_release_still_imports(module, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        mod = importlib.import_module(module)
        assert not name or hasattr(mod, name) or importlib.import_module(f"{module}.{name}")


def test_the_quiz_facade_sits_above_the_model_and_the_view():
    from skinlab.quiz import Quiz
    from skinlab.quiz import bank
    quiz = Quiz.from_bank("00_start_here")
    assert isinstance(quiz, bank.Quiz) and not hasattr(bank.Quiz, "widget")
    box = quiz.widget("how-to")
    assert box.children  # a widget, as notebooks show it


def test_the_old_progress_panel_name_warns_and_works():
    code = ("import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
            "try:\n    import skinlab.progresspanel\nexcept DeprecationWarning as w:\n"
            "    print('warned:', w)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert "warned: skinlab.progresspanel moved to skinlab.progress.view" in out.stdout
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from skinlab import progresspanel
    from skinlab.progress import view
    assert progresspanel.summary_text is view.summary_text
