"""The printed handouts (``make handouts``): each notebook's page of the site printed to a PDF by
Debian's headless Chromium, and the instructor's key with every answer and solution.

``make test`` builds the site for notebooks 00 and 03 and prints notebook 03 and the
instructor's key; ``make test-site`` (``SKINLAB_SITE=full``) builds and prints every notebook.
Where no chromium is on PATH the printing tests are skipped ("handouts not tested: apt-get
install chromium"); with SKINLAB_REQUIRE_BROWSER=1 (set by .ci/run) that is a failure. The
tests on a missing site or a missing Chromium need no browser.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from skinlab.quiz import Quiz
from skinlab.tools import book, handouts
from skinlab.tools.notebooktext import course
from skinlab.tools.student import BEGIN, END

ROOT = Path(__file__).resolve().parent.parent
FULL = os.environ.get("SKINLAB_SITE") == "full"
ONLY = None if FULL else ["00", "03"]
PRINTED = None if FULL else ["03"]
NOTEBOOKS = [nb for nb in course() if nb.ready and (PRINTED is None or nb.number in PRINTED)]


def _squashed(text: str) -> str:
    """Text with every space and line break removed: a PDF wraps lines anywhere."""
    return "".join(text.split())


def _pdf_text(pdf) -> str:
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict:
    """The site built into a temporary folder and its handouts printed: {name: (path, pdf
    document, its text)}."""
    from support import browser as B

    B.need_chromium("handouts")
    import pypdfium2 as pdfium

    tmp = tmp_path_factory.mktemp("handouts")
    site = tmp / "book"
    book.build(ROOT, site, only=ONLY)
    paths = handouts.write_all(ROOT, site, tmp / "handouts", only=PRINTED)
    docs = {}
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        docs[path.stem] = (path, pdf, _pdf_text(pdf))
    yield {"site": site, "tmp": tmp, "docs": docs}
    for _, pdf, _ in docs.values():
        pdf.close()


@pytest.mark.browser
def test_one_pdf_per_notebook_and_the_key(printed):
    names = [Path(nb.file).stem for nb in NOTEBOOKS]
    assert list(printed["docs"]) == [*names, "instructor"]


@pytest.mark.browser
def test_every_pdf_has_pages_and_a_drawn_first_page(printed):
    for name, (_, pdf, _) in printed["docs"].items():
        assert len(pdf) >= 1, name
        image = pdf[0].render(scale=0.5).to_pil().convert("L")
        lo, hi = image.getextrema()
        assert lo < 128 < hi, f"{name}: its first page is blank"
        dark = sum(image.histogram()[:200])
        assert dark > 0.005 * image.width * image.height, f"{name}: its first page is blank"


@pytest.mark.browser
def test_no_machine_path_is_printed(printed):
    for name, (path, _, text) in printed["docs"].items():
        assert "file://" not in text, name
        assert str(printed["tmp"]) not in text and str(ROOT) not in text, name
        raw = path.read_bytes()  # no link to a file of the machine either
        assert b"file://" not in raw, f"{name}: holds a file:// link"


@pytest.mark.browser
def test_a_notebook_handout_is_the_notebook(printed):
    for nb in NOTEBOOKS:
        _, pdf, text = printed["docs"][Path(nb.file).stem]
        assert len(pdf) > 1, nb.file
        flat = _squashed(text)
        assert _squashed(nb.title) in flat, nb.file
        assert "notmedicaladvice" in flat, f"{nb.file}: no disclaimer"
        assert re.search(r"page 1 of \d+", text), f"{nb.file}: no page numbers"
        assert "Showthecode" not in flat  # the code is left out of the handout


@pytest.mark.browser
def test_folded_results_stay_folded(printed):
    """A result the page folds ("Show the result") is printed folded: its summary, not its
    text (checked for each folded result whose text the page shows nowhere else)."""
    checked = 0
    for nb in NOTEBOOKS:
        page = (printed["site"] / f"{Path(nb.file).stem}.html").read_text(encoding="utf-8")
        _, _, text = printed["docs"][Path(nb.file).stem]
        flat = _squashed(text)

        def plain(fragment: str) -> str:
            return _squashed(html.unescape(re.sub(r"<[^>]+>", " ", fragment)))

        for m in re.finditer(r'<details class="sk-reveal">(.*?)</details>', page, re.S):
            hidden = plain(m.group(1).split("</summary>", 1)[-1])[:60]
            rest = plain(page[:m.start()] + page[m.end():])
            if len(hidden) < 30 or hidden in rest:
                continue
            assert "Showtheresult" in flat, nb.file
            assert hidden not in flat, f"{nb.file}: a folded result was printed unfolded"
            checked += 1
    if not FULL:
        assert checked, "no folded result to check in notebook 03"


@pytest.mark.browser
def test_the_instructors_key_holds_answers_and_solutions(printed):
    path, pdf, text = printed["docs"]["instructor"]
    assert path.name == "instructor.pdf" and len(pdf) > 1
    flat = _squashed(text)
    key = Quiz.from_bank("03_microneedling").answer_key("markdown")
    answers = [line.removeprefix("**Answer:**").strip() for line in key.splitlines()
               if line.startswith("**Answer:**")
               and not line.removeprefix("**Answer:**").strip().startswith("(")]
    assert answers, "the answer key of 03_microneedling has no answer line"
    assert _squashed(f"Answer: {html.unescape(answers[0])}") in flat
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    source = json.loads((ROOT / "exercises" / "03_needles_and_channels.ipynb")
                        .read_text(encoding="utf-8"))
    solution = []
    for cell in source["cells"]:
        lines = "".join(cell["source"]).split("\n") if cell["cell_type"] == "code" else []
        inside = False
        for line in lines:
            if BEGIN.match(line) or END.match(line):
                inside = bool(BEGIN.match(line))
                continue
            if inside and line.strip():
                solution.append(line)
    assert solution, "exercise 03 has no solution block"
    assert _squashed(solution[0]) in flat
    assert "notmedicaladvice" in flat


def test_a_missing_site_says_make_book(tmp_path):
    with pytest.raises(handouts.HandoutError, match="make book") as err:
        handouts.write_all(ROOT, tmp_path / "nobook", tmp_path / "out")
    assert str(tmp_path) not in str(err.value)
    assert not (tmp_path / "out").exists()


def test_a_missing_chromium_says_how_to_install_it(tmp_path, monkeypatch):
    site = tmp_path / "book"
    site.mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    monkeypatch.setattr(handouts, "chromium", lambda: None)
    with pytest.raises(handouts.HandoutError, match="apt-get install chromium"):
        handouts.write_all(ROOT, site, tmp_path / "out")
    with pytest.raises(handouts.HandoutError, match="apt-get install chromium"):
        handouts.print_pdf(site / "index.html", tmp_path / "out" / "x.pdf")
