"""Explorer update time in the kernel: from setting a control's value in Python to the new PNG
bytes being ready on the explorer's view (640 x 480 px at 100 dpi).

Run with ``make bench``. Writes ``benchmarks/results.json`` and prints a table. A benchmark, not
a test: the numbers depend on the machine.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

from skinlab.explore import EXPLORERS
from skinlab.explore.base import Choice, Number

HERE = Path(__file__).resolve().parent
UPDATES = 90


def _values(exp):
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


def time_explorer(cls) -> dict:
    exp = cls()
    exp.widget()
    changes = _values(exp)
    times, kinds = [], {"choice": [], "slider": []}
    i = 0
    while len(times) < UPDATES:
        name, value = changes[i % len(changes)]
        i += 1
        wid = exp.control_widget(name)
        if wid.value == value or (hasattr(wid, "max") and not wid.min <= value <= wid.max):
            continue
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


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    return {"median": round(statistics.median(times), 1),
            "p95": round(times[max(int(0.95 * len(times)) - 1, 0)], 1), "n": len(times)}


def main() -> int:
    results = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.machine(),
                    "matplotlib": version("matplotlib"), "ipywidgets": version("ipywidgets"),
                    "anywidget": version("anywidget"), "pillow": version("pillow")},
        "explorers": {name: time_explorer(cls) for name, cls in sorted(EXPLORERS.items())},
    }
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'explorer':<12} {'updates':<8} {'median ms':>10} {'p95 ms':>8} {'n':>4}  image")
    for name, r in results["explorers"].items():
        rows = [("all", r["kernel_ms"])] + list(r["kernel_ms_by_control"].items())
        for kind, k in rows:
            print(f"{name:<12} {kind:<8} {k['median']:>10} {k['p95']:>8} {k['n']:>4}  "
                  f"{r['image_px'][0]}x{r['image_px'][1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
