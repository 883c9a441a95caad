"""How fast the course responds, and how much a classroom server needs. Run with ``make bench``.

For every registered explorer:

- ``kernel_ms``: from setting a control's value in Python to the new PNG bytes on the explorer's
  view (640 x 480 px at 100 dpi), median and p95 over at least 30 updates once every site's
  illustration is cached (after one warm-up cycle); also split by kind of
  control (``kernel_ms_by_control``: drop-downs redraw everything, sliders that only move a
  marker redraw the marker over a cached background);
- ``baseline_ms``: the same figure drawn the plain way, as an ``interact`` callback would with
  the inline backend: a new figure built from scratch each time and encoded by IPython's
  ``print_figure`` with ``bbox_inches="tight"`` (the output-widget round trip of a real
  ``interact`` is not included, so the ratio is a lower bound);
- ``browser_ms``: in JupyterLab in Debian's Chromium, from a key press on the explorer's slider to
  the new figure decoded on screen, median over at least 10 presses.

- ``build_s``: making the explorer and its first picture, the illustration cache empty;
  ``first_view_ms``: each body site's first picture (its illustration drawn, not cached), the
  largest and the median.

For every notebook: ``execute_s`` from a fresh kernel, and the kernel's ``peak_rss_mb``.

The test suite (``suite``): ``make test`` on a fresh clone of the current commit, setup of its
``.venv`` included, then ``make test-fast`` there; README and CONTRIBUTING carry the figures
(:mod:`skinlab.tools.suite`). ``python benchmarks/bench.py --only suite`` (``make bench
ONLY=suite``) times only the suite; ``--only explorers`` everything else.

Writes ``benchmarks/results.json`` and the table in ``benchmarks/README.md``. A benchmark, not a
test: the numbers depend on the machine.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from skinlab.explore import EXPLORERS
from skinlab.explore.base import Choice, Number

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UPDATES = 90
BASELINE_UPDATES = 30
PRESSES = 12
GOALS = {"kernel_median_ms": 30, "kernel_p95_ms": 60, "speedup": 2.0, "browser_median_ms": 100,
         "peak_rss_mb": 150, "blit_median_ms": 17, "first_view_ms": 100, "build_s": 0.5,
         "simulation_ms": 50, "make_test_s": 300, "make_test_fast_s": 60,
         "make_book_s": 120, "make_handouts_s": 120, "site_mb": 40, "first_paint_ms": 1000}
SITE_GOALS = (("make book", "make_book_s", "s"), ("make handouts", "make_handouts_s", "s"),
              ("the site", "site_mb", "MB"), ("a notebook page's first paint", "first_paint_ms",
                                              "ms"))


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    return {"median": round(statistics.median(times), 1),
            "p95": round(times[max(int(0.95 * len(times)) - 1, 0)], 1), "n": len(times)}


def _changes(exp):
    """A cycle of (control, value) changes that each alter the figure."""
    changes = []
    for c in exp.controls:
        if isinstance(c, Choice):
            changes += [(c.name, v) for _, v in c.options]
    for c in exp.controls:
        if isinstance(c, Number):
            lo, hi = exp.number_bounds(c.name, exp.state)
            changes += [(c.name, lo + (hi - lo) * k / 7) for k in range(1, 7)]
    return changes


def time_kernel(cls) -> dict:
    """Updates with every site's illustration cached (a site's first picture is timed apart, in
    :func:`time_first_views`): one warm-up cycle through the changes, then the timed ones."""
    exp = cls()
    exp.widget()
    changes = _changes(exp)
    for name, value in changes:
        try:
            exp.control_widget(name).value = value
        except Exception:  # a dependent drop-down that does not offer the value now
            continue
    names = {c.name: c for c in exp.controls}
    if "site" in names and "view_um" in names:  # every site's picture at every depth range
        for _, view in names["view_um"].options:
            exp.control_widget("view_um").value = view
            for _, site in names["site"].options:
                exp.control_widget("site").value = site
    times, kinds = [], {"choice": [], "slider": []}
    gc.collect()  # start clean: no garbage left by the explorers timed before this one
    i = 0
    while len(times) < UPDATES:
        name, value = changes[i % len(changes)]
        i += 1
        wid = exp.control_widget(name)
        if wid.value == value or (hasattr(wid, "max") and not wid.min <= value <= wid.max):
            continue
        if hasattr(wid, "_options_values") and value not in wid._options_values:
            continue  # a dependent drop-down (e.g. a method's strengths) does not offer it now
        before = exp.view.png
        t0 = time.perf_counter()
        wid.value = value
        assert exp.view.png is not before
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        kinds["slider" if hasattr(wid, "max") else "choice"].append(ms)
    return {"kernel_ms": _stats(times),
            "kernel_ms_by_control": {k: _stats(v) for k, v in kinds.items() if v},
            "image_px": list(exp.fig.canvas.get_width_height())}


def time_baseline(cls) -> dict:
    """Rebuild the figure on every change and encode it the inline backend's way."""
    from IPython.core.pylabtools import print_figure

    probe = cls()
    changes = _changes(probe)
    times = []
    for i in range(BASELINE_UPDATES):
        name, value = changes[i % len(changes)]
        t0 = time.perf_counter()
        exp = cls()  # a new figure, built from scratch
        try:
            exp.state = exp.clean(**{name: value})
        except ValueError:
            exp.state = exp.clean()
        for part, state in exp.wire(exp.state).items():
            exp.parts[part].update(state)
        png = print_figure(exp.fig, "png", bbox_inches="tight")
        times.append((time.perf_counter() - t0) * 1000)
        assert png[:4] == b"\x89PNG"
    return {"baseline_ms": _stats(times)}


TIMER_JS = """
() => {
  const img = document.querySelector('.skinlab-explorer .skinlab-figure-img');
  window.__skinlabMs = null;
  new Promise((resolve) => {
    let t0 = null;
    document.addEventListener('keydown', () => { t0 = performance.now(); },
                              {capture: true, once: true});
    const obs = new MutationObserver(() => {
      obs.disconnect();
      const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
      img.decode().then(done, done);
    });
    obs.observe(img, {attributes: true, attributeFilter: ['src']});
  }).then((ms) => { window.__skinlabMs = ms; });
}
"""


def time_browser() -> dict:
    """Key press to new figure on screen, per explorer (None where no browser is found)."""
    sys.path.insert(0, str(ROOT / "tests"))  # the Playwright harness lives with the tests
    from support import browser as B

    if B.chromium() is None:
        return {name: None for name in EXPLORERS}
    out = {}
    root = Path(tempfile.mkdtemp(prefix="skinlab-bench-"))
    for name in EXPLORERS:
        B.write_notebook(root / f"explorer_{name}.ipynb",
                         [f"from skinlab.explore import EXPLORERS\nEXPLORERS[{name!r}]().widget()"])
    with B.lab_server(root) as server, B.browser() as chromium:
        for name, cls in EXPLORERS.items():
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            B.open_notebook(page, server, f"explorer_{name}.ipynb")
            B.run_all(page)
            page.wait_for_selector(".skinlab-explorer .skinlab-figure-img")
            has_slider = any(isinstance(c, Number) for c in cls().controls)
            target = page.locator(".skinlab-explorer .noUi-handle" if has_slider
                                  else ".skinlab-explorer select").first
            times = []
            for i in range(PRESSES + 2):
                page.evaluate(TIMER_JS)
                target.focus()
                page.keyboard.press(("ArrowRight" if has_slider else "ArrowDown") if i % 2 == 0
                                    else ("ArrowLeft" if has_slider else "ArrowUp"))
                page.wait_for_function("() => window.__skinlabMs !== null", timeout=15_000)
                ms = page.evaluate("() => window.__skinlabMs")
                if i >= 2:  # the first presses warm up the page
                    times.append(ms)
            out[name] = {"browser_ms": _stats(times)}
            page.close()
    shutil.rmtree(root, ignore_errors=True)
    return out


# The kernel's own peak resident memory. ru_maxrss is carried over from the process that started
# the kernel (fork keeps it, exec does not reset it), so every notebook reported the launcher's
# figure; VmHWM in /proc/self/status is the high-water mark of the kernel's own address space.
RSS_CELL = ("import re, resource, sys\n"
            "try:\n"
            "    text = open('/proc/self/status').read()\n"
            "    print(int(re.search(r'VmHWM:\\s+(\\d+) kB', text).group(1)) / 1024)\n"
            "except OSError:\n"
            "    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "    print(kb / 1024 if sys.platform != 'darwin' else kb / 1024 / 1024)")


def time_first_views(cls) -> dict:
    """Building the explorer, and each site's first picture, with no illustration cached (an
    explorer with no site control: each option of its first drop-down, e.g. a device)."""
    from skinlab.draw.tissue import clear_cache

    clear_cache()
    gc.collect()  # start clean: no garbage left by the explorers timed before this one
    t0 = time.perf_counter()
    exp = cls()
    exp.widget()
    build = time.perf_counter() - t0
    names = [c.name for c in exp.controls if isinstance(c, Choice)]
    site = exp.control_widget("site" if "site" in names else names[0])
    times = []
    for _, value in site.options:
        if value == site.value:
            continue
        t0 = time.perf_counter()
        site.value = value
        times.append((time.perf_counter() - t0) * 1000)
    return {"build_s": round(build, 2),
            "first_view_ms": {"max": round(max(times), 1),
                              "median": round(statistics.median(times), 1), "n": len(times)}}


def time_notebooks() -> dict:
    import nbformat
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SKINLAB_PROGRESS"] = str(Path(tmp) / "progress.json")
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            nb.cells.append(new_code_cell(RSS_CELL))
            client = NotebookClient(nb, kernel_name="python3", timeout=600,
                                    resources={"metadata": {"path": str(path.parent)}})
            t0 = time.perf_counter()
            client.execute()
            seconds = time.perf_counter() - t0
            rss = float(nb.cells[-1].outputs[0]["text"])
            out[path.stem] = {"execute_s": round(seconds, 2), "peak_rss_mb": round(rss, 1)}
    return out


def time_solver() -> dict:
    """One 24-hour simulation of the diffusion model at its default resolution (intact caffeine,
    the propagator rebuilt every time, as for a molecule not yet seen)."""
    from skinlab import diffusion as df

    layers = df.intact_layers(df.molecule("caffeine"))
    times = []
    for _ in range(30):
        df._propagator.cache_clear()
        t0 = time.perf_counter()
        df.solve(layers, df.HOURS, df.DT_H)
        times.append((time.perf_counter() - t0) * 1000)
    cells = sum(x.cells for x in layers)
    return {"simulation_ms": _stats(times), "cells": cells,
            "steps": int(round(df.HOURS / df.DT_H))}


def _table(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Made by `make bench` (`benchmarks/bench.py`); the numbers below are from its last run.",
        "A benchmark, not a test: the numbers depend on the machine.",
        "",
        f"Machine: {m['cores']} cores, {m['platform']}, Python {m['python']}; matplotlib "
        f"{m['matplotlib']}, ipywidgets {m['ipywidgets']}, anywidget {m['anywidget']}, "
        f"Pillow {m['pillow']}, JupyterLab {m['jupyterlab']}, Chromium via Playwright "
        f"{m['playwright']}. Run on {results['date']}.",
        "",
        "## Explorers",
        "",
        "Kernel: setting a control's value in Python to new PNG bytes (640 x 480 px at 100 dpi). "
        "Baseline: the same figure rebuilt and encoded the inline backend's way "
        "(`bbox_inches=\"tight\"`). Browser: key press on the slider to the new figure decoded "
        "on screen.",
        "",
        "| explorer | kernel median ms | kernel p95 ms | drop-down median ms | slider median ms "
        "| baseline median ms | speed-up | browser median ms | build s | first view of a site "
        "ms (largest, median) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results["explorers"].items():
        k = r["kernel_ms"]
        by = r["kernel_ms_by_control"]
        b = r.get("browser_ms")
        lines.append(
            f"| {name} | {k['median']} | {k['p95']} | {by.get('choice', {}).get('median', '-')} "
            f"| {by.get('slider', {}).get('median', '-')} | {r['baseline_ms']['median']} "
            f"| {r['speedup']}x | {b['median'] if b else 'not run (no chromium)'} "
            f"| {r['build_s']} | {r['first_view_ms']['max']}, {r['first_view_ms']['median']} |")
    lines += ["", "## Notebooks", "",
              "Execution from a fresh kernel, and the kernel's peak memory (what a teacher needs "
              "to size a classroom server: one kernel per open notebook per learner).", "",
              "| notebook | execute s | kernel peak RSS MB |", "|---|---|---|"]
    for name, r in results["notebooks"].items():
        lines.append(f"| {name} | {r['execute_s']} | {r['peak_rss_mb']} |")
    if "solver" in results:
        s = results["solver"]
        lines += ["", "## Diffusion solver", "",
                  f"One 24-hour simulation at the default resolution ({s['cells']} cells, "
                  f"{s['steps']} Crank-Nicolson steps): median {s['simulation_ms']['median']} ms, "
                  f"p95 {s['simulation_ms']['p95']} ms."]
    lines += ["", "## Goals", ""]
    for goal in results["goals"]:
        lines.append(f"- {goal}")
    return "\n".join(lines) + "\n"


def _goals(results: dict) -> list[str]:
    out = []
    for name, r in results["explorers"].items():
        k, s = r["kernel_ms"], r["speedup"]
        out.append(f"{name}: kernel median {k['median']} ms (goal {GOALS['kernel_median_ms']}): "
                   f"{'met' if k['median'] <= GOALS['kernel_median_ms'] else 'MISSED'}; p95 "
                   f"{k['p95']} ms (goal {GOALS['kernel_p95_ms']}): "
                   f"{'met' if k['p95'] <= GOALS['kernel_p95_ms'] else 'MISSED'}; "
                   f"{s}x the baseline (goal {GOALS['speedup']}x): "
                   f"{'met' if s >= GOALS['speedup'] else 'MISSED'}")
        blit = r["kernel_ms_by_control"].get("slider")
        if blit:
            out.append(f"{name}: blitted (slider) median {blit['median']} ms (goal "
                       f"{GOALS['blit_median_ms']}): "
                       f"{'met' if blit['median'] <= GOALS['blit_median_ms'] else 'MISSED'}")
        f = r["first_view_ms"]
        out.append(f"{name}: first view of a site at most {f['max']} ms (goal "
                   f"{GOALS['first_view_ms']}): "
                   f"{'met' if f['max'] <= GOALS['first_view_ms'] else 'MISSED'}; building "
                   f"{r['build_s']} s (goal {GOALS['build_s']}): "
                   f"{'met' if r['build_s'] <= GOALS['build_s'] else 'MISSED'}")
        b = r.get("browser_ms")
        if b:
            out.append(f"{name}: browser median {b['median']} ms (goal "
                       f"{GOALS['browser_median_ms']}): "
                       f"{'met' if b['median'] <= GOALS['browser_median_ms'] else 'MISSED'}")
    for name, r in results["notebooks"].items():
        out.append(f"{name}: kernel peak {r['peak_rss_mb']} MB (goal {GOALS['peak_rss_mb']}): "
                   f"{'met' if r['peak_rss_mb'] <= GOALS['peak_rss_mb'] else 'MISSED'}")
    if "solver" in results:
        sim = results["solver"]["simulation_ms"]["median"]
        met = "met" if sim <= GOALS["simulation_ms"] else "MISSED"
        out.append(f"diffusion solver: 24-hour simulation median {sim} ms (goal "
                   f"{GOALS['simulation_ms']}): {met}")
    return out + suite_goals(results.get("suite"))


def suite_goals(suite: dict | None) -> list[str]:
    """make test within 5 minutes from a fresh clone, make test-fast within a minute."""
    if not suite:
        return []
    return [f"{target}: {suite[key]:.0f} s (goal {GOALS[key]} s): "
            f"{'met' if suite[key] <= GOALS[key] else 'MISSED'}"
            for target, key in (("make test", "make_test_s"),
                                ("make test-fast", "make_test_fast_s"))]


def site_goals(site: dict | None) -> list[str]:
    """make book and make handouts within 2 minutes each, the site within 40 MB, a notebook
    page's first paint from a local file within 1 s (the slowest page)."""
    if not site:
        return []
    return [f"{name}: {site[key]:g} {unit} (goal {GOALS[key]} {unit}): "
            f"{'met' if site[key] is not None and site[key] <= GOALS[key] else 'MISSED'}"
            for name, key, unit in SITE_GOALS if key in site]


def time_site() -> dict:
    """``make book`` and ``make handouts`` (setup done), the site's size, and each notebook
    page's first contentful paint in Chromium from a local file (the slowest is kept)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import browser as B

    out: dict = {"date": date.today().isoformat(), "cores": os.cpu_count()}
    for target, key in (("book", "make_book_s"), ("handouts", "make_handouts_s")):
        t0 = time.perf_counter()
        cmd = ["make", target] if target == "book" else [
            str(Path(sys.executable)), "-m", "skinlab", "handouts"]  # make handouts rebuilds
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        out[key] = round(time.perf_counter() - t0, 1)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd[-2:])} failed:\n{proc.stdout[-2000:]}\n"
                             f"{proc.stderr[-2000:]}")
    site = ROOT / "_build" / "book"
    out["site_mb"] = round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1)
    paints = {}
    with B.browser() as chromium:
        for page_file in sorted(site.glob("[0-9][0-9]_*.html")):
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            paints[page_file.stem] = round(page.evaluate(
                "() => (performance.getEntriesByName('first-contentful-paint')[0] || "
                "{startTime: NaN}).startTime"), 1)
            context.close()
    out["first_paint_by_page_ms"] = paints
    out["first_paint_ms"] = max(paints.values())
    return out


def time_suite() -> dict:
    """``make test`` (setup included) and ``make test-fast`` on a fresh clone of HEAD."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                            capture_output=True, check=True).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    out: dict = {"date": date.today().isoformat(), "cores": os.cpu_count(), "commit": commit,
                 "browser": shutil.which("chromium") is not None}
    with tempfile.TemporaryDirectory(prefix="skinlab-suite-") as tmp:
        clone = Path(tmp) / "course"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        for target, key in (("test", "make_test_s"), ("test-fast", "make_test_fast_s")):
            t0 = time.perf_counter()
            proc = subprocess.run(["make", target], cwd=clone, env=env, text=True,
                                  capture_output=True)
            out[key] = round(time.perf_counter() - t0, 1)
            tail = proc.stdout.strip().splitlines()[-1:] or [""]
            print(f"make {target}: {out[key]:.0f} s, exit {proc.returncode}: {tail[0]}")
            if proc.returncode != 0:
                raise SystemExit(f"make {target} failed on a fresh clone:\n{proc.stdout[-3000:]}"
                                 f"\n{proc.stderr[-2000:]}")
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="time the course (see the module docstring)")
    parser.add_argument("--only", choices=("suite", "explorers", "site"), default=None)
    only = parser.parse_args(argv).only
    path = HERE / "results.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    if only == "site":
        old["site"] = time_site()
        old["goals"] = [g for g in old.get("goals", [])
                        if not g.startswith(tuple(name for name, _, _ in SITE_GOALS))]
        old["goals"] += site_goals(old["site"])
        print("\n".join(site_goals(old["site"])))
        path.write_text(json.dumps(old, indent=2) + "\n")
        return 0
    if only == "suite":
        from skinlab.tools import suite
        old["suite"] = time_suite()
        old["goals"] = [g for g in old.get("goals", []) if not g.startswith("make test")]
        old["goals"] += suite_goals(old["suite"])
        print("\n".join(suite_goals(old["suite"])))
        path.write_text(json.dumps(old, indent=2) + "\n")
        for changed in suite.write_docs(ROOT, old["suite"]):
            print(f"wrote {changed.name}")
        return 0
    results = {
        "date": date.today().isoformat(),
        "machine": {"python": platform.python_version(), "platform": platform.system() + " "
                    + platform.machine(), "cores": os.cpu_count(),
                    "matplotlib": version("matplotlib"), "ipywidgets": version("ipywidgets"),
                    "anywidget": version("anywidget"), "pillow": version("pillow"),
                    "jupyterlab": version("jupyterlab"), "playwright": version("playwright")},
        "explorers": {},
    }
    browser = time_browser()
    for name, cls in sorted(EXPLORERS.items()):
        cls().render()  # fonts and caches of matplotlib itself, once, before any timing
        row = time_first_views(cls)
        row.update(time_kernel(cls))
        row.update(time_baseline(cls))
        row["speedup"] = round(row["baseline_ms"]["median"] / row["kernel_ms"]["median"], 1)
        row["browser_ms"] = (browser.get(name) or {}).get("browser_ms")
        results["explorers"][name] = row
    results["notebooks"] = time_notebooks()
    results["solver"] = time_solver()
    if only is None:
        from skinlab.tools import suite
        results["suite"] = time_suite()
        suite.write_docs(ROOT, results["suite"])
    elif "suite" in old:
        results["suite"] = old["suite"]
    results["site"] = time_site() if only is None else old.get("site")
    results["goals"] = _goals(results) + site_goals(results["site"])
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (HERE / "README.md").write_text(_table(results))
    print(_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
