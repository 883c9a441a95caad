"""The quizzes in a real browser, from the keyboard alone: every bank answered wrong then right,
a choice changed while the kernel is busy, and the quiz's layout in a narrow window.

Its own module (and so its own JupyterLab, the ``lab`` fixture in conftest.py), so that it runs
beside tests/test_browser.py on make test's other process. Skipped or required as that module
says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import browser as B
from skinlab.quiz import Quiz, banks


pytestmark = pytest.mark.browser


# -- quizzes from the keyboard ---------------------------------------------------------------------

def _press(pg, locator, key: str = "Space") -> None:
    locator.focus()
    pg.keyboard.press(key)


def _pick(pg, control, text: str) -> None:
    """Tick or choose ``control`` (a radio button or check box) after checking that its label
    reads ``text``: options are shown in the question's display order, not the bank's."""
    label = control.locator("xpath=ancestor::label[1]")
    assert " ".join(label.text_content().split()) == " ".join(text.split())
    _press(pg, control)


def _kind(q) -> str:
    """A question's own kind (a reference asks its target's question)."""
    return q.target.kind if q.kind == "reference" else q.kind


def _answer(pg, panel, q, right: bool = True) -> None:
    """Answer one question with the keyboard alone (focus, arrows, Space, typing)."""
    q = q.target if q.kind == "reference" else q
    if q.kind == "rate":  # the scale keeps its order; the verdict is the right rating
        scale = q.choices()
        want = next(i for i, s in enumerate(scale) if (s["id"] == q.verdict) == right)
        _pick(pg, panel.locator("input[type=radio]").nth(want), scale[want]["text"])
    elif q.kind == "single":
        shown = q.display_options()
        want = next(o for o in shown if o.get("correct") is True)
        if not right:
            want = next(o for o in shown if o is not want)
        _pick(pg, panel.locator("input[type=radio]").nth(shown.index(want)), want["text"])
    elif q.kind == "multiple":
        boxes = panel.locator("input[type=checkbox]")
        for i, o in enumerate(q.display_options()):
            if (o.get("correct") is True) == right:
                _pick(pg, boxes.nth(i), o["text"])
    elif q.kind == "truefalse":
        radios = panel.locator("input[type=radio]")
        verdict = q.raw["answer"] if right else not q.raw["answer"]
        _pick(pg, radios.nth(0 if verdict else 1), "True" if verdict else "False")
        shown = q.display_reasons()
        reason = next(i for i, r in enumerate(shown) if r.get("correct") is True)
        _pick(pg, radios.nth(2 + reason), shown[reason]["text"])
    elif q.kind == "numeric":
        box = panel.locator("input[type=text]")
        box.focus()
        pg.keyboard.press("Control+A")
        value = q.answer if right else q.answer * 10 + 1
        pg.keyboard.type(f"{value:g} {q.unit_name()}")
    else:
        select = panel.locator("select")  # re-found on each use: it is re-rendered on moves
        want = [i["text"] for i in q.items]
        for position, text in enumerate(want):
            index = _options(select).index(text)
            if index == position:  # already in its place: nothing to select or move
                continue
            for _attempt in range(3):  # a late update from the kernel may reset the selection
                select.focus()
                pg.keyboard.press("Home")
                for _ in range(index):
                    pg.keyboard.press("ArrowDown")
                pg.wait_for_timeout(300)
                if select.evaluate("s => s.selectedIndex") == index:
                    break
            for step in range(index - position):
                _press(pg, panel.get_by_role("button", name="Move up"), "Enter")
                goal = index - step - 1
                B.until(lambda: _options(select).index(text) == goal and  # noqa: B023
                       select.evaluate("s => s.selectedIndex") == goal)  # noqa: B023


def _options(select) -> list[str]:
    return [t.replace("\u00a0", " ") for t in
            select.evaluate("s => Array.from(s.options).map(o => o.textContent)")]


def _checked(panel) -> list[str]:
    """The labels of the radio buttons and check boxes the page shows ticked in ``panel``."""
    return panel.locator("input:checked").evaluate_all(
        "els => els.map(e => e.closest('label').textContent.trim())")


def _shown(quiz) -> list:
    """The bank's questions in the order the quiz notebooks show them: each section, the end."""
    return [q for s in [*quiz.sections(), None] for q in quiz.section(s)]


def _open_quiz(lab, page, bank: str):
    """Open and run the quiz notebook of ``bank``: its quiz, questions as shown, and panels."""
    server, _ = lab
    quiz = Quiz.from_bank(bank)
    B.open_notebook(page, server, f"quiz_{bank}.ipynb")
    B.run_all(page)
    panels = page.locator(".skinlab-question")
    panels.first.wait_for()
    return quiz, _shown(quiz), panels


@pytest.mark.parametrize("bank", banks())
def test_whole_quiz_from_the_keyboard_wrong_then_right(lab, page, bank):
    quiz, shown, panels = _open_quiz(lab, page, bank)
    assert panels.count() == len(shown) == len(quiz.questions)
    _quiz_layout_holds(page, bank)  # the narrow-window layout, on the same page
    k, first = next((i, q) for i, q in enumerate(shown) if _kind(q) == "single")
    feedback = panels.nth(k).locator(".skinlab-live-text")
    assert feedback.get_attribute("aria-live") == "polite"
    _answer(page, panels.nth(k), first, right=False)
    _press(page, panels.nth(k).get_by_role("button", name="Submit"), "Enter")
    page.wait_for_function("(el) => /^(Not quite|Not yet)/.test(el.textContent)",
                           arg=feedback.element_handle(), timeout=15_000)
    for n, q in enumerate(shown):
        panel = panels.nth(n)
        if _kind(q) == "prediction":  # recorded, never right or wrong
            _pick(page, panel.locator("input[type=radio]").nth(0),
                  q.display_options()[0]["text"])
            _press(page, panel.get_by_role("button", name="Record my prediction"), "Enter")
            fb = panel.locator(".skinlab-live-text")
            B.until(lambda: fb.text_content().startswith("Recorded your prediction"),  # noqa: B023
                   lambda: f"question {q.id}: {fb.text_content()}")  # noqa: B023
            continue
        _answer(page, panel, q)
        kind = _kind(q)
        if kind == "numeric":  # Enter in the box submits what was just typed
            assert panel.locator("input[type=text]").evaluate(
                "el => el === document.activeElement")
            page.keyboard.press("Enter")
        else:
            button = "Rate, then see the evidence" if kind == "rate" else "Submit"
            _press(page, panel.get_by_role("button", name=button), "Enter")
        fb = panel.locator(".skinlab-live-text")
        right = "You agree with the evidence" if kind == "rate" else "Correct"
        B.until(lambda: fb.text_content().startswith(right),  # noqa: B023
               lambda: f"question {q.id}: {fb.text_content()} (the page shows "  # noqa: B023
                       f"{_checked(panel)} checked)")  # noqa: B023
    scores = page.locator(".skinlab-score .skinlab-live-text")
    sections = [*quiz.sections(), None]
    assert scores.count() == len(sections)
    for n, section in enumerate(sections):
        scored = sum(q.scored for q in quiz.section(section))
        text = scores.nth(n).text_content()
        assert (text.startswith(f"Score: {scored} correct of {scored} answered") if scored
                else text.startswith("A prediction is recorded")), (section, text)
    page.screenshot(path=str(B.SHOTS / f"quiz-{bank}.png"), full_page=True)


KERNEL_JS = """
async ([code, wait]) => {  // run code in the open notebook's kernel; with wait, its printed text
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  if (!wait) return '';
  let out = '';
  future.onIOPub = (m) => { if (m.header.msg_type === 'stream') out += m.content.text; };
  await future.done;
  return out;
}
"""


def _busy(page, root: Path) -> Path:
    """Keep the notebook's kernel busy (as on a loaded server) until the test creates the file
    this returns (in the notebook's folder, the kernel's working folder)."""
    flag = root / "go"
    flag.unlink(missing_ok=True)
    page.evaluate(KERNEL_JS, ["import os, time\nwhile not os.path.exists('go'):\n"
                              "    time.sleep(0.02)\nos.remove('go')", False])
    page.wait_for_function("() => window.jupyterapp.shell.currentWidget.sessionContext"
                           ".session.kernel.status === 'busy'", timeout=15_000)
    return flag


def test_a_choice_changed_while_the_kernel_is_busy_is_graded_as_the_page_shows_it(lab, page):
    """The widgets hold back a control's second change until the kernel has finished with its
    first, but send a button press at once. On a busy kernel, a learner who changes their mind
    and presses Submit (or Move up) must get the choice the page shows, graded once."""
    server, _ = lab
    _, shown, panels = _open_quiz(lab, page, "00_start_here")
    count = ["from skinlab import progress\nprint(len(progress.answers()))", True]
    recorded = int(page.evaluate(KERNEL_JS, count))  # the server's record, shared by its tests
    submitted = 0
    for kind in ("single", "multiple", "truefalse", "numeric"):
        n, q = next((i, q) for i, q in enumerate(shown) if _kind(q) == kind and q.scored)
        panel = panels.nth(n)
        flag = _busy(page, server.root)
        _answer(page, panel, q, right=False)  # first thoughts, sent at once
        if kind == "multiple":  # untick what was wrong
            _answer(page, panel, q, right=False)
        if kind == "numeric":  # the box sends its text when it loses focus
            page.keyboard.press("Tab")
        _answer(page, panel, q)  # second thoughts, held back by the busy kernel
        _press(page, panel.get_by_role("button", name="Submit"), "Enter")  # moves focus too
        flag.touch()  # only now may the kernel read what the page sent
        submitted += 1
        fb = panel.locator(".skinlab-live-text")
        B.until(lambda: fb.text_content().startswith("Correct"),  # noqa: B023
               lambda: f"question {q.id}: {fb.text_content()}", timeout=20)  # noqa: B023
    n, q = next((i, q) for i, q in enumerate(shown) if _kind(q) == "ordering")
    select = panels.nth(n).locator("select")
    before = _options(select)
    flag = _busy(page, server.root)
    select.focus()
    page.keyboard.press("Home")
    for _ in range(2):  # the third item: two changes, the second held back
        page.keyboard.press("ArrowDown")
    _press(page, panels.nth(n).get_by_role("button", name="Move up"), "Enter")
    flag.touch()
    want = [before[0], before[2], before[1], *before[3:]]
    B.until(lambda: _options(select) == want, lambda: f"order: {_options(select)}", timeout=20)
    # each press graded once, not by the button and the page both
    assert int(page.evaluate(KERNEL_JS, count)) - recorded == submitted


LAYOUT_JS = """
(quiz) => {
  const box = (e) => e.getBoundingClientRect();
  const px = (v) => parseFloat(v) || 0;
  const q = box(quiz);
  const labels = [], selects = [];
  const groups = [...quiz.querySelectorAll('.widget-radio-box')].map(g =>
    [...g.querySelectorAll(':scope > label')]);
  for (const g of quiz.querySelectorAll('.skinlab-question .widget-vbox')) {
    const boxes = [...g.querySelectorAll(':scope > .widget-checkbox .widget-label-basic')];
    if (boxes.length) groups.push(boxes);
  }
  for (const group of groups) {
    let above = null;
    for (const label of group) {
      const text = label.querySelector('span') || label;
      const input = label.querySelector('input');
      const l = box(label), i = box(input), cs = getComputedStyle(text);
      labels.push({
        text: label.textContent.trim(),
        whiteSpace: cs.whiteSpace,
        clipped: text.scrollWidth > text.clientWidth + 1,
        lines: Math.round(box(text).height / px(cs.lineHeight)),
        width: l.width, maxWidth: 48 * px(cs.fontSize) + 2,
        inputShown: i.width > 4 && i.left >= l.left - 1 && i.right <= l.right + 1 &&
                    i.top >= l.top - 1 && i.bottom <= l.bottom + 1 &&
                    i.left >= q.left - 1 && i.right <= q.right + 1,
        overlapsAbove: above !== null && l.top < above - 1,
      });
      above = l.bottom;
    }
  }
  const ctx = document.createElement('canvas').getContext('2d');
  for (const s of quiz.querySelectorAll('select')) {
    const cs = getComputedStyle(s);
    ctx.font = cs.font;
    const widest = Math.max(...[...s.options].map(o => ctx.measureText(o.textContent).width));
    selects.push({widest, room: s.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight),
                  rows: s.size, items: s.options.length, scrollHeight: s.scrollHeight,
                  clientHeight: s.clientHeight, inside: box(s).right <= q.right + 1});
  }
  const buttons = [...quiz.querySelectorAll('button')].filter(b => box(b).width > 0).map(b => ({
    text: b.textContent.trim(), clipped: b.scrollWidth > b.clientWidth + 1}));
  return {labels, selects, buttons};
}
"""


def _quiz_layout_holds(page, bank) -> None:
    """In a narrow window (900 px), long option labels wrap beside their button (never run over
    the next option, hide the button or end in "…"), and the ordering list shows every item
    whole. Called on the quiz walk's page, before the walk, so one page load serves both."""
    page.set_viewport_size({"width": 900, "height": 900})
    page.locator(".skinlab-question").first.wait_for()
    quiz = page.locator(".jp-OutputArea-output").filter(
        has=page.locator(".skinlab-quiz")).first  # every check and the quiz
    page.wait_for_timeout(800)
    found = quiz.evaluate(LAYOUT_JS)
    q = Quiz.from_bank(bank)
    texts = [c["text"] for x in q.questions if _kind(x) != "ordering"
             for c in x.choices()]
    assert len(found["labels"]) == len(texts) + 2 * sum(
        _kind(x) == "truefalse" for x in q.questions)  # and True / False
    for label in found["labels"]:
        assert label["whiteSpace"] == "normal", label
        assert not label["clipped"], label
        assert label["inputShown"], label
        assert not label["overlapsAbove"], label
        assert label["width"] <= label["maxWidth"], label
    assert any(label["lines"] >= 2 for label in found["labels"]), "nothing long to wrap"
    assert found["buttons"], "no buttons measured"  # every button shows its whole text
    assert not [b for b in found["buttons"] if b["clipped"]], found["buttons"]
    assert len(found["selects"]) == sum(_kind(x) == "ordering" for x in q.questions)
    for select in found["selects"]:
        assert select["rows"] == select["items"], select
        assert select["scrollHeight"] <= select["clientHeight"], select
        assert select["widest"] <= select["room"] and select["inside"], select
    shown = _shown(q)
    longest = max(range(len(shown)), key=lambda n: max(
        [len(c["text"]) for c in shown[n].choices()] or [0]))
    page.locator(".skinlab-question").nth(longest).scroll_into_view_if_needed()
    page.locator(".skinlab-question").nth(longest).screenshot(
        path=str(B.SHOTS / f"quiz-{bank}-long-options.png"))
    ordering = [n for n, x in enumerate(shown) if x.kind == "ordering"]
    for n in ordering:
        page.locator(".skinlab-question").nth(n).screenshot(
            path=str(B.SHOTS / f"quiz-{bank}-ordering-{n + 1}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
