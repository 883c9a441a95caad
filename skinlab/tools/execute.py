"""Re-execute the course notebooks in place, from a fresh kernel, the way CI compares them.

Each notebook runs in its own folder with the standard ``python3`` kernel, ``PYTHONHASHSEED=0``
and ``SKINLAB_PROGRESS`` pointed at a throw-away file, so the learner's record is never touched.
The widget state that execution produces is kept in the notebook's metadata, so JupyterLab can
draw every widget before the notebook is run again. The kernel's ``language_info`` is kept whole
and folded outputs carry ``collapsed`` as well as ``jupyter.outputs_hidden``: JupyterLab would
otherwise add them on opening, and a notebook left untouched would show as modified.

Re-executing an unchanged notebook changes no line of it: the kernel names each widget model with
a random id, so :func:`stable_widget_ids` renames every model after the notebook and the model's
place (reached from the cells' outputs, in order, then through each model's references); the
figures are drawn with fixed settings and carry no timestamp; execution times are not recorded.

After the last cell, one more cell (never saved) asks the kernel which data values the notebook
read (``skinlab.data.reads()``); ``execute_all`` writes them to ``data_reads.json`` beside the
notebooks, and the audit reports from it how many of each notebook's values are estimated,
assumptions or placeholders.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
READS_FILE = "data_reads.json"
_READS_CELL = "import json as _j, skinlab.data as _d; print(_j.dumps(_d.reads()))"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")
_ID = re.compile(r"[0-9a-f]{32}")


def merge_streams(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive stream outputs of one stream joined into one: the kernel may send a printed
    line in one message or in two, depending on timing; the saved notebook should not.

    >>> merge_streams([{"output_type": "stream", "name": "stdout", "text": "a"},
    ...                {"output_type": "stream", "name": "stdout", "text": "b\\n"}])
    [{'output_type': 'stream', 'name': 'stdout', 'text': 'ab\\n'}]
    """
    merged: list[dict[str, Any]] = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (last is not None and out.get("output_type") == "stream"
                and last.get("output_type") == "stream" and last.get("name") == out.get("name")):
            text = last["text"] if isinstance(last["text"], str) else "".join(last["text"])
            more = out["text"] if isinstance(out["text"], str) else "".join(out["text"])
            merged[-1] = {**last, "text": text + more}
        else:
            merged.append(out)
    return merged


def stable_widget_ids(nb: dict[str, Any], name: str) -> dict[str, Any]:
    """The notebook with every widget model renamed after ``name`` and the model's place.

    Models are numbered as they are reached: from the widget outputs, cell by cell, then depth
    first through the ``IPY_MODEL_`` references of each model's state (keys in sorted order), so
    the same notebook executed twice numbers them the same way. Model ``i`` is named by the first
    32 hex digits of ``sha256("<name>/<i>")``. Models no output reaches are numbered after, in the
    order of their state with references masked. Returns a new notebook (a dict); ``nb`` is left
    as it was.

    >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"data": {WIDGET_VIEW: {
    ...     "model_id": "f" * 32}}}]}], "metadata": {"widgets": {WIDGET_STATE: {"state": {
    ...     "f" * 32: {"state": {"layout": "IPY_MODEL_" + "e" * 32}}, "e" * 32: {"state": {}}}}}}}
    >>> out = stable_widget_ids(nb, "00_start_here")
    >>> sorted(out["metadata"]["widgets"][WIDGET_STATE]["state"]) == sorted(
    ...     hashlib.sha256(f"00_start_here/{i}".encode()).hexdigest()[:32] for i in (0, 1))
    True
    """
    state = (nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state"))
    if not state:
        return json.loads(json.dumps(nb))
    order: list[str] = []
    seen: set[str] = set()

    def visit(model: str) -> None:
        stack = [model]
        while stack:
            m = stack.pop()
            if m in seen or m not in state:
                continue
            seen.add(m)
            order.append(m)
            refs = _REF.findall(json.dumps(state[m], sort_keys=True))
            stack.extend(reversed(refs))  # depth first, references in their sorted order

    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                visit(view["model_id"])
    rest = sorted((m for m in state if m not in seen),
                  key=lambda m: _REF.sub("IPY_MODEL_", json.dumps(state[m], sort_keys=True)))
    for m in rest:
        visit(m)
    names = {old: hashlib.sha256(f"{name}/{i}".encode()).hexdigest()[:32]
             for i, old in enumerate(order)}
    text = _ID.sub(lambda m: names.get(m.group(0), m.group(0)), json.dumps(nb))
    return json.loads(text)


def _reads_from(cell) -> list[str]:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            return list(json.loads(out["text"]))
    raise RuntimeError("the kernel did not report which data values the notebook read")


def run_notebook(path: str | Path, timeout: int = 600) -> tuple[Any, list[str]]:
    """Execute one notebook from a fresh kernel, without saving it: the executed notebook, as
    :func:`execute_notebook` would save it, and the data values it read."""
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
    nb = nbformat.from_dict(stable_widget_ids(nb, path.stem))
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    # language_info stays as the kernel reported it, and a folded output is marked both ways
    # JupyterLab reads it: a notebook opened and left alone is then not modified.
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [nbformat.from_dict(o) for o in merge_streams(cell.outputs)]
        if cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden"):
            cell.metadata["collapsed"] = True
    return nb, reads


def execute_notebook(path: str | Path, timeout: int = 600, save: bool = True) -> list[str]:
    """Execute one notebook from a fresh kernel and save it in place; return the data values it
    read. With ``save=False`` the file is left as it was."""
    import nbformat

    nb, reads = run_notebook(path, timeout)
    if save:
        nbformat.write(nb, Path(path))
    return reads


def write_reads(folder: str | Path, reads: dict[str, list[str]]) -> Path:
    """``data_reads.json``: for each notebook, the data values it read, sorted."""
    path = Path(folder) / READS_FILE
    path.write_text(json.dumps({k: sorted(v) for k, v in sorted(reads.items())}, indent=1,
                               ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")
    return path


def execute_all(folder: str | Path, only: str | None = None) -> list[Path]:
    """Execute every notebook of ``folder`` in place (``only``: just the one whose name, with or
    without ``.ipynb``, is given; its entry of ``data_reads.json`` is updated, the others kept).
    ValueError for an ``only`` that names no notebook of the folder."""
    paths = sorted(Path(folder).glob("*.ipynb"))
    reads: dict[str, list[str]] = {}
    if only:
        want = only if only.endswith(".ipynb") else f"{only}.ipynb"
        if not any(p.name == want for p in paths):
            known = ", ".join(p.stem for p in paths)
            raise ValueError(f"no notebook {only!r} in {Path(folder).name}/ (known: {known})")
        paths = [p for p in paths if p.name == want]
        old = Path(folder) / READS_FILE
        if old.exists():
            reads = {k: list(v) for k, v in json.loads(old.read_text(encoding="utf-8")).items()}
    done = []
    for path in paths:
        print(f"executing {path.name}", flush=True)
        reads[path.name] = execute_notebook(path)
        done.append(path)
    if done:
        write_reads(folder, reads)
    return done
