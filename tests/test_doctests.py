"""Every module's doctests run and pass, and their number never falls (issue: documented and
typed).

The examples in the docstrings are part of the course's reference: each shows a real, computed
output. They run with ``NORMALIZE_WHITESPACE`` and ``ELLIPSIS`` (a long table or sentence is
shown in part, ending in ``...``), in a temporary working folder, with ``SKINLAB_PROGRESS``
pointing at a temporary file that must stay empty: no example records an answer, touches the
learner's own record or reaches the network. Every module imports without a display or a kernel,
so none is skipped.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import skinlab

FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
# The examples across the package when this test was written; removing examples fails the count
# test, adding some is welcome (raise this number with them).
MIN_EXAMPLES = 362

# skinlab.progresspanel is the old name of skinlab.progress.view, kept with a DeprecationWarning.
OLD_NAME = "ignore:skinlab.progresspanel moved:DeprecationWarning"

MODULES = ["skinlab"] + sorted(m.name for m in pkgutil.walk_packages(skinlab.__path__,
                                                                       "skinlab."))


def _tests(module: ModuleType) -> list[doctest.DocTest]:
    """The module's own doctests (objects imported from elsewhere are left to their module)."""
    return [t for t in doctest.DocTestFinder().find(module, module.__name__) if t.examples]


@pytest.fixture
def private_record(tmp_path, monkeypatch):
    """A temporary working folder and progress record for the examples; yields the record's
    path."""
    record = tmp_path / "progress.json"
    monkeypatch.setenv("SKINLAB_PROGRESS", str(record))
    monkeypatch.chdir(tmp_path)
    return record


@pytest.mark.filterwarnings(OLD_NAME)
@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name, private_record):
    from skinlab.progress import store

    module = importlib.import_module(name)
    assert store.path() == private_record  # never the learner's own record
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    for test in _tests(module):
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(report)
    assert store.answers() == [], "an example recorded an answer"


@pytest.mark.filterwarnings(OLD_NAME)
def test_the_examples_do_not_dwindle():
    count = sum(len(t.examples) for name in MODULES
                for t in _tests(importlib.import_module(name)))
    assert count >= MIN_EXAMPLES, (f"{count} doctest examples across skinlab, fewer than "
                                   f"{MIN_EXAMPLES}: put back the examples that were removed")
