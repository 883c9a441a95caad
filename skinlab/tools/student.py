"""Learner versions of the exercises, made from one source with solution markers.

In an exercise source (``exercises/*.ipynb``), a code cell may hold solution blocks::

    answer = ...
    # BEGIN SOLUTION
    answer = [the worked solution]
    # END SOLUTION

``make student`` (``python -m skinlab student``) writes ``exercises/student/<name>.ipynb`` with
every block replaced by a prompt line, outputs cleared and execution counts removed. Declare the
variable as ``...`` before the block, so the learner version runs and its check says "Not yet".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from skinlab.tools import nbcells

BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
PROMPT = "# Your turn: replace the ... above with your answer, then run this cell."


def strip_solutions(source: str, where: str = "") -> str:
    out, inside, indent = [], False, ""
    for n, line in enumerate(source.split("\n"), 1):
        m = BEGIN.match(line)
        if m:
            if inside:
                raise ValueError(f"{where} line {n}: BEGIN SOLUTION inside a solution block")
            inside, indent = True, m.group(1)
            out.append(indent + PROMPT)
            continue
        if END.match(line):
            if not inside:
                raise ValueError(f"{where} line {n}: END SOLUTION without BEGIN")
            inside = False
            continue
        if not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: a solution block is never closed")
    return "\n".join(out)


def learner_version(nb: dict, where: str = "") -> dict:
    nb = json.loads(json.dumps(nb))
    for i, cell in enumerate(nbcells.cells(nb)):
        src = nbcells.source(cell)
        if cell.get("cell_type") == "code":
            cell["source"] = strip_solutions(src, f"{where} cell {i}")
            cell["outputs"] = []
            cell["execution_count"] = None
        else:
            cell["source"] = src
    nb.setdefault("metadata", {})["skinlab"] = {"learner_version": True}
    return nb


def render(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_all(exercises: str | Path) -> list[Path]:
    exercises = Path(exercises)
    out_dir = exercises / "student"
    out_dir.mkdir(exist_ok=True)
    written = []
    for src in sorted(exercises.glob("*.ipynb")):
        nb = json.loads(src.read_text(encoding="utf-8"))
        dest = out_dir / src.name
        dest.write_text(render(learner_version(nb, src.name)), encoding="utf-8")
        written.append(dest)
    return written
