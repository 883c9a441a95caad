"""References a learner sees show only what was confirmed at a source (issue 22, "Systemic").

A data entry may keep an honest hedge ("title not seen in the copy read", "(unconfirmed)"): the
generated reference lists and the citations in the notebooks leave the hedged field out and stand
on the identifier, and never print a hedge, a doubled date or a placeholder author.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab.data import cite, dataset
from skinlab.tools.notebooktext import reference_line

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = re.compile(r"not seen|unconfirmed|check before|title as read|\(n\.d\.\)\s*\(?n\.d\.|"
                       r"\(\d{4}\)\s*\(\d{4}\)|Unknown author", re.IGNORECASE)


def _texts(nb: dict) -> list[str]:
    out = []
    for c in nb["cells"]:
        out.append("".join(c["source"]))
        for o in c.get("outputs", []):
            if "text" in o:
                out.append("".join(o["text"]))
            elif "text/plain" in o.get("data", {}):
                out.append("".join(o["data"]["text/plain"]))
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")) +
                         sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_no_hedge_or_doubled_date_reaches_a_learner(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = [m.group(0) for t in _texts(nb) for m in FORBIDDEN.finditer(t)]
    assert not found, f"{path.name}: {found[:5]}"


def test_every_reference_line_and_citation_is_clean_and_has_an_identifier():
    refs = dataset().references
    for key in refs:
        line = reference_line(key)
        assert not FORBIDDEN.search(line), line
        assert re.search(r"\[(doi:|PMID |web page)", line), line
        assert not FORBIDDEN.search(cite(key)), cite(key)


def test_a_hedged_field_is_left_out_not_shown_as_confirmed():
    """The entries whose title or author list were not seen keep the hedge in the data, and the
    line leaves that field out (it shows no invented title)."""
    hedged = [k for k, r in dataset().references.items()
              if re.search(r"title not seen", str(r.get("title", "")), re.IGNORECASE)]
    assert hedged, "the data has no hedged title: the check below would test nothing"
    for key in hedged:
        title = re.sub(r"\s*\([^()]*\)", "", str(dataset().reference(key)["title"])).strip()
        if title:
            assert title not in reference_line(key), key
