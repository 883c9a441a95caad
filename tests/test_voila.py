"""``make voila`` in a real browser: the explorers as a Voila app, and nothing off loopback.

Runs ``python -m skinlab voila`` (what ``make voila`` runs) on a free port, opens its URL in
Debian's Chromium with Playwright, records every request the page makes, waits until every
explorer's widget is drawn by the kernel, moves one slider from the keyboard, then presses Ctrl-C
(SIGINT to its process group) and checks that Voila and its kernel are gone.

The browser test is marked ``browser`` and ``kernel`` (left out of ``make test-fast``); the two
quick checks of the template and of the host filter are not. Where no chromium is on PATH the
browser test is skipped ("voila not tested in a browser: apt-get install chromium"); with
SKINLAB_REQUIRE_BROWSER=1 a missing browser is a failure. The screenshot goes to
$SKINLAB_SCREENSHOTS or browser-screenshots/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support import browser as B
from skinlab.explore import EXPLORERS
from skinlab.tools import voila_app

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("SKINLAB_SCREENSHOTS", ROOT / "browser-screenshots"))
LOOPBACK = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob"}
START_S = 60  # Voila answering after `python -m skinlab voila`
RENDER_MS = 90_000  # every explorer drawn by the kernel, on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _off_loopback(urls: list[str]) -> list[str]:
    bad = []
    for address in urls:
        parts = urlsplit(address)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname not in LOOPBACK:
            bad.append(address)
    return bad


def test_off_loopback_is_caught():
    assert _off_loopback(["http://127.0.0.1:1/a", "ws://localhost:2/b", "data:,x",
                          "blob:http://127.0.0.1:1/u"]) == []
    assert _off_loopback(["https://cdn.jsdelivr.net/npm/x.css", "http://127.0.0.2/",
                          "file:///etc/passwd"]) == ["https://cdn.jsdelivr.net/npm/x.css",
                                                     "http://127.0.0.2/", "file:///etc/passwd"]


def test_the_template_drops_every_offsite_tag(tmp_path):
    """The template keeps Voila's lab page but none of its tags that load from another host."""
    pytest.importorskip("voila", reason="voila not installed: make setup-hub")
    folder = voila_app.write_template(tmp_path / "share")
    index = (folder / "index.html.j2").read_text()
    lab = voila_app.voila_template("lab/index.html.j2").read_text()
    assert voila_app.offsite_tags(lab), "Voila's lab template links no CDN any more: simplify"
    for tag in voila_app.offsite_tags(lab):
        assert tag.replace('"', '\\"') in index  # each removed by a replace filter
    assert "html_head_js_mathjax" in index and "html_head_js_mermaidjs" in index
    page = (folder / "base-page.html").read_text()
    assert "<body" in page and not voila_app.offsite_tags(page)
    cmd = voila_app.command(tmp_path / "app.ipynb", 1234, "t", tmp_path / "config")
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=1234" in cmd and "--template=skinlab" in cmd
    assert "--Voila.mathjax_url" not in " ".join(cmd)  # set, it would load MathJax 2 from cdnjs


def _wait_for_url(proc: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        text = log.read_text()
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", text)
        if found and "Ctrl-C stops it" in text:
            return found.group(1)
        if proc.poll() is not None:
            pytest.fail(f"make voila exited ({proc.returncode}):\n{text}")
        time.sleep(0.2)
    pytest.fail(f"make voila printed no URL in {START_S} s:\n{log.read_text()}")


def _wait_answers(proc: subprocess.Popen, port: int, log: Path) -> None:
    probe = f"http://127.0.0.1:{port}/voila/static/materialcolors.css"  # starts no kernel
    deadline = time.monotonic() + START_S
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"Voila exited ({proc.returncode}):\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"Voila did not answer in {START_S} s:\n{log.read_text()}")
            time.sleep(0.3)


def _tree(pid: int) -> list:
    import psutil

    try:
        top = psutil.Process(pid)
        return [top, *top.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _ctrl_c(proc: subprocess.Popen, seen: list) -> list[str]:
    """Press Ctrl-C (SIGINT to the app's process group); return what is still running after,
    killing it so that nothing outlives the test."""
    import psutil

    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        pass
    everything = {p.pid: p for p in [*seen, *_tree(proc.pid)]}
    _, alive = psutil.wait_procs(list(everything.values()), timeout=10)
    left = []
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            left.append(" ".join(p.cmdline())[:160])
            p.kill()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return left


@pytest.mark.browser
@pytest.mark.kernel
def test_the_voila_app_shows_its_widgets_with_no_request_off_loopback(tmp_path):
    """The Voila app shows its widgets in Chromium with no request off loopback."""
    B.need_chromium("voila in a browser")
    pytest.importorskip("voila", reason="voila not installed: make setup-hub")
    port = _free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(home), SKINLAB_PROGRESS=str(tmp_path / "progress.json"),
               SKINLAB_VOILA_PORT=str(port), SKINLAB_VOILA_DIR=str(tmp_path / "voila"),
               PYTHONUNBUFFERED="1")
    log_path = tmp_path / "voila.log"
    seen: list = []
    requests: list[str] = []
    refused: list[str] = []
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "skinlab", "voila"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        address = _wait_for_url(proc, log_path)
        assert address.startswith(f"http://127.0.0.1:{port}/")
        _wait_answers(proc, port, log_path)
        with B.browser() as chromium:
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.on("console", lambda m: refused.append(m.text)
                    if "Content Security Policy" in m.text or "Refused to" in m.text else None)
            page.goto(address, timeout=RENDER_MS)
            page.wait_for_function(
                """(n) => {
                     const boxes = document.querySelectorAll('.skinlab-explorer');
                     return boxes.length === n && [...boxes].every(b => {
                       const live = b.querySelector('.skinlab-live');
                       return live && live.textContent.trim().length > 0;
                     });
                   }""", arg=len(EXPLORERS), timeout=RENDER_MS)
            seen.extend(_tree(proc.pid))  # the app, Voila and the kernel it started
            assert page.locator(".skinlab-explorer").count() == len(EXPLORERS)
            assert "Education, not medical advice" in page.inner_text("body")

            # One control, from the keyboard: a slider's handle, then the arrow key.
            explorer = page.locator(".skinlab-explorer:has(.noUi-handle)").first
            live = explorer.locator(".skinlab-live")
            before = live.inner_text()
            handle = explorer.locator(".noUi-handle").first
            handle.focus()
            page.keyboard.press("ArrowRight")
            page.wait_for_function("([el, old]) => el.textContent !== old",
                                   arg=[live.element_handle(), before], timeout=30_000)
            assert live.inner_text().strip() and live.inner_text() != before
            SHOTS.mkdir(parents=True, exist_ok=True)
            explorer.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "voila-app.png"))
            context.close()
    finally:
        left = _ctrl_c(proc, seen)
    output = log_path.read_text()
    assert not left, f"still running after Ctrl-C: {left}\n{output}"
    assert proc.returncode == 0, output
    assert "Ctrl-C stops it" in output and "Voila stopped" in output
    assert requests, "no request recorded"
    assert any(u.startswith("ws://127.0.0.1") for u in requests), "no kernel websocket seen"
    assert _off_loopback(requests) == [], "requests off loopback"
    assert refused == [], "the page tried to load something its policy refuses"
    assert len({p.pid for p in seen}) >= 3  # the app, Voila, the kernel: all stopped
