"""Facts pass 2 (issue 22), notebook 03: "no tissue removed" is not "no wound". The notebook says
that each track is a wound that breaks the barrier, cites the studies that measured it, points on
to the vessels (04), living tissue (05) and the acids claim (06), and still says nothing is
removed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from skinlab.data import dataset

ROOT = Path(__file__).resolve().parents[1]
NB = ROOT / "notebooks" / "03_microneedling.ipynb"


def _markdown_cells() -> list[str]:
    nb = json.loads(NB.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def _plain(text: str) -> str:
    """Markdown without glossary links or emphasis, on one line."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").split())


def _passage() -> str:
    cells = [c for c in _markdown_cells() if "removes no tissue" in _plain(c)]
    assert len(cells) == 1, "one passage says a needle removes no tissue but leaves a wound"
    return _plain(cells[0])


def test_passage_says_no_tissue_removed_but_a_wound_that_breaks_the_barrier():
    text = _passage()
    assert "removes no tissue" in text
    assert "wound" in text and "barrier" in text and "water loss" in text


def test_passage_cites_the_barrier_studies_that_the_data_hold():
    text = _passage()
    assert "Kalluri 2011" in text and "Sasaki 2019" in text
    data = dataset()
    for key in ("kalluri2011_microchannels", "sasaki2019_microneedling_tewl"):
        assert data.reference(key).get("doi") or data.reference(key).get("pmid")
    # Sasaki's numbers as its abstract gives them (references.yaml note): 10 people, 0.5 mm, 48 h
    note = data.reference("sasaki2019_microneedling_tewl")["note"]
    assert "In 10 people" in note and "0.5 mm" in note and "48 h" in note
    assert "10 people" in text and "0.5 mm" in text and "48 hours" in text
    # the rats' barrier recovery: within hours by water loss (microneedling.yaml, Kalluri 2011)
    rats = dataset().tree("microneedling.yaml")["closure"]["curves"]["kalluri2011_tewl_770"]
    assert rats["method"] == "tewl" and rats["closed"]["source"] == "kalluri2011_microchannels"
    assert rats["closed"]["unit"] == "hours" and rats["closed"]["range"][1] < 24
    assert "hours to recover" in text


def test_passage_points_on_to_vessels_living_tissue_and_the_acids_claim():
    text = _passage()
    assert "dermis" in text and "blood vessels" in text and "notebook 04" in text
    assert "living tissue" in text and "notebook 05" in text
    assert "acids are often applied" in text and "notebook 06" in text
    claim = dataset().tree("claims.yaml")["claims"]["acids_right_after"]
    assert "often applied right after microneedling" in claim["as_said"]


def test_notebook_still_says_nothing_is_removed():
    text = _plain("\n".join(_markdown_cells())).lower()
    assert "nothing is removed" in text
    assert "removes no tissue" in text
