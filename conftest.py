"""Set-up for every pytest run in this checkout: the tests, and nbval on the notebooks.

- Nothing a test or a notebook runs touches the learner's progress record: it goes to a temporary
  file (set before any kernel starts; nbval's kernels inherit this environment).
- ``make test`` runs ``pytest -n 2 --dist loadscope --no-loadscope-reorder tests notebooks``: a
  scope is a test module or a notebook, so each notebook's cells run in order in one kernel on
  one worker, and each browser module's tests share one JupyterLab server and one browser. The
  scopes are handed out in the order :func:`pytest_collection_modifyitems` sets: the browser
  modules first (the longest: one starts on each process at once), then the others, those with
  more tests first (what pytest-xdist's own reordering would do).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = tempfile.mkdtemp(prefix="skinlab-tests-")
os.environ["SKINLAB_PROGRESS"] = str(Path(_TMP) / "progress.json")
os.environ["PYTHONHASHSEED"] = "0"
os.environ.pop("MPLBACKEND", None)


def pytest_collection_modifyitems(config, items) -> None:
    """Browser modules first, then modules (and notebooks) with more items first; items keep
    their order within a module."""
    modules: dict[str, list] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def cost(group: list) -> tuple[int, int]:
        browser = any(item.get_closest_marker("browser") for item in group)
        return (0 if browser else 1, -len(group))

    items[:] = [item for group in sorted(modules.values(), key=cost) for item in group]
