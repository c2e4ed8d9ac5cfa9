"""Running the harness in a fresh, locked-down container (the runner for untrusted code).

One container per run: no network, read-only root, a small noexec ``/tmp``, an
unprivileged user without capabilities, no new privileges, a pid limit, a memory limit
without swap, one CPU. The payload goes in on stdin; the harness's JSON lines come back on
the attach stream, which is read with a size cap and a deadline. Nothing is mounted and no
file the sandbox wrote is ever read, so there is nothing to follow a symlink to. The
container is removed whatever happens; its labels let ``remove_orphans`` clean up after a
worker that died mid-run.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import docker
import docker.errors
import docker.types

from sandbox.harness.probing import Probe
from sandbox.image import image_tag
from sandbox.problem import ProblemPackage
from sandbox.runner import ReportCallback, RunOutcome

HARNESS_DIR = Path(__file__).parent / "harness"
HARNESS_MODULES = (
    ("sandbox", Path(__file__).parent / "__init__.py"),
    ("sandbox.harness", HARNESS_DIR / "__init__.py"),
    ("sandbox.harness.wire", HARNESS_DIR / "wire.py"),
    ("sandbox.harness.candidate", HARNESS_DIR / "candidate.py"),
    ("sandbox.harness.transcript", HARNESS_DIR / "transcript.py"),
    ("sandbox.harness.calls", HARNESS_DIR / "calls.py"),
    ("sandbox.harness.probing", HARNESS_DIR / "probing.py"),
    ("sandbox.harness.timing", HARNESS_DIR / "timing.py"),
    ("sandbox.harness.standard", HARNESS_DIR / "standard.py"),
    ("sandbox.harness.layer_profile", HARNESS_DIR / "layer_profile.py"),
    ("sandbox.harness.kinds", HARNESS_DIR / "kinds.py"),
    ("sandbox.harness.processes", HARNESS_DIR / "processes.py"),
    ("sandbox.harness.main", HARNESS_DIR / "main.py"),
)
LABEL = "numjudge.sandbox"
DEADLINE_LABEL = "numjudge.deadline"
OWNER_LABEL = "numjudge.owner"
# The harness is root of the container with four capabilities: SETUID and SETGID to start
# the candidate's zygote as uid 65534, SETPCAP to clear the zygote's bounding set first,
# KILL to stop and kill the candidate's processes. The candidate's processes have none.
HARNESS_USER = "0:0"
HARNESS_CAPABILITIES = ["SETUID", "SETGID", "SETPCAP", "KILL"]
STDOUT_LIMIT_BYTES = 64 << 20
STDERR_KEPT_BYTES = 16 << 10
STARTUP_SLACK_SECONDS = 10.0
PIDS_LIMIT = 64
IPC_SYSCTLS = {
    "kernel.shmmax": "0",
    "kernel.shmall": "0",
    "kernel.msgmnb": "0",
    "kernel.sem": "0 0 0 0",
}
TMPFS_MB = 16


def owner() -> str:
    """Who started a container: this host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def harness_modules() -> list[tuple[str, str]]:
    return [(name, path.read_text()) for name, path in HARNESS_MODULES]


def run_deadline(problem: ProblemPackage, probes: Sequence[Probe]) -> float:
    """Seconds the whole container may live: every budget, plus imports, plus start-up."""
    groups = len({p.group for p in probes})
    budgets = sum(p.budget_seconds for p in probes)
    return budgets + groups * problem.limits.import_seconds + STARTUP_SLACK_SECONDS


class ContainerRunner:
    def __init__(
        self, client: docker.DockerClient, image: str, labels: Mapping[str, str] | None = None
    ):
        self.client = client
        self.image = image
        self.labels = dict(labels or {})
        self.boot_source = (HARNESS_DIR / "boot.py").read_text()
        self.modules = harness_modules()  # read once: every payload carries the same harness

    def run(
        self,
        problem: ProblemPackage,
        source: str,
        seed: int,
        probes: Sequence[Probe],
        on_report: ReportCallback,
    ) -> RunOutcome:
        started = time.perf_counter()
        memory = problem.limits.memory_mb * (1 << 20)
        payload = {
            "entry": "sandbox.harness.main",
            "boot": self.boot_source,
            "modules": self.modules,
            "profile": problem.profile,
            "probes": problem.probes_source,
            "solution": source,
            "seed": seed,
            "only": [p.name for p in probes],
            "limits": {
                "memory_bytes": memory,
                "output_bytes": problem.limits.output_kib * 1024,
                "import_seconds": problem.limits.import_seconds,
            },
        }
        body = json.dumps(payload).encode()
        allowed_seconds = run_deadline(problem, probes)
        api = self.client.api
        host_config = api.create_host_config(
            network_mode="none",
            read_only=True,
            # The harness makes /tmp its own (mode 755) before the candidate's code starts.
            tmpfs={"/tmp": f"rw,noexec,nosuid,nodev,size={TMPFS_MB}m"},
            cap_drop=["ALL"],
            cap_add=HARNESS_CAPABILITIES,
            security_opt=["no-new-privileges"],
            pids_limit=PIDS_LIMIT,
            mem_limit=memory,
            memswap_limit=memory,
            nano_cpus=1_000_000_000,
            # A private IPC namespace without /dev/shm and with SysV segments, queues and
            # semaphores sized 0: no shared memory outlives a probe group's processes.
            ipc_mode="none",
            sysctls=IPC_SYSCTLS,
            ulimits=[
                docker.types.Ulimit(name="nofile", soft=256, hard=256),
                docker.types.Ulimit(name="core", soft=0, hard=0),
            ],
            log_config=docker.types.LogConfig(type="none"),
        )
        labels = {
            LABEL: "1",
            DEADLINE_LABEL: str(int(time.time() + allowed_seconds + 60)),
            OWNER_LABEL: owner(),
            **self.labels,
        }
        container = api.create_container(
            self.image,
            command=["python3", "-I", "-c", self.boot_source],
            user=HARNESS_USER,
            working_dir="/tmp",
            environment={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "HOME": "/tmp"},
            stdin_open=True,
            network_disabled=True,
            labels=labels,
            host_config=host_config,
        )
        container_id = container["Id"]
        try:
            stream = api.attach_socket(
                container_id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
            )
            raw: socket.socket = stream._sock
            try:
                api.start(container_id)
                container_started = time.perf_counter()
                with contextlib.suppress(OSError):  # a sandbox that died at once: see below
                    raw.sendall(f"{len(body)}\n".encode() + body)
                outcome = _collect(raw, container_started + allowed_seconds, on_report)
            finally:
                # raw.close() alone leaves the connection open while the SocketIO wrapper
                # holds it, and dockerd then blocks removing the container.
                with contextlib.suppress(OSError):
                    raw.shutdown(socket.SHUT_RDWR)
                stream.close()
                raw.close()
            outcome.timing["container_start"] = container_started - started
            outcome.timing["harness"] = time.perf_counter() - container_started
            if outcome.timed_out:
                outcome.failure = (
                    f"the sandbox was stopped after {allowed_seconds:g} s, its total time limit"
                )
            elif outcome.failure and _oom_killed(api, container_id):
                outcome.memory_exceeded = True
                outcome.failure = "the memory limit was exceeded (the sandbox was killed)"
        finally:
            _remove(api, container_id)
        outcome.timing["sandbox_total"] = time.perf_counter() - started
        return outcome


def _collect(raw: socket.socket, deadline: float, on_report: ReportCallback) -> RunOutcome:
    """Read the multiplexed attach stream until EOF or the deadline, with a size cap."""
    outcome = RunOutcome(reports=[])
    pending = bytearray()
    line_buffer = bytearray()
    stderr = bytearray()
    received = 0
    finished = False
    while not finished:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            outcome.timed_out = True
            break
        readable, _, _ = select.select([raw], [], [], remaining)
        if not readable:
            continue
        chunk = raw.recv(1 << 16)
        if not chunk:
            break
        received += len(chunk)
        if received > STDOUT_LIMIT_BYTES:
            outcome.failure = "the sandbox produced more output than the judge accepts"
            break
        pending += chunk
        while len(pending) >= 8:
            kind, size = pending[0], int.from_bytes(pending[4:8], "big")
            if len(pending) < 8 + size:
                break
            data = bytes(pending[8 : 8 + size])
            del pending[: 8 + size]
            if kind == 2:
                stderr += data[: max(0, STDERR_KEPT_BYTES - len(stderr))]
                continue
            line_buffer += data
            while b"\n" in line_buffer:
                line, _, rest = line_buffer.partition(b"\n")
                line_buffer = bytearray(rest)
                finished = _handle_line(bytes(line), outcome, on_report) or finished
    if not finished and not outcome.failure and not outcome.timed_out:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        outcome.failure = "the sandbox stopped before reporting every probe" + (
            f": {' | '.join(tail)}" if tail else ""
        )
    return outcome


def _handle_line(line: bytes, outcome: RunOutcome, on_report: ReportCallback) -> bool:
    """Handle one harness line; True once the harness said it is done."""
    try:
        message: Any = json.loads(line)
    except ValueError:
        return False
    if not isinstance(message, dict):
        return False
    kind = message.get("type")
    if kind == "probe" and isinstance(message.get("name"), str):
        outcome.reports.append(message)
        on_report(message)
    elif kind == "done":
        outcome.stdout = str(message.get("stdout", ""))[:8192]
        outcome.stderr = str(message.get("stderr", ""))[:8192]
        return True
    elif kind == "fatal":
        outcome.failure = f"the harness failed: {str(message.get('error'))[:500]}"
        return True
    return False


def _oom_killed(api: Any, container_id: str) -> bool:
    """Whether the kernel's OOM killer ended the container (the harness included)."""
    deadline = time.monotonic() + 2.0
    try:
        while (state := api.inspect_container(container_id)["State"]).get("Running"):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
    except docker.errors.APIError:
        return False
    return bool(state.get("OOMKilled"))


def _remove(api: Any, container_id: str) -> None:
    try:
        api.remove_container(container_id, force=True)
    except docker.errors.NotFound:
        pass
    except docker.errors.APIError as error:
        if error.status_code != 409:  # 409: another worker is removing it already
            raise


def remove_orphans(client: docker.DockerClient, *, everything: bool = False) -> int:
    """Remove sandbox containers whose run is over (or all of them); return how many.

    A worker that dies mid-run leaves its container; any worker can remove it once the
    deadline written on its label has passed, without disturbing live runs of others.
    """
    removed = 0
    for container in client.api.containers(all=True, filters={"label": LABEL}):
        deadline = int(container.get("Labels", {}).get(DEADLINE_LABEL, "0") or 0)
        if everything or deadline < time.time():
            _remove(client.api, container["Id"])
            removed += 1
    return removed


def default_runner() -> ContainerRunner:
    """A runner on the local Docker engine with this NumPy's sandbox image (what ``make
    setup`` builds); a module-level function, so worker processes can make their own."""
    return ContainerRunner(docker.from_env(), image_tag())
