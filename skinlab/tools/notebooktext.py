"""Text that several notebooks share, generated from skinlab data: ``make notebook-text``.

One source for what would otherwise be written twice and drift apart:

- each notebook's **objectives** (its quiz bank's ``objectives``), **time** and **prerequisites**
  (``skinlab/data/notebooks.yaml``), in the cell tagged ``objectives``;
- the **disclaimer**, in full in the cell tagged ``disclaimer`` (the top), and in one line in the
  cell tagged ``disclaimer-end`` (the last cell);
- each notebook's **references** (its keys in ``notebooks.yaml``, formatted from
  ``references.yaml``), in the cell tagged ``references``;
- notebook 00's **course map** (``course-map``); every notebook's **glossary** (``glossary``,
  from ``glossary.yaml``: the whole of it in notebook 00, the notebook's own words elsewhere), and
  a link to it at the first use of each term in the notebook's own markdown (a link within the
  notebook, which JupyterLab follows; it does not scroll to a heading in another notebook).

A generated cell is a markdown cell whose metadata holds ``{"skinlab": {"generated": TAG}}``.
Authors place those cells; this module only rewrites their text, and strips and re-adds the
glossary links, so running it twice changes nothing. A test fails when a notebook is stale.

**Honest time** (stated in CONTRIBUTING, :func:`rule_text`): words of markdown and of compared
outputs at 100 a minute, 2 minutes a scored question, 2 a prediction, 6 an explorer (time to
explore it), measured against a learner new to the words. Reference lists (the references and the
glossary) are not counted; an optional "Going deeper" section is counted apart. Times are rounded
up to the next 5 minutes. A notebook's core must be at most 90 minutes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from skinlab.data import cite_link, dataset
from skinlab.text import LEGEND, number_word
from skinlab.tools.nbcells import generated, ignored, output_text, source

NOTEBOOKS_FILE = "notebooks.yaml"
GLOSSARY_FILE = "glossary.yaml"
# The time rule, measured against a learner new to the words (a trainee beauty therapist's
# reading of notebooks 00-06, December 2026): she read the course's dense text at about two thirds
# of 150 words a minute, and each notebook took her 40 to 90 minutes. With these values the rule
# gives 45 to 85 minutes a notebook against her 40 to 90.
WORDS_PER_MINUTE = 100
MINUTES = {"question": 2.0, "prediction": 2.0, "explorer": 6.0}
CORE_LIMIT_MINUTES = 90
GENERATED = ("disclaimer", "status-legend", "objectives", "course-map", "treatment-room",
             "glossary", "references", "disclaimer-end")
NOT_READ = {"references", "glossary"}  # reference lists: not counted in the time
GOING_DEEPER = re.compile(r"^#+\s+going deeper", re.I | re.M)
FINAL = re.compile(r"^#+\s+final assessment", re.I | re.M)  # timed apart, like Going deeper
FINAL_BANK = "final_assessment"
GLOSSARY_NOTEBOOK = "00_start_here.ipynb"  # the whole glossary; every notebook has its own
GLOSSARY_LINK = "#Glossary"  # a link within the notebook: JupyterLab scrolls to it


class NotebookTextError(ValueError):
    """A notebook cannot take its generated text (a missing cell, an unknown key)."""


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course, as ``notebooks.yaml`` lists it."""

    number: str
    title: str
    status: str
    map: str
    file: str = ""
    bank: str = ""
    prerequisites: str = ""
    intro: str = ""
    note: str = ""
    references: tuple[str, ...] = ()
    asks: str = ""  # what the notebook asks of a learner: reading, maths

    @property
    def ready(self) -> bool:
        return self.status == "ready"


@dataclass
class Time:
    """Minutes by the course's rule, and what they are made of."""

    words: int = 0
    questions: int = 0
    predictions: int = 0
    explorers: int = 0
    deeper_words: int = 0
    deeper_items: dict[str, int] = field(default_factory=dict)
    final_words: int = 0
    final_items: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _minutes(words: int, questions: int, predictions: int, explorers: int) -> float:
        return (words / WORDS_PER_MINUTE + questions * MINUTES["question"]
                + predictions * MINUTES["prediction"] + explorers * MINUTES["explorer"])

    @property
    def core(self) -> float:
        return self._minutes(self.words, self.questions, self.predictions, self.explorers)

    @property
    def deeper(self) -> float:
        d = self.deeper_items
        return self._minutes(self.deeper_words, d.get("questions", 0), d.get("predictions", 0),
                             d.get("explorers", 0))

    @property
    def final(self) -> float:
        """The final assessment of the whole course (notebook 06), timed apart."""
        d = self.final_items
        return self._minutes(self.final_words, d.get("questions", 0), d.get("predictions", 0),
                             d.get("explorers", 0))

    @staticmethod
    def rounded(minutes: float) -> int:
        """Rounded up to the next 5 minutes (at least 5)."""
        return max(5, 5 * math.ceil(minutes / 5 - 1e-9))


# -- the course's notebooks ------------------------------------------------------------------------

def course() -> list[Notebook]:
    """Every notebook in ``notebooks.yaml``, in order (ready ones and those in preparation)."""
    tree = dataset().tree(NOTEBOOKS_FILE)
    out = []
    for number, raw in (tree.get("notebooks") or {}).items():
        refs = raw.get("references") or {}
        keys = refs.get("source") or []
        keys = [keys] if isinstance(keys, str) else list(keys)
        box = treatment_room(str(number)) or {}  # the box's sources are the notebook's too
        keys += [k for k in box.get("source", []) if k not in keys]
        out.append(Notebook(
            number=str(number), title=str(raw["title"]), status=str(raw["status"]),
            map=str(raw["map"]), file=str(raw.get("file") or ""), bank=str(raw.get("bank") or ""),
            prerequisites=str(raw.get("prerequisites") or ""), intro=str(refs.get("intro") or ""),
            note=str(refs.get("note") or ""),
            references=tuple(keys),
            asks=str(raw.get("asks") or "")))
        if out[-1].ready and not (out[-1].file and out[-1].bank):
            raise NotebookTextError(f"{NOTEBOOKS_FILE}: notebook {number} is ready but names no "
                                    f"file or bank")
    return out


def disclaimer(end: bool = False) -> str:
    """The disclaimer as a Markdown quote: in full (a notebook's top), or its one-line close."""
    return "> " + str(dataset().tree(NOTEBOOKS_FILE)["disclaimer_end" if end else
                                    "disclaimer"]).strip()


# A data entry's honest hedges ("title not seen in the copy read", "(unconfirmed)") stay in
# references.yaml; a learner sees the citation by what was confirmed, and by its identifier.
_HEDGED = re.compile(r"\s*\([^()]*\b(?:not seen|unconfirmed|as read|check before)[^()]*\)",
                     re.IGNORECASE)
_UNCONFIRMED = re.compile(r"\b(?:not seen|unconfirmed|not shown|check before)\b", re.IGNORECASE)


def _confirmed(text: object, keep_part: bool = False) -> str:
    """A reference field as confirmed at a source, or ''. A field carrying a hedge is left out
    whole, except where ``keep_part`` and the hedge only says a part was not seen (a journal's
    volume, an article's co-authors): then the hedge alone is taken out. Anything said to be
    "unconfirmed" is left out."""
    raw = str(text or "").strip()
    hedges = _HEDGED.findall(raw)
    if not hedges and not _UNCONFIRMED.search(raw):
        return raw
    partial = keep_part and hedges and all(
        "unconfirmed" not in h.lower() and re.search(r"(volume|co-authors|pages?) not seen", h)
        for h in hedges)
    if not partial:
        return ""
    out = _HEDGED.sub("", raw).strip()
    return "" if _UNCONFIRMED.search(out) else out


def reference_line(key: str) -> str:
    """One reference as a Markdown list item: authors (year). Title. *Journal*. [identifier].

    Only what was confirmed at a source is shown: an author list or a title that could not be
    confirmed is left out (the entry's notes in references.yaml say so), and the citation stands
    on its identifier (a DOI, a PMID or the page's address)."""
    ref = dataset().reference(key)
    _, href = cite_link(key)
    ident = (f"doi:{ref['doi']}" if ref.get("doi") else
             f"PMID {ref['pmid']}" if ref.get("pmid") else "web page")
    authors = _confirmed(ref.get("authors", ""), keep_part=True)
    parts = [p.strip() for p in authors.split(",") if p.strip()]
    if ref.get("cite_as"):
        who = _confirmed(ref["cite_as"])
    elif len(parts) > 2 or "et al" in authors:
        who = parts[0].replace(" et al.", "").split(" (")[0].strip() + " et al."
    elif len(parts) == 2:
        who = f"{parts[0]} and {parts[1]}"
    else:
        who = parts[0] if parts else ""
    title = _confirmed(ref.get("title"))
    journal = _confirmed(ref.get("journal"), keep_part=True)
    lead = who or title or journal or ident
    line = f"- {lead} ({ref.get('year')})."
    if title and title != lead:
        line += f" {title}" + ("" if title.endswith(("?", "!", ".")) else ".")
    if journal and journal != lead:
        line += f" *{journal}*."
    return line + f" [{ident}]({href})"


def _quiz(bank: str, cache: dict | None = None):
    """The bank's Quiz, from ``cache`` when given (generation loads each bank once)."""
    from skinlab.quiz import Quiz

    if cache is None:
        return Quiz.from_bank(bank)
    if bank not in cache:
        cache[bank] = Quiz.from_bank(bank)
    return cache[bank]


# -- the generated cells -----------------------------------------------------------------------

def objectives_text(nb: Notebook, time: Time, cache: dict | None = None) -> str:
    objectives = list(_quiz(nb.bank, cache).objectives.values())
    lines = ["## In this notebook", "", "**Learning objectives.** By the end you will be able to:",
             ""]
    for i, text in enumerate(objectives, 1):
        lines.append(f"{i}. {text}{'.' if i == len(objectives) else ';'}")
    minutes = f"about {Time.rounded(time.core)} minutes"
    if time.deeper_words or any(time.deeper_items.values()):
        minutes += (f", plus about {Time.rounded(time.deeper)} for the optional *Going deeper* "
                    f"section")
    if time.final_words or any(time.final_items.values()):
        minutes += (f", plus about {Time.rounded(time.final)} for the final assessment of the "
                    f"whole course")
    lines += ["", f"**Time:** {minutes}. **Prerequisites:** {nb.prerequisites}"]
    return "\n".join(lines)


def treatment_room(number: str) -> dict | None:
    """The notebook's 'what it means in the treatment room' box (safety.yaml), or None."""
    return (dataset().tree("safety.yaml").get("treatment_room") or {}).get(number)


def treatment_room_text(number: str) -> str:
    """The box as Markdown: what a clinician weighs, from the cited sources; education, not
    advice."""
    box = treatment_room(number)
    return ("> **What it means in the treatment room.** " + box["text"].strip() + "\n>\n"
            "> *Education, not advice: what a clinician weighs, not what anyone should do. The "
            "sources are in the references below.*")


def references_text(nb: Notebook) -> str:
    lines = ["## References", ""]
    if nb.intro:
        lines += [nb.intro.strip(), ""]
    lines += folded([reference_line(k) for k in nb.references], "reference", "references")
    if nb.note:
        lines += ["", nb.note.strip()]
    return "\n".join(lines)


def _n(x: float) -> str:
    return f"{x:g}"


def rule_text() -> str:
    """The time rule in one sentence, from the constants (README, CONTRIBUTING, TEACHING, 00)."""
    return (f"reading at {WORDS_PER_MINUTE} words a minute, a pace for text dense with new words; "
            f"{_n(MINUTES['question'])} minutes a question, {_n(MINUTES['prediction'])} a "
            f"prediction and {_n(MINUTES['explorer'])} to explore an explorer")


def times_text(times: dict[str, Time]) -> str:
    """Every notebook's time in one sentence, with its Going deeper and the final assessment."""
    parts = []
    for number, t in times.items():
        extra = (f" (plus about {Time.rounded(t.deeper)} for its *Going deeper*)"
                 if t.deeper else "")
        parts.append(f"{number} about {Time.rounded(t.core)} minutes{extra}")
    final = next((t.final for t in times.values() if t.final), 0)
    tail = f"; the final assessment about {Time.rounded(final)} minutes" if final else ""
    total = sum(Time.rounded(t.core) for t in times.values())
    return (f"{'; '.join(parts)}{tail}. The notebooks' main paths come to about "
            f"{total // 60} h {total % 60:02d} min.")


def course_map_text(times: dict[str, Time]) -> str:
    lines = ["## The course map", "",
             "| # | notebook | you will learn to | what it asks of you | time | status |",
             "|---|---|---|---|---|---|"]
    for nb in course():
        time = (f"about {Time.rounded(times[nb.number].core)} minutes"
                if nb.number in times else "not yet known")
        lines.append(f"| {nb.number} | {nb.title} | {nb.map} | {nb.asks} | {time} | "
                     f"{nb.status} |")
    waiting = any(not nb.ready for nb in course())
    lines += ["", f"Times follow one rule, the same in every notebook: {rule_text()}. "
              + ("Notebooks marked *in preparation* are being written; start with 01 while they "
                 "arrive." if waiting else
                 "Start with 01 and go in order: each notebook names what it builds on. The "
                 "final assessment of the whole course is near the end of this notebook.")]
    return "\n".join(lines)


def glossary_terms() -> dict[str, dict]:
    """Glossary key -> {term, forms, definition}, alphabetical by term."""
    terms = {}
    for key, raw in (dataset().tree(GLOSSARY_FILE).get("terms") or {}).items():
        term = str(raw.get("term") or key.replace("_", " "))
        forms = [str(f) for f in (raw.get("forms") or [term])]
        terms[key] = {"term": term, "forms": forms, "definition": str(raw["definition"]).strip()}
    return dict(sorted(terms.items(), key=lambda kv: kv[1]["term"].lower()))


def glossary_text(keys: list[str] | None = None) -> str:
    """The glossary: every term (``keys`` None, notebook 00), or only a notebook's own."""
    terms = glossary_terms()
    if keys is None:
        intro = ("Every word the course defines, in its own wording. In each notebook a word links "
                 "to that notebook's glossary the first time it appears.")
    else:
        intro = ("The words of this notebook that the course defines, in its own wording; each "
                 "links here the first time it appears. Notebook 00 has the whole glossary.")
    lines = ["## Glossary", "", intro + " Each definition's source is in "
             "`skinlab/data/glossary.yaml`.", ""]
    items = [f"- **{e['term'][0].upper() + e['term'][1:]}**: {e['definition']}"
             for key, e in terms.items() if keys is None or key in keys]
    return "\n".join(lines + folded(items, "word", "words"))


FOLD_AFTER = 6  # a glossary or reference list longer than this is folded


def folded(items: list[str], one: str, many: str) -> list[str]:
    """A Markdown list, folded under a summary line when it is long (HTML ``<details>``, which
    JupyterLab and the book both render; the keyboard opens it with Enter)."""
    if len(items) <= FOLD_AFTER:
        return items
    return [f"<details><summary>Show all {len(items)} {many}</summary>", "", *items, "",
            "</details>"]


# -- glossary links in the authors' markdown -------------------------------------------------------

_PROTECTED = re.compile(
    r"```.*?```"                      # code blocks
    r"|`[^`\n]*`"                     # code spans
    r"|!?\[[^\]]*\]\([^)\n]*\)"       # links and images (their text may wrap)
    r"|<[^>\n]+>"                     # HTML tags
    r"|^\s{0,3}#{1,6} [^\n]*$"        # headings (their text is their anchor)
    r"|\b\d\d · [^\n.;(]*"             # a notebook's title: "02 · Renewal and exfoliation"
    r"|\b[Nn]otebook \d\d \([^)]*\)",   # "notebook 03 (microneedling ..., in preparation)"
    re.S | re.M)


def _link_pattern(forms: list[str]) -> re.Pattern:
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in
                    sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?:s|es)?(?![\w-])", re.I)


def strip_glossary_links(markdown: str, target: str) -> str:
    """The text without its glossary links (nested ones too), link text kept."""
    link = re.compile(r"\[([^\[\]]+)\]\(" + re.escape(target) + r"\)")
    while True:
        stripped = link.sub(r"\1", markdown)
        if stripped == markdown:
            return stripped
        markdown = stripped


def link_glossary(cells: list[str], target: str = "#Glossary") -> tuple[list[str], list[str]]:
    """Each markdown text with the first use of every glossary term (in the whole list) linked,
    and the keys of the terms linked, in the glossary's order."""
    terms = glossary_terms()
    patterns = {k: _link_pattern(v["forms"]) for k, v in terms.items()}
    # longer terms first, so "papillary dermis" is linked whole before "dermis" is looked for
    order = sorted(patterns, key=lambda k: -max(len(f) for f in terms[k]["forms"]))
    # the longer terms that contain a term ("reticular dermis" holds "dermis")
    holders = {k: [o for o in order if o != k and any(
        patterns[k].search(f) for f in terms[o]["forms"])] for k in order}
    pending = set(patterns)
    out = []
    for text in cells:
        text = strip_glossary_links(text, target)
        pieces, last = [], 0
        for m in _PROTECTED.finditer(text):
            pieces += [(False, text[last:m.start()]), (True, m.group(0))]
            last = m.end()
        pieces.append((False, text[last:]))
        done = []
        for protected, piece in pieces:
            if not protected:
                for key in [k for k in order if k in pending]:
                    # the first use outside a link made for an earlier term in this piece, and
                    # not part of a longer term ("dermis" in "reticular dermis")
                    spans = _spans(piece, target) + [
                        m.span() for other in holders[key]
                        for m in patterns[other].finditer(piece)]
                    m = next((m for m in patterns[key].finditer(piece)
                              if not any(s <= m.start() < e and (e - s) > len(m.group(0))
                                         for s, e in spans)), None)
                    if m is None:
                        continue
                    piece = (piece[:m.start()] + f"[{m.group(0)}]({target})" +
                             piece[m.end():])
                    pending.discard(key)
            done.append(piece)
        out.append("".join(done))
    return out, [k for k in terms if k not in pending]


def _spans(text: str, target: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\[[^\]]+\]\(" + re.escape(target) + r"\)", text)]


# -- honest time -----------------------------------------------------------------------------------

def count_words(markdown: str) -> int:
    text = re.sub(r"\]\([^)]*\)", "]", markdown)  # link targets are not read
    text = re.sub(r"<[^>]+>", " ", text)
    return sum(1 for w in text.split() if re.search(r"[^\W_]", w))




def _explorer_pattern() -> re.Pattern:
    """A call of any registered explorer class (``LayerExplorer(``, ``SessionPlanner(``), from
    the registry itself: a new explorer counts for the time rule the moment it registers."""
    from skinlab.explore import EXPLORERS
    names = sorted({cls.__name__ for cls in EXPLORERS.values()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\(")
_SECTION_WIDGET = re.compile(r"\bquiz\.widget\(\s*(?:\"([^\"]*)\"|'([^']*)')?\s*\)")
_FINAL_WIDGET = re.compile(r"\bfinal\.widget\(\s*\)")  # the final assessment's questions


def section_times(nb_json: dict, bank: str, cache: dict | None = None) -> list[tuple[str, float]]:
    """The core's minutes section by section ('## ' headings; what comes before the first is
    'opening'), by the same rule: the lesson notes' timings are checked against these."""
    chunks: list[tuple[str, list[dict]]] = [("opening", [])]
    for cell in nb_json.get("cells", []):
        heading = next((line[3:].strip() for line in source(cell).splitlines()
                        if cell.get("cell_type") == "markdown" and line.startswith("## ")), None)
        if heading is not None:
            chunks.append((heading, []))
        chunks[-1][1].append(cell)
    out = []
    for heading, cells in chunks:
        minutes = time_of({"cells": cells}, bank, cache).core
        if minutes > 0:
            out.append((heading, minutes))
    return out


def teaching_timing(number: str, folder: str | Path = "notebooks") -> str:
    """The lesson notes' timing sentence for a notebook, section by section, by the rule:
    '**Timing (about 85 minutes, by the course's rule).** The opening, 3 min; ...'."""
    nb = next(n for n in course() if n.number == number)
    parts: dict[str, float] = {}
    for heading, minutes in section_times(
            json.loads((Path(folder) / nb.file).read_text(encoding="utf-8")), nb.bank):
        name = ("Opening and objectives" if heading in ("opening", "In this notebook") else
                "Summary" if heading in ("Summary", "What next", "References") else
                "The quiz" if heading == "Check yourself" else heading)
        parts[name] = parts.get(name, 0.0) + minutes
    total = Time.rounded(sum(parts.values()))
    listed = "; ".join(f"{name} ({max(1, round(m))} min)" for name, m in parts.items())
    return f"**Timing (about {total} minutes, by the course's rule).** {listed}."


def time_of(nb_json: dict, bank: str, cache: dict | None = None) -> Time:
    """The notebook's time by the rule: see the module's docstring."""
    quiz = _quiz(bank, cache) if bank else None
    time = Time()
    part = "core"  # or "deeper" (Going deeper), "final" (the final assessment)
    deeper_counts = {"questions": 0, "predictions": 0, "explorers": 0}
    final_counts = {"questions": 0, "predictions": 0, "explorers": 0}
    for cell in nb_json.get("cells", []):
        text = source(cell)
        if cell.get("cell_type") == "markdown":
            for line in text.splitlines():
                if re.match(r"^#{1,2}\s", line):
                    part = ("deeper" if GOING_DEEPER.match(line) else
                            "final" if FINAL.match(line) else "core")
            if generated(cell) in NOT_READ:
                continue
            if part == "deeper":
                time.deeper_words += count_words(text)
            elif part == "final":
                time.final_words += count_words(text)
            else:
                time.words += count_words(text)
            continue
        if cell.get("cell_type") != "code":
            continue
        counts = {"questions": 0, "predictions": 0,
                  "explorers": len(_explorer_pattern().findall(text))}
        for m in _SECTION_WIDGET.finditer(text):
            if quiz is None:
                continue
            section = m.group(1) or m.group(2) or None
            for q in quiz.section(section):
                counts["questions" if q.scored else "predictions"] += 1
        for _ in _FINAL_WIDGET.finditer(text):
            for q in _quiz(FINAL_BANK, cache).questions:
                counts["questions" if q.scored else "predictions"] += 1
        if part == "deeper":
            time.deeper_words += 0 if ignored(cell) else count_words(output_text(cell))
            for k, v in counts.items():
                deeper_counts[k] += v
        elif part == "final":
            time.final_words += 0 if ignored(cell) else count_words(output_text(cell))
            for k, v in counts.items():
                final_counts[k] += v
        else:
            time.words += 0 if ignored(cell) else count_words(output_text(cell))
            time.questions += counts["questions"]
            time.predictions += counts["predictions"]
            time.explorers += counts["explorers"]
    time.deeper_items = deeper_counts
    time.final_items = final_counts
    return time


# -- putting it together ---------------------------------------------------------------------

def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _dump(nb_json: dict) -> str:
    """The notebook as nbformat writes it (so that executing it and generating its text agree)."""
    import nbformat

    text = nbformat.writes(nbformat.from_dict(nb_json), version=4)
    return text if text.endswith("\n") else text + "\n"


def _set_source(cell: dict, text: str) -> None:
    lines = text.splitlines(keepends=True)
    cell["source"] = lines


def generate(nb: Notebook, nb_json: dict, times: dict[str, Time],
             cache: dict | None = None) -> dict:
    """The notebook with its generated cells rewritten and its glossary links renewed."""
    cells = nb_json.get("cells", [])
    tags = [generated(c) for c in cells]
    for need in ("disclaimer", "objectives", "glossary", "references", "disclaimer-end"):
        if need not in tags:
            raise NotebookTextError(
                f"{nb.file}: no cell for the generated {need!r}: add a markdown cell with "
                f"metadata {{\"skinlab\": {{\"generated\": \"{need}\"}}}}")
    if tags[-1] != "disclaimer-end":
        raise NotebookTextError(f"{nb.file}: the last cell must be the closing disclaimer")
    if treatment_room(nb.number) and "treatment-room" not in tags:  # after the summary
        at = next(i for i, c in enumerate(cells) if c.get("cell_type") == "markdown"
                  and source(c).startswith("## Summary")) + 1
        cells.insert(at, {"cell_type": "markdown", "id": "treatment-room",
                          "metadata": {"skinlab": {"generated": "treatment-room"}},
                          "source": []})
        tags.insert(at, "treatment-room")
    if "status-legend" not in tags:  # the legend of the status words, after the disclaimer
        at = tags.index("disclaimer") + 1
        cells.insert(at, {"cell_type": "markdown", "id": "status-legend",
                          "metadata": {"skinlab": {"generated": "status-legend"},
                                       "tags": ["status-legend"]},
                          "source": []})
        tags.insert(at, "status-legend")
    # glossary links in the authors' markdown (never in generated cells)
    own = [i for i, c in enumerate(cells) if c.get("cell_type") == "markdown" and not tags[i]]
    linked, keys = link_glossary([source(cells[i]) for i in own], GLOSSARY_LINK)
    for i, text in zip(own, linked):
        _set_source(cells[i], text)
    texts = {"disclaimer": disclaimer(), "disclaimer-end": disclaimer(end=True),
             "status-legend": LEGEND, "treatment-room": (treatment_room_text(nb.number)
                                                          if treatment_room(nb.number) else ""),
             "references": references_text(nb), "course-map": course_map_text(times),
             "glossary": glossary_text(None if nb.file == GLOSSARY_NOTEBOOK else keys)}
    for cell, tag in zip(cells, tags):
        if tag in texts:
            _set_source(cell, texts[tag])
    # the time last: it counts the text above (the objectives cell's own words do not change)
    objectives = next(c for c, t in zip(cells, tags) if t == "objectives")
    for _ in range(2):  # the second pass counts the objectives cell's own final words
        _set_source(objectives, objectives_text(nb, time_of(nb_json, nb.bank, cache), cache))
    return nb_json


def _regenerate(folder: Path) -> dict[str, tuple[str, str]]:
    """file name -> (text on disk, regenerated text) for every ready notebook."""
    ready = [nb for nb in course() if nb.ready]
    loaded = {}
    for nb in ready:
        path = folder / nb.file
        if not path.exists():
            raise NotebookTextError(f"{NOTEBOOKS_FILE}: notebook {nb.number} is ready but "
                                    f"{nb.file} does not exist")
        loaded[nb.file] = path.read_text(encoding="utf-8")
    current = {name: json.loads(text) for name, text in loaded.items()}
    times: dict[str, Time] = {}
    cache: dict = {}
    for _ in range(2):  # twice: 00's map shows every notebook's time, including its own
        for nb in ready:
            current[nb.file] = generate(nb, current[nb.file], times, cache)
            times[nb.number] = time_of(current[nb.file], nb.bank, cache)
    return {name: (loaded[name], _dump(nb_json)) for name, nb_json in current.items()}


def stale(folder: str | Path) -> list[str]:
    """The notebooks whose generated text is out of date (empty: all current)."""
    return [name for name, (old, new) in _regenerate(Path(folder)).items() if old != new]


def times(folder: str | Path) -> dict[str, Time]:
    """Each ready notebook's time by the rule, from the notebooks as they are."""
    cache: dict = {}
    return {nb.number: time_of(_load(Path(folder) / nb.file), nb.bank, cache)
            for nb in course() if nb.ready}


TIMES_START, TIMES_END = "<!-- course-times -->", "<!-- /course-times -->"
FINAL_START, FINAL_END = "<!-- final-count -->", "<!-- /final-count -->"
TIMES_DOCS = ("README.md", "CONTRIBUTING.md")


def final_count_text(cache: dict | None = None) -> str:
    """How many questions the final assessment asks, and how many of them are on new cases
    (``transfer: true`` in its bank): the README's sentence, so it follows the bank."""
    questions = _quiz(FINAL_BANK, cache).questions
    transfer = sum(bool(q.raw.get("transfer")) for q in questions)
    return (f"{len(questions)} questions from every notebook, {number_word(transfer)} of them "
            f"on new cases (transfer)")


def write_doc_times(root: str | Path, found: dict[str, Time]) -> list[Path]:
    """Put :func:`times_text` between the ``<!-- course-times -->`` markers of README.md and
    CONTRIBUTING.md in ``root``, and :func:`final_count_text` between the ``<!-- final-count
    -->`` markers (a document without them, or missing, is left alone); return the files
    changed. So a notebook added or lengthened, or a question added to the final assessment,
    changes the documents too."""
    blocks = {(TIMES_START, TIMES_END): lambda: times_text(found),
              (FINAL_START, FINAL_END): final_count_text}
    changed = []
    for name in TIMES_DOCS:
        path = Path(root) / name
        if not path.exists():
            continue
        text = new = path.read_text(encoding="utf-8")
        for (start, end), make in blocks.items():
            pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
            if pattern.search(new):
                new = pattern.sub((start + make() + end).replace("\\", "\\\\"), new)
        if new != text:
            path.write_text(new, encoding="utf-8", newline="\n")
            changed.append(path)
    return changed


def write(folder: str | Path) -> list[Path]:
    """Regenerate every ready notebook's text in place; return the files that changed."""
    folder = Path(folder)
    changed = []
    for name, (old, new) in _regenerate(folder).items():
        if old != new:
            (folder / name).write_text(new, encoding="utf-8", newline="\n")
            changed.append(folder / name)
    changed += write_doc_times(folder.parent, times(folder))
    for number, time in times(folder).items():
        if time.core > CORE_LIMIT_MINUTES:
            raise NotebookTextError(
                f"notebook {number}'s core takes about {time.core:.0f} minutes by the course's "
                f"rule; at most {CORE_LIMIT_MINUTES}: shorten it or move part of it into "
                f"'Going deeper'")
    return changed


__all__ = ["CORE_LIMIT_MINUTES", "Notebook", "NotebookTextError", "Time", "course", "rule_text",
           "times_text", "final_count_text", "write_doc_times",
           "count_words", "disclaimer", "generate", "glossary_terms", "link_glossary",
           "reference_line", "stale", "time_of", "times", "write"]
