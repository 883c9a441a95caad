"""The notebooks' shared text comes from skinlab data: objectives, time, disclaimer, references,
the course map and the glossary; the glossary is linked at first use; times follow one rule."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from skinlab.tools import notebooktext as nt
from skinlab.__main__ import main
from skinlab.data import cite_link, dataset
from skinlab.quiz import Quiz

from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
READY = [nb for nb in nt.course() if nb.ready]


def _cells(nb):
    return json.loads((NOTEBOOKS / nb.file).read_text(encoding="utf-8"))["cells"]


def _generated(cells, tag):
    return [("".join(c["source"]), i) for i, c in enumerate(cells)
            if c["metadata"].get("skinlab", {}).get("generated") == tag]


def test_every_notebook_is_current():
    assert nt.stale(NOTEBOOKS) == [], "run make notebook-text"


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_objectives_time_disclaimer_and_references_come_from_the_data(nb):
    cells = _cells(nb)
    [(objectives, _)] = _generated(cells, "objectives")
    listed = re.findall(r"^\d+\. (.+?)[;.]$", objectives, re.M)
    assert listed == list(Quiz.from_bank(nb.bank).objectives.values())
    minutes = nt.Time.rounded(nt.times(NOTEBOOKS)[nb.number].core)
    assert f"**Time:** about {minutes} minutes" in objectives
    assert nb.prerequisites in objectives
    # the disclaimer right after the title, and as the last cell
    [(top, i)] = _generated(cells, "disclaimer")
    [(end, j)] = _generated(cells, "disclaimer-end")
    assert i == 1 and j == len(cells) - 1 and top == nt.disclaimer()
    assert end == nt.disclaimer(end=True) and end.count("\n") == 0 and len(end) < len(top) / 3
    assert "Education, not medical advice" in top and "Education, not medical advice" in end
    # references: exactly the notebook's keys, each linked to its DOI, PubMed or web address
    [(refs, _)] = _generated(cells, "references")
    items = [line for line in refs.splitlines() if line.startswith("- ")]
    assert len(items) == len(nb.references) >= 3
    for key, line in zip(nb.references, items):
        assert f"]({cite_link(key)[1]})" in line
        assert line.endswith(")") and re.search(r"\[(doi:|PMID |web page)", line)


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_core_time_is_at_most_an_hour(nb):
    time = nt.times(NOTEBOOKS)[nb.number]
    assert 10 < time.core <= nt.CORE_LIMIT_MINUTES
    assert time.questions >= 2 * len(Quiz.from_bank(nb.bank).objectives)


def test_course_map_and_glossary_in_notebook_00():
    cells = _cells(READY[0])
    [(course_map, _)] = _generated(cells, "course-map")
    rows = [r for r in course_map.splitlines() if re.match(r"^\| \d\d \|", r)]
    assert [r.split("|")[1].strip() for r in rows] == [nb.number for nb in nt.course()]
    times = nt.times(NOTEBOOKS)
    for nb, row in zip(nt.course(), rows):
        assert nb.title in row and nb.status in row
        assert (f"about {nt.Time.rounded(times[nb.number].core)} minutes" in row if nb.ready
                else "not yet known" in row)
    [(glossary, _)] = _generated(cells, "glossary")
    assert glossary.startswith("## Glossary")
    terms = re.findall(r"^- \*\*(.+?)\*\*: ", glossary, re.M)
    assert len(terms) == len(dataset().tree("glossary.yaml")["terms"]) >= 20
    assert [t.lower() for t in terms] == sorted(t.lower() for t in terms)


def test_the_course_map_says_notebooks_are_coming_only_while_some_are(monkeypatch):
    times = nt.times(NOTEBOOKS)
    assert all(nb.ready for nb in nt.course())
    text = nt.course_map_text(times)
    assert "in preparation" not in text and "Start with 01 and go in order" in text
    import dataclasses
    course = nt.course()
    waiting = course[:-1] + [dataclasses.replace(course[-1], status="in preparation")]
    monkeypatch.setattr(nt, "course", lambda: waiting)
    text = nt.course_map_text(times)
    assert "*in preparation* are being written" in text
    assert f"| {course[-1].number} |" in text and "| in preparation |" in text


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_each_notebook_links_first_uses_to_its_own_glossary(nb):
    cells = _cells(nb)
    [(glossary, _)] = _generated(cells, "glossary")
    own = "\n".join("".join(c["source"]) for c in cells
                    if c["cell_type"] == "markdown" and not c["metadata"].get("skinlab"))
    linked = re.findall(r"\[([^\[\]]+)\]\(#Glossary\)", own)
    assert len(linked) >= 5
    terms = nt.glossary_terms()
    defined = re.findall(r"^- \*\*(.+?)\*\*: ", glossary, re.M)
    for text in linked:  # each linked word is defined in this notebook's glossary
        key = next(k for k, v in terms.items() if any(
            re.fullmatch(re.escape(f).replace(r"\ ", r"\s+") + "(s|es)?", text, re.I)
            for f in v["forms"]))
        term = terms[key]["term"]
        assert term[0].upper() + term[1:] in defined, text
    if nb.file != nt.GLOSSARY_NOTEBOOK:  # only the words used, each linked once
        assert len(defined) == len(linked)


# -- the time rule ------------------------------------------------------------------------------

def _md(text, tag=None):
    meta = {"skinlab": {"generated": tag}} if tag else {}
    return {"cell_type": "markdown", "metadata": meta, "source": text}


def _code(text, out="", ignore=False):
    return {"cell_type": "code", "metadata": {"tags": ["nbval-ignore-output"]} if ignore else {},
            "source": text, "outputs": [{"output_type": "stream", "name": "stdout", "text": out}]}


def test_the_time_rule_counts_words_questions_predictions_and_explorers():
    quiz = Quiz.from_bank("01_skin_layers")
    strata = quiz.section("strata")
    nb = {"cells": [
        _md("# Title\n\n" + "word " * 149),  # 150 words ("#" is no word): 1.5 minutes
        _code("x = LayerExplorer()\nx.widget()", "ignored words", ignore=True),  # an explorer: 6
        _code('quiz.widget("strata")', ignore=True),           # three scored questions: 6
        _code('say(quiz.summary("strata"))', "one two three"),  # compared output: 3 words
        _code('quiz.widget("predict-sites")', ignore=True),    # a prediction: 2
        _md("## References\n\n" + "ref " * 500, tag="references"),  # not read
        _md("## Going deeper (optional)\n\n" + "deep " * 147),  # apart: 150 words
        _code('quiz.widget("dermis")', ignore=True),           # apart: three questions
    ]}
    time = nt.time_of(nb, "01_skin_layers")
    assert (time.words, time.questions, time.predictions, time.explorers) == (
        153, len(strata), 1, 1)
    assert time.core == pytest.approx(153 / 100 + 2 * len(strata) + 2 + 6)
    assert time.deeper == pytest.approx(1.5 + 2 * len(quiz.section("dermis")))
    assert (nt.Time.rounded(11.5), nt.Time.rounded(15.0), nt.Time.rounded(0.5)) == (15, 15, 5)


# -- glossary links -----------------------------------------------------------------------------

T = "#Glossary"


def test_first_use_is_linked_once_and_longer_terms_win():
    out, keys = nt.link_glossary(["The papillary dermis lies over the reticular dermis.",
                                  "The dermis again; the papillary dermis again."], T)
    assert keys == ["dermis", "papillary_dermis", "reticular_dermis"]  # the glossary's order
    assert out[0] == (f"The [papillary dermis]({T}) lies over the [reticular dermis]({T}).")
    assert out[1] == f"The [dermis]({T}) again; the papillary dermis again."


def test_links_skip_headings_code_and_existing_links_and_wrap_lines():
    text = ("## The epidermis\n\n`epidermis` and [epidermis](https://example.org) are left;"
            " the\nstratum\ncorneum wraps, keratinocytes are plural.")
    [out], _ = nt.link_glossary([text], T)
    assert out.startswith("## The epidermis\n\n`epidermis` and [epidermis](https://example.org)")
    assert f"[stratum\ncorneum]({T})" in out and f"[keratinocytes]({T})" in out
    assert f"[epidermis]({T})" not in out  # every use was protected


def test_linking_is_idempotent_and_strips_back_to_the_text():
    text = "Skin: epidermis, dermis and hypodermis; the papillary\ndermis."
    once, keys = nt.link_glossary([text], T)
    assert nt.link_glossary(once, T) == (once, keys)
    assert nt.strip_glossary_links(once[0], T) == text
    # nested links left by an older, broken run are undone too
    assert nt.strip_glossary_links(f"[[papillary]({T})\ndermis]({T})", T) == "papillary\ndermis"


# -- the command and its errors --------------------------------------------------------------

@pytest.fixture
def folder(tmp_path):
    dest = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, dest)
    return dest


def test_check_fails_on_a_stale_copy_and_write_repairs_it(folder, capsys):
    path = folder / READY[1].file
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("skinlab", {}).get("generated") == "references":
            cell["source"] = ["## References\n", "\n", "- nothing"]
        if cell["cell_type"] == "markdown" and not cell["metadata"].get("skinlab"):
            cell["source"] = [nt.strip_glossary_links("".join(cell["source"]), T)]
        if cell["metadata"].get("skinlab", {}).get("generated") == "glossary":
            cell["source"] = ["## Glossary"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["notebook-text", "--check", str(folder)]) == 1
    assert f"{READY[1].file}: generated text is out of date" in capsys.readouterr().out
    assert main(["notebook-text", str(folder)]) == 0
    assert main(["notebook-text", "--check", str(folder)]) == 0
    assert path.read_text(encoding="utf-8") == (NOTEBOOKS / READY[1].file).read_text(
        encoding="utf-8")


def test_a_notebook_without_its_generated_cells_is_a_clear_error(folder, capsys):
    path = folder / READY[2].file
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"]
                   if c["metadata"].get("skinlab", {}).get("generated") != "references"]
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main(["notebook-text", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{READY[2].file}: no cell for the generated 'references'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_saved_as_jupyterlab_would_save_it(nb):
    """What JupyterLab adds on opening is there already (the browser test checks the result):
    the kernel's whole language_info, and `collapsed` beside every folded output."""
    saved = json.loads((NOTEBOOKS / nb.file).read_text(encoding="utf-8"))
    info = saved["metadata"]["language_info"]
    assert {"name", "version", "mimetype", "file_extension", "codemirror_mode"} <= set(info)
    folded = [c for c in saved["cells"] if c["metadata"].get("jupyter", {}).get("outputs_hidden")]
    assert folded and all(c["metadata"].get("collapsed") is True for c in folded)
    assert all(c["metadata"].get("jupyter", {}).get("outputs_hidden") for c in saved["cells"]
               if c["metadata"].get("collapsed"))


def test_no_link_inside_a_longer_term_or_a_notebook_title():
    text = ("**Next:** 02 · Renewal and exfoliation. Notebook 03 (microneedling and "
            "micro-channels,\nin preparation) follows. The reticular\ndermis is thick; exfoliation "
            "removes; the dermis.")
    [out], keys = nt.link_glossary([text], T)
    assert out.startswith("**Next:** 02 · Renewal and exfoliation. Notebook 03 (microneedling and")
    assert f"[reticular\ndermis]({T})" in out and f"the [dermis]({T})." in out
    assert f"; [exfoliation]({T}) removes" in out
    assert "microneedling" not in keys


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_each_committed_notebook_is_at_most_one_and_a_half_megabytes(nb):
    """Saved widget state holds each explorer's picture: the illustrated tissue must not make a
    notebook heavy to download or to open."""
    assert (NOTEBOOKS / nb.file).stat().st_size <= 1_500_000


def test_the_time_rule_is_said_once_and_the_same_everywhere():
    """README, CONTRIBUTING, the lesson notes and notebook 00 state the rule and the times the
    code computes, never a hand-typed copy that can drift."""
    rule = nt.rule_text()
    assert "100 words a minute" in rule and "6 to explore an explorer" in rule
    times = nt.times(NOTEBOOKS)
    sentence = nt.times_text(times)
    root = NOTEBOOKS.parent
    for doc in ("README.md", "CONTRIBUTING.md", "TEACHING.md"):
        text = " ".join((root / doc).read_text(encoding="utf-8").split())
        assert rule in text, doc
        if doc != "TEACHING.md":
            assert sentence in text, doc
    teaching = " ".join((root / "TEACHING.md").read_text(encoding="utf-8").split())
    for number in ("03", "04", "05", "06"):  # the lesson notes' timings, section by section
        assert nt.teaching_timing(number) in teaching, number
    course_map = _generated(_cells(READY[0]), "course-map")[0][0]
    assert rule in " ".join(course_map.split())


def test_the_course_map_says_what_each_notebook_asks():
    from skinlab.quiz import Quiz
    course_map = _generated(_cells(READY[0]), "course-map")[0][0]
    assert "| what it asks of you |" in course_map
    for nb in nt.course():
        assert nb.asks and f"| {nb.asks} |" in course_map, nb.number
        numeric = [q for q in Quiz.from_bank(nb.bank).questions if q.kind == "numeric"]
        if numeric:  # a number to work out or read off is named
            assert "calculation" in nb.asks or "read off" in nb.asks, nb.number
    assert "equation" in nt.course()[5].asks and "logarithms" in nt.course()[5].asks


# words a learner new to the subject met before they were explained (the learner's reading,
# issue 23): each is in the glossary, and its first use in a notebook's own text links there
LEARNER_TERMS = ("retinoids", "lipid", "histology", "impedance", "half-life", "volar",
                 "logarithm", "log10")


def _own_markdown(nb) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(nb) if c["cell_type"] == "markdown"
                     and (c.get("metadata", {}).get("skinlab") or {}).get("generated")
                     not in nt.GENERATED)


def test_the_words_a_learner_met_unexplained_are_in_the_glossary():
    forms = {f.lower() for entry in nt.glossary_terms().values() for f in entry["forms"]}
    missing = [t for t in LEARNER_TERMS if t not in forms]
    assert not missing, missing


@pytest.mark.parametrize("nb", READY, ids=lambda nb: nb.number)
def test_each_learner_term_links_to_the_glossary_at_its_first_use(nb):
    text = _own_markdown(nb)
    prose = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    for term in LEARNER_TERMS:
        m = re.search(rf"(?<![\w-])(\[)?{re.escape(term)}s?(?![\w-])", prose, re.IGNORECASE)
        if m:  # the notebook uses the word: its first use is a glossary link
            assert m.group(1) == "[" and prose[m.end():].startswith("](#Glossary)"), (
                nb.number, term, prose[max(0, m.start() - 40):m.end() + 20])


def test_the_time_rule_counts_explorers_from_the_registry():
    from skinlab.explore import EXPLORERS
    calls = "\n".join(f"x = {cls.__name__}()" for cls in EXPLORERS.values())
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": calls, "outputs": []},
                    {"cell_type": "code", "metadata": {}, "source": "y = NotAnExplorer()",
                     "outputs": []}]}
    assert nt.time_of(nb, "00_start_here").explorers == len(EXPLORERS)


def test_the_tools_read_cells_one_way():
    from skinlab.tools import nbcells
    marked = {"cell_type": "code", "metadata": {}, "source": ["# NBVAL_IGNORE_OUTPUT\n", "x"],
              "outputs": [{"output_type": "stream", "text": ["many words here"]}]}
    assert nbcells.ignored(marked)  # the audit and the time rule agree on markers
    nb = {"cells": [marked]}
    assert nt.time_of(nb, "00_start_here").words == 0  # an ignored output is not read


def test_the_documents_times_are_rewritten_with_the_notebooks(tmp_path):
    """notebook-text puts the times sentence between the markers of README and CONTRIBUTING, so
    a new or longer notebook changes the documents too (and a document without markers is left
    alone)."""
    found = nt.times(NOTEBOOKS)
    (tmp_path / "README.md").write_text(f"Times: {nt.TIMES_START}old{nt.TIMES_END}\n",
                                        encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text("no markers\n", encoding="utf-8")
    changed = nt.write_doc_times(tmp_path, found)
    assert [p.name for p in changed] == ["README.md"]
    assert nt.times_text(found) in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert nt.write_doc_times(tmp_path, found) == []
    assert (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8") == "no markers\n"
