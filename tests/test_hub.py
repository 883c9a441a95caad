"""make hub: a real JupyterHub with configurable-http-proxy on 127.0.0.1 starts, serves one
learner the course's notebook 00 through the nbgitpuller link (login form, spawn, pull, the
single-user server's contents API; the server forked from the preloaded one, as make hub does by
default), and make hub-stop leaves no process behind (hub, proxy, culler, preloaded server,
learner server, kernel).

The proxy comes from npm (``make`` installs it under ``.hub/``): without it the hub test is
skipped, and with SKINLAB_REQUIRE_NODE=1 (set by .ci/run) that is a failure. Each test points
HOME and SKINLAB_PROGRESS at a scratch folder, and the hub's state at another.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from skinlab.tools import hub
from skinlab.tools.hub_client import Learner

pytestmark = pytest.mark.kernel

ROOT = Path(__file__).resolve().parent.parent
MISSING = "make hub not tested: npm/configurable-http-proxy missing (apt-get install nodejs npm)"


def _need_proxy() -> None:
    if hub.CHP.exists() and shutil.which("node"):
        return
    if os.environ.get("SKINLAB_REQUIRE_NODE") == "1":
        pytest.fail(f"SKINLAB_REQUIRE_NODE=1 but {MISSING.split(': ', 1)[1]}")
    pytest.skip(MISSING)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(e.decode("utf-8", "replace").split("=", 1) for e in raw.split(b"\0") if b"=" in e)


def _processes() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]


def _leftovers(state: Path, port: int, run: str) -> list[str]:
    """Processes (not zombies) whose command line names the state folder or the port, or whose
    environment carries the run's token."""
    found = []
    for pid in _processes():
        try:
            status = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if status[status.rindex(")") + 2] in "ZX":
            continue
        cmd = hub.cmdline(pid)
        words = cmd.split()
        if (str(state) in cmd or str(port) in words or any(w.endswith(f":{port}") for w in words)
                or (run and _environ(pid).get(hub.RUN_ENV) == run)):
            found.append(f"{pid}: {cmd[:160]}")
    return found


def _wait_healthy(port: int, proc: subprocess.Popen, out: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"make hub exited with {proc.returncode}:\n{out.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/health", timeout=2) as r:
                if r.status == 200 and "ready:" in out.read_text():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"make hub not ready after {timeout} s:\n{out.read_text()}")


def test_make_hub_serves_a_learner_the_course_and_stops(tmp_path):
    _need_proxy()
    state = tmp_path / "hub-state"
    home = tmp_path / "home"
    home.mkdir()
    port = _free_port()
    env = {**os.environ, "SKINLAB_HUB_DIR": str(state), "SKINLAB_HUB_PORT": str(port),
           "HOME": str(home), "SKINLAB_PROGRESS": str(tmp_path / "progress.json")}
    out = tmp_path / "hub-start.txt"
    command = [sys.executable, "-m", "skinlab", "hub"]
    with open(out, "w", encoding="utf-8") as sink:
        proc = subprocess.Popen([*command, "start"], cwd=ROOT, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    run = ""
    stop = None
    try:
        _wait_healthy(port, proc, out)
        record = hub.read_record(state)
        run = record["run"]
        printed = out.read_text()
        assert hub.WARNING in printed
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
        assert f"the learners' servers run skinlab from this checkout, commit {commit}" in printed
        lines = printed.splitlines()
        link = lines[next(i for i, line in enumerate(lines)
                          if line.startswith("course link")) + 1].strip()
        assert link.startswith(f"http://127.0.0.1:{port}/hub/user-redirect/git-pull?repo=")

        # a second start says that one runs, and leaves it alone
        again = subprocess.run([*command, "start"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=60)
        assert again.returncode == 1 and "already running" in again.stdout

        learner = Learner(f"http://127.0.0.1:{port}/", "learner1")
        events = learner.pull(link, timeout=120)
        assert events[-1]["phase"] == "finished"
        path = f"{hub.TARGET}/{hub.FIRST_NOTEBOOK}"
        notebook = learner.api("GET", f"api/contents/{path}")
        assert notebook["type"] == "notebook"
        first = notebook["content"]["cells"][0]["source"]
        assert "00 · Start here" in ("".join(first) if isinstance(first, list) else first)
        learner_home = state / "homes" / "learner1"
        assert (learner_home / path).is_file()  # the learner's copy, in a home under the state

        # a kernel: its home and progress file are the learner's
        kernel = learner.api("POST", "api/kernels", {"name": "python3"}, timeout=60)
        deadline = time.monotonic() + 30
        kernel_env = {}
        while not kernel_env and time.monotonic() < deadline:
            kernel_env = next((_environ(p) for p in _processes()
                               if kernel["id"] in hub.cmdline(p)), {})
            time.sleep(0.2)
        assert kernel_env.get("HOME") == str(learner_home)
        assert Path(kernel_env["SKINLAB_PROGRESS"]).is_relative_to(learner_home)
    finally:
        stop = subprocess.run([*command, "stop"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=90)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert stop.returncode == 0, stop.stdout + stop.stderr
    assert proc.returncode == 0, out.read_text()
    assert "no hub, proxy, learner server or kernel left" in stop.stdout
    assert _leftovers(state, port, run) == []
    assert not (state / hub.PID_FILE).exists()


def test_stop_without_a_hub_says_so(tmp_path):
    env = {**os.environ, "SKINLAB_HUB_DIR": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-m", "skinlab", "hub", "stop"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "no hub is running" in done.stdout


def test_the_demo_login_takes_any_name_from_this_machine_only(caplog):
    pytest.importorskip("jupyterhub")
    from skinlab.tools.hub_config import LoopbackDemoAuthenticator, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("127.8.9.1") and is_loopback("::1")
    assert is_loopback("::ffff:127.0.0.1")
    assert not is_loopback("10.0.0.5") and not is_loopback("192.168.1.20")
    assert not is_loopback("") and not is_loopback("not an address")

    auth = LoopbackDemoAuthenticator()
    assert auth.allow_all

    def login(ip: str, name: str = "Ada") -> str | None:
        handler = SimpleNamespace(request=SimpleNamespace(remote_ip=ip))
        return asyncio.run(auth.authenticate(handler, {"username": name, "password": ""}))

    assert login("127.0.0.1") == "Ada"
    assert login("::1", "learner7") == "learner7"
    with caplog.at_level(logging.WARNING):
        assert login("192.168.1.20") is None
    assert "192.168.1.20" in caplog.text and "only this machine" in caplog.text
    assert login("127.0.0.1", "  ") is None


def test_the_course_link_names_this_checkout_and_its_branch_or_tag(tmp_path):
    course = hub.course(tmp_path)
    assert course.commit
    link = course.link("http://127.0.0.1:8000/")
    assert link.startswith("http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=/")
    assert f"branch={course.ref}" in link
    assert f"urlpath=lab/tree/{hub.TARGET}/{hub.FIRST_NOTEBOOK}" in link
    # nbgitpuller checks that the branch or tag exists in the repository it clones from
    refs = subprocess.run(["git", "ls-remote", "--heads", "--tags", course.repo],
                          capture_output=True, text=True, check=True).stdout
    assert any(line.split("/", 2)[-1] == course.ref for line in refs.splitlines())


def test_the_learner_server_config_leaves_out_what_the_course_does_not_use(tmp_path):
    pytest.importorskip("jupyterhub")
    from traitlets.config import Config

    from skinlab.tools.hub_config import DISABLED_SERVER_EXTENSIONS, configure, pre_spawn

    c = Config()
    configure(c, {"state": str(tmp_path), "bin": str(Path(sys.executable).parent),
                  "chp": str(hub.CHP), "port": 8000, "hub_port": 8081, "api_port": 8001,
                  "default_url": "/lab", "run_env": hub.RUN_ENV, "run": "x", "path": "/usr/bin"})
    args = " ".join(c.Spawner.args)
    for name in DISABLED_SERVER_EXTENSIONS:
        assert f"--ServerApp.jpserver_extensions={name}=False" in args
    assert "jupyterlab=False" not in args and "nbgitpuller=False" not in args
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "homes" / "{username}")
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8000/"
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "jupyterhub_idle_culler" in culler["command"]
    role = next(r for r in c.JupyterHub.load_roles if "idle-culler" in r["services"])
    assert {"list:users", "read:users:activity", "read:servers", "delete:servers"} <= set(
        role["scopes"])
    spawner = SimpleNamespace(home_dir=str(tmp_path / "homes" / "ada"))
    pre_spawn(spawner)
    page = json.loads((tmp_path / "homes" / "ada" / ".jupyter" / "labconfig" /
                       "page_config.json").read_text())
    assert page["disabledExtensions"]["@voila-dashboards/jupyterlab-preview"] is True


def test_learner_servers_get_ports_that_no_other_server_or_kernel_holds():
    """Two servers of a class on one port send a learner to another learner's server (a 404):
    ports come from below the ephemeral range, never one the hub holds or one in use, and a
    server counts as started only once it listens on its port itself."""
    pytest.importorskip("jupyterhub")
    from skinlab.tools.hub_config import PORTS_FROM, ephemeral_ports, listening, pick_port

    with socket.socket() as busy, socket.socket() as freed:
        busy.bind(("127.0.0.1", 0))
        freed.bind(("127.0.0.1", 0))
        taken, free = busy.getsockname()[1], freed.getsockname()[1]
        freed.close()
        assert pick_port("127.0.0.1", set(), [taken, free]) == free  # not the one in use
        assert pick_port("127.0.0.1", {free}, [taken, free]) not in (taken, free)  # nor held
        low, _ = ephemeral_ports()
        held: set[int] = set()
        for _ in range(60):
            port = pick_port("127.0.0.1", held)
            assert port not in held and port != taken
            if low - PORTS_FROM >= 1000:
                assert PORTS_FROM <= port < low
            held.add(port)
    server = subprocess.Popen([sys.executable, "-c", (
        "import socket, time\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen()\n"
        "print(s.getsockname()[1], flush=True)\ntime.sleep(60)")], stdout=subprocess.PIPE,
        text=True)
    try:
        port = int(server.stdout.readline())
        assert asyncio.run(listening(server.pid, port, 10))
        assert not asyncio.run(listening(server.pid, port + 1 if port < 65535 else port - 1, 0.5))
    finally:
        server.kill()
        server.wait()
    assert not asyncio.run(listening(server.pid, port, 10))  # the process is gone
