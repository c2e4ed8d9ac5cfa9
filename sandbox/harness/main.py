"""The harness: PID 1 of a sandbox container.

It reads one payload from stdin (the harness's own modules, the problem's probes, the
solution, the seed and the limits), then runs each probe group in a fresh worker process
forked from itself, timing every probe from outside that process, and writes one JSON
line per probe to stdout, which only it holds.

Why it is hard to fool:
- As PID 1 of its namespace it ignores every signal sent from inside (``kill -9 1``,
  ``kill(-1, …)``), and it makes itself non-dumpable so the candidate cannot open its
  ``/proc`` files (memory, descriptors).
- Workers get their own stdin/stdout/stderr pipes and no other descriptors; the
  container's stdout, where results go, is never reachable from them.
- After each group every other process in the container is killed, so nothing the
  candidate started survives into the next group.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sandbox.harness import probing, worker

PR_SET_DUMPABLE = 4
KEPT_OUTPUT_BYTES = 8192
RESPONSE_LIMIT_BYTES = 32 << 20
REPORTS_LIMIT_BYTES = 48 << 20  # what all reports of a run may add up to (the host reads 64)
WORKER_STATUSES = ("ok", "error", "memory")  # what a worker may say about its own probe


@dataclass
class Limits:
    memory_bytes: int
    output_bytes: int
    import_seconds: float


@dataclass
class Output:
    """A worker's stdout or stderr: the first bytes are kept, all are counted."""

    kept: bytearray = field(default_factory=bytearray)
    total: int = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = KEPT_OUTPUT_BYTES - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]


@dataclass
class Worker:
    pid: int
    request_fd: int
    response_fd: int
    stdout_fd: int
    stderr_fd: int
    buffer: bytearray = field(default_factory=bytearray)
    exit_status: int | None = None
    max_rss_kb: int = 0
    # Readable once the worker has exited, even if a child of it still holds its pipes.
    pidfd: int = -1


class WorkerGone(Exception):
    """The worker closed its response pipe or broke the protocol."""


class OutputLimit(Exception):
    pass


def encode_line(message: dict[str, Any]) -> bytes:
    return (json.dumps(message, separators=(",", ":")) + "\n").encode()


def emit(message: dict[str, Any] | bytes) -> None:
    data = message if isinstance(message, bytes) else encode_line(message)
    while data:
        data = data[os.write(1, data) :]


def spawn_worker(source: str, seed: int, probes: list[probing.Probe], limits: Limits) -> Worker:
    request_r, request_w = os.pipe()
    response_r, response_w = os.pipe()
    stdout_r, stdout_w = os.pipe()
    stderr_r, stderr_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: nothing from the harness may stay reachable
        status = 70
        try:
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(stdout_w, 1)
            os.dup2(stderr_w, 2)
            os.dup2(request_r, 3)
            os.dup2(response_w, 4)
            os.closerange(5, 1 << 16)
            # Forked workers inherit the harness's non-dumpable flag, which makes their own
            # /proc files root's; the worker holds nothing worth hiding, so restore it.
            ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
            resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            with open("/proc/self/oom_score_adj", "w") as adj:
                adj.write("1000")  # the OOM killer takes the worker, never the harness
            # Unbuffered, so what the candidate printed is seen even if the worker is killed.
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), write_through=True)
            worker.serve(3, 4, source, seed, probes)
            status = 0
        except BaseException:
            traceback.print_exc()  # reaches the harness through the stderr pipe
        finally:
            os._exit(status)
    for fd in (request_r, response_w, stdout_w, stderr_w):
        os.close(fd)
    pidfd = -1
    with contextlib.suppress(AttributeError, OSError):
        pidfd = os.pidfd_open(pid)
    return Worker(pid, request_w, response_r, stdout_r, stderr_r, pidfd=pidfd)


def wait_for_response(
    child: Worker, deadline: float, stdout: Output, stderr: Output, output_bytes: int
) -> dict[str, Any] | None:
    """The worker's next frame, or ``None`` if the deadline passed first."""
    streams = {child.stdout_fd: stdout, child.stderr_fd: stderr}
    while True:
        frame = _take_frame(child)
        if frame is not None:
            return frame
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        watched = [child.response_fd, *streams]
        if child.pidfd >= 0:
            watched.append(child.pidfd)
        ready, _, _ = select.select(watched, [], [], remaining)
        if child.pidfd in ready and child.response_fd not in ready:
            raise WorkerGone
        for fd in ready:
            if fd == child.pidfd:
                continue
            chunk = os.read(fd, 1 << 16)
            if fd == child.response_fd:
                if not chunk:
                    raise WorkerGone
                child.buffer += chunk
                if len(child.buffer) > RESPONSE_LIMIT_BYTES:
                    raise OutputLimit
            elif chunk:
                streams[fd].add(chunk)
                if stdout.total + stderr.total > output_bytes:
                    raise OutputLimit
            else:
                del streams[fd]


def _take_frame(child: Worker) -> dict[str, Any] | None:
    if len(child.buffer) < 4:
        return None
    length = int.from_bytes(child.buffer[:4], "big")
    if length > RESPONSE_LIMIT_BYTES:
        raise OutputLimit
    if len(child.buffer) < 4 + length:
        return None
    body = bytes(child.buffer[4 : 4 + length])
    del child.buffer[: 4 + length]
    try:
        frame = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise WorkerGone from error
    if not isinstance(frame, dict):
        raise WorkerGone
    return frame


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


def kill_everything_else(child: Worker) -> None:
    """Kill the worker and every process it started, then reap them all."""
    if os.getpid() == 1:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
    else:  # outside a container (tests of the harness itself): the worker's session
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
    while True:
        try:
            pid, status, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        if pid == child.pid:
            child.exit_status = status
            child.max_rss_kb = usage.ru_maxrss
    for fd in (child.request_fd, child.response_fd, child.stdout_fd, child.stderr_fd, child.pidfd):
        with contextlib.suppress(OSError):
            os.close(fd)


def describe_death(child: Worker, ooms_before: int) -> tuple[str, str]:
    """Status and message for a worker that stopped answering mid-probe."""
    deadline = time.monotonic() + 0.5
    status: int | None = None
    while status is None and time.monotonic() < deadline:
        try:
            pid, raw_status = os.waitpid(child.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == child.pid:
            status = raw_status
        else:
            time.sleep(0.01)
    if status is None:
        return "crashed", "your code closed the channel to the judge and stopped answering"
    child.exit_status = status
    if oom_kills() > ooms_before:
        return "memory", "the memory limit was exceeded (the process was killed)"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGSEGV:
            return "crashed", "your code crashed the Python process (SIGSEGV, segmentation fault)"
        return "crashed", f"the process running your code was killed by {name}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return "crashed", f"the process running your code exited (status {code}) instead of returning"


def run_group(
    members: list[probing.Probe],
    all_probes: list[probing.Probe],
    payload: dict[str, Any],
    limits: Limits,
    stdout: Output,
    stderr: Output,
) -> Iterator[dict[str, Any]]:
    """Run one group in one worker; yield one report per probe."""
    ooms_before = oom_kills()
    child = spawn_worker(payload["solution"], int(payload["seed"]), all_probes, limits)
    failure: str | None = None
    try:
        ready = wait_for_response(
            child, time.monotonic() + limits.import_seconds, stdout, stderr, limits.output_bytes
        )
        if ready is None:
            failure = "importing your code did not finish within the time limit"
            yield {"name": members[0].name, "status": "timeout", "error": failure}
            members = members[1:]
        elif not ready.get("ready"):
            failure = f"importing your code failed:\n{ready.get('error', '')}"
            yield {"name": members[0].name, "status": "error", "error": failure}
            members = members[1:]
    except (WorkerGone, OutputLimit) as gone:
        status, message = (
            ("output_limit", "your code printed more than the output limit")
            if isinstance(gone, OutputLimit)
            else describe_death(child, ooms_before)
        )
        failure = f"while importing your code: {message}"
        yield {"name": members[0].name, "status": status, "error": failure}
        members = members[1:]
    for probe in members:
        if failure is not None:
            yield {"name": probe.name, "status": "skipped", "error": failure}
            continue
        yield (report := run_one(child, probe, limits, stdout, stderr, ooms_before))
        if report["status"] != "ok":
            failure = f"skipped because probe '{probe.name}' failed ({report['status']})"
    kill_everything_else(child)


def run_one(
    child: Worker,
    probe: probing.Probe,
    limits: Limits,
    stdout: Output,
    stderr: Output,
    ooms_before: int,
) -> dict[str, Any]:
    report: dict[str, Any] = {"name": probe.name}
    if child.buffer or select.select([child.response_fd], [], [], 0)[0]:
        # An answer before the question was asked: something other than the worker loop is
        # writing to the channel (to look fast in timed probes, say).
        report.update(status="error", error="your code wrote to the judge's channel")
        return report
    start = time.monotonic()
    cpu_start = cpu_seconds(child.pid)
    try:
        body = json.dumps({"probe": probe.name}).encode()
        os.write(child.request_fd, len(body).to_bytes(4, "big") + body)
        frame = wait_for_response(
            child, start + probe.budget_seconds, stdout, stderr, limits.output_bytes
        )
        if frame is None and oom_kills() > ooms_before:
            report.update(status="memory", error="the memory limit was exceeded")
        elif frame is None:
            report.update(
                status="timeout",
                error=f"probe '{probe.name}' did not finish within {probe.budget_seconds:g} s",
            )
        elif frame.get("status") not in WORKER_STATUSES:
            report.update(status="error", error="your code broke the judge's protocol")
        else:
            report.update(
                status=frame.get("status", "error"),
                observations=frame.get("observations"),
                error=frame.get("error", ""),
            )
    except OutputLimit:
        report.update(
            status="output_limit",
            error="your code printed (or returned) more than the output limit",
        )
    except (WorkerGone, BrokenPipeError):
        status, message = describe_death(child, ooms_before)
        report.update(status=status, error=f"during probe '{probe.name}': {message}")
    report["wall_seconds"] = time.monotonic() - start
    report["cpu_seconds"] = max(cpu_seconds(child.pid) - cpu_start, 0.0)
    return report


def run(payload: dict[str, Any]) -> None:
    limits = Limits(**payload["limits"])
    probes_module = worker.load_module("problem_probes", "probes.py", payload["probes"])
    probes = probing.collect_probes(probes_module)
    wanted = payload.get("only")
    if wanted is not None:
        probes = [p for p in probes if p.name in set(wanted)]
    stdout, stderr = Output(), Output()
    started = time.monotonic()
    reported_bytes = 0
    for _, group in groupby(probes, key=lambda p: p.group):
        members = list(group)
        for report in run_group(members, probes, payload, limits, stdout, stderr):
            line = encode_line({"type": "probe", "group": members[0].group, **report})
            if reported_bytes + len(line) > REPORTS_LIMIT_BYTES:
                line = encode_line(
                    {
                        "type": "probe",
                        "group": members[0].group,
                        "name": report["name"],
                        "status": "output_limit",
                        "error": "your code's results were larger than the judge accepts",
                        "wall_seconds": report.get("wall_seconds"),
                    }
                )
            reported_bytes += len(line)
            emit(line)
    emit(
        {
            "type": "done",
            "seconds": time.monotonic() - started,
            "stdout": stdout.kept.decode("utf-8", "replace"),
            "stderr": stderr.kept.decode("utf-8", "replace"),
            "output_bytes": stdout.total + stderr.total,
        }
    )


def main(payload: dict[str, Any]) -> None:
    """Entry point, called by ``boot`` once the payload is read (numpy is already warm)."""
    try:
        run(payload)
    except BaseException as error:
        emit({"type": "fatal", "error": f"{type(error).__name__}: {error}"[:2000]})
        raise
