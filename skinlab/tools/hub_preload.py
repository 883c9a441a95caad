"""The preloaded learner server for ``make hub``: one process (a hub-managed service) imports what
every learner's single-user server needs -- Jupyter Server, JupyterLab's server side, JupyterHub's
single-user extension, nbgitpuller -- once, and then forks each learner's server from itself.
The learners' servers share those pages (copy-on-write; ``gc.freeze()`` keeps the collector from
touching them) instead of each importing a private copy: about 100 MB and 2 s of CPU a learner
(JupyterHub's extension alone imports the hub's database layer: SQLAlchemy, Alembic, aiohttp).

Protocol: one JSON line on a Unix socket (mode 0600) in the state folder, ``{"argv": [...],
"env": {...}, "cwd": "..."}``; the answer is ``{"pid": N}``. The child starts a session of its
own, changes into ``cwd``, replaces its whole environment with ``env`` and runs
``jupyterhub-singleuser``'s ``main`` with ``argv``: what ``SimpleLocalProcessSpawner`` would have
started with ``Popen``, without the imports. The children are reaped here as they exit, so the
hub's spawner sees a finished server as gone (it polls by pid).

``python -m skinlab.tools.hub_preload SOCKET``. Used by :class:`skinlab.tools.hub_config.
PreloadedSpawner`, which falls back to starting the server itself when this service is not
there.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sys
import traceback
from pathlib import Path


# What a learner's server imports by the time it runs a kernel (measured: the modules a forked
# server added over these, at the explorer of notebook 01): the server's own handlers, JupyterLab
# and the JupyterHub extension, and what starting a kernel pulls in (finding the kernel specs
# imports IPython, for its profile folder). nbgitpuller's handlers are left out: they pick their
# base class from the running server when its extension loads.
PRELOAD = (
    "jupyter_server.serverapp", "jupyterhub.singleuser.extension", "jupyterlab.labapp",
    "nbgitpuller", "jupyter_server.services.kernels.connection.channels",
    "jupyter_server.services.kernels.handlers", "jupyter_server.services.contents.handlers",
    "jupyter_server.services.sessions.handlers", "jupyter_server.services.config.handlers",
    "jupyter_server.services.api.handlers", "jupyter_server.services.events.handlers",
    "jupyter_server.services.kernelspecs.handlers", "jupyter_server.services.nbconvert.handlers",
    "jupyter_server.services.security.handlers", "jupyter_server.services.shutdown",
    "jupyter_server.kernelspecs.handlers", "jupyter_server.nbconvert.handlers",
    "jupyter_server.view.handlers", "jupyter_core.migrate", "tornado.platform.asyncio",
    "anyio._backends._asyncio", "anyio.streams.stapled", "anyio.streams.tls", "psutil",
    "jinja2.ext", "ipykernel.kernelspec", "ipykernel.connect", "codeop", "getopt",
    "encodings.unicode_escape", "IPython",
)


def preload() -> list[str]:
    """Import what every learner's server imports (nothing here reads a learner's environment,
    starts a thread or opens a socket at import); returns the modules that would not import."""
    import importlib

    missing = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # another version of a package: that learner imports it alone
            missing.append(name)
    gc.collect()
    gc.freeze()
    return missing


def _reap(signum=None, frame=None) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _child(listener: socket.socket, conn: socket.socket, request: dict) -> None:
    """In the forked child: become the learner's server; never return to the parent's loop."""
    code = 1
    try:
        listener.close()
        conn.close()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        os.setsid()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        argv = [str(a) for a in request["argv"]]
        sys.argv = argv
        sys.path[0] = str(Path(argv[0]).parent)  # as the jupyterhub-singleuser script has it
        from jupyterhub.singleuser import main
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the child reports and exits, whatever happened
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve(path: Path) -> None:
    import threading

    missing = preload()
    if missing:
        print(f"preloaded learner server: could not import {', '.join(missing)}", flush=True)
    # forking a process with threads can deadlock the child: then refuse, and the hub starts
    # each learner's server on its own
    refusal = ("an import started a thread: not forking" if threading.active_count() > 1
               else "")
    path.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_umask)
    listener.listen(64)
    signal.signal(signal.SIGCHLD, _reap)
    for sig in (signal.SIGTERM, signal.SIGINT):  # the hub stops its services with SIGINT
        signal.signal(sig, lambda signum, frame: sys.exit(0))
    print(f"preloaded learner server ready on {path} (pid {os.getpid()})", flush=True)
    try:
        while True:
            conn, _ = listener.accept()
            with conn:
                try:
                    conn.settimeout(30)
                    request = json.loads(_read_line(conn))
                    if refusal:
                        raise ValueError(refusal)
                    pid = os.fork()
                    if pid == 0:
                        _child(listener, conn, request)
                    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                except (OSError, ValueError, KeyError) as exc:
                    try:
                        conn.sendall(json.dumps({"error": str(exc)}).encode() + b"\n")
                    except OSError:
                        pass
    finally:
        listener.close()
        path.unlink(missing_ok=True)


def _read_line(sock: socket.socket) -> bytes:
    """Bytes from ``sock`` up to a newline (the protocol's one JSON line) or the end."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def fork_server(path: Path, argv: list[str], env: dict[str, str], cwd: str,
                timeout: float = 30.0) -> int:
    """Ask the preloaded process at ``path`` for a server; returns its pid (raises OSError)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(str(path))
        s.sendall(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
        data = _read_line(s)
    answer = json.loads(data or b"{}")
    if "pid" not in answer:
        raise OSError(f"the preloaded learner server refused: {answer.get('error', 'no answer')}")
    return int(answer["pid"])


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
