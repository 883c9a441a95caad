"""No outcome promises: the course never tells a learner that a treatment cures, is guaranteed,
risk-free or gives permanent results. Such words may appear only inside a claim being checked
(a cell marked ``{"skinlab": {"claim": true}}``) or in a safety statement that names a harm
("permanent pigment change"). Every notebook and every exercise is read, markdown and the text
outputs the learner sees."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))

PROMISES = re.compile(
    r"\b(cures?|cured|guarantee[ds]?|risk[- ]free|permanent results?|miracle|"
    r"no side[- ]effects|100\s?% safe|completely safe|painless)\b", re.I)
# Harms may be permanent: a safety statement says so.
HARMS = re.compile(r"\bpermanent (pigment|scar|scarring|damage|change)\w*", re.I)


def promises(text: str) -> list[str]:
    """The outcome promises in a text, safety statements about harms left out."""
    return [m.group(0) for m in PROMISES.finditer(HARMS.sub("", text))]


def _texts(path: Path) -> list[tuple[str, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["metadata"].get("skinlab", {}).get("claim"):
            continue  # a claim quoted in order to be checked
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            out.append((f"cell {i}", src))
        for o in cell.get("outputs", []):
            text = o.get("text") or o.get("data", {}).get("text/plain", "")
            out.append((f"cell {i} output", "".join(text) if isinstance(text, list) else text))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_outcome_promise(path):
    found = [(where, p) for where, text in _texts(path) for p in promises(text)]
    assert not found, f"{path.name}: outcome promises {found}"


@pytest.mark.parametrize("text, expected", [
    ("Microneedling cures acne scars.", ["cures"]),
    ("Guaranteed results, risk-free!", ["Guaranteed", "risk-free"]),
    ("permanent results after three sessions", ["permanent results"]),
    ("It is painless and has no side effects.", ["painless", "no side effects"]),
    ("Post-inflammatory hyperpigmentation can cause a permanent pigment change.", []),
    ("Healing took weeks; the channels closed in hours.", []),
])
def test_the_checker_finds_promises_and_spares_harms(text, expected):
    assert promises(text) == expected
