"""The course as a website (``make book``): built offline, every page loaded in Chromium, the
page's quizzes graded as the course grades them.

``make test`` builds a two-notebook fixture (00 and 03, with their exercise); ``make test-site``
(``SKINLAB_SITE=full``) builds the whole course. The build runs in a network namespace with no
network (``unshare -rn``); where namespaces are refused the test fails with that message, unless
``SKINLAB_ALLOW_NO_NETNS=1``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skinlab.quiz import Quiz
from skinlab.tools import book
from skinlab.tools.notebooktext import course, glossary_terms

ROOT = Path(__file__).resolve().parent.parent
FULL = os.environ.get("SKINLAB_SITE") == "full"
ONLY = None if FULL else ["00", "03"]
NOTEBOOKS = [nb for nb in course() if nb.ready and (ONLY is None or nb.number in ONLY)]


def _offline(cmd: list[str]) -> list[str]:
    """``cmd`` in a network namespace with no network, or as it is where that is refused and
    SKINLAB_ALLOW_NO_NETNS=1."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True) \
        if shutil.which("unshare") else None
    if probe is not None and probe.returncode == 0:
        return ["unshare", "-rn", *cmd]
    if os.environ.get("SKINLAB_ALLOW_NO_NETNS") == "1":
        return cmd
    pytest.fail("network namespaces are refused here (unshare -rn: "
                f"{probe.stderr.strip() if probe else 'not installed'}); set "
                "SKINLAB_ALLOW_NO_NETNS=1 to build the site with the network reachable")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "book"
    cmd = [sys.executable, "-m", "skinlab", "book", "--out", str(out)]
    if ONLY:
        cmd += ["--only", *ONLY]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(_offline(cmd), cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "wrote" in proc.stdout and str(ROOT) not in proc.stdout
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _data(site: Path, stem: str) -> list[dict]:
    text = (site / f"{stem}.html").read_text(encoding="utf-8")
    return [json.loads(m.replace("<\\/", "</")) for m in re.findall(
        r'<script type="application/json" class="sk-quiz-data">(.*?)</script>', text, re.S)]


# -- the build ----------------------------------------------------------------------------------

def test_the_site_has_every_page_and_passes_its_own_checks(site):
    names = {p.relative_to(site).as_posix() for p in _pages(site)}
    for nb in NOTEBOOKS:
        assert f"{Path(nb.file).stem}.html" in names
    assert {"index.html", "glossary.html", "references.html", "teaching.html"} <= names
    assert any(n.startswith("exercises/") for n in names)
    assert book.check_site(site, [f"{Path(nb.file).stem}.html" for nb in NOTEBOOKS]) == []
    index = (site / "index.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:  # the course map links each notebook
        assert f'href="{Path(nb.file).stem}.html"' in index


def test_every_page_carries_the_disclaimer_the_privacy_note_and_where_to_report(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert "Education, not medical advice." in text, page.name
        assert html.escape(book.PRIVACY) in text and html.escape(book.REPORT) in text, page.name
        # nothing is loaded from elsewhere (an outside address is only ever a link to follow)
        assert not re.search(r'(src="|<link[^>]*href=")(https?:)?//', text), page.name


def test_the_checks_catch_a_broken_link_a_missing_image_and_a_page_left_out(site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    stem = Path(NOTEBOOKS[-1].file).stem
    page = copy / f"{stem}.html"
    text = page.read_text(encoding="utf-8")
    img = re.search(r'src="(_images/[^"]+)"', text).group(1)
    (copy / img).unlink()
    page.write_text(text.replace("</main>", '<a href="nowhere.html">x</a>'
                                 '<a href="glossary.html#no-such-term">y</a></main>'),
                    encoding="utf-8")
    problems = book.check_site(copy, [f"{stem}.html", "99_missing.html"])
    assert any(img in p and "does not exist" in p for p in problems), problems
    assert any("nowhere.html does not exist" in p for p in problems)
    assert any("no anchor #no-such-term" in p for p in problems)
    assert any("99_missing.html: the page is missing" in p for p in problems)


def test_every_question_of_the_notebooks_is_on_its_page(site):
    for nb in NOTEBOOKS:
        quiz = Quiz.from_bank(nb.bank)
        shown = {q["id"] for block in _data(site, Path(nb.file).stem) for q in block["questions"]
                 if q["bank"] == nb.bank}
        assert shown == {q.id for q in quiz.questions}, nb.number


def test_the_page_tables_are_the_course_s_own_grading(site):
    """Each table entry is what :meth:`Quiz.grade` says for that answer (spot check of every
    key of every question of the pages)."""
    checked = 0
    for nb in NOTEBOOKS:
        for block in _data(site, Path(nb.file).stem):
            for q in block["questions"]:
                if "table" not in q:
                    continue
                question = Quiz.from_bank(q["bank"]).question(q["id"])
                for key, (right, message) in q["table"].items():
                    result = question.grade(_response(q, key, question))
                    assert (result.correct, result.message) == (right, message), (q["id"], key)
                    checked += 1
    assert checked >= 100


def _response(q: dict, key: str, question=None):
    """The answer a table key stands for, as the course's grade() takes it (an option's own id:
    a bank may write an id YAML reads as true or false)."""
    if question is not None and q["kind"] in ("single", "rate", "prediction") and key:
        return next(o["id"] for o in question.choices() if str(o["id"]).lower() == key.lower())
    if q["kind"] == "truefalse":
        verdict, reason = key.split("|")
        return {"answer": verdict == "true", "reason": reason}
    if q["kind"] == "multiple":  # the ticked options, in the order they are shown
        chosen = set(key.split("|"))
        return [o["id"] for o in q["options"] if o["id"] in chosen] if key else None
    if q["kind"] == "ordering":
        return key.split("|")
    return key or None


def test_the_references_page_lists_every_source_the_notebooks_cite_and_the_glossary_every_term(
        site):
    refs = (site / "references.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        page = (site / f"{Path(nb.file).stem}.html").read_text(encoding="utf-8")
        for key in nb.references:  # listed there, and the notebook's citation links to it
            assert f'id="ref-{key}"' in refs, key
            assert f'href="references.html#ref-{key}"' in page, (nb.number, key)
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    linked = set()
    for nb in NOTEBOOKS:
        text = (site / f"{Path(nb.file).stem}.html").read_text(encoding="utf-8")
        linked |= set(re.findall(r'href="glossary\.html#([^"]+)"', text))
    assert linked and linked <= set(glossary_terms())
    for key in linked:
        assert f'<dt id="{key}">' in glossary


def test_explorers_show_their_saved_picture_and_description(site):
    text = (site / "03_microneedling.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="sk-explorer"><img src="([^"]+)" alt="([^"]+)">', text)
    assert len(figures) >= 3
    for src, alt in figures:
        assert (site / src).stat().st_size > 1000 and 0 < len(alt) <= 150
    assert "micro-channel" in text and "make lab" in text


# -- in Chromium ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium():
    from support import browser as B

    B.need_chromium("the site in a browser")
    with B.browser() as b:
        yield b


def _open(chromium, site: Path, name: str, width: int = 1280):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith("file://") else outside.append(r.url))
    page.goto((site / name).as_uri())
    page.wait_for_load_state("load")
    return context, page, errors, outside


@pytest.mark.browser
def test_every_page_loads_with_no_error_no_outside_request_and_whole_images(site, chromium):
    for path in _pages(site):
        name = path.relative_to(site).as_posix()
        context, page, errors, outside = _open(chromium, site, name)
        try:
            assert errors == [] and outside == [], (name, errors, outside)
            broken = page.evaluate("() => [...document.images].filter(i => !i.complete || "
                                   "i.naturalWidth === 0 || !i.alt.trim()).map(i => i.src)")
            assert broken == [], (name, broken)
            assert page.locator("footer blockquote").count() == 1, name
            if name in {f"{Path(nb.file).stem}.html" for nb in NOTEBOOKS}:
                assert page.locator(".sk-question").count() > 0, name
        finally:
            context.close()


@pytest.mark.browser
def test_a_phone_width_page_needs_no_sideways_scrolling(site, chromium):
    for name in [f"{Path(NOTEBOOKS[-1].file).stem}.html", "references.html", "index.html"]:
        context, page, _, _ = _open(chromium, site, name, width=375)
        try:
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= 375, (name, wide)
            page.screenshot(path=str(_shots() / f"site-{Path(name).stem}-phone.png"))
        finally:
            context.close()


def _shots() -> Path:
    path = Path(os.environ.get("SKINLAB_SCREENSHOTS", ROOT / "browser-screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


# Sets each answer with the page's own controls (the radio buttons, check boxes and the ordering
# list's move buttons), presses Submit and reads what the page shows: one call a question.
TRY_ALL = """
([n, q, keys]) => {
  const box = document.querySelectorAll('.sk-question')[n];
  const own = (sel) => [...box.querySelectorAll(sel)];
  const out = [];
  for (const key of keys) {
    if (q.kind === 'single' || q.kind === 'rate') {
      own('input[type=radio]').forEach(r => { r.checked = r.value === key; });
    } else if (q.kind === 'multiple') {
      const want = key ? key.split('|') : [];
      own('input[type=checkbox]').forEach(c => { c.checked = want.includes(c.value); });
    } else if (q.kind === 'truefalse') {
      const [v, r] = key.split('|');
      own('input[type=radio]').forEach(i => {
        i.checked = i.closest('.sk-verdict') ? i.value === v : i.value === r; });
    } else if (q.kind === 'ordering') {
      key.split('|').forEach((id, pos) => {
        const li = box.querySelector(`.sk-order li[data-id="${id}"]`);
        while ([...li.parentNode.children].indexOf(li) > pos) li.querySelector('button').click();
      });
    }
    box.querySelector('.sk-submit').click();
    out.push([box.querySelector('.sk-feedback').textContent, box.dataset.state]);
  }
  return out;
}
"""


def _keys(q: dict) -> list[str]:
    """The answers to try: every option (single, rate), each option alone and every right one
    together (multiple), every verdict with every reason, the shown and the right order."""
    table = q["table"]
    if q["kind"] == "multiple":
        right = next(k for k, v in table.items() if v[0])
        return sorted({o["id"] for o in q["options"]} | {right, ""})
    if q["kind"] == "ordering":
        return ["|".join(i["id"] for i in q["items"]), next(k for k, v in table.items() if v[0])]
    return list(table)


@pytest.mark.browser
def test_every_option_is_graded_in_the_page_as_in_python(site, chromium):
    tried = 0
    for nb in NOTEBOOKS:
        stem = Path(nb.file).stem
        context, page, errors, _ = _open(chromium, site, f"{stem}.html")
        try:
            blocks = _data(site, stem)
            boxes = page.locator(".sk-question")
            questions = [q for block in blocks for q in block["questions"]]
            assert boxes.count() == len(questions)
            for n, q in enumerate(questions):
                if q["kind"] not in book.GRADED:
                    continue
                question = Quiz.from_bank(q["bank"]).question(q["id"])
                keys = _keys(q)
                for key, (shown, state) in zip(keys, page.evaluate(TRY_ALL, [n, q, keys])):
                    result = question.grade(_response(q, key, question))
                    assert shown == result.message, (q["id"], key, shown)
                    assert state == ("right" if result.correct else "wrong"), (q["id"], key)
                    tried += 1
            assert errors == [], errors
        finally:
            context.close()
    assert tried >= 50


@pytest.mark.browser
def test_a_wrong_then_a_right_answer_from_the_keyboard_shows_the_bank_s_feedback_and_is_kept(
        site, chromium):
    stem = Path(NOTEBOOKS[-1].file).stem
    context, page, _, _ = _open(chromium, site, f"{stem}.html")
    try:
        q = next(q for b in _data(site, stem) for q in b["questions"] if q["kind"] == "single")
        question = Quiz.from_bank(q["bank"]).question(q["id"])
        box = page.locator(f'.sk-question[data-id="{q["id"]}"]').first
        wrong = next(k for k, v in q["table"].items() if k and not v[0])
        right = next(k for k, v in q["table"].items() if v[0])
        for key in (wrong, right):
            box.locator(f'input[value="{key}"]').focus()
            page.keyboard.press("Space")
            box.locator(".sk-submit").focus()
            page.keyboard.press("Enter")
            expected = question.grade(key)
            assert box.locator(".sk-feedback").text_content() == expected.message
        page.reload()
        page.wait_for_load_state("load")
        box = page.locator(f'.sk-question[data-id="{q["id"]}"]').first
        assert box.locator(f'input[value="{right}"]').is_checked()  # kept in local storage
        assert box.get_attribute("data-state") == "right"
    finally:
        context.close()


@pytest.mark.browser
def test_text_contrast_on_the_site_meets_wcag_aa(site, chromium):
    from support import browser as B

    stem = Path(NOTEBOOKS[-1].file).stem
    context, page, _, _ = _open(chromium, site, f"{stem}.html")
    try:
        box = page.locator(".sk-question").first
        box.locator(".sk-submit").click()  # a feedback line to measure
        checked = 0
        for selector in ["p", "li", "label span", "a", "figcaption", "summary", ".sk-feedback",
                         "legend", "th", "td", ".sk-nav-group", ".sk-header span", "blockquote"]:
            items = page.locator(selector)
            for i in range(min(items.count(), 40)):
                el = items.nth(i)
                if not (el.is_visible() and (el.text_content() or "").strip()):
                    continue
                result = el.evaluate(B.CONTRAST_JS)
                assert result["ratio"] >= 4.5, (selector, result)
                checked += 1
        assert checked >= 50
    finally:
        context.close()


def test_a_learner_s_record_is_never_shown_as_saved_and_the_page_says_where_it_works(site):
    """Saved outputs of the record (a check's summary, the progress panel, the final report)
    show an empty record: the page shows none of them and says where the record is kept."""
    for nb in NOTEBOOKS:
        text = (site / f"{Path(nb.file).stem}.html").read_text(encoding="utf-8")
        assert "You have answered" not in text and "No answers recorded yet" not in text
        assert "shown under its questions" in text, nb.number
    if any(nb.number == "00" for nb in NOTEBOOKS):
        start = (site / "00_start_here.html").read_text(encoding="utf-8")
        assert "works in the live course" in start
