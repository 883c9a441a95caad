"""Re-execute the course notebooks in place, from a fresh kernel, the way CI compares them.

Each notebook runs in its own folder with the standard ``python3`` kernel, ``PYTHONHASHSEED=0``
and ``SKINLAB_PROGRESS`` pointed at a throw-away file, so the learner's record is never touched.
The widget state that execution produces is kept in the notebook's metadata, so JupyterLab can
draw every widget before the notebook is run again.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def execute_notebook(path: str | Path, timeout: int = 600) -> None:
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    with tempfile.TemporaryDirectory(prefix="skinlab-exec-") as tmp:
        saved = {k: os.environ.get(k) for k in ("SKINLAB_PROGRESS", "PYTHONHASHSEED",
                                                "MPLBACKEND")}
        os.environ["SKINLAB_PROGRESS"] = str(Path(tmp) / "progress.json")
        os.environ["PYTHONHASHSEED"] = "0"
        os.environ.pop("MPLBACKEND", None)
        try:
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}},
                                    store_widget_state=True, record_timing=False)
            client.execute()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": info.get("name", "python"),
                                    "pygments_lexer": info.get("pygments_lexer", "ipython3")}
    nbformat.write(nb, path)


def execute_all(folder: str | Path) -> list[Path]:
    done = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        print(f"executing {path.name}", flush=True)
        execute_notebook(path)
        done.append(path)
    return done
