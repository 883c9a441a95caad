"""The course in a real browser: JupyterLab and Debian's Chromium, driven by Playwright.

Where no chromium is on PATH these tests are skipped ("browser tests not run: apt-get install
chromium"); with SKINLAB_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure.
Screenshots go to $SKINLAB_SCREENSHOTS or browser-screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from support import browser as B
from skinlab.explore import EXPLORERS, Choice
from skinlab.quiz import Quiz, banks


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
SHOTS = Path(os.environ.get("SKINLAB_SCREENSHOTS", ROOT / "browser-screenshots"))
REQUIRED = os.environ.get("SKINLAB_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if B.chromium() is None:
        if REQUIRED:
            pytest.fail("SKINLAB_REQUIRE_BROWSER=1 but no chromium on PATH "
                        "(apt-get install chromium)")
        pytest.skip("browser tests not run: apt-get install chromium")
    root = tmp_path_factory.mktemp("lab")
    for name in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, root / name)
    B.write_notebook(root / SHARED, SHARED_CELLS)
    for bank in banks():  # every check, prediction and the end quiz, in that order
        B.write_notebook(root / f"quiz_{bank}.ipynb", [
            f"import ipywidgets as w\nfrom skinlab.quiz import Quiz\nq = Quiz.from_bank({bank!r})\n"
            f"w.VBox([q.widget(s) for s in [*q.sections(), None]])"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    with B.lab_server(root) as server, B.browser() as chromium:
        yield server, chromium


@pytest.fixture
def page(lab):
    server, chromium = lab
    before = _kernels(server)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
    _shutdown_kernels(server, keep=before)


# One notebook holds every explorer (in the order of sorted(EXPLORERS)) and a quiz whose every
# question shows its feedback: the keyboard walks, the layout checks and the contrast checks share
# its page and its kernel (each test uses its own explorer, so each still starts from defaults).
SHARED = "explorers.ipynb"
SHARED_CELLS = [
    "import ipywidgets as w\nfrom skinlab.explore import EXPLORERS\n"
    "from skinlab.quiz import Quiz, banks",
    "w.VBox([EXPLORERS[name]().widget() for name in sorted(EXPLORERS)])",
    "view = Quiz.from_bank(banks()[0]).widget()\nfor p in view.quizview.panels:\n"
    "    p.grade()  # every question shows feedback text\nview",
]


@pytest.fixture(scope="module")
def shared(lab):
    """The page of :data:`SHARED`, run once per test process."""
    server, chromium = lab
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    B.open_notebook(pg, server, SHARED)
    B.run_all(pg)
    boxes = pg.locator(".skinlab-explorer")
    boxes.nth(len(EXPLORERS) - 1).locator(".skinlab-figure-img").wait_for()
    assert boxes.count() == len(EXPLORERS)
    yield pg
    context.close()


def _explorer(pg, name: str):
    """The explorer ``name``'s box on the shared page."""
    return pg.locator(".skinlab-explorer").nth(sorted(EXPLORERS).index(name))


def _kernels(server) -> set[str]:
    with urllib.request.urlopen(server.url("api/kernels")) as r:
        return {k["id"] for k in json.loads(r.read())}


def _shutdown_kernels(server, keep: set[str] = frozenset()) -> None:
    """Shut down the server's kernels except ``keep`` (the shared page's stays up)."""
    for kernel in _kernels(server) - set(keep):
        req = urllib.request.Request(server.url(f"api/kernels/{kernel}"), method="DELETE")
        urllib.request.urlopen(req).close()


def _errors(pg) -> int:
    return pg.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                      ).count()


NOTEBOOK_JS = {
    "dirty": "() => window.jupyterapp.shell.currentWidget.context.model.dirty",
    "folded": "() => window.jupyterapp.shell.currentWidget.content.widgets.filter("
              "c => c.model.type === 'code' && c.outputHidden).length",
}
GLOSSARY_TOP = ("() => { const h = [...document.querySelectorAll('.jp-NotebookPanel:not("
                ".lm-mod-hidden) h2')].find(h => h.textContent.startsWith('Glossary'));"
                " return h ? h.getBoundingClientRect().top : null; }")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_opens_cleanly_and_runs_without_errors(lab, page, name):
    """Opened and left alone, a notebook is not modified; its reveals are folded until run;
    a glossary link scrolls to the notebook's glossary; it runs without an error."""
    server, _ = lab
    saved = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    folded = sum(1 for c in saved["cells"]
                 if c["metadata"].get("jupyter", {}).get("outputs_hidden"))
    B.open_notebook(page, server, name)
    _settled(page)  # saved widget views render late on a loaded machine and push content down
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.evaluate(NOTEBOOK_JS["dirty"]) is False, "opening the notebook modified it"
    assert page.evaluate(NOTEBOOK_JS["folded"]) == folded > 0
    page.screenshot(path=str(SHOTS / f"{Path(name).stem}-opened.png"), full_page=True)
    link = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown "
                        "a[href='#Glossary']").first
    link.click()
    # the glossary's heading comes into view (it may not reach the top: little follows it; its
    # first line must be on screen, above the 30 px of the status bar)
    _until(lambda: 0 <= (page.evaluate(GLOSSARY_TOP) or -1) < page.viewport_size["height"] - 30,
           lambda: f"the glossary is at {page.evaluate(GLOSSARY_TOP)}")
    B.run_all(page)
    _until(lambda: page.evaluate(NOTEBOOK_JS["folded"]) == 0,  # running a reveal shows it
           lambda: f"{page.evaluate(NOTEBOOK_JS['folded'])} outputs still folded")
    _settled(page, quiet_ms=500)  # the new outputs have rendered
    assert _errors(page) == 0
    assert page.get_by_text("Error displaying widget").count() == 0
    page.screenshot(path=str(SHOTS / f"{Path(name).stem}-run.png"), full_page=True)


@pytest.mark.parametrize("width, beside", [(1280, True), (800, False)])
def test_controls_sit_beside_the_figure_when_wide_and_above_it_when_narrow(shared, width, beside):
    page, box = shared, _explorer(shared, "layers")
    page.set_viewport_size({"width": width, "height": 900})
    try:
        side, main = box.locator(".skinlab-side"), box.locator(".skinlab-main")
        img = box.locator(".skinlab-figure-img")
        box.scroll_into_view_if_needed()

        def placed() -> bool:
            s, m = side.bounding_box(), main.bounding_box()
            if beside:
                return s["x"] + s["width"] <= m["x"] + 1 and abs(s["y"] - m["y"]) < 5
            return s["y"] + s["height"] <= m["y"] + 1 and abs(s["x"] - m["x"]) < 5

        _until(placed, lambda: f"{side.bounding_box()} {main.bounding_box()}", timeout=10)
        i = img.bounding_box()
        area = page.locator(".jp-OutputArea-output").filter(has=img).bounding_box()
        assert i["x"] + i["width"] <= area["x"] + area["width"] + 1  # the figure fits
        assert not control_problems(box), control_problems(box)  # and so do the controls
        box.screenshot(path=str(SHOTS / f"layout-{width}.png"))
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


MEASURE_JS = """
(box) => {
  const out = [];
  const canvas = document.createElement('canvas').getContext('2d');
  const fits = (el) => el.scrollWidth <= el.clientWidth + 1;
  for (const w of box.querySelectorAll('.widget-slider, .widget-dropdown')) {
    const label = w.querySelector('.widget-label');
    const r = {label: label ? label.textContent : '', problems: []};
    if (!label || label.getBoundingClientRect().width < 1) r.problems.push('label hidden');
    else if (!fits(label)) r.problems.push('label cut off');
    if (w.classList.contains('widget-slider')) {
      const track = w.querySelector('.noUi-target, .slider');
      const tw = track ? track.getBoundingClientRect().width : 0;
      if (tw < 120) r.problems.push('track ' + Math.round(tw) + ' px');
      const readout = w.querySelector('.widget-readout');
      const rw = readout ? readout.getBoundingClientRect().width : 0;
      if (!readout || rw < 8 || !readout.textContent.trim()) r.problems.push('no value shown');
      else if (!fits(readout)) r.problems.push('value cut off');
    } else {
      const sel = w.querySelector('select');
      const cs = getComputedStyle(sel);
      canvas.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      for (const o of sel.options) {
        const need = canvas.measureText(o.text).width;
        if (need > room + 1) r.problems.push('option cut off: ' + o.text);
      }
    }
    out.push(r);
  }
  return out;
}
"""


def control_problems(box) -> list[str]:
    """Every control in ``box`` (a locator) whose label, track, value or option text is clipped
    or collapsed."""
    found = box.evaluate(MEASURE_JS)
    assert found, "no controls measured"
    return [f"{r['label']}: {p}" for r in found for p in r["problems"]]


def _control(pg, box, kind: str, label: str):
    """The drop-down or slider whose description label reads ``label``, inside ``box`` (a
    locator)."""
    css = ".widget-dropdown" if kind == "choice" else ".widget-slider"
    return box.locator(css).filter(
        has=pg.locator(".widget-label", has_text=re.compile(rf"^{re.escape(label)}$")))


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_controls_work_from_the_keyboard(shared, name):
    page, box = shared, _explorer(shared, name)
    exp = EXPLORERS[name]()
    box.scroll_into_view_if_needed()
    live = box.locator(".skinlab-live")
    assert live.count() == 1 and live.get_attribute("aria-live") == "polite"
    handle, root = live.element_handle(), box.element_handle()
    img = box.locator(".skinlab-figure-img")
    assert live.text_content() == exp.describe()
    img.screenshot(path=str(SHOTS / f"explorer-{name}-default.png"))  # the default state
    # every control shows its whole label, its track and its value at JupyterLab's default width
    assert not control_problems(box), control_problems(box)
    for c in exp.controls:
        widget = _control(page, box, "choice" if isinstance(c, Choice) else "number", c.label)
        assert widget.count() == 1, f"no control labelled {c.label!r}"
        before_text, before_src = live.text_content(), img.get_attribute("src")
        if isinstance(c, Choice):
            target = widget.locator("select")
            target.focus()
            last = target.evaluate("s => s.selectedIndex === s.options.length - 1")
            page.keyboard.press("ArrowUp" if last else "ArrowDown")
        else:
            assert f"({c.unit})" in c.label or c.unit in c.label.lower().split()
            target = widget.locator(".noUi-handle")
            target.focus()
            at_max = target.get_attribute("aria-valuenow") == target.get_attribute(
                "aria-valuemax")
            page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        page.wait_for_function("([el, t]) => el.textContent !== t", arg=[handle, before_text],
                               timeout=15_000)
        page.wait_for_function("([box, s]) => box.querySelector('.skinlab-figure-img').src !== s",
                               arg=[root, before_src], timeout=15_000)
        assert handle.evaluate("(el, box) => el.isConnected && el === box.querySelector("
                               "'.skinlab-live')", root), "live region was replaced"
        alt = img.get_attribute("alt")  # a short label; the live paragraph has the sentence
        assert 0 < len(alt) <= 150 and alt != live.text_content()
    box.screenshot(path=str(SHOTS / f"explorer-{name}.png"))


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
                _until(lambda: _options(select).index(text) == goal and  # noqa: B023
                       select.evaluate("s => s.selectedIndex") == goal)  # noqa: B023


NOTEBOOK_HEIGHT = ("() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)"
                   " .jp-WindowedPanel-inner, .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');"
                   " return p ? p.scrollHeight : 0; }")


def _settled(page, quiet_ms: int = 1000, timeout: float = 20.0) -> None:
    """Wait until the open notebook's height has not changed for ``quiet_ms`` (its outputs and
    saved widget views have rendered), or ``timeout`` seconds."""
    import time
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        height = page.evaluate(NOTEBOOK_HEIGHT)
        if height != last:
            last, since = height, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)


def _options(select) -> list[str]:
    return [t.replace("\u00a0", " ") for t in
            select.evaluate("s => Array.from(s.options).map(o => o.textContent)")]


def _until(condition, message=lambda: "", timeout: float = 15.0) -> None:
    import time
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the page did not update in time. {message()}")
        time.sleep(0.05)


def _checked(panel) -> list[str]:
    """The labels of the radio buttons and check boxes the page shows ticked in ``panel``."""
    return panel.locator("input:checked").evaluate_all(
        "els => els.map(e => e.closest('label').textContent.trim())")


def _shown(quiz) -> list:
    """The bank's questions in the order the quiz notebooks show them: each section, the end."""
    return [q for s in [*quiz.sections(), None] for q in quiz.section(s)]


@pytest.mark.parametrize("bank", banks())
def test_whole_quiz_from_the_keyboard_wrong_then_right(lab, page, bank):
    server, _ = lab
    quiz = Quiz.from_bank(bank)
    shown = _shown(quiz)
    B.open_notebook(page, server, f"quiz_{bank}.ipynb")
    B.run_all(page)
    panels = page.locator(".skinlab-question")
    panels.first.wait_for()
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
            _until(lambda: fb.text_content().startswith("Recorded your prediction"),  # noqa: B023
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
        _until(lambda: fb.text_content().startswith(right),  # noqa: B023
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
    page.screenshot(path=str(SHOTS / f"quiz-{bank}.png"), full_page=True)


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


def _busy(page, seconds: float) -> None:
    """Keep the notebook's kernel busy for ``seconds`` (as on a loaded server)."""
    page.evaluate(KERNEL_JS, [f"import time; time.sleep({seconds})", False])
    page.wait_for_timeout(200)


def test_a_choice_changed_while_the_kernel_is_busy_is_graded_as_the_page_shows_it(lab, page):
    """The widgets hold back a control's second change until the kernel has finished with its
    first, but send a button press at once. On a busy kernel, a learner who changes their mind
    and presses Submit (or Move up) must get the choice the page shows, graded once."""
    server, _ = lab
    bank = "00_start_here"
    quiz = Quiz.from_bank(bank)
    shown = _shown(quiz)
    B.open_notebook(page, server, f"quiz_{bank}.ipynb")
    B.run_all(page)
    panels = page.locator(".skinlab-question")
    panels.first.wait_for()
    count = ["from skinlab import progress\nprint(len(progress.answers()))", True]
    recorded = int(page.evaluate(KERNEL_JS, count))  # the server's record, shared by its tests
    submitted = 0
    for kind in ("single", "multiple", "truefalse", "numeric"):
        n, q = next((i, q) for i, q in enumerate(shown) if _kind(q) == kind and q.scored)
        panel = panels.nth(n)
        _busy(page, 2.5)
        _answer(page, panel, q, right=False)  # first thoughts, sent at once
        if kind == "multiple":  # untick what was wrong
            _answer(page, panel, q, right=False)
        if kind == "numeric":  # the box sends its text when it loses focus
            page.keyboard.press("Tab")
        _answer(page, panel, q)  # second thoughts, held back by the busy kernel
        _press(page, panel.get_by_role("button", name="Submit"), "Enter")  # moves focus too
        submitted += 1
        fb = panel.locator(".skinlab-live-text")
        _until(lambda: fb.text_content().startswith("Correct"),  # noqa: B023
               lambda: f"question {q.id}: {fb.text_content()}", timeout=20)  # noqa: B023
    n, q = next((i, q) for i, q in enumerate(shown) if _kind(q) == "ordering")
    select = panels.nth(n).locator("select")
    before = _options(select)
    _busy(page, 2.5)
    select.focus()
    page.keyboard.press("Home")
    for _ in range(2):  # the third item: two changes, the second held back
        page.keyboard.press("ArrowDown")
    _press(page, panels.nth(n).get_by_role("button", name="Move up"), "Enter")
    want = [before[0], before[2], before[1], *before[3:]]
    _until(lambda: _options(select) == want, lambda: f"order: {_options(select)}", timeout=20)
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
        path=str(SHOTS / f"quiz-{bank}-long-options.png"))
    ordering = [n for n, x in enumerate(shown) if x.kind == "ordering"]
    for n in ordering:
        page.locator(".skinlab-question").nth(n).screenshot(
            path=str(SHOTS / f"quiz-{bank}-ordering-{n + 1}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


# -- contrast in the light and dark themes -------------------------------------------------------

TEXT_SELECTORS = [".skinlab-live", ".skinlab-explorer .widget-label", ".skinlab-info",
                  ".skinlab-question .skinlab-live-text", ".skinlab-question label",
                  ".skinlab-question .widget-html-content"]


@pytest.mark.parametrize("theme", [B.LIGHT, B.DARK])
def test_text_contrast_meets_wcag_aa(shared, theme):
    page = shared
    B.set_theme(page, theme)
    try:
        page.wait_for_timeout(800)
        checked = dict.fromkeys(TEXT_SELECTORS, 0)
        for selector in TEXT_SELECTORS:
            items = page.locator(selector)
            for i in range(items.count()):
                el = items.nth(i)
                if not (el.is_visible() and el.text_content().strip()):
                    continue
                result = el.evaluate(B.CONTRAST_JS)
                assert result["ratio"] >= 4.5, (theme, selector, result)
                checked[selector] += 1
        # every explorer's sentence, and text of every kind measured
        assert checked[".skinlab-live"] == len(EXPLORERS) and all(checked.values()), checked
        page.screenshot(path=str(SHOTS / f"contrast-{theme.split()[-1].lower()}.png"))
    finally:
        B.set_theme(page, B.LIGHT)
