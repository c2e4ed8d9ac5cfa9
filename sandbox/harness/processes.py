"""The processes of a sandbox as the harness sees them: the candidate's zygote, the
processes it forks, and the helpers to find, signal and measure them.

Standard library only.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

CANDIDATE_UID = 65534
F_SETPIPE_SZ = 1031
PIPE_BYTES = 1 << 20
PR_CAPBSET_DROP = 24
HARNESS_CAPABILITIES = (5, 6, 7, 8)  # KILL, SETGID, SETUID, SETPCAP: see sandbox/container.py
ZYGOTE_MODULES = ("sandbox", "sandbox.harness", "sandbox.harness.wire", "sandbox.harness.candidate")


def signal_quietly(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, number)


def other_processes(keep: Sequence[int]) -> list[int]:
    """Every process in the container but the harness and ``keep``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid() and int(entry) not in keep:
            found.append(int(entry))
    return found


def become_candidate() -> None:
    """In the zygote before it starts: drop every capability for good, then the uid."""
    with open("/proc/self/oom_score_adj", "w") as adj:
        adj.write("1000")  # inherited: the OOM killer takes the candidate, never the harness
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in HARNESS_CAPABILITIES:
        prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
    os.setgroups([])
    os.setresgid(CANDIDATE_UID, CANDIDATE_UID, CANDIDATE_UID)
    os.setresuid(CANDIDATE_UID, CANDIDATE_UID, CANDIDATE_UID)


class Zygote:
    """The clean interpreter that forks candidate processes (see ``candidate.main``).

    It starts before the judging's payload arrives (a warm sandbox waits with it ready:
    NumPy imported) and gets the solution through ``load`` once the payload is in.
    """

    def __init__(self, boot_source: str, modules: Sequence[tuple[str, str]]) -> None:
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        setup = json.dumps(
            {
                "modules": [(name, source) for name, source in modules if name in ZYGOTE_MODULES],
                "entry": "sandbox.harness.candidate",
                "control_fd": theirs.fileno(),
            }
        ).encode()
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", boot_source],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=[theirs.fileno()],
            preexec_fn=become_candidate if os.getuid() == 0 else None,
        )
        theirs.close()
        assert self.process.stdin is not None
        self.process.stdin.write(f"{len(setup)}\n".encode() + setup)
        self.process.stdin.flush()
        self.exits: dict[int, int] = {}
        self.requests = 0
        self.ready = False

    def wait_ready(self, deadline: float) -> bool:
        """Whether the zygote has started (NumPy imported) and waits for the solution."""
        while not self.ready and self._receive(deadline) is not None:
            pass
        return self.ready

    def load(self, solution: str, memory_bytes: int) -> None:
        """Hand the zygote what every process it forks needs: the code and its memory limit."""
        message = json.dumps({"solution": solution, "memory_bytes": memory_bytes}).encode()
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):  # a zygote that died: spawn() will find out
            self.process.stdin.write(f"{len(message)}\n".encode() + message)
            self.process.stdin.close()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([self.control], [], [], remaining)[0]:
            return None
        data = self.control.recv(1 << 16)
        if not data:
            return None
        message: dict[str, Any] = json.loads(data)
        if "exited" in message:
            self.exits[int(message["exited"])] = int(message["status"])
        self.ready = self.ready or "ready" in message
        return message

    def spawn(self, fds: list[int], deadline: float) -> int | None:
        """Fork a candidate process with these pipes; its pid, or ``None`` if no answer."""
        signal_quietly(self.pid, signal.SIGCONT)  # undo a SIGSTOP from an earlier group
        self.requests += 1  # a reply to an earlier request that timed out is not this one's
        socket.send_fds(self.control, [str(self.requests).encode()], fds)
        while (message := self._receive(deadline)) is not None:
            if "spawned" in message and message.get("request") == self.requests:
                return int(message["spawned"])
        return None

    def exit_status(self, pid: int, wait_seconds: float) -> int | None:
        deadline = time.monotonic() + wait_seconds
        while pid not in self.exits and self._receive(deadline) is not None:
            pass
        return self.exits.get(pid)


@dataclass
class CandidateProcess:
    """One group's candidate process, seen from the harness."""

    pid: int
    request_fd: int
    response_fd: int
    stdout_fd: int
    stderr_fd: int
    pidfd: int
    buffer: bytearray = field(default_factory=bytearray)

    def close(self) -> None:
        for fd in (self.request_fd, self.response_fd, self.stdout_fd, self.stderr_fd, self.pidfd):
            with contextlib.suppress(OSError):
                os.close(fd)


STOPPED_STATES = ("T", "t", "Z", "X", "")  # stopped, traced, dead, or gone


def process_state(pid: int) -> str:
    """The one-letter state of a process from /proc ("" when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0].decode()
    except (OSError, IndexError):
        return ""


def cpu_seconds(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def oom_kills() -> int:
    """How many times the container's memory cgroup killed a process so far."""
    for path, key in (
        ("/sys/fs/cgroup/memory.events", "oom_kill"),
        ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill"),
    ):
        try:
            with open(path) as events:
                for line in events:
                    name, _, value = line.partition(" ")
                    if name == key:
                        return int(value)
        except OSError:
            continue
    return 0


def connect(start: Callable[[list[int]], int | None]) -> CandidateProcess | None:
    """Pipes for a process that ``start`` creates with their other ends at 1, 2, 3 and 4."""
    request_r, request_w = os.pipe()
    response_r, response_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    theirs = [stdout_w, stderr_w, request_r, response_w]
    pid = start(theirs)
    for fd in theirs:
        os.close(fd)
    ours = [request_w, response_r, stdout_r, stderr_r]
    if pid is None:
        for fd in ours:
            os.close(fd)
        return None
    os.set_blocking(request_w, False)
    for fd in (request_w, response_r):  # fewer, larger writes for large inputs
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES)
    pidfd = -1
    with contextlib.suppress(OSError, AttributeError):
        pidfd = os.pidfd_open(pid)
    return CandidateProcess(pid, request_w, response_r, stdout_r, stderr_r, pidfd)
