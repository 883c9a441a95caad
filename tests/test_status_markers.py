"""Provenance without the hedging (issue 23).

A number that was not measured carries one short word in brackets, *(estimated)*, *(assumed)* or
*(placeholder)*, defined once in a legend at the top of every notebook (a generated cell tagged
``status-legend``); skinlab/data and ``make audit`` keep each value's full status. Across the
seven notebooks' markdown and text outputs, the status words together (course assumption,
placeholder, assumed, not measured) should appear at most 25 times outside the legends (the
issue's goal). They appeared 88 times before the markers; CEILING holds today's count, so it can
only fall: lower it whenever a change removes some, until it reaches GOAL.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab.tools import notebooktext as nt
from skinlab.text import LEGEND, MARKERS, marker

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
STATUS_WORDS = re.compile(r"course assumption|placeholder|assumed|not measured", re.I)
GOAL = 25
CEILING = 36  # measured 2026-12-05 after the markers and the legend: not yet the goal


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _texts(cell: dict) -> list[str]:
    """The markdown, and each output's text as a learner reads it: one rendering an output
    (HTML where it has one, then Markdown, then plain text), as JupyterLab shows one."""
    texts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append("".join(out["text"]))
        data = out.get("data", {})
        mime = next((m for m in ("text/html", "text/markdown", "text/plain") if m in data), None)
        if mime:
            texts.append("".join(data[mime]))
    return texts


def _is_legend(cell: dict) -> bool:
    return "status-legend" in cell.get("metadata", {}).get("tags", [])


def status_words(path: Path) -> list[str]:
    """Every status word in a notebook's markdown and text outputs, outside its legend."""
    return [m.group(0) for cell in _cells(path) if not _is_legend(cell)
            for text in _texts(cell) for m in STATUS_WORDS.finditer(text)]


def test_the_course_says_each_status_in_few_words():
    counts = {p.stem[:2]: len(status_words(p)) for p in NOTEBOOKS}
    assert len(counts) == len(NOTEBOOKS) >= 7  # every notebook counted, none skipped
    assert GOAL <= CEILING
    assert sum(counts.values()) <= CEILING, counts


def test_the_count_sees_every_kind_of_text():
    cell = {"cell_type": "code", "source": [], "outputs": [
        {"output_type": "stream", "text": ["a course assumption"]},
        {"output_type": "execute_result", "data": {"text/plain": ["drawn (placeholder)"],
                                                    "text/html": ["<td>assumed</td>"]}},
        {"output_type": "display_data", "data": {"text/plain": ["not measured"]}}]}
    # an output's HTML is what JupyterLab shows; its plain-text copy is not read twice
    assert [m.group(0) for t in _texts(cell) for m in STATUS_WORDS.finditer(t)] == [
        "course assumption", "assumed", "not measured"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_each_notebook_opens_with_the_legend(path):
    cells = _cells(path)
    kinds = [c["metadata"].get("skinlab", {}).get("generated") for c in cells]
    at = kinds.index("disclaimer")
    legend = cells[at + 1]
    assert _is_legend(legend) and kinds[at + 1] == "status-legend"
    assert "".join(legend["source"]) == LEGEND
    assert sum(_is_legend(c) for c in cells) == 1


def test_the_legend_defines_every_marker_in_words_a_screen_reader_reads():
    for status, word in MARKERS.items():
        assert f"**({word})**" in LEGEND
        assert marker(status) == f" ({word})"
    assert marker("measured") == ""
    assert not re.search(r"[†‡*§]\)", LEGEND)  # words, not symbols


def test_prerequisites_say_needed_not_assumed():
    for nb in nt.course():
        assert "assumed" not in nb.prerequisites, nb.number
    assert "needed" in nt.course()[0].prerequisites
