"""``make hub`` and ``make hub-stop``: a real JupyterHub on 127.0.0.1 for a teacher's dry run.

``python -m skinlab hub start`` runs in the foreground: JupyterHub (from PyPI, in this project's
environment) with configurable-http-proxy (npm, installed under ``.hub/``), the demo login, one
home folder per learner, the idle culler and the course delivered by an nbgitpuller link built
from this checkout (see :mod:`skinlab.tools.hub_config` for the hub's configuration). On loopback
nothing leaves the machine. Ctrl-C, or ``python -m skinlab hub stop`` from another terminal,
stops the hub, the proxy, every learner's server and kernel, and checks that none is left.

State (the hub's database, cookie secret, pid file, log, generated config and the learners' homes)
lives in ``.hub/state/`` under the checkout (git-ignored), or in ``SKINLAB_HUB_DIR``; the port is
8000, or ``SKINLAB_HUB_PORT``. For comparing with the lighter default: ``SKINLAB_HUB_LEAN=0``
starts the learners' servers with every installed server extension, ``SKINLAB_HUB_PRELOAD=0``
starts each on its own instead of forking it from the preloaded learner server.

Processes: the hub runs in its own process group and session (Ctrl-C in the terminal reaches only
this launcher, which then stops the hub in order). Every process of a run (hub, proxy, culler,
preloaded server, single-user servers, kernels) carries ``SKINLAB_HUB_RUN=<token>`` in its
environment; stopping sends SIGTERM to the hub's group (the hub stops its servers and proxy),
waits, then SIGTERM and SIGKILL to whatever of the run is left (found by the token, the hub's
group and its descendants, each checked by start time so a reused pid is never hit), and checks
that nothing remains.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHP = ROOT / ".hub" / "node_modules" / ".bin" / "configurable-http-proxy"
HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TARGET = "skinlab"  # the folder in each learner's home the course is pulled into
FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
RUN_ENV = "SKINLAB_HUB_RUN"
PID_FILE = "hub.pid"
WARNING = ("demo login: anyone on this machine can log in as any name; for a real class, "
           "see deploy/z2jh/")
NO_PROXY = ("make hub needs configurable-http-proxy from npm, and {what} is missing: install "
            "Node.js and npm (apt-get install nodejs npm), then run make hub again (it installs "
            "the proxy under .hub/, never system-wide)")
HUB_GRACE_S = 25  # the hub stops its servers (each: SIGINT, up to 10 s, SIGTERM) and its proxy
LEFTOVER_GRACE_S = 5
READY_TIMEOUT_S = 90


def state_dir() -> Path:
    """The scratch folder for this hub (``SKINLAB_HUB_DIR`` or ``.hub/state/``), absolute."""
    env = os.environ.get("SKINLAB_HUB_DIR", "").strip()
    return (Path(env).expanduser() if env else ROOT / ".hub" / "state").resolve()


def port() -> int:
    env = os.environ.get("SKINLAB_HUB_PORT", "").strip()
    return int(env) if env else DEFAULT_PORT


def base_url(p: int | None = None) -> str:
    return f"http://{HOST}:{port() if p is None else p}/"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# -- the course, from this checkout ------------------------------------------------------------
def _git(*args: str, cwd: Path = ROOT) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return proc.stdout.strip() if proc.returncode == 0 else ""


@dataclass(frozen=True)
class Course:
    """Where the learners' copies of the course come from: a git repository on this machine (the
    checkout itself) at a branch or tag, and the commit that names."""

    repo: str
    ref: str
    commit: str
    dirty: bool = False

    def query(self) -> str:
        """nbgitpuller's parameters: pull ``ref`` of ``repo`` into ``~/skinlab``, open 00."""
        params = {"repo": self.repo, "branch": self.ref, "targetpath": TARGET,
                  "urlpath": f"lab/tree/{TARGET}/{FIRST_NOTEBOOK}"}
        return urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="/")

    def server_path(self) -> str:
        """The pull page's path on a learner's server (its default page)."""
        return f"/git-pull?{self.query()}"

    def link(self, base: str) -> str:
        """The link a teacher hands out: logs in, starts the learner's server, pulls, opens 00."""
        return f"{base.rstrip('/')}/hub/user-redirect/git-pull?{self.query()}"


def course(state: Path, root: Path = ROOT) -> Course:
    """The checkout's current commit and its branch or tag. A detached commit that no branch or
    tag names (a CI checkout) is published to a bare repository in the state folder under the
    branch ``commit-<sha>``; the checkout itself is never changed."""
    commit = _git("rev-parse", "--short", "HEAD", cwd=root)
    if not commit:
        raise RuntimeError(f"{root} is not a git checkout with a commit: nbgitpuller needs one")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no", cwd=root))
    ref = (_git("symbolic-ref", "--short", "-q", "HEAD", cwd=root)
           or _git("describe", "--tags", "--exact-match", "HEAD", cwd=root))
    if ref:
        return Course(str(root), ref, commit, dirty)
    bare = state / "course.git"
    if not (bare / "HEAD").exists():
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True, timeout=60)
    ref = f"commit-{commit}"
    subprocess.run(["git", "push", "-q", "--force", str(bare), f"HEAD:refs/heads/{ref}"],
                   cwd=root, check=True, timeout=120, capture_output=True)
    return Course(str(bare), ref, commit, dirty)


# -- processes, from /proc -----------------------------------------------------------------------
def _table() -> dict[int, tuple[int, int, int, str]]:
    """Every process: pid -> (parent pid, process group, start time in ticks, state letter)."""
    out = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            text = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        out[int(entry.name)] = (int(fields[1]), int(fields[2]), int(fields[19]), fields[0])
    return out


def _has_env(pid: int, needle: bytes) -> bool:
    try:
        return needle in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return False


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            "utf-8", "replace").strip()
    except OSError:
        return ""


def _alive_start(pid: int, table: dict | None = None) -> int | None:
    row = (table or _table()).get(pid)
    return None if row is None or row[3] in "ZX" else row[2]


def run_processes(record: dict) -> dict[int, int]:
    """The live processes of the run a pid record describes: pid -> start time. The hub, its
    process group and its descendants, and every process whose environment carries the run's
    token (single-user servers and kernels live in sessions of their own); never this process
    or its ancestors."""
    table = _table()
    mine = set()
    pid = os.getpid()
    while pid > 1 and pid not in mine:
        mine.add(pid)
        pid = table.get(pid, (0,))[0]
    children: dict[int, list[int]] = {}
    for p, row in table.items():
        children.setdefault(row[0], []).append(p)
    found: set[int] = set()
    hub = int(record.get("hub_pid", 0))
    if hub and _alive_start(hub, table) == record.get("hub_start"):
        found.add(hub)
        found |= {p for p, row in table.items() if row[1] == hub}
    needle = f"{RUN_ENV}={record.get('run', '')}".encode()
    if record.get("run"):
        found |= {p for p in table if p not in mine and _has_env(p, needle)}
    todo = list(found)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return {p: table[p][2] for p in found - mine if table[p][3] not in "ZX"}


def _still_alive(procs: dict[int, int]) -> dict[int, int]:
    table = _table()
    return {p: s for p, s in procs.items() if _alive_start(p, table) == s}


def _signal(pid: int, sig: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def terminate(record: dict, hub_proc: subprocess.Popen | None = None) -> list[int]:
    """Stop every process of a run; returns the pids that would not go (none, normally)."""
    def reap() -> None:
        if hub_proc is not None:
            hub_proc.poll()

    procs = run_processes(record)
    hub = int(record.get("hub_pid", 0))
    if hub in procs:
        _signal(hub, signal.SIGTERM, group=_table().get(hub, (0, 0))[1] == hub)
        deadline = time.monotonic() + HUB_GRACE_S
        while time.monotonic() < deadline:
            reap()
            procs = _still_alive({**procs, **run_processes(record)})
            if hub not in procs:
                break
            time.sleep(0.2)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        reap()
        procs = _still_alive({**procs, **run_processes(record)})
        if not procs:
            break
        for pid in procs:
            _signal(pid, sig)
        deadline = time.monotonic() + LEFTOVER_GRACE_S
        while procs and time.monotonic() < deadline:
            time.sleep(0.1)
            reap()
            procs = _still_alive(procs)
    reap()
    return sorted(_still_alive({**procs, **run_processes(record)}))


# -- the pid record ------------------------------------------------------------------------------
def read_record(state: Path) -> dict | None:
    try:
        return json.loads((state / PID_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def hub_running(record: dict | None) -> bool:
    return bool(record) and _alive_start(int(record.get("hub_pid", 0))) == record.get("hub_start")


def _remove_record(state: Path, record: dict) -> None:
    if (read_record(state) or {}).get("run") == record.get("run"):
        (state / PID_FILE).unlink(missing_ok=True)


# -- start ---------------------------------------------------------------------------------------
def _free_port(avoid: set[int]) -> int:
    while True:
        with socket.socket() as s:
            s.bind((HOST, 0))
            p = s.getsockname()[1]
        if p not in avoid:
            return p


def _port_free(p: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, p))
        except OSError:
            return False
    return True


def write_config(state: Path, settings: dict) -> Path:
    """The hub's config file for this run (it only calls :func:`hub_config.configure`)."""
    path = state / "jupyterhub_config.py"
    path.write_text(
        '"""Written by python -m skinlab hub start at each start: edit '
        'skinlab/tools/hub_config.py instead."""\n\n'
        "from skinlab.tools.hub_config import configure\n\n"
        f"configure(c, {settings!r})  # noqa: F821 (c: JupyterHub's config)\n",
        encoding="utf-8")
    return path


def _healthy(p: int) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url(p)}hub/health", timeout=2) as r:
            return r.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class _Stop(Exception):
    """Ctrl-C, SIGTERM or SIGHUP reached the launcher."""


def _raise_stop(signum, frame):
    raise _Stop(signum)


def start() -> int:
    state = state_dir()
    p = port()
    url = base_url(p)
    record = read_record(state)
    if hub_running(record):
        print(f"a hub is already running at {base_url(record.get('port', p))} "
              f"(pid {record['hub_pid']}, state in {_shown(state)}); make hub-stop stops it")
        return 1
    if record:  # an earlier run that did not stop cleanly: stop what is left of it
        left = terminate(record)
        if left:
            print(f"processes of an earlier hub run would not stop: {left}")
            return 1
        _remove_record(state, record)
    if not CHP.exists():
        print(NO_PROXY.format(what=_shown(CHP)))
        return 1
    if shutil.which("node") is None:
        print(NO_PROXY.format(what="node"))
        return 1
    if not _port_free(p):
        print(f"port {p} on {HOST} is in use: stop what uses it, or set SKINLAB_HUB_PORT")
        return 1
    state.mkdir(parents=True, exist_ok=True)
    (state / "homes").mkdir(exist_ok=True)
    # each run starts from a fresh database: no stale server record points at a reused pid
    for name in ("jupyterhub.sqlite", "proxy.pid", "jupyterhub.pid"):
        (state / name).unlink(missing_ok=True)
    try:
        the_course = course(state)
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"make hub: cannot make the course link: {exc}")
        return 1
    hub_port = _free_port({p})
    run = secrets.token_hex(8)
    settings = {
        "state": str(state), "bin": str(Path(sys.executable).parent), "chp": str(CHP),
        "port": p, "hub_port": hub_port, "api_port": _free_port({p, hub_port}),
        "default_url": the_course.server_path(), "run_env": RUN_ENV, "run": run,
        "path": os.environ.get("PATH", ""),
        "lean": os.environ.get("SKINLAB_HUB_LEAN", "1").strip() != "0",
        "preload": os.environ.get("SKINLAB_HUB_PRELOAD", "1").strip() != "0",
    }
    config = write_config(state, settings)
    log_path = state / "hub.log"
    import jupyterhub

    print(WARNING, flush=True)
    print(f"starting JupyterHub {jupyterhub.__version__} on {url} (state, log and the learners' "
          f"homes: {_shown(state)})")
    print(f"the learners' servers run skinlab from this checkout, commit {the_course.commit}"
          f" ({the_course.ref})")
    if the_course.dirty:
        print("  note: the checkout has uncommitted changes; the servers' skinlab has them, the "
              "learners' copies of the notebooks (pulled from the commit) do not")
    print(f"course link (nbgitpuller, {the_course.ref} of {the_course.repo}):\n  "
          f"{the_course.link(url)}", flush=True)

    env = {**os.environ, RUN_ENV: run}
    old = {s: signal.signal(s, _raise_stop) for s in (signal.SIGINT, signal.SIGTERM,
                                                      signal.SIGHUP)}
    hub_proc = None
    record = {}
    try:
        with open(log_path, "w", encoding="utf-8") as log:
            hub_proc = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=state, env=env,
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        record = {"hub_pid": hub_proc.pid, "hub_start": _alive_start(hub_proc.pid),
                  "launcher_pid": os.getpid(), "launcher_start": _alive_start(os.getpid()),
                  "run": run, "port": p, "state": str(state)}
        (state / PID_FILE).write_text(json.dumps(record) + "\n", encoding="utf-8")
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _healthy(p):
            if hub_proc.poll() is not None or time.monotonic() > deadline:
                print(f"the hub did not start (see {_shown(log_path)}):\n{_tail(log_path)}")
                raise _Stop(0)
            time.sleep(0.3)
        print(f"ready: open {url} and log in with any name (no password); the course opens at "
              f"notebook 00")
        print("Ctrl-C here, or make hub-stop, stops the hub and every learner's server",
              flush=True)
        code = hub_proc.wait()
        print(f"the hub stopped (exit code {code})", flush=True)
        failed = code not in (0, -signal.SIGTERM, 128 + signal.SIGTERM)
    except _Stop as stop:
        failed = stop.args[0] == 0
        if not failed:
            print("stopping the hub and every learner's server ...", flush=True)
    finally:
        for s in old:
            signal.signal(s, signal.SIG_IGN)  # a second Ctrl-C does not cut the cleanup short
    try:
        left = terminate(record, hub_proc) if record else []
        _remove_record(state, record)
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
    if left:
        print(f"these processes would not stop: {left}")
        return 1
    print("stopped: no hub, proxy, learner server or kernel left")
    return 1 if failed else 0


# -- stop ----------------------------------------------------------------------------------------
def stop() -> int:
    state = state_dir()
    record = read_record(state)
    if record is None:
        print(f"no hub is running (no {_shown(state / PID_FILE)})")
        return 0
    was_running = hub_running(record)
    left = terminate(record)
    launcher = int(record.get("launcher_pid", 0))
    deadline = time.monotonic() + 10  # the foreground make hub sees its hub go, and exits
    while (launcher and _alive_start(launcher) == record.get("launcher_start")
           and time.monotonic() < deadline):
        time.sleep(0.1)
    _remove_record(state, record)
    if left:
        print(f"these processes would not stop: {left}")
        return 1
    print("the hub stopped: no hub, proxy, learner server or kernel left" if was_running else
          "no hub was running (removed what an earlier run left)")
    return 0


def main(action: str) -> int:
    if action == "start":
        return start()
    if action == "stop":
        return stop()
    print(f"hub: unknown action {action!r} (start or stop)", file=sys.stderr)
    return 2
