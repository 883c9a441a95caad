"""A class on ``make hub``: N simulated learners, each a Jupyter protocol client (HTTP and the
kernel's websocket, no browser). Run with ``make classroom-bench N=30``.

For each class size, a fresh ``make hub`` (``python -m skinlab hub start``, its state in a
temporary folder, on a free port of 127.0.0.1) and N learners who arrive within ``--arrive``
seconds. Each learner:

1. follows the course's nbgitpuller link: logs in through the form, starts their server (the
   not-running and pending pages, as a browser would) -- ``spawn_s``, from the first request to
   the first page of the learner's server; then pulls the course into their home;
2. opens notebook 01 (a session and kernel, as JupyterLab makes them) and runs its code cells
   down to the layer explorer (the quiz widgets, figures and the explorer itself);
3. once every learner is there: moves the explorer's probe slider once a second for ``--seconds``
   (an execute request that sets the slider's value) -- ``update_ms``, timed at the client from
   the execute request to the kernel's idle status, after the message with the new image;
4. answers a quiz question (notebook 01's "dermis" check), which writes the progress file in
   the learner's own home.

Then, with every kernel still open: ``mb_per_learner``, the sum of PSS (``/proc/PID/smaps_rollup``)
over each learner's single-user server and kernel, RSS beside it, averaged over the learners
(and the PSS split: ``server_pss``, ``kernel_pss``);
``hub_cpu_percent`` (and the proxy's), the hub process's CPU time over the update phase as a
share of one core. ``errors``: learners or steps that failed (each named in ``problems``).

Writes ``benchmarks/classroom.json``: ``{"runs": [...], "p95_crosses_100ms_at": N}`` (the
smallest class whose update p95 is above 100 ms; null if none is). A benchmark, not a test: it
loads the machine, and the numbers depend on it; the simulated learners run on the same cores.
For comparison, ``SKINLAB_HUB_LEAN=0`` runs the learners' servers with every installed server
extension and ``SKINLAB_HUB_PRELOAD=0`` starts each on its own (see :mod:`skinlab.tools.hub`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from skinlab.tools import hub
from skinlab.tools.hub_client import HubError, Learner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "classroom.json"
NOTEBOOK = "notebooks/01_skin_layers.ipynb"
PROTOCOL = "v1.kernel.websocket.jupyter.org"  # JupyterLab 4's kernel websocket protocol
GOALS = {"update_p95_ms": 100, "pss_mb_per_learner": 200, "errors": 0, "spawn_p95_s": 60}
MOVE = 'explorer.control_widget("probe_um").value = {value}'
QUIZ = """box = quiz.widget("dermis")
panel = box.quizview.panel("cheek-500")
choice = panel.inputs["choice"]
choice.value = choice.options[0][1]
panel.submit.click()
print(panel.feedback.text)
"""
UPDATE_TIMEOUT_S = 60
CELL_TIMEOUT_S = 300
CLK_TCK = os.sysconf("SC_CLK_TCK")


# -- the kernel's websocket (v1 protocol) ------------------------------------------------------
def _pack(channel: str, parts: list[bytes]) -> bytes:
    chan = channel.encode()
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(chan))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([len(offsets).to_bytes(8, "little"),
                     *(o.to_bytes(8, "little") for o in offsets), chan, *parts])


def _unpack(data: bytes) -> tuple[str, list[bytes]]:
    n = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1):8 * (i + 2)], "little") for i in range(n)]
    channel = data[offsets[0]:offsets[1]].decode()
    return channel, [data[offsets[i]:offsets[i + 1]] for i in range(1, n - 1)]


@dataclass
class Call:
    sent: float
    done: asyncio.Future
    image_at: float | None = None
    idle_at: float | None = None
    reply: dict | None = None
    error: str = ""
    text: list[str] = field(default_factory=list)


class Kernel:
    """One learner's kernel over the server's websocket: execute requests and what they caused."""

    def __init__(self, ws, session: str, username: str):
        self.ws, self.session, self.username = ws, session, username
        self.calls: dict[str, Call] = {}
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for data in self.ws:
                self._take(data)
        except ConnectionClosed:  # the learner left; what was pending times out
            pass

    def _take(self, data: bytes | str) -> None:
        if isinstance(data, str):
            return
        now = time.perf_counter()
        channel, parts = _unpack(data)
        parent = json.loads(parts[1]) if len(parts) > 1 else {}
        call = self.calls.get(parent.get("msg_id", ""))
        if call is None:
            return
        kind = json.loads(parts[0]).get("msg_type")
        content = json.loads(parts[3]) if len(parts) > 3 else {}
        if kind == "comm_msg" and len(parts) > 4:  # a widget update carrying bytes: the PNG
            call.image_at = now
        elif kind == "status" and content.get("execution_state") == "idle":
            call.idle_at = now
        elif kind in ("execute_reply", "kernel_info_reply"):
            call.reply = content
            if content.get("status") == "error":
                call.error = f"{content.get('ename')}: {content.get('evalue')}"
        elif kind == "error":
            call.error = f"{content.get('ename')}: {content.get('evalue')}"
        elif kind == "stream":
            call.text.append(content.get("text", ""))
        if call.idle_at is not None and call.reply is not None and not call.done.done():
            call.done.set_result(None)

    async def request(self, kind: str, content: dict, channel: str = "shell",
                      timeout: float = CELL_TIMEOUT_S) -> Call:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": kind, "username": self.username,
                  "session": self.session, "version": "5.4",
                  "date": datetime.now(timezone.utc).isoformat()}
        call = Call(time.perf_counter(), asyncio.get_running_loop().create_future())
        self.calls[msg_id] = call
        parts = [json.dumps(x).encode() for x in (header, {}, {}, content)]
        await self.ws.send(_pack(channel, parts))
        try:
            await asyncio.wait_for(call.done, timeout)
        finally:
            self.calls.pop(msg_id, None)
        return call

    async def execute(self, code: str, timeout: float = CELL_TIMEOUT_S) -> Call:
        call = await self.request("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}, timeout=timeout)
        if call.error:
            raise HubError(f"{code.splitlines()[0][:60]!r}: {call.error}")
        return call


# -- one learner ------------------------------------------------------------------------------
@dataclass
class Outcome:
    name: str
    spawn_s: float | None = None
    pull_s: float | None = None
    updates_ms: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _explorer_cells(notebook: dict) -> list[str]:
    """The notebook's code cells down to (and with) the layer explorer's."""
    cells = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        cells.append(source)
        if "LayerExplorer()" in source:
            return cells
    raise HubError(f"{NOTEBOOK} has no LayerExplorer cell")


async def learner(name: str, base: str, link: str, arrive: float, ready: asyncio.Queue,
                  go: asyncio.Event, measured: asyncio.Event, seconds: float) -> Outcome:
    out = Outcome(name)
    client = Learner(base, name, timeout=120)
    stage = 0  # how many times this learner has reported to the class (ready, done)
    await asyncio.sleep(arrive)
    try:
        t0 = time.perf_counter()
        page = await asyncio.to_thread(client.follow, link)
        out.spawn_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        await asyncio.to_thread(client.sync, page)
        out.pull_s = time.perf_counter() - t0
        path = f"{hub.TARGET}/{NOTEBOOK}"
        notebook = await asyncio.to_thread(client.api, "GET", f"api/contents/{path}")
        cells = _explorer_cells(notebook["content"])
        session = await asyncio.to_thread(client.api, "POST", "api/sessions", {
            "path": path, "name": Path(path).name, "type": "notebook",
            "kernel": {"name": "python3"}}, CELL_TIMEOUT_S)
        url = (f"{base.replace('http://', 'ws://')}user/{name}/api/kernels/"
               f"{session['kernel']['id']}/channels?session_id={uuid.uuid4().hex}")
        async with connect(url, subprotocols=[PROTOCOL], max_size=None, open_timeout=120,
                           additional_headers={"Cookie": client.cookie_header()}) as ws:
            kernel = Kernel(ws, uuid.uuid4().hex, name)
            await kernel.request("kernel_info_request", {})
            for code in cells:
                await kernel.execute(code)
            await ready.put(name)
            stage = 1
            await go.wait()
            await _move(kernel, out, seconds)
            call = await kernel.execute(QUIZ)
            if not "".join(call.text).strip():
                out.problems.append("the quiz answer gave no feedback")
            await ready.put(name)
            stage = 2
            await measured.wait()
    except Exception as exc:  # noqa: BLE001 - a benchmark counts every failure as an error
        out.problems.append(f"{type(exc).__name__}: {exc}"[:300])
        for _ in range(2 - stage):
            await ready.put(name)
    return out


async def _move(kernel: Kernel, out: Outcome, seconds: float) -> None:
    start = time.perf_counter() + random.random()
    for k in range(int(seconds)):
        delay = start + k - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        value = 150 + (k * 85) % 800  # never the default (100 µm): every move changes it
        try:
            call = await kernel.execute(MOVE.format(value=value), timeout=UPDATE_TIMEOUT_S)
        except (HubError, TimeoutError) as exc:
            out.problems.append(f"update {k}: {type(exc).__name__}: {exc}"[:300])
            continue
        if call.image_at is None or call.image_at > call.idle_at:
            out.problems.append(f"update {k}: no new image before idle")
            continue
        out.updates_ms.append(1000 * (call.idle_at - call.sent))


# -- the machine ----------------------------------------------------------------------------
def _cpu_ticks(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def _machine_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _memory(record: dict, names: list[str]) -> dict[str, dict[str, float]]:
    """Each learner's PSS and RSS in MB (and PSS split into their single-user server and their
    kernels): the processes of this run that work in the learner's home (a server forked from the
    preloaded one keeps the preloaded process's environment in /proc, so the home tells whose it
    is)."""
    homes = Path(record["state"]) / "homes"
    out = {name: {"pss": 0.0, "rss": 0.0, "server_pss": 0.0, "kernel_pss": 0.0}
           for name in names}
    for pid in hub.run_processes(record):
        try:
            cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        if not cwd.is_relative_to(homes) or cwd == homes:
            continue
        user = cwd.relative_to(homes).parts[0]
        if user not in out:
            continue
        kb = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:]}
        pss, rss = kb.get("Pss", 0) / 1024, kb.get("Rss", 0) / 1024
        part = "kernel_pss" if "ipykernel" in hub.cmdline(pid) else "server_pss"
        for key, mb in (("pss", pss), ("rss", rss), (part, pss)):
            out[user][key] += mb
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((hub.HOST, 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _r(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x, digits)


# -- one class ------------------------------------------------------------------------------
async def _class(n: int, base: str, link: str, record: dict, seconds: float,
                 arrive: float) -> dict:
    names = [f"learner{i + 1:02d}" for i in range(n)]
    ready: asyncio.Queue = asyncio.Queue()
    go, measured = asyncio.Event(), asyncio.Event()
    tasks = [asyncio.create_task(learner(name, base, link, random.uniform(0, arrive), ready,
                                         go, measured, seconds)) for name in names]
    for _ in names:
        await ready.get()
    print(f"  {n} learners: every kernel ready; moving the sliders for {seconds:.0f} s",
          flush=True)
    hub_pid = record["hub_pid"]
    proxy_pid = _proxy_pid(record)
    cpu0 = (_cpu_ticks(hub_pid), _cpu_ticks(proxy_pid), _machine_busy(), time.perf_counter())
    go.set()
    for _ in names:
        await ready.get()
    cpu1 = (_cpu_ticks(hub_pid), _cpu_ticks(proxy_pid), _machine_busy(), time.perf_counter())
    memory = _memory(record, names)
    measured.set()
    outcomes = await asyncio.gather(*tasks)
    wall = cpu1[3] - cpu0[3]
    busy = (cpu1[2][0] - cpu0[2][0]) / max(1, cpu1[2][1] - cpu0[2][1])
    updates = [ms for o in outcomes for ms in o.updates_ms]
    spawns = [o.spawn_s for o in outcomes if o.spawn_s is not None]
    alive = [memory[o.name] for o in outcomes if memory[o.name]["pss"] > 0]
    problems = [f"{o.name}: {p}" for o in outcomes for p in o.problems]
    return {
        "learners": n,
        "update_ms": {"p50": _r(_pct(updates, 0.5)), "p95": _r(_pct(updates, 0.95)),
                      "max": _r(max(updates) if updates else None)},
        "spawn_s": {"p50": _r(_pct(spawns, 0.5), 2), "p95": _r(_pct(spawns, 0.95), 2)},
        "mb_per_learner": {key: _r(statistics.fmean(m[key] for m in alive) if alive else None)
                           for key in ("pss", "rss", "server_pss", "kernel_pss")},
        "hub_cpu_percent": _r(100 * (cpu1[0] - cpu0[0]) / CLK_TCK / wall),
        "errors": len(problems),
        "proxy_cpu_percent": _r(100 * (cpu1[1] - cpu0[1]) / CLK_TCK / wall),
        "machine_busy_percent": _r(100 * busy),
        "pull_s": {"p50": _r(_pct([o.pull_s for o in outcomes if o.pull_s], 0.5), 2)},
        "updates": len(updates),
        "seconds": seconds,
        "problems": problems[:20],
    }


def _proxy_pid(record: dict) -> int:
    try:
        return int((Path(record["state"]) / "proxy.pid").read_text().strip())
    except (OSError, ValueError, KeyError):
        return 0


def run_class(n: int, seconds: float, arrive: float) -> dict:
    """A fresh make hub, n learners on it, the hub stopped (nothing left behind)."""
    with tempfile.TemporaryDirectory(prefix="skinlab-classroom-") as tmp:
        state = Path(tmp) / "hub"
        env = {**os.environ, "SKINLAB_HUB_DIR": str(state),
               "SKINLAB_HUB_PORT": str(_free_port())}
        base = f"http://{hub.HOST}:{env['SKINLAB_HUB_PORT']}/"
        log = open(Path(tmp) / "start.log", "w+", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "skinlab", "hub", "start"], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while not (Path(state) / hub.PID_FILE).exists() or "ready:" not in Path(
                    log.name).read_text():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"make hub did not start:\n{Path(log.name).read_text()}")
                time.sleep(0.2)
            record = hub.read_record(state)
            link = hub.course(state).link(base)
            loop = asyncio.new_event_loop()
            loop.set_default_executor(ThreadPoolExecutor(max_workers=n + 4))
            try:
                return loop.run_until_complete(_class(n, base, link, record, seconds, arrive))
            finally:
                loop.close()
        finally:
            subprocess.run([sys.executable, "-m", "skinlab", "hub", "stop"], cwd=ROOT, env=env,
                           capture_output=True, timeout=120)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="N simulated learners on make hub "
                                     "(see the module docstring)")
    parser.add_argument("--learners", type=int, default=30,
                        help="the largest class (runs at 5, 15 and this size)")
    parser.add_argument("--sizes", default=None,
                        help="class sizes to run, comma-separated (default: 5, 15, N)")
    parser.add_argument("--seconds", type=float, default=120,
                        help="how long each learner moves the slider (once a second)")
    parser.add_argument("--arrive", type=float, default=10,
                        help="learners arrive (follow the link) within this many seconds")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    if not hub.CHP.exists():
        print(hub.NO_PROXY.format(what=hub.CHP))
        return 1
    sizes = (sorted({int(s) for s in args.sizes.split(",")}) if args.sizes else
             sorted({s for s in (5, 15) if s < args.learners} | {args.learners}))
    runs = []
    for n in sizes:
        print(f"class of {n}: starting make hub", flush=True)
        run = run_class(n, args.seconds, args.arrive)
        runs.append(run)
        print(f"  update ms p50 {run['update_ms']['p50']} p95 {run['update_ms']['p95']} "
              f"max {run['update_ms']['max']}; spawn s p50 {run['spawn_s']['p50']} p95 "
              f"{run['spawn_s']['p95']}; MB per learner PSS {run['mb_per_learner']['pss']} "
              f"(server {run['mb_per_learner']['server_pss']}, kernel "
              f"{run['mb_per_learner']['kernel_pss']}) RSS {run['mb_per_learner']['rss']}; hub CPU "
              f"{run['hub_cpu_percent']} %; errors {run['errors']}", flush=True)
        for problem in run["problems"][:5]:
            print(f"    {problem}")
    crossing = next((r["learners"] for r in runs
                     if r["update_ms"]["p95"] is not None and r["update_ms"]["p95"] > 100), None)
    result = {
        "runs": runs,
        "p95_crosses_100ms_at": crossing,
        "goals": GOALS,
        "arrive_s": args.arrive,
        "lean_server": os.environ.get("SKINLAB_HUB_LEAN", "1").strip() != "0",
        "preloaded_server": os.environ.get("SKINLAB_HUB_PRELOAD", "1").strip() != "0",
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
                   f"Python {platform.python_version()}",
        "date": date.today().isoformat(),
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}; update p95 crosses 100 ms at: {crossing or 'no size run'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
