"""Re-execute the course notebooks in place, from a fresh kernel, the way CI compares them.

Each notebook runs in its own folder with the standard ``python3`` kernel, ``PYTHONHASHSEED=0``
and ``SKINLAB_PROGRESS`` pointed at a throw-away file, so the learner's record is never touched.
The widget state that execution produces is kept in the notebook's metadata, so JupyterLab can
draw every widget before the notebook is run again. The kernel's ``language_info`` is kept whole
and folded outputs carry ``collapsed`` as well as ``jupyter.outputs_hidden``: JupyterLab would
otherwise add them on opening, and a notebook left untouched would show as modified.

After the last cell, one more cell (never saved) asks the kernel which data values the notebook
read (``skinlab.data.reads()``); ``execute_all`` writes them to ``data_reads.json`` beside the
notebooks, and the audit reports from it how many of each notebook's values are estimated,
assumptions or placeholders.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
READS_FILE = "data_reads.json"
_READS_CELL = "import json as _j, skinlab.data as _d; print(_j.dumps(_d.reads()))"


def _reads_from(cell) -> list[str]:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            return list(json.loads(out["text"]))
    raise RuntimeError("the kernel did not report which data values the notebook read")


def execute_notebook(path: str | Path, timeout: int = 600, save: bool = True) -> list[str]:
    """Execute one notebook from a fresh kernel; return the data values it read.

    With ``save=False`` the notebook file is left as it was (tests use this to check
    ``data_reads.json`` without touching the committed outputs).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.cells.append(nbformat.v4.new_code_cell(_READS_CELL))
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
            reads = _reads_from(nb.cells.pop())
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    # language_info stays as the kernel reported it, and a folded output is marked both ways
    # JupyterLab reads it: a notebook opened and left alone is then not modified.
    for cell in nb.cells:
        if cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden"):
            cell.metadata["collapsed"] = True
    if save:
        nbformat.write(nb, path)
    return reads


def write_reads(folder: str | Path, reads: dict[str, list[str]]) -> Path:
    """``data_reads.json``: for each notebook, the data values it read, sorted."""
    path = Path(folder) / READS_FILE
    path.write_text(json.dumps({k: sorted(v) for k, v in sorted(reads.items())}, indent=1,
                               ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
    return path


def execute_all(folder: str | Path) -> list[Path]:
    done, reads = [], {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        print(f"executing {path.name}", flush=True)
        reads[path.name] = execute_notebook(path)
        done.append(path)
    if done:
        write_reads(folder, reads)
    return done
