"""Drive the course in a real browser: a private JupyterLab server and Debian's Chromium.

Used by the browser tests and by ``make bench``. Needs the ``test`` extra (Playwright for Python)
and a ``chromium`` on PATH (``apt-get install chromium``); Playwright's own browser download is
never used. The server runs on 127.0.0.1 with a random token over a temporary copy of the
course, with its own Jupyter config, data and runtime folders, and is stopped by its process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from skinlab.tools import handouts

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                    "checkForUpdates": False},
}
DARK = "JupyterLab Dark"
LIGHT = "JupyterLab Light"


def chromium() -> str | None:
    """The path of a Chromium on PATH, or None (the handouts' printer finds it the same way)."""
    return handouts.chromium()


def need_chromium(what: str) -> str:
    """The path of a Chromium on PATH. Without one, the calling test is skipped ("``what`` not
    tested: apt-get install chromium"), or fails where SKINLAB_REQUIRE_BROWSER=1 (.ci/run)."""
    import pytest

    path = chromium()
    if path is None:
        if os.environ.get("SKINLAB_REQUIRE_BROWSER") == "1":
            pytest.fail("SKINLAB_REQUIRE_BROWSER=1 but no chromium on PATH "
                        "(apt-get install chromium)")
        pytest.skip(f"{what} not tested: apt-get install chromium")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    root: Path
    port: int
    token: str
    process: subprocess.Popen

    def url(self, path: str = "lab", query: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}{query}"

    def notebook_url(self, name: str) -> str:
        """The notebook alone, in a fresh workspace (no tabs restored from earlier pages)."""
        return self.url(f"lab/workspaces/w{secrets.token_hex(4)}/tree/{name}", "&reset")


@contextlib.contextmanager
def lab_server(root: Path, timeout: float = 90) -> Iterator[LabServer]:
    """A JupyterLab server over ``root`` (already a temporary copy)."""
    root = Path(root)
    port, token = _free_port(), secrets.token_hex(16)
    home = Path(tempfile.mkdtemp(prefix="skinlab-lab-home-"))
    settings = home / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "user-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               SKINLAB_PROGRESS=str(home / "progress.json"))  # never the learner's record
    (home / "user-settings" / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (home / "user-settings" / "@jupyterlab" / "apputils-extension" /
     "notification.jupyterlab-settings").write_text(
        json.dumps(LAB_SETTINGS["@jupyterlab/apputils-extension:notification"]))
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip", "127.0.0.1",
           "--port", str(port), f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
           "--expose-app-in-browser"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    server = LabServer(root, port, token, proc)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError("JupyterLab exited:\n" + (home / "server.log").read_text())
            try:
                with urllib.request.urlopen(server.url("api/status"), timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start in time") from None
                time.sleep(0.3)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(home, ignore_errors=True)


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A headless Chromium (Debian's, on PATH) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium()
    if path is None:
        raise RuntimeError("browser tests not run: apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def open_notebook(page, server: LabServer, name: str, timeout: float = 60_000) -> None:
    """Open a notebook and wait until its kernel is idle: in the JupyterLab the page already
    shows (every other document closed first, see :func:`close_documents`), or by loading
    JupyterLab in a fresh workspace."""
    if page.url.startswith(f"http://127.0.0.1:{server.port}/lab") and page.evaluate(
            "() => !!(window.jupyterapp && window.jupyterapp.shell)"):
        close_documents(page)
        page.evaluate("(path) => window.jupyterapp.commands.execute('docmanager:open', {path})",
                      name)
    else:
        page.goto(server.notebook_url(name))
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path === path &&"
        " w.node.querySelector('.jp-Notebook'); }", arg=name, timeout=timeout)
    wait_idle(page, timeout)


CLOSE_JS = """
() => {  // close every document without saving: what a test changed is not kept
  for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {
    if (w.context) w.context.model.dirty = false;
    w.dispose();
  }
  return Array.from(window.jupyterapp.shell.widgets('main')).length;
}
"""


def close_documents(page) -> None:
    """Close every open document in the page's JupyterLab, discarding changes."""
    left = page.evaluate(CLOSE_JS)
    if left:
        raise RuntimeError(f"{left} documents would not close")


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the current notebook's kernel exists and is idle."""
    page.wait_for_function(
        """() => {
             const w = window.jupyterapp.shell.currentWidget;
             const k = w && w.sessionContext && w.sessionContext.session &&
                       w.sessionContext.session.kernel;
             return k && k.status === 'idle';
           }""", timeout=timeout)


def command(page, name: str, args: dict | None = None) -> None:
    page.evaluate("([n, a]) => window.jupyterapp.commands.execute(n, a)", [name, args or {}])


def run_all(page, timeout: float = 120_000) -> None:
    """Run every cell and wait until each code cell has an execution count."""
    command(page, "notebook:run-all-cells")
    page.wait_for_function(
        """() => {
             const w = window.jupyterapp.shell.currentWidget;
             const cells = w.content.widgets.filter(c => c.model.type === 'code' &&
                                                    c.model.sharedModel.getSource().trim());
             return cells.length > 0 && cells.every(c => c.model.executionCount !== null &&
                    !c.node.querySelector('.jp-InputArea-prompt')?.textContent.includes('*'));
           }""", timeout=timeout)
    wait_idle(page, timeout)


def set_theme(page, theme: str) -> None:
    command(page, "apputils:change-theme", {"theme": theme})
    page.wait_for_function("(t) => document.body.dataset.jpThemeName === t", arg=theme,
                           timeout=30_000)


def write_notebook(path: Path, code_cells: list[str]) -> Path:
    """A minimal notebook (standard python3 kernel) with the given code cells."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    for i, src in enumerate(code_cells):
        cell = new_code_cell(src)
        cell["id"] = f"c{i}"
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


# WCAG contrast of an element's text against the background it is drawn on.
CONTRAST_JS = """
(el) => {
  function rgba(s) {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(',').map(x => parseFloat(x));
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function lum(c) {
    const f = v => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c[3] > 0.5) { bg = c; break; }
    node = node.parentElement;
  }
  if (!bg) bg = [255, 255, 255, 1];
  const fg = rgba(getComputedStyle(el).color);
  const a = lum(fg), b = lum(bg);
  return {ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          color: getComputedStyle(el).color, background: `rgb(${bg[0]}, ${bg[1]}, ${bg[2]})`};
}
"""


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


# -- shared by the browser test modules ----------------------------------------------------------

SHOTS = Path(os.environ.get("SKINLAB_SCREENSHOTS",
                            Path(__file__).resolve().parents[2] / "browser-screenshots"))


def kernels(server: LabServer) -> set[str]:
    """The ids of the server's running kernels."""
    with urllib.request.urlopen(server.url("api/kernels")) as r:
        return {k["id"] for k in json.loads(r.read())}


def shutdown_kernels(server: LabServer, keep: set[str] = frozenset()) -> None:
    """Shut down the server's kernels except ``keep`` (a shared page's stays up)."""
    for kernel in kernels(server) - set(keep):
        req = urllib.request.Request(server.url(f"api/kernels/{kernel}"), method="DELETE")
        urllib.request.urlopen(req).close()


def until(condition, message=lambda: "", timeout: float = 15.0) -> None:
    """Wait until ``condition()`` holds, or fail after ``timeout`` seconds with ``message()``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the page did not update in time. {message()}")
        time.sleep(0.05)


NOTEBOOK_HEIGHT = ("() => { const p = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)"
                   " .jp-WindowedPanel-inner, .jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');"
                   " return p ? p.scrollHeight : 0; }")


def settled(page, quiet_ms: int = 1000, timeout: float = 20.0) -> None:
    """Wait until the open notebook's height has not changed for ``quiet_ms`` (its outputs and
    saved widget views have rendered), or ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        height = page.evaluate(NOTEBOOK_HEIGHT)
        if height != last:
            last, since = height, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= quiet_ms:
            return
        page.wait_for_timeout(100)
