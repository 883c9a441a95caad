"""Printable handouts: ``python -m skinlab handouts [--book DIR] [--out DIR]`` (``make handouts``).

Each notebook's page of the built site (``make book``, ``_build/book``) is printed to one PDF
named after the notebook (``_build/handouts/03_microneedling.pdf``), and every quiz bank's
answer key and every exercise's solutions to ``instructor.pdf``, for the teacher only.

Printing is done by Debian's headless Chromium (``apt-get install chromium``), started from here
with ``--print-to-pdf --no-pdf-header-footer`` and a fresh temporary profile, up to
:data:`WORKERS` pages at a time. The site's own print style (the ``@media print`` block of
``book.css``) sets the page: A4, page numbers in ``@page`` margin boxes, figures kept whole on
one page, the navigation and the code hidden. What the site folds (a result to reveal, a worked
answer, a solution) stays folded on paper; the instructor's key prints its answers unfolded.

Nothing printed names the machine: Chromium prints no header or footer (so no ``file://``
address), and the copy of a page that is printed has its links to the site's own files removed
(a PDF would otherwise carry them as ``file://`` links). Links to sources on the web are kept.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

OUT = Path("_build") / "handouts"
INSTRUCTOR = "instructor.html"
WORKERS = 2  # pages printed at once
TIMEOUT = 90.0  # seconds for one page
# The flags every headless Chromium of the course starts with (tests/support/browser.py).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
INSTALL = "apt-get install chromium"
# Run in the printed copy once the page (and its quizzes) is drawn: a link to one of the site's
# own files would be printed into the PDF as a file:// link naming the machine's folders.
_UNLINK = """<script>
window.addEventListener("load", function () {
  document.querySelectorAll("a[href]").forEach(function (a) {
    if (!/^(https?:|mailto:)/i.test(a.getAttribute("href"))) a.removeAttribute("href");
  });
  document.querySelectorAll(".sk-handout details[open]").forEach(function (d) {
    d.removeAttribute("open");
  });
});
</script>"""
_PLACEHOLDER = re.compile(r"^\s*[\w.\[\]\"']+\s*=\s*\.\.\.\s*$")


class HandoutError(ValueError):
    """The handouts cannot be printed: no built site, no Chromium, or a page that failed."""


def chromium() -> str | None:
    """The path of a Chromium on PATH, or None."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _shown(path: Path, root: Path) -> str:
    """A folder as the user would name it: relative to the course or the current folder."""
    for base in (Path.cwd(), root):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix() or "."
        except ValueError:
            continue
    return path.name


def _print_copy(page: Path, handout: bool) -> str:
    """The page's HTML as printed: its links to the site resolved from its own folder (a
    ``<base>``), and removed once drawn; a notebook handout keeps every ``<details>`` folded."""
    text = page.read_text(encoding="utf-8")
    base = f'<base href="{html.escape(page.resolve().as_uri())}">'
    text = re.sub(r"<head>", lambda m: m.group(0) + "\n" + base, text, count=1)
    if handout:
        text = re.sub(r"<details\b([^>]*?)\s+open(=\"[^\"]*\")?(?=[\s>])", r"<details\1", text)
        text = re.sub(r"<body\b([^>]*)>", r'<body\1 class="sk-handout">', text, count=1)
    return text.replace("</body>", _UNLINK + "\n</body>", 1)


def print_pdf(page: str | Path, pdf: str | Path, *, browser: str | None = None,
              timeout: float = TIMEOUT, handout: bool = True) -> Path:
    """Print one HTML file of the site to one PDF with headless Chromium.

    Parameters
    ----------
    page
        An HTML file of the built site (its styles and images are read from beside it).
    pdf
        The PDF to write (its folder is made).
    browser
        The Chromium to run (default: ``chromium`` on PATH).
    timeout
        Seconds before the print is given up (its processes are ended).
    handout
        True for a learner's handout: every folded ``<details>`` stays folded.

    Raises
    ------
    HandoutError
        No Chromium, or it failed, timed out or wrote no PDF.
    """
    page, pdf = Path(page), Path(pdf)
    browser = browser or chromium()
    if browser is None:
        raise HandoutError(f"no chromium on PATH to print the handouts: {INSTALL}")
    if not page.is_file():
        raise HandoutError(f"{page.name}: no such page in the built site: run make book first")
    with tempfile.TemporaryDirectory(prefix="skinlab-print-") as tmp:
        work = Path(tmp)
        copy = work / page.name
        copy.write_text(_print_copy(page, handout), encoding="utf-8")
        printed = work / "printed.pdf"
        cmd = [browser, *CHROMIUM_ARGS, f"--user-data-dir={work / 'profile'}",
               "--no-pdf-header-footer", f"--print-to-pdf={printed}", copy.as_uri()]
        with open(work / "chromium.log", "wb") as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                    start_new_session=True)
            try:
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _end(proc)
                raise HandoutError(f"{page.name}: chromium did not print it within "
                                   f"{timeout:.0f} s") from None
        if code != 0 or not printed.is_file() or not printed.read_bytes()[:5] == b"%PDF-":
            tail = (work / "chromium.log").read_text(errors="replace").strip().splitlines()[-3:]
            said = "\n  ".join(line.replace(str(work), "<tmp>") for line in tail)
            raise HandoutError(f"{page.name}: chromium wrote no PDF (exit {code})"
                               + (f":\n  {said}" if said else ""))
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(printed), pdf)
    return pdf


def _end(proc: subprocess.Popen) -> None:
    """End a Chromium this module started: its own process group, then wait for it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue


# -- the instructor's key --------------------------------------------------------------------

def _solution_code(source: str) -> str:
    """A solution cell as the teacher reads it: the markers gone, and the learner's ``x = ...``
    placeholder before a solution block dropped (the cell still runs)."""
    from skinlab.tools.student import BEGIN, END

    lines = source.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if BEGIN.match(line) or END.match(line):
            continue
        if _PLACEHOLDER.match(line) and i + 1 < len(lines) and BEGIN.match(lines[i + 1]):
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n")


def _exercise_solutions(path: Path) -> str:
    """One exercise's solution cells, each after the task text just before it."""
    from skinlab.tools import nbcells
    from skinlab.tools.book import heading_id, render_markdown
    from skinlab.tools.student import strip_solutions

    nb = json.loads(path.read_text(encoding="utf-8"))
    title = next((ln.lstrip("# ").strip() for c in nbcells.cells(nb)
                  if c.get("cell_type") == "markdown"
                  for ln in nbcells.source(c).splitlines() if ln.startswith("# ")), path.stem)
    parts, task, n = [], "", 0
    for cell in nbcells.cells(nb):
        src = nbcells.source(cell)
        if cell.get("cell_type") == "markdown":
            task = "" if src.lstrip().startswith("# ") else src
            continue
        if cell.get("cell_type") != "code" or strip_solutions(src, path.name) == src:
            continue
        n += 1
        told = (f'<div class="sk-task">{render_markdown(_demoted(task, 3))}</div>'
                if task.strip() else "")
        parts.append(f'<div class="sk-cell">{told}<p class="sk-solution-name"><strong>Solution '
                     f'{n}</strong></p><pre><code>{html.escape(_solution_code(src))}</code></pre>'
                     f'</div>')
        task = ""
    anchor = heading_id(f"solutions-{path.stem}")
    return (f'<section class="sk-key-part" id="{html.escape(anchor)}">'
            f'<h2>Solutions: {html.escape(title)}</h2>'
            f'<p>{n} solution cell{"s" if n != 1 else ""} of <code>exercises/'
            f'{html.escape(path.name)}</code>, as a teacher runs them.</p>{"".join(parts)}'
            f'</section>')


def _demoted(markdown: str, top: int) -> str:
    """Markdown with its headings moved down so the biggest is level ``top``."""
    levels = [len(m) for m in re.findall(r"(?m)^(#{1,6}) ", markdown)]
    shift = max(0, top - min(levels)) if levels else 0
    return re.sub(r"(?m)^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + shift) + " ",
                  markdown)


def instructor_page(root: str | Path, book: str | Path) -> Path:
    """Write ``book/instructor.html``: every quiz bank's answer key (answers unfolded) and every
    exercise's solution cells, in the site's layout. Returns its path."""
    from skinlab.quiz import Quiz, banks
    from skinlab.tools.book import Page, layout, render_markdown
    from skinlab.tools.notebooktext import disclaimer

    root, book = Path(root), Path(book)
    names = banks()
    exercises = sorted((root / "exercises").glob("*.ipynb"))
    parts = ["<h1>For the instructor: answer keys and solutions</h1>",
             render_markdown(
                 "Every quiz's answers and every exercise's solutions, for the teacher: do not "
                 "hand this out. The learners' handouts print each notebook with its answers "
                 f"folded. {len(names)} answer keys, then the solutions of "
                 f"{len(exercises)} exercises.")]
    for name in names:
        key = render_markdown(_demoted(Quiz.from_bank(name).answer_key("markdown"), 2))
        key = re.sub(r"<details(?![^>]*\bopen\b)", "<details open", key)
        parts.append(f'<section class="sk-key-part" id="key-{html.escape(name)}">{key}</section>')
    parts += [_exercise_solutions(path) for path in exercises]
    page = Page(INSTRUCTOR, "For the instructor", "\n".join(parts), "Teaching")
    pages = [Page("index.html", "Start here", "", "Course"), page]
    dest = book / INSTRUCTOR
    dest.write_text(layout(page, pages, disclaimer()), encoding="utf-8")
    return dest


# -- all of them -----------------------------------------------------------------------------

def _notebooks(book: Path, only: Iterable[str] | None) -> list[str]:
    """The stems of the notebooks to print: ``only`` (numbers), or every ready notebook whose
    page the built site holds."""
    from skinlab.tools.notebooktext import course

    ready = [nb for nb in course() if nb.ready]
    known = {nb.number: Path(nb.file).stem for nb in ready}
    if only is None:
        return [stem for stem in known.values() if (book / f"{stem}.html").exists()]
    wanted = [str(n) for n in only]
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise HandoutError(f"no ready notebook numbered {', '.join(unknown)}")
    missing = [n for n in wanted if not (book / f"{known[n]}.html").exists()]
    if missing:
        raise HandoutError(f"the built site has no page for notebook {', '.join(missing)}: "
                           f"run make book first")
    return [known[n] for n in dict.fromkeys(wanted)]


def write_all(root: str | Path, book: str | Path, out: str | Path,
              only: Iterable[str] | None = None) -> list[Path]:
    """Print the handouts of the site built at ``book`` into ``out``.

    Parameters
    ----------
    root
        The course's folder (its quiz banks and ``exercises/`` feed the instructor's key).
    book
        The built site (``make book``).
    out
        The folder of the PDFs: ``<notebook>.pdf`` for each notebook, and ``instructor.pdf``.
    only
        Notebook numbers such as ``["03"]``; default every ready notebook whose page the site
        holds.

    Returns
    -------
    list of Path
        The PDFs written, the notebooks' in course order, then ``instructor.pdf``.

    Raises
    ------
    HandoutError
        No built site, a notebook not in it, no Chromium, or a page that failed to print.
    """
    root, book, out = Path(root), Path(book), Path(out)
    if not (book / "index.html").is_file():
        raise HandoutError(f"no built site at {_shown(book, root)}: run make book first")
    stems = _notebooks(book, only)
    browser = chromium()
    if browser is None:
        raise HandoutError(f"no chromium on PATH to print the handouts: {INSTALL}")
    jobs = [(book / f"{stem}.html", out / f"{stem}.pdf", True) for stem in stems]
    jobs.append((instructor_page(root, book), out / "instructor.pdf", False))
    out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        done = [pool.submit(print_pdf, page, pdf, browser=browser, handout=handout)
                for page, pdf, handout in jobs]
        return [job.result() for job in done]


__all__ = ["HandoutError", "chromium", "instructor_page", "print_pdf", "write_all"]
