"""The course in a real browser: JupyterLab and Debian's Chromium, driven by Playwright.

Where no chromium is on PATH these tests are skipped ("browser tests not run: apt-get install
chromium"); with SKINLAB_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure.
Screenshots go to $SKINLAB_SCREENSHOTS or browser-screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support import browser as B
from skinlab.explore import EXPLORERS, Choice


pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def shared(lab):
    """The page of :data:`support.browser.SHARED`, run once in this module."""
    server, chromium = lab
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    B.open_notebook(pg, server, B.SHARED)
    B.run_all(pg)
    boxes = pg.locator(".skinlab-explorer")
    boxes.nth(len(EXPLORERS) - 1).locator(".skinlab-figure-img").wait_for()
    assert boxes.count() == len(EXPLORERS)
    yield pg
    context.close()


def _explorer(pg, name: str):
    """The explorer ``name``'s box on the shared page."""
    return pg.locator(".skinlab-explorer").nth(sorted(EXPLORERS).index(name))


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
    B.settled(page)  # saved widget views render late on a loaded machine and push content down
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.evaluate(NOTEBOOK_JS["dirty"]) is False, "opening the notebook modified it"
    assert page.evaluate(NOTEBOOK_JS["folded"]) == folded > 0
    page.screenshot(path=str(B.SHOTS / f"{Path(name).stem}-opened.png"), full_page=True)
    link = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown "
                        "a[href='#Glossary']").first
    link.click()
    # the glossary's heading comes into view (it may not reach the top: little follows it; its
    # first line must be on screen, above the 30 px of the status bar)
    B.until(lambda: 0 <= (page.evaluate(GLOSSARY_TOP) or -1) < page.viewport_size["height"] - 30,
           lambda: f"the glossary is at {page.evaluate(GLOSSARY_TOP)}")
    B.run_all(page)
    B.until(lambda: page.evaluate(NOTEBOOK_JS["folded"]) == 0,  # running a reveal shows it
           lambda: f"{page.evaluate(NOTEBOOK_JS['folded'])} outputs still folded")
    B.settled(page, quiet_ms=500)  # the new outputs have rendered
    assert _errors(page) == 0
    assert page.get_by_text("Error displaying widget").count() == 0
    page.screenshot(path=str(B.SHOTS / f"{Path(name).stem}-run.png"), full_page=True)


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

        B.until(placed, lambda: f"{side.bounding_box()} {main.bounding_box()}", timeout=10)
        i = img.bounding_box()
        area = page.locator(".jp-OutputArea-output").filter(has=img).bounding_box()
        assert i["x"] + i["width"] <= area["x"] + area["width"] + 1  # the figure fits
        assert not control_problems(box), control_problems(box)  # and so do the controls
        box.screenshot(path=str(B.SHOTS / f"layout-{width}.png"))
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
    img.screenshot(path=str(B.SHOTS / f"explorer-{name}-default.png"))  # the default state
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
    box.screenshot(path=str(B.SHOTS / f"explorer-{name}.png"))


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
        page.screenshot(path=str(B.SHOTS / f"contrast-{theme.split()[-1].lower()}.png"))
    finally:
        B.set_theme(page, B.LIGHT)
