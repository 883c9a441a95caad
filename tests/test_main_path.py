"""A learner without algebra can finish every notebook on its main path (issue 23).

The main path is everything before a notebook's *Going deeper*, glossary and references: its
markdown, its printed outputs and the quiz questions its widgets show there. On it no equation is
written and no question asks for a calculation; a numeric question on the main path asks for a
value read off an explorer. Equations and calculations live in the optional *Going deeper* (its
heading folded) and in the exercises.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skinlab.quiz import Quiz

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
END_OF_MAIN = re.compile(r"^#+\s+(going deeper|glossary|references)\b", re.I | re.M)
EQUATION = re.compile(
    r"(?:[A-Za-zΔ_][\w()]*|\])\s*=\s*[^=\n,;]*?[·×/^²√+−*]"  # J = kp · ΔC, kp [cm/h] = −2.72 + ...
    r"|\blog10\s+\w+\s*="                                     # log10 kp = ...
    r"|\bexp\s*\("                                            # 1 − exp(−n·πd²/4)
    r"|\b[A-Za-z]²\s*/\s*\(")                                 # h²/(6D)
WIDGET = re.compile(r"quiz\.widget\((?:\"([^\"]*)\")?\)")


def _main_path(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown" and END_OF_MAIN.match("".join(cell["source"])):
            return cells[:i]
    return cells


def _texts(cell: dict) -> list[str]:
    texts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            texts.append("".join(out["text"]))
        elif "text/plain" in out.get("data", {}):
            texts.append("".join(out["data"]["text/plain"]))
    return texts


def _question_text(q) -> str:
    raw = q.raw
    parts = [str(raw.get(k, "")) for k in ("prompt", "statement")]
    parts += [o.get("text", "") for o in raw.get("options", []) + raw.get("reasons", [])]
    return "\n".join(parts)


def test_the_equation_pattern_finds_the_equations_it_is_for():
    for formula in ("J = kp · ΔC", "kp = D · K / h", "log10 kp [cm/h] = −2.72 + 0.71 · log Kow",
                    "1 − exp(−n·πd²/4)", "the lag time, h²/(6D)"):
        assert EQUATION.search(formula), formula
    for words in ("n = 15 of 20 enrolled", "12.83 to 86.42 µg/cm²/h", "a 2 mg/cm² layer",
                  "about 10 times (1.0 to 12)", "log Kow 2.26 (placeholder)"):
        assert not EQUATION.search(words), words


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_equation_on_the_main_path(path):
    found = [(i, m.group(0)) for i, cell in enumerate(_main_path(path))
             for text in _texts(cell) for m in EQUATION.finditer(text)]
    assert not found, f"{path.name}: equations before Going deeper: {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_calculation_question_on_the_main_path(path):
    bank = path.stem
    quiz = Quiz.from_bank(bank)
    shown = [m.group(1) or None for cell in _main_path(path) if cell["cell_type"] == "code"
             for m in WIDGET.finditer("".join(cell["source"]))]
    assert shown, f"{path.name}: no quiz on the main path"
    for section in shown:
        for q in quiz.section(section):
            where = f"{bank}:{q.id}"
            assert not EQUATION.search(_question_text(q)), f"{where} writes an equation"
            if q.kind == "numeric":
                assert re.search(r"\b(explorer|map)\b", q.raw["prompt"]), (
                    f"{where} is a calculation on the main path: a numeric question there reads "
                    f"a value off an explorer")


def test_notebook_05_teaches_its_four_ideas_before_going_deeper():
    text = "\n".join(t for c in _main_path(ROOT / "notebooks" / "05_penetration.ipynb")
                     for t in _texts(c))
    headings = re.findall(r"^## \d\. (.+)$", text, re.M)
    assert headings == ["What already gets through: small, oily molecules",
                        "What a channel changes, and for which molecules",
                        "The window closes",
                        "A route for harm, not deeper exfoliation"]
    assert 'molecule="glycolic_acid"' in "".join(
        "".join(c["source"]) for c in _main_path(ROOT / "notebooks" / "05_penetration.ipynb"))


@pytest.mark.parametrize("stem", ["03_microneedling", "05_penetration"])
def test_going_deeper_is_folded_and_holds_the_calculations(stem):
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    [head] = [c for c in cells if c["cell_type"] == "markdown"
              and re.match(r"## Going deeper", "".join(c["source"]))]
    assert head["metadata"].get("jp-MarkdownHeadingCollapsed") is True
    calcs = [q for q in Quiz.from_bank(stem).questions if q.kind == "numeric"]
    assert calcs and all(q.section == "going-deeper" for q in calcs)
