"""make hub's JupyterHub configuration: loaded by the ``jupyterhub_config.py`` that
:mod:`skinlab.tools.hub` writes into the state folder at each start (the hub runs in the project's
virtual environment, where this checkout is installed, so this module is importable there).

- :class:`LoopbackDemoAuthenticator`: any name, no password, from this machine only (a login from
  any other address is refused, and the reason logged).
- ``SimpleLocalProcessSpawner`` (:class:`PreloadedSpawner`, its subclass): one Unix user (whoever
  runs the hub), a home folder per learner under the state folder (``homes/<name>``), with
  ``HOME`` and ``SKINLAB_PROGRESS`` in it, so each learner's progress file lives in their own
  home. It never creates a system account (jupyterhub 6.1's class only makes the folder and
  changes into it; no ``useradd``, no ``setuid``), even as root.
- A lighter learner server: it loads only what the course needs (JupyterLab, nbgitpuller; the
  widgets are a front-end extension, nothing on the server); the language server, terminals,
  Voila's preview and the classic notebook's shim are switched off, and JupyterLab's extension
  manager is read-only (it never asks PyPI). And each server is forked from one preloaded
  process (:mod:`skinlab.tools.hub_preload`), so the learners share the server's imported code
  instead of each holding a copy (``SKINLAB_HUB_PRELOAD=0``: each server starts on its own).
- The idle culler (jupyterhub-idle-culler) as a hub-managed service, with the scopes it needs.
- Each learner's default page is the course's nbgitpuller link: logging in at the hub's address
  pulls the course into the learner's home and opens notebook 00.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import random
import socket
import sys
import time
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner
from jupyterhub.utils import random_port
from traitlets import Unicode, default

from skinlab.tools.hub_preload import fork_server

# The server extensions the single-user server must not load (jupyter server extension list, in
# the project's environment): the course needs only jupyterlab and nbgitpuller.
DISABLED_SERVER_EXTENSIONS = ("jupyter_lsp", "jupyter_server_terminals", "notebook_shim",
                              "voila.server_extension")
# JupyterLab front-end extensions the course does not use (Voila's preview needs the server
# extension switched off above).
DISABLED_LAB_EXTENSIONS = ("@voila-dashboards/jupyterlab-preview",)
# One thread for the numerical libraries (a learner's kernel never needs more, and a class of
# kernels each with a thread per core only competes for the same cores), and at most two malloc
# arenas per process (threads otherwise each get one). Little memory either way (measured: under
# 1 MB a kernel); it keeps the kernels from crowding two cores.
LEAN_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2"}
CULL_TIMEOUT_S = 3600


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1 (an IPv4 address mapped into IPv6 included)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


class LoopbackDemoAuthenticator(Authenticator):
    """A demo login for a teacher's dry run: any name, no password, from this machine only.

    Not for a class: anyone who can reach the hub from this machine can log in as any learner
    (see deploy/z2jh/ for a real class)."""

    @default("allow_all")
    def _default_allow_all(self):
        return True

    async def authenticate(self, handler, data):
        name = str((data or {}).get("username") or "").strip()
        address = handler.request.remote_ip or ""
        if not is_loopback(address):
            self.log.warning("demo login refused for %r: the request came from %s, and the demo "
                             "login accepts only this machine (127.0.0.1 or ::1)", name, address)
            return None
        if not name:
            self.log.warning("demo login refused: no name given")
            return None
        return name


class PreloadedSpawner(SimpleLocalProcessSpawner):
    """``SimpleLocalProcessSpawner`` whose servers are forked from the preloaded learner server
    (:mod:`skinlab.tools.hub_preload`) instead of started from scratch: the same command,
    arguments, environment, home folder and new session, but the imports shared. Without the
    preloaded process (``preload_socket`` empty, or the service not answering) it starts the
    server itself, as its parent class does."""

    preload_socket = Unicode("", config=True,
                             help="The preloaded learner server's Unix socket ('': none)")
    preload_wait_s = 60.0  # the service imports for a few seconds after the hub starts

    held: dict[int, str] = {}  # the ports this hub's learner servers hold, and whose

    async def start(self):
        if not self.preload_socket or self.shell_cmd:
            return await super().start()
        home = self.home_dir
        os.makedirs(home, 0o755, exist_ok=True)
        sock = Path(self.preload_socket)
        deadline = time.monotonic() + self.preload_wait_s
        while not sock.exists() and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        ip = self.ip or "127.0.0.1"
        for attempt in range(1, PORT_ATTEMPTS + 1):
            self._release()
            self.port = pick_port(ip, set(PreloadedSpawner.held))
            PreloadedSpawner.held[self.port] = self.user.name
            argv = [*self.cmd, *self.get_args()]
            env = self.get_env()  # it names the port
            try:
                pid = await asyncio.to_thread(fork_server, sock, argv, env, home)
            except OSError as exc:
                self.log.warning("the preloaded learner server did not answer (%s): starting "
                                 "%s's server on its own", exc, self.user.name)
                self._release()
                self.port = 0
                return await super().start()
            self.proc = None
            self.pid = pid
            # JupyterHub takes any answer on the port, even a 404 from another server, as
            # this server being up: wait until this server itself listens there.
            if await listening(pid, self.port, self.start_timeout):
                self.log.info("Forked %s's server (pid %i, port %i) from the preloaded learner "
                              "server", self.user.name, pid, self.port)
                return (ip, self.port)
            self.log.warning("%s's server (pid %i) did not listen on port %i (attempt %i of %i)"
                             "%s", self.user.name, pid, self.port, attempt, PORT_ATTEMPTS,
                             ": trying another port" if attempt < PORT_ATTEMPTS else "")
        self._release()
        raise RuntimeError(f"{self.user.name}'s server did not start: it did not listen on its "
                           f"port in {PORT_ATTEMPTS} attempts (see the hub's log)")

    def _release(self) -> None:
        if PreloadedSpawner.held.get(self.port) == self.user.name:
            del PreloadedSpawner.held[self.port]

    async def stop(self, now=False):
        try:
            await super().stop(now=now)
        finally:
            self._release()


PORT_ATTEMPTS = 3
PORTS_FROM = 20000  # learner servers' ports start here, below the machine's ephemeral range


def ephemeral_ports() -> tuple[int, int]:
    """The machine's ephemeral port range (where port 0 binds and kernels' ports come from)."""
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
        return low, high
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def pick_port(ip: str, held: set[int], candidates: Sequence[int] | None = None) -> int:
    """A free TCP port on ``ip`` for a learner's server, none of ``held``.

    JupyterHub's own choice (bind port 0, close, hand the number on) can give two servers of a
    class starting together, or a server and a kernel, the same port: the second server cannot
    bind, and the hub, which takes any answer on the port as the server being up, sends the
    learner to another learner's server (a 404). So ports come from below the ephemeral range,
    where no port-0 bind (a kernel's, a browser's) lands, and never one this hub holds.
    """
    if candidates is None:
        low, _ = ephemeral_ports()
        candidates = range(PORTS_FROM, low) if low - PORTS_FROM >= 1000 else None
    if candidates is not None:
        rng = random.SystemRandom()
        for _ in range(min(200, 4 * len(candidates))):
            port = rng.choice(candidates)
            if port not in held and _free(ip, port):
                return port
    while True:
        port = random_port()
        if port not in held:
            return port


def _free(ip: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as s:
        try:
            s.bind((ip, port))
        except OSError:
            return False
    return True


async def listening(pid: int, port: int, timeout: float) -> bool:
    """Wait until process ``pid`` listens on TCP ``port`` (True), or has exited or ``timeout``
    seconds have passed (False)."""
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = await asyncio.to_thread(psutil.Process(pid).net_connections, "tcp")
        except (psutil.NoSuchProcess, psutil.ZombieProcess):
            return False
        except psutil.AccessDenied:  # another user's process: cannot tell, trust the hub's check
            return True
        if any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
               for c in found):
            return True
        await asyncio.sleep(0.2)
    return False


def _home(spawner) -> Path:
    return Path(spawner.home_dir)


def pre_spawn(spawner) -> None:
    """Make the learner's home (if new) and its JupyterLab page config (the unused front-end
    extensions switched off); nothing outside the home is touched."""
    home = _home(spawner)
    labconfig = home / ".jupyter" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    page = labconfig / "page_config.json"
    try:
        settings = json.loads(page.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    disabled = settings.setdefault("disabledExtensions", {})
    for name in DISABLED_LAB_EXTENSIONS:
        disabled[name] = True
    page.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


def server_args(lean: bool = True) -> list[str]:
    """The single-user server's command-line options (``lean=False``: everything installed)."""
    if not lean:
        return []
    args = [f"--ServerApp.jpserver_extensions={name}=False"
            for name in DISABLED_SERVER_EXTENSIONS]
    return args + ["--ServerApp.terminals_enabled=False",
                   "--LabApp.extension_manager=readonly"]


def configure(c: Any, settings: dict) -> None:
    """Fill JupyterHub's config object ``c`` from make hub's settings (written by
    :func:`skinlab.tools.hub.write_config`)."""
    state = Path(settings["state"])
    bin_dir = Path(settings["bin"])
    homes = state / "homes"
    lean = settings.get("lean", True)

    c.JupyterHub.bind_url = f"http://127.0.0.1:{settings['port']}/"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{settings['hub_port']}"
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True
    # a link to a learner's server that is not running starts it (after half a second)
    c.JupyterHub.implicit_spawn_seconds = 0.5
    c.JupyterHub.authenticator_class = LoopbackDemoAuthenticator

    c.ConfigurableHTTPProxy.command = [settings["chp"]]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings['api_port']}"
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.ConfigurableHTTPProxy.should_start = True

    c.JupyterHub.spawner_class = PreloadedSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
    preload = settings.get("preload", True)
    socket_path = str(state / "preload.sock")
    c.PreloadedSpawner.preload_socket = socket_path if preload else ""
    c.Spawner.cmd = [str(bin_dir / "jupyterhub-singleuser")]
    # as root (a container, a classroom machine) Jupyter refuses to start without --allow-root
    c.Spawner.args = server_args(lean) + (["--allow-root"] if os.geteuid() == 0 else [])
    c.Spawner.default_url = settings["default_url"]
    c.Spawner.pre_spawn_hook = pre_spawn
    # a class's servers start at once on a small machine: give them time
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
    run = {settings["run_env"]: settings["run"]}  # marks every process of this run (hub stop)
    path = f"{bin_dir}:{settings.get('path', '')}".rstrip(":")
    env: dict[str, Any] = {
        "PATH": path,
        "HOME": lambda sp: str(_home(sp)),
        "SKINLAB_PROGRESS": lambda sp: str(_home(sp) / ".local" / "share" / "skinlab"
                                            / "progress.json"),
        **run,
    }
    if lean:
        env.update(LEAN_ENV)
    c.Spawner.environment = env

    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={CULL_TIMEOUT_S}"],
        "environment": dict(run),
    }]
    if preload:
        c.JupyterHub.services.append({
            "name": "learner-server-preload",
            "command": [sys.executable, "-m", "skinlab.tools.hub_preload", socket_path],
            "environment": dict(run),
            "cwd": str(state),
        })
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
