"""Set-up for every pytest run in this checkout: the tests, and nbval on the notebooks.

- Nothing a test or a notebook runs touches the learner's progress record: it goes to a temporary
  file (set before any kernel starts; nbval's kernels inherit this environment).
- ``make test`` runs ``pytest -n 2 --dist loadscope tests notebooks``: a scope is a test module
  or a notebook, so each notebook's cells run in order in one kernel on one worker, and the
  browser tests share one JupyterLab server and one browser.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = tempfile.mkdtemp(prefix="skinlab-tests-")
os.environ["SKINLAB_PROGRESS"] = str(Path(_TMP) / "progress.json")
os.environ["PYTHONHASHSEED"] = "0"
os.environ.pop("MPLBACKEND", None)
