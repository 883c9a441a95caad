"""The course as a static website: ``python -m skinlab book [--out DIR] [--only NN ...]``.

Built from the committed, executed notebooks (never re-executed) and from the course's data,
with nothing fetched: every page, style, script and image is a file of the site, so the site
opens from disk (``_build/book/index.html``) or from any static host. ``make book`` runs this
in a network namespace with no network, so a fetch would fail the build.

The site holds:

- a page per notebook of ``skinlab/data/notebooks.yaml`` (or the ``only`` ones): its text, its
  figures (PNG files with their alt text and captions), each explorer's saved static figure with
  its description and a line on running it live, the printed results, and its quizzes;
- quizzes that work in the page without a kernel: each question's data, and for every kind
  whose grading needs no model (single and multiple choice, true/false with its reason,
  ordering, rating) its grading table, are generated here from :mod:`skinlab.quiz`: every
  possible answer graded by the course's own :meth:`Quiz.grade`, so the page shows the same
  result and feedback and nothing is written twice. A numeric question shows its worked answer
  folded; a prediction is recorded and its reveal shown. Answers stay in the browser's local
  storage, never sent anywhere;
- the exercises (learner versions) with their solutions folded, a glossary page and a references
  page from the data, the course map, the teacher notes (TEACHING.md), the disclaimer and a line
  on where to report an error on every page.

The build fails (:class:`BookError`) on a broken internal link or anchor, a missing image, or a
notebook missing from the table of contents.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable

from skinlab.tools import nbcells

ASSETS = Path(__file__).resolve().parent / "book_assets"
OUT = Path("_build") / "book"
WIDGET = "application/vnd.jupyter.widget-view+json"
REPORT = ("Found an error? Open an issue in the course's repository, or tell your teacher: "
          "name the page and the sentence.")
PRIVACY = ("Your answers stay in this browser (its local storage): nothing is sent anywhere. "
           "Clearing the browser's site data forgets them.")
LIVE = ("This is the explorer's saved picture and description. To move its controls, run the "
        "course live: `make lab` (see the course's README).")
GRADED = ("single", "multiple", "truefalse", "ordering", "rate")
# Cells whose output is a learner's own record (a check's summary, the progress panel, the final
# report, 06's first ratings): saved outputs show an empty record, so the page says what it does.
_RECORD = re.compile(r"\bprogress\.|\.report\(|first_ratings\(")
_SUMMARY = re.compile(r"\.summary\(")
RECORD_NOTE = ("This part shows your own record, and works in the live course (JupyterLab: "
               "`make lab`). On this site, your answers stay in this browser and each check "
               "shows its score under its questions.")
SUMMARY_NOTE = "Your score for the check above is shown under its questions."
_QUIZ_CALL = re.compile(r"^\s*(\w+)\.widget\(\s*(?:\"([^\"]*)\"|'([^']*)')?\s*\)\s*$")
_BANK_CALL = re.compile(r"(\w+)\s*=\s*Quiz\.from_bank\(\s*[\"']([^\"']+)[\"']")
_IMG = re.compile(r'src="data:image/png;base64,([^"]+)"')


class BookError(ValueError):
    """The site cannot be built, or was built with a broken link, image or table of contents."""


@dataclass
class Page:
    file: str  # relative to the site's root, e.g. "03_microneedling.html"
    title: str
    body: str
    section: str = "Course"  # its group in the side navigation


@dataclass
class Built:
    """What :func:`build` wrote: the site's folder, its pages and images, and its quiz data."""

    out: Path
    pages: list[Page] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    questions: dict[str, dict] = field(default_factory=dict)  # "bank/id" -> page data

    def lines(self) -> list[str]:
        size = sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())
        return [f"wrote {len(self.pages)} pages, {len(self.images)} images and "
                f"{len(self.questions)} questions ({size / 1e6:.1f} MB) to {self.shown}/",
                f"open {self.shown}/index.html in a browser"]

    @property
    def shown(self) -> str:
        """The site's folder as a reader finds it: from the working folder where it is below
        it, else its last two parts (never a whole machine path)."""
        try:
            return self.out.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return f"{self.out.parent.name}/{self.out.name}"


# -- Markdown -------------------------------------------------------------------------------

def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def heading_id(text: str) -> str:
    """The anchor JupyterLab gives a heading (its text, spaces as hyphens), so the notebooks'
    own links (``#Glossary``) work on the site too."""
    return re.sub(r"\s+", "-", text.strip())


def render_markdown(text: str, links: dict[str, str] | None = None) -> str:
    """Markdown (CommonMark, tables, raw HTML) as HTML: headings get JupyterLab's anchors, and
    a link whose target is a key of ``links`` points where ``links`` says."""
    md = _markdown()
    tokens = md.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            plain = "".join(c.content for c in (inline.children or [])
                            if c.type in ("text", "code_inline"))
            tok.attrSet("id", heading_id(plain))
        if tok.type == "inline" and links:
            children = tok.children or []
            for j, child in enumerate(children):
                if child.type == "link_open":
                    href = str(child.attrGet("href") or "")
                    if href in links:
                        label = "".join(c.content if c.type != "softbreak" else " "
                                        for c in itertools.takewhile(
                                            lambda c: c.type != "link_close", children[j + 1:])
                                        if c.type in ("text", "code_inline", "softbreak"))
                        child.attrSet("href", links[href].replace("{text}",
                                                                  glossary_key(label)))
    return md.renderer.render(tokens, md.options, {})


# -- quizzes ---------------------------------------------------------------------------------

def _result(q, response) -> list:
    r = q.grade(response)
    return [bool(r.correct), r.message]


def question_data(q) -> dict:
    """One question as the page shows it, and its grading table (every possible answer graded
    by the course's own :meth:`grade`) for the kinds the page grades."""
    target = q.target if q.kind == "reference" else q
    kind = target.kind
    bank, qid = q.record_key()
    data: dict[str, Any] = {"bank": bank, "id": qid, "kind": kind,
                            "prompt": render_markdown(target.prompt).strip(),
                            "scored": bool(q.scored)}
    if kind in ("single", "rate", "prediction") and target.choices():
        data["options"] = [{"id": o["id"], "text": o["text"]} for o in target.choices()]
    if kind in ("single", "rate") or (kind == "prediction" and target.choices()):
        data["table"] = {o["id"]: _result(target, o["id"]) for o in target.choices()}
        if kind != "prediction":  # nothing chosen: the course's own message
            data["table"][""] = _result(target, None)
    elif kind == "multiple":
        shown = target.display_options()
        data["options"] = [{"id": o["id"], "text": o["text"]} for o in shown]
        ids = [o["id"] for o in shown]
        table = {}
        for n in range(len(ids) + 1):
            for combo in itertools.combinations(ids, n):
                table["|".join(sorted(combo))] = _result(target, list(combo) or None)
        data["table"] = table
    elif kind == "truefalse":
        reasons = target.display_reasons()
        data["reasons"] = [{"id": r["id"], "text": r["text"]} for r in reasons]
        data["table"] = {f"{'true' if v else 'false'}|{r['id']}":
                         _result(target, {"answer": v, "reason": r["id"]})
                         for v in (True, False) for r in reasons}
        data["needs"] = {"verdict": _result(target, {"answer": None, "reason": None})[1],
                         "reason": _result(target, {"answer": True, "reason": None})[1]}
    elif kind == "ordering":
        items = target.display_items()
        data["items"] = [{"id": i["id"], "text": i["text"]} for i in items]
        data["table"] = {"|".join(p): _result(target, list(p))
                         for p in itertools.permutations([i["id"] for i in items])}
    elif kind == "numeric":
        data["unit"] = target.unit_name()
        data["answer"] = target.answer_text()
        data["explanation"] = render_markdown(target.explanation()).strip()
    elif kind == "prediction":
        data["reveal"] = target.reveal
        data["unit"] = target.unit_name()
    if kind == "rate":
        data["evidence"] = render_markdown(target.explanation()).strip()
    return data


def quiz_html(quiz, section: str | None, built: Built) -> str:
    """A quiz block: its questions' data inline (a JSON script the page's script reads)."""
    questions = quiz.section(section) if not quiz.final else quiz.questions
    items = []
    for q in questions:
        d = question_data(q)
        built.questions[f"{d['bank']}/{d['id']}"] = d
        items.append(d)
    payload = json.dumps({"bank": quiz.name, "section": section or "", "title": quiz.title,
                          "questions": items}, ensure_ascii=False).replace("</", "<\\/")
    where = "the quiz" if not section else "a check"
    return (f'<div class="sk-quiz" data-bank="{html.escape(quiz.name)}" '
            f'data-section="{html.escape(section or "")}">'
            f'<noscript><p>This {where} needs JavaScript in the page (or the live course: '
            f'<code>make lab</code>).</p></noscript>'
            f'<script type="application/json" class="sk-quiz-data">{payload}</script></div>')


# -- notebooks -------------------------------------------------------------------------------

def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _image(built: Built, data: bytes, stem: str) -> str:
    name = f"_images/{stem}-{hashlib.sha256(data).hexdigest()[:12]}.png"
    path = built.out / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        built.images.append(name)
    return name


def _output_html(out: dict, built: Built, stem: str, prefix: str) -> str:
    """One saved output: text, a figure (its PNG written as a file), or a widget's static
    fallback (an explorer's saved picture and description)."""
    kind = out.get("output_type")
    if kind == "stream":
        return f'<pre class="sk-output">{html.escape(_joined(out.get("text", "")))}</pre>'
    data = out.get("data", {})
    if WIDGET in data and "image/png" in data:  # an explorer: its saved picture and sentence
        src = _image(built, base64.b64decode(_joined(data["image/png"])), stem)
        text = _joined(data.get("text/plain", "")).strip().strip("'\"")
        text = re.sub(r"\s*\(Run this cell to use the controls\.\)", "", text)
        alt = text.split(":")[0][:150] if text else "The explorer's figure"
        return (f'<figure class="sk-explorer"><img src="{prefix}{src}" alt="{html.escape(alt)}">'
                f'<figcaption><p class="sk-describe">{html.escape(text)}</p>'
                f'{render_markdown(LIVE)}</figcaption></figure>')
    if "text/html" in data:
        body = _joined(data["text/html"])
        return _IMG.sub(lambda m: f'src="{prefix}'
                        f'{_image(built, base64.b64decode(m.group(1)), stem)}"', body)
    if "image/png" in data:
        src = _image(built, base64.b64decode(_joined(data["image/png"])), stem)
        return f'<img src="{prefix}{src}" alt="A figure of the notebook">'
    if "text/plain" in data and WIDGET not in data:
        return f'<pre class="sk-output">{html.escape(_joined(data["text/plain"]))}</pre>'
    return ""


def _cite(rendered: str, keys: Iterable[str]) -> str:
    """The references list with each entry linked to its place on the references page (the
    generated list holds the notebook's keys in order)."""
    keys = list(keys)
    items = rendered.split("</li>")
    if len(items) - 1 != len(keys):
        raise BookError(f"the references list has {len(items) - 1} entries, the notebook "
                        f"cites {len(keys)}: run make notebook-text")
    return "".join(f'{item} <a class="sk-ref" href="references.html#ref-{key}">'
                   f'(on the references page)</a></li>' for item, key in zip(items, keys)) \
        + items[-1]


def notebook_body(nb: dict, stem: str, built: Built, links: dict[str, str],
                  prefix: str = "", cites: Iterable[str] = ()) -> str:
    """A notebook's cells as HTML: markdown rendered, code folded under its output, widgets
    replaced by their static fallback or (quizzes) the page's own quiz."""
    from skinlab.quiz import Quiz

    banks: dict[str, Any] = {}
    parts = []
    for cell in nb["cells"]:
        src = nbcells.source(cell)
        if cell["cell_type"] == "markdown":
            rendered = render_markdown(src, links)
            if nbcells.generated(cell) == "references":
                rendered = _cite(rendered, cites)
            parts.append(f'<section class="sk-md">{rendered}</section>')
            continue
        if cell["cell_type"] != "code":
            continue
        for var, bank in _BANK_CALL.findall(src):
            banks[var] = Quiz.from_bank(bank)
        call = _QUIZ_CALL.match(src.strip().splitlines()[-1]) if src.strip() else None
        if call and call.group(1) in banks:
            section = call.group(2) if call.group(2) is not None else call.group(3)
            parts.append(quiz_html(banks[call.group(1)], section, built))
            continue
        if _RECORD.search(src) or _SUMMARY.search(src):
            note = RECORD_NOTE if _RECORD.search(src) else SUMMARY_NOTE
            parts.append(f'<div class="sk-cell sk-record">{render_markdown(note)}</div>')
            continue
        outputs = "".join(_output_html(o, built, stem, prefix) for o in cell.get("outputs", []))
        code = (f'<details class="sk-code"><summary>Show the code</summary>'
                f'<pre><code>{html.escape(src)}</code></pre></details>') if src.strip() else ""
        if cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden"):
            outputs = (f'<details class="sk-reveal"><summary>Show the result</summary>'
                       f'{outputs}</details>')
        if outputs or code:
            parts.append(f'<div class="sk-cell">{outputs}{code}</div>')
    return "\n".join(parts)


def _glossary_links() -> dict[str, str]:
    return {"#Glossary": "glossary.html#{text}"}


def glossary_key(label: str) -> str:
    """The glossary key a linked word names (a form of the term, or its plural), or "" (the
    glossary page's top) for a word the glossary does not hold."""
    from skinlab.tools.notebooktext import glossary_terms

    said = " ".join(label.lower().split())
    for key, term in glossary_terms().items():
        for form in (f.lower() for f in [term["term"], *term["forms"]]):
            plurals = {form + "s", form + "es"} | ({form[:-1] + "ies"} if form.endswith("y")
                                                   else set())
            if said == form or said in plurals:
                return key
    return ""


# -- pages -----------------------------------------------------------------------------------

def glossary_page() -> Page:
    from skinlab.tools.notebooktext import glossary_terms

    rows = []
    for key, t in glossary_terms().items():
        rows.append(f'<dt id="{key}">{html.escape(t["term"])}</dt>'
                    f'<dd>{render_markdown(t["definition"]).strip()}</dd>')
    body = ("<h1>Glossary</h1><p>Every word the course defines, in its own wording. In each "
            "notebook a word links here the first time it appears.</p>"
            f'<dl class="sk-glossary">{"".join(rows)}</dl>')
    return Page("glossary.html", "Glossary", body, "Reference")


def references_page() -> Page:
    from skinlab.data import dataset
    from skinlab.tools.notebooktext import reference_line

    keys = sorted(dataset().references)
    items = "".join(f'<li id="ref-{html.escape(k)}">'
                    f'{render_markdown(reference_line(k).removeprefix("- ")).strip()}</li>'
                    for k in keys)
    body = ("<h1>References</h1><p>Every source the course cites, with its identifier (a DOI, "
            "a PMID or the page's address). Each value the course shows is cited in its data "
            "files with its source.</p>"
            f'<ul class="sk-references">{items}</ul>')
    return Page("references.html", "References", body, "Reference")


def markdown_page(path: Path, file: str, title: str, section: str) -> Page:
    text = path.read_text(encoding="utf-8")
    return Page(file, title, render_markdown(text), section)


def exercise_page(path: Path, built: Built) -> Page:
    """An exercise: the learner version's cells, each solution folded under its cell."""
    from skinlab.tools.student import strip_solutions

    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        src = nbcells.source(cell)
        if cell["cell_type"] == "markdown":
            parts.append(f'<section class="sk-md">{render_markdown(src)}</section>')
        elif cell["cell_type"] == "code" and src.strip():
            learner = strip_solutions(src, path.name)
            solution = ("" if learner == src else
                        f'<details class="sk-solution"><summary>Show the solution</summary>'
                        f'<pre><code>{html.escape(src)}</code></pre></details>')
            parts.append(f'<div class="sk-cell"><pre><code>{html.escape(learner)}</code></pre>'
                         f'{solution}</div>')
    title = next((ln.lstrip("# ").strip() for c in nb["cells"] if c["cell_type"] == "markdown"
                  for ln in nbcells.source(c).splitlines() if ln.startswith("# ")), path.stem)
    note = render_markdown("Run it live to check your answers: `make lab` copies it into "
                           "`my-work/exercises/`.")
    return Page(f"exercises/{path.stem}.html", title, note + "\n".join(parts), "Exercises")


def index_page(root: Path, ready: list) -> Page:
    """The first page: what the course is, the course map (each notebook linked), how to run it
    live."""
    from skinlab.tools.notebooktext import course_map_text, times

    text = ("# skinlab: how skin is built, and what microneedling does to it\n\n"
            "An open course on the skin's layers, how microneedling makes micro-channels and "
            "what the skin does about them, what gets through them, and why microneedling is not "
            "exfoliation: it punctures the skin and removes no tissue.\n\n"
            "Read it here, page by page, with its figures and quizzes; or run it live, with "
            "explorers whose controls you move (`make lab`: see the course's README).\n\n")
    found = times(root / "notebooks") if len(ready) == sum(nb.ready for nb in _course()) else {}
    body = render_markdown(text) + render_markdown(course_map_text(found))
    for nb in ready:  # each notebook's title in the map links to its page
        cell = f"<td>{html.escape(nb.title, quote=False)}</td>"
        body = body.replace(cell, f'<td><a href="{Path(nb.file).stem}.html">'
                                  f'{html.escape(nb.title, quote=False)}</a></td>', 1)
    return Page("index.html", "Start here", body, "Course")


def _course() -> list:
    from skinlab.tools.notebooktext import course

    return course()


# -- layout and checks -----------------------------------------------------------------------

def layout(page: Page, pages: list[Page], disclaimer: str) -> str:
    depth = page.file.count("/")
    up = "../" * depth
    nav, group = [], None
    for p in pages:
        if p.section != group:
            if group is not None:
                nav.append("</ul>")
            nav.append(f'<p class="sk-nav-group">{html.escape(p.section)}</p><ul>')
            group = p.section
        here = ' aria-current="page"' if p is page else ""
        nav.append(f'<li><a href="{up}{p.file}"{here}>{html.escape(p.title)}</a></li>')
    nav.append("</ul>")
    i = pages.index(page)
    prev_link = (f'<a rel="prev" href="{up}{pages[i - 1].file}">← {html.escape(pages[i - 1].title)}'
                 f'</a>' if i > 0 else "<span></span>")
    next_link = (f'<a rel="next" href="{up}{pages[i + 1].file}">{html.escape(pages[i + 1].title)} →'
                 f'</a>' if i + 1 < len(pages) else "<span></span>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(page.title)} · skinlab</title>
<link rel="stylesheet" href="{up}_static/book.css">
<script defer src="{up}_static/book.js"></script>
</head>
<body>
<a class="sk-skip" href="#main">Skip to the content</a>
<header class="sk-header"><a href="{up}index.html">skinlab</a>
<span>how skin is built, and what microneedling does to it</span></header>
<div class="sk-layout">
<nav class="sk-nav" aria-label="The course">{''.join(nav)}</nav>
<main id="main" class="sk-main">
{page.body}
<nav class="sk-pager" aria-label="Previous and next page">{prev_link}{next_link}</nav>
</main>
</div>
<footer class="sk-footer">
{render_markdown(disclaimer)}
<p>{html.escape(PRIVACY)}</p>
<p>{html.escape(REPORT)}</p>
</footer>
</body>
</html>
"""


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)
        self.imgs_without_alt = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.refs.append(("href", str(a["href"])))
        if tag in ("img", "script", "link") and (a.get("src") or a.get("href")):
            self.refs.append(("src", str(a.get("src") or a.get("href"))))
        if tag == "img" and not (a.get("alt") or "").strip():
            self.imgs_without_alt += 1


def check_site(out: Path, expected: Iterable[str]) -> list[str]:
    """Every problem of the built site: a broken internal link or anchor, a missing image or
    asset, an image without alt text, a request outside the site, an expected page missing
    from the table of contents."""
    problems, parsed = [], {}
    for path in sorted(out.rglob("*.html")):
        p = _Refs()
        p.feed(path.read_text(encoding="utf-8"))
        parsed[path] = p
    index = parsed.get(out / "index.html")
    for name in expected:
        if not (out / name).exists():
            problems.append(f"{name}: the page is missing")
        elif index is None or not any(v == name for _, v in index.refs):
            problems.append(f"{name}: not in the table of contents")
    for path, p in parsed.items():
        rel = path.relative_to(out).as_posix()
        if p.imgs_without_alt:
            problems.append(f"{rel}: {p.imgs_without_alt} image(s) without alt text")
        for attr, ref in p.refs:
            if re.match(r"^(mailto:|https?:)", ref):
                if attr == "src":
                    problems.append(f"{rel}: loads {ref} from outside the site")
                continue
            if ref.endswith("#"):
                problems.append(f"{rel}: {ref}: a link to no anchor (a word the glossary lacks?)")
                continue
            target, _, anchor = ref.partition("#")
            dest = path if not target else (path.parent / target).resolve()
            if not dest.exists():
                problems.append(f"{rel}: {ref} does not exist")
            elif anchor and dest.suffix == ".html":
                ids = parsed[dest].ids if dest in parsed else set()
                if anchor not in ids:
                    problems.append(f"{rel}: {ref}: no anchor #{anchor}")
    return problems


# -- the build -------------------------------------------------------------------------------

def build(root: str | Path, out: str | Path | None = None,
          only: Iterable[str] | None = None) -> Built:
    """Build the site from the course at ``root`` into ``out`` (default ``_build/book``);
    ``only``: the notebook numbers to include (all ready ones by default). Raises
    :class:`BookError` naming every problem the built site has."""
    from skinlab.tools.notebooktext import course, disclaimer

    root = Path(root)
    out = Path(out) if out is not None else root / OUT
    if out.exists():
        shutil.rmtree(out)
    (out / "_static").mkdir(parents=True)
    for asset in ("book.css", "book.js"):
        shutil.copy(ASSETS / asset, out / "_static" / asset)
    built = Built(out)
    wanted = set(only) if only else None
    ready = [nb for nb in course() if nb.ready and (wanted is None or nb.number in wanted)]
    if wanted and len(ready) != len(wanted):
        missing = sorted(wanted - {nb.number for nb in ready})
        raise BookError(f"no ready notebook numbered {', '.join(missing)}")
    pages = [index_page(root, ready)]
    links = _glossary_links()
    for nb in ready:
        path = root / "notebooks" / nb.file
        stem = Path(nb.file).stem
        body = notebook_body(json.loads(path.read_text(encoding="utf-8")), stem, built, links,
                             cites=nb.references)
        pages.append(Page(f"{stem}.html", f"{nb.number} · {nb.title}", body, "Notebooks"))
    exercises = sorted((root / "exercises").glob("*.ipynb"))
    if wanted is not None:
        exercises = [p for p in exercises if p.name[:2] in wanted]
    pages += [exercise_page(p, built) for p in exercises]
    pages += [glossary_page(), references_page()]
    if (root / "TEACHING.md").exists():
        pages.append(markdown_page(root / "TEACHING.md", "teaching.html", "For teachers",
                                   "Reference"))
    text = disclaimer()
    for page in pages:
        dest = out / page.file
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(layout(page, pages, text), encoding="utf-8")
    built.pages = pages
    problems = check_site(out, [f"{Path(nb.file).stem}.html" for nb in ready])
    if problems:
        raise BookError("the site has problems:\n  " + "\n  ".join(problems))
    return built


__all__ = ["BookError", "Built", "Page", "build", "check_site", "heading_id", "question_data",
           "render_markdown"]
