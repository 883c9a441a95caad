"""Text the course generates reads as written English (issue 23, "Generated text"): counts agree
with their nouns ("1 question"), no parentheses inside parentheses ("(prediction (recorded, not
scored))"), no "in preparation" for a notebook the course map calls ready. Read from every
committed notebook: its markdown, its text outputs and the text its saved widgets show."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from skinlab.data import cite, dataset
from skinlab.text import count

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LINK = re.compile(r"\]\([^)]*\)")   # a Markdown link's address: (#Glossary), (https://...)
NAMES = re.compile(r"510\(k\)")     # a name with parentheses in it: the FDA's 510(k)
PLURALS = ("questions", "predictions", "explorers", "objectives", "answers", "sessions",
           "passes", "studies", "days", "hours", "words", "minutes")


def _texts(path: Path):
    """(where, text) for what a learner reads: markdown, text outputs, widget labels and HTML."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            tag = (cell.get("metadata", {}).get("skinlab") or {}).get("generated")
            yield (f"cell {i} {tag}" if tag else f"cell {i}"), "".join(cell["source"])
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                yield f"cell {i} output", "".join(out["text"])
            if "text/plain" in out.get("data", {}):
                yield f"cell {i} output", "".join(out["data"]["text/plain"])
    state = (nb.get("metadata", {}).get("widgets", {})
             .get("application/vnd.jupyter.widget-state+json", {}).get("state", {}))
    for model in state.values():
        for key in ("value", "description", "placeholder"):
            v = model.get("state", {}).get(key)
            if isinstance(v, str) and not v.startswith("data:"):
                yield f"widget {key}", html.unescape(re.sub(r"<[^>]+>", " ", v))


def nested(text: str) -> list[str]:
    """Each place where a parenthesis opens inside another, with a little context."""
    text = NAMES.sub("510k", LINK.sub("]", text))
    depth, hits = 0, []
    for j, ch in enumerate(text):
        if ch == "(":
            depth += 1
            if depth == 2:
                hits.append(text[max(0, j - 40):j + 30])
        elif ch == ")":
            depth = max(0, depth - 1)
    return hits


def one_plural(text: str) -> list[str]:
    return re.findall(r"(?<![\d.,])\b1 (?:%s)\b" % "|".join(PLURALS), text)


def test_the_checks_can_fail():
    assert nested("from 51 µm (upper eyelid (mid-tarsal)) to 741 µm")
    assert not nested("see the [dermis](#Glossary) (the layer below) and its 510(k) summary")
    assert one_plural("Check yourself: 1 questions.") == ["1 questions"]
    assert not one_plural("1.1 hours; 21 questions; 1 question")
    assert count(1, "question") == "1 question" and count(2, "explorer") == "2 explorers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_parentheses_inside_parentheses(path):
    bad = [(where, hit) for where, text in _texts(path)
           if "base64" not in text for hit in nested(text)]
    assert not bad, bad[:5]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_counts_agree_with_their_nouns(path):
    bad = [(where, hit) for where, text in _texts(path) for hit in one_plural(text)]
    assert not bad, bad


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_ready_notebook_is_called_in_preparation(path):
    course = dataset().tree("notebooks.yaml")["notebooks"]
    if all(nb.get("status") == "ready" for nb in course.values()):
        bad = [where for where, text in _texts(path) if "in preparation" in text]
        assert not bad, bad


def test_a_short_citation_has_no_parentheses_of_its_own():
    """A citation stands inside parentheses in sentences, so its name holds none (510(k) is
    the FDA's name, kept)."""
    for key in dataset().references:
        assert not nested(f"({cite(key, short=True)})"), key
    assert cite("donnelly_gantrez_microneedles", short=True) == "Donnelly et al., PMC3016610, n.d."


def test_one_word_for_the_needles_hole():
    """'Channel' names the hole a needle leaves; 'micropore', the studies' word, is explained
    once where the course meets it; 'pore' is kept for the skin's own (oily) pores. Titles in a
    reference list keep their words."""
    explained = "the studies call them micropores"
    uses = []
    for path in NOTEBOOKS:
        for where, text in _texts(path):
            if where.endswith("references"):
                continue
            plain = text.replace(explained, "")
            uses += [(path.stem[:2], where, m.group(0)) for m in
                     re.finditer(r"\bmicro-?pores?\b|\bpores?\b(?<!oily pores)", plain, re.I)]
            if explained in text:
                uses.append(("explained", path.stem[:2], where))
    explained_in = [u for u in uses if u[0] == "explained"]
    assert len(explained_in) >= 1, "micropore is explained where the course meets it"
    assert not [u for u in uses if u[0] != "explained"], [u for u in uses if u[0] != "explained"]


def test_a_schedule_one_week_apart_reads_in_the_singular():
    from skinlab import healing
    assert healing.schedule(3, 1).words() == "3 sessions 1 week apart"
    assert healing.schedule(3, 4).words() == "3 sessions 4 weeks apart"
