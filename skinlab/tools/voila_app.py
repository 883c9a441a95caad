"""The explorers as an app for a projector: ``make voila`` (Voila, on 127.0.0.1 only).

``main()`` writes the app notebook (:func:`app_notebook`: a title, the disclaimer and every
explorer of :data:`skinlab.explore.EXPLORERS`, one cell each under its heading) and a Voila
template (:func:`write_template`) into a scratch folder (``_build/voila/``, or
``$SKINLAB_VOILA_DIR``), then runs Voila in the foreground on ``127.0.0.1`` (port
``$SKINLAB_VOILA_PORT`` or 8866) until Ctrl-C, and stops it and its kernel.

Nothing the page loads leaves this computer. Voila 0.5's ``lab`` template is kept, with these
changes (the browser test, ``tests/test_voila.py``, records every request the page makes):

- the two Font Awesome style sheets that ``lab/index.html.j2`` links from cdn.jsdelivr.net are
  left out (the icons' fonts come with Voila's own ``voila-style.js``), and so is the one in
  ``base/page.html`` (the error pages);
- nbconvert's Mermaid loader (which imports Mermaid from cdnjs when a page has a diagram) is left
  out, as is any MathJax script tag: Voila's front end typesets with the MathJax that JupyterLab
  bundles, since ``Voila.mathjax_url`` and ``Voila.mathjax_config`` stay unset (set, they would
  load MathJax 2 from cdnjs);
- the page is sent with a Content-Security-Policy that allows only this server (and ``data:`` and
  ``blob:`` addresses), so the browser itself refuses anything else;
- Voila reads its configuration from the scratch folder only, serves a folder that holds only the
  notebook, and asks for a random token, so another account on this computer cannot open the app
  without the URL that ``make voila`` prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = ROOT / "_build" / "voila"
DEFAULT_PORT = 8866
NOTEBOOK = "skinlab-explorers.ipynb"
TEMPLATE = "skinlab"
TITLE = "skinlab explorers"
HOST = "127.0.0.1"
# What the page may load: this server only ('self' covers the kernel's ws: address on the same
# host and port), and the data: and blob: addresses the widgets make for pictures and modules.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
       "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'; base-uri 'self'; "
       "form-action 'self'")
# Any <link> or <script> of Voila's templates that loads from another host.
_OFFSITE = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src)=["']https?://[^"']*["'][^>]*>"""
                      r"""(?:\s*</script>)?""", re.I)

_INDEX = """{{%- extends 'voila/templates/lab/index.html.j2' -%}}
{{# skinlab: Voila's lab template without what it loads from other hosts
   (written by skinlab/tools/voila_app.py; do not edit). #}}

{{%- block notebook_css -%}}
{{{{ super(){replace} }}}}
{{%- endblock notebook_css -%}}

{{%- block html_head_js_mathjax -%}}
{{%- endblock html_head_js_mathjax -%}}

{{%- block html_head_js_mermaidjs -%}}
{{%- endblock html_head_js_mermaidjs -%}}
"""


def app_notebook(path: Path) -> Path:
    """Write the app's notebook: a title, the disclaimer, and each explorer under its heading.

    Parameters
    ----------
    path : Path
        Where to write the notebook (``.ipynb``); its folder must exist.

    Returns
    -------
    Path
        ``path``. The notebook runs on the standard ``python3`` kernel; each explorer has a
        Markdown heading (the first part of its title) and one code cell showing its widget, in
        the order of :data:`skinlab.explore.EXPLORERS`.

    Examples
    --------
    >>> import nbformat
    >>> from skinlab.explore import EXPLORERS
    >>> nb = nbformat.read(app_notebook(Path("app.ipynb")), as_version=4)
    >>> sum("widget()" in c.source for c in nb.cells) == len(EXPLORERS)
    True
    """
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from skinlab.explore import EXPLORERS
    from skinlab.tools.notebooktext import disclaimer

    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = TITLE
    cells = [
        new_markdown_cell(f"# {TITLE}\n\nEvery explorer of the course on one page. Move a "
                          "control (with the mouse, or Tab to it and use the arrow keys): the "
                          "picture and the sentence under it change. Each explorer is taught in "
                          "the course's notebooks."),
        new_markdown_cell(disclaimer()),
        new_code_cell("from skinlab.explore import EXPLORERS"),
    ]
    for name, cls in EXPLORERS.items():
        heading = str(cls.title).split(":")[0].strip()
        cells.append(new_markdown_cell(f"## {heading}"))
        cells.append(new_code_cell(f"EXPLORERS[{name!r}]().widget()"))
    for i, cell in enumerate(cells):
        cell["id"] = f"skinlab-{i}"
    nb.cells = cells
    nbformat.write(nb, path)
    return Path(path)


def voila_template(name: str) -> Path:
    """One of Voila's own template files, as installed.

    Parameters
    ----------
    name : str
        The file's path under Voila's templates folder, e.g. ``lab/index.html.j2``.

    Returns
    -------
    Path
        The first such file on the Jupyter data path.

    Raises
    ------
    FileNotFoundError
        Where Voila is not installed.
    """
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("voila", "templates"):
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"Voila's template {name} not found: is voila installed?")


def offsite_tags(text: str) -> list[str]:
    """The ``<link>`` and ``<script>`` tags of a template that load from another host.

    Parameters
    ----------
    text : str
        A template's source.

    Returns
    -------
    list of str
        Each such tag exactly as written, in order.

    Examples
    --------
    >>> offsite_tags('<link rel="stylesheet" href="https://cdn.example/a.css" /><link href="x">')
    ['<link rel="stylesheet" href="https://cdn.example/a.css" />']
    """
    return _OFFSITE.findall(text)


def _jinja_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Jinja string literal


def write_template(share: Path) -> Path:
    """Write the ``skinlab`` Voila template into ``share/voila/templates/skinlab``.

    It extends Voila's ``lab`` template and drops every tag that loads from another host: the
    tags are read from the installed ``lab/index.html.j2`` and ``base/page.html`` (so a Voila
    update that adds one is covered), the MathJax and Mermaid blocks are emptied.

    Parameters
    ----------
    share : Path
        A folder to put first on ``JUPYTER_PATH`` (see :func:`environment`).

    Returns
    -------
    Path
        The template's folder.
    """
    folder = Path(share) / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.json").write_text(json.dumps({"base_template": "lab"}, indent=2) + "\n")
    index = voila_template("lab/index.html.j2").read_text(encoding="utf-8")
    replace = "".join(f" | replace({_jinja_string(tag)}, '')" for tag in offsite_tags(index))
    (folder / "index.html.j2").write_text(_INDEX.format(replace=replace), encoding="utf-8")
    # The error pages (404, a failed notebook) extend page.html: the same page without its link.
    page = voila_template("base/page.html").read_text(encoding="utf-8")
    for tag in offsite_tags(page):
        page = page.replace(tag, "")
    lab_page = voila_template("lab/page.html").read_text(encoding="utf-8")
    page_blocks = lab_page.split("%}", 1)[1]  # lab/page.html's blocks, without its extends
    (folder / "base-page.html").write_text(page, encoding="utf-8")
    (folder / "page.html").write_text("{%- extends 'base-page.html' -%}" + page_blocks,
                                      encoding="utf-8")
    return folder


def environment(share: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: ``share`` first on ``JUPYTER_PATH`` (where the template is).

    Parameters
    ----------
    share : Path
        The folder :func:`write_template` wrote into.
    base : dict, optional
        The environment to start from (default: this process's).

    Returns
    -------
    dict
        A copy of ``base`` with ``JUPYTER_PATH`` extended.
    """
    env = dict(os.environ if base is None else base)
    paths = [str(Path(share).resolve())]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def write_config(folder: Path) -> Path:
    """Write Voila's configuration (``voila.json``) into ``folder``: the page's
    Content-Security-Policy (:data:`CSP`), so the browser refuses anything from another host.

    Parameters
    ----------
    folder : Path
        The folder to pass as ``--Voila.config_file_paths`` (see :func:`command`).

    Returns
    -------
    Path
        The ``voila.json`` written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = {"Voila": {"tornado_settings": {"headers": {"Content-Security-Policy": CSP}}}}
    path = folder / "voila.json"
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return path


def command(notebook: Path, port: int, token: str = "",
            config: Path | None = None) -> list[str]:
    """The command that serves ``notebook`` with Voila on 127.0.0.1 only.

    Parameters
    ----------
    notebook : Path
        The app notebook (:func:`app_notebook`).
    port : int
        The port; Voila fails rather than take another one.
    token : str, optional
        A token the URL must carry (default: none).
    config : Path, optional
        The folder of :func:`write_config`; Voila then reads its configuration from there only
        (not from the current folder or the user's Jupyter configuration).

    Returns
    -------
    list of str
        The argument vector, starting with this Python. Run it with :func:`environment`, so that
        Voila finds the ``skinlab`` template.

    Examples
    --------
    >>> cmd = command(Path("app.ipynb"), 8866)
    >>> cmd[1:5]
    ['-m', 'voila', 'app.ipynb', '--no-browser']
    >>> "--Voila.ip=127.0.0.1" in cmd and "--template=skinlab" in cmd
    True
    """
    cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
           f"--Voila.ip={HOST}", "--Voila.port_retries=0", f"--template={TEMPLATE}",
           f"--Voila.token={token}", "--VoilaConfiguration.show_tracebacks=False",
           "--Voila.log_level=WARN"]  # its own "running at" line would mask the token
    if config is not None:
        cmd.append(f"--Voila.config_file_paths={Path(config).resolve()}")
    return cmd


def url(port: int, token: str = "") -> str:
    """The app's address on this computer.

    Parameters
    ----------
    port : int
        Voila's port.
    token : str, optional
        The token Voila asks for, if any.

    Returns
    -------
    str
        The URL to open in a browser.

    Examples
    --------
    >>> url(8866, "abc")
    'http://127.0.0.1:8866/?token=abc'
    """
    return f"http://{HOST}:{port}/" + (f"?token={token}" if token else "")


def prepare(folder: Path) -> Path:
    """Write the app into ``folder``.

    Parameters
    ----------
    folder : Path
        The scratch folder; made if missing. It gets the notebook (``app/``, a folder holding
        nothing else, which Voila serves), the template (``share/``, see :func:`environment`)
        and Voila's configuration (``config/``).

    Returns
    -------
    Path
        The app notebook.
    """
    folder = Path(folder)
    (folder / "app").mkdir(parents=True, exist_ok=True)
    write_template(folder / "share")
    write_config(folder / "config")
    return app_notebook(folder / "app" / NOTEBOOK)


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Stop Voila (started in its own session) and every process it started.

    Voila is sent SIGTERM, on which it shuts its kernels down and exits; whatever is left after
    ``timeout`` seconds (Voila, a kernel in its own session) is killed.

    Parameters
    ----------
    proc : subprocess.Popen
        Voila, started with ``start_new_session=True``.
    timeout : float
        Seconds to wait for a clean exit.
    """
    import psutil

    children = _descendants(proc.pid)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    _, alive = psutil.wait_procs(children, timeout=5)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    psutil.wait_procs(alive, timeout=5)


def _port() -> int:
    text = os.environ.get("SKINLAB_VOILA_PORT", "").strip()
    if not text:
        return DEFAULT_PORT
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"SKINLAB_VOILA_PORT={text}: not a port number (1 to 65535)")
    return int(text)


class _Stop(Exception):
    """SIGTERM or SIGHUP, raised in the main thread like Ctrl-C."""


def _raise_stop(signum, frame):
    raise _Stop(signum)


def main() -> int:
    """Serve the explorers with Voila on 127.0.0.1 until Ctrl-C (``make voila``).

    Returns
    -------
    int
        0 when stopped by Ctrl-C (or SIGTERM), Voila's exit status if it stopped by itself, 2 for
        a bad ``SKINLAB_VOILA_PORT``.
    """
    try:
        port = _port()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    folder = Path(os.environ.get("SKINLAB_VOILA_DIR") or SCRATCH)
    notebook = prepare(folder)
    token = secrets.token_urlsafe(16)
    env = environment(folder / "share")
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiet the kernel's debugger note
    print(f"The explorers, as an app (Voila): {url(port, token)}", flush=True)
    print("Open it in a browser on this computer (it listens on 127.0.0.1 only); "
          "the first page takes a few seconds while the explorers draw.", flush=True)
    print("Ctrl-C stops it", flush=True)
    previous = {s: signal.signal(s, _raise_stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    # Ctrl-C raises KeyboardInterrupt here even where the shell started this with SIGINT ignored.
    previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    proc = None
    try:
        cmd = command(notebook, port, token, folder / "config")
        # In its own session: Ctrl-C reaches this process only, which then stops Voila cleanly.
        proc = subprocess.Popen(cmd, env=env, cwd=notebook.parent, start_new_session=True)
        status = proc.wait()
        if status:
            print(f"Voila stopped with status {status}. If port {port} is taken, choose "
                  f"another: SKINLAB_VOILA_PORT=8867 make voila", file=sys.stderr, flush=True)
        return status
    except (KeyboardInterrupt, _Stop):
        return 0
    finally:
        if proc is not None:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut it short
            started, running = time.monotonic(), proc.poll() is None
            stop(proc)
            if running:
                print(f"Voila stopped ({time.monotonic() - started:.1f} s).", flush=True)
        for s, handler in previous.items():
            signal.signal(s, handler)
