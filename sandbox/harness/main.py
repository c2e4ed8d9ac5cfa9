"""The harness: PID 1 of a sandbox container, and the only process there that scores.

It starts warm: with its modules installed (from the first message on stdin) it starts the
candidate's zygote and says ``ready``; then it reads its one payload (the problem's probes,
the solution, the seed and the limits), and for each probe group has the zygote fork a fresh
candidate process. The probes run here, in the harness: they
draw inputs from the seed, send calls, time them, and write one JSON line per probe to
stdout, which only the harness holds.

Why the candidate cannot reach it:
- The harness runs as root of the container with only the capabilities to start the
  zygote under another uid (SETUID, SETGID) and to signal it (KILL). Every candidate
  process runs as uid 65534 without capabilities, so it can neither signal, ``prlimit``,
  renice, reschedule nor ``ptrace`` the harness; the harness is non-dumpable too, so its
  ``/proc`` files (memory, descriptors, environment) are closed to the candidate.
- As PID 1 it ignores every signal it does not handle.
- The seed, the probes, future inputs and the reference never enter a candidate process.
- After each group every candidate process but the zygote is killed.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import time
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sandbox.harness import calls, candidate, kinds, probing, wire
from sandbox.harness.cpu_clock import cpu_clock
from sandbox.harness.processes import (
    STOPPED_STATES,
    CandidateProcess,
    Zygote,
    connect,
    cpu_seconds,
    oom_kills,
    other_processes,
    process_state,
    signal_quietly,
)

KEPT_OUTPUT_BYTES = 8192
RESPONSE_LIMIT_BYTES = 64 << 20
REPORTS_LIMIT_BYTES = 48 << 20  # what all reports of a run may add up to (the host reads 64)
# How long a warm start waits for the zygote; past it the first group's spawn waits instead.
ZYGOTE_START_SECONDS = 30.0


@dataclass
class Limits:
    memory_bytes: int
    output_bytes: int
    import_seconds: float


@dataclass
class Output:
    """A candidate's stdout or stderr: the first bytes are kept, all are counted."""

    kept: bytearray = field(default_factory=bytearray)
    total: int = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = KEPT_OUTPUT_BYTES - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]


class CandidateGone(Exception):
    """The candidate process closed its response pipe or broke the protocol."""


class OutputLimit(Exception):
    pass


def encode_line(message: dict[str, Any]) -> bytes:
    return (json.dumps(message, separators=(",", ":")) + "\n").encode()


def emit(message: dict[str, Any] | bytes) -> None:
    data = message if isinstance(message, bytes) else encode_line(message)
    while data:
        data = data[os.write(1, data) :]


class Harness:
    def __init__(
        self, payload: dict[str, Any], warm: WarmStart, zygote: Zygote, hooks: types.ModuleType
    ) -> None:
        self.payload = payload
        self.warm = warm
        self.limits = Limits(**payload["limits"])
        self.stdout, self.stderr = Output(), Output()
        self.zygote = zygote
        self.yardstick = self.spawn_yardstick(hooks)
        # Calls are timed in CPU seconds of the whole container where the cgroup says them
        # (cpu_clock.py: the machine's other work does not count), else on the wall.
        self.clock = cpu_clock() or time.perf_counter
        self.ooms_before = 0
        self.group_state: dict[str, Any] = {}
        self.shared: dict[str, Any] = {}

    # --- candidate processes ------------------------------------------------------------

    def spawn(self) -> CandidateProcess | None:
        """A fresh candidate process for one group, forked by the zygote."""
        if not self.zygote.alive():  # the candidate killed it in an earlier group
            self.zygote = self.warm.start_zygote()
            self.zygote.load(self.payload["solution"], self.limits.memory_bytes)
        deadline = time.monotonic() + self.limits.import_seconds
        return connect(lambda theirs: self.zygote.spawn(theirs, deadline))

    def spawn_yardstick(self, module: types.ModuleType) -> CandidateProcess:
        """A fork of the harness (root, trusted, out of the candidate's reach) that answers
        calls to the problem's probes module, for timing plain NumPy the way the
        candidate's code is timed: same pipes, same encoding."""

        def fork(theirs: list[int]) -> int:
            pid = os.fork()
            if pid == 0:
                try:
                    for source, target in zip(theirs, (1, 2, 3, 4), strict=True):
                        os.dup2(source, target)
                    os.closerange(5, 1 << 16)
                    candidate.CallServer(module, times_calls=time.process_time).serve(3, 4)
                finally:
                    os._exit(0)
            return pid

        process = connect(fork)
        assert process is not None
        return process

    def kill_candidates(self) -> None:
        """Kill every process but the harness, the zygote and the yardstick, and reap."""
        for _ in range(50):
            victims = other_processes(keep=[self.zygote.pid, self.yardstick.pid])
            if not victims:
                break
            for pid in victims:
                signal_quietly(pid, signal.SIGKILL)
            self.reap()
            time.sleep(0.001)

    def reap(self) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    @contextlib.contextmanager
    def freeze(self) -> Iterator[None]:
        """Stop every candidate process while trusted code is timed."""
        stopped: set[int] = set()
        try:
            # Until every one of them is stopped at once: a stopped process cannot fork or
            # send SIGCONT, but one not stopped yet can wake another up.
            for _ in range(100):
                running = [
                    pid
                    for pid in other_processes(keep=[self.yardstick.pid])
                    if process_state(pid) not in STOPPED_STATES
                ]
                if not running:
                    break
                for pid in running:
                    signal_quietly(pid, signal.SIGSTOP)
                    stopped.add(pid)
                time.sleep(0.0005)
            yield
        finally:
            for pid in stopped:
                signal_quietly(pid, signal.SIGCONT)

    # --- the exchange -------------------------------------------------------------------

    def exchange(self, child: CandidateProcess, data: bytes, deadline: float) -> bytearray | None:
        """Send ``data`` (may be empty) and wait for the next frame, or ``None`` at the
        deadline. The candidate's stdout and stderr are drained all along."""
        pending = memoryview(data)
        streams = {child.stdout_fd: self.stdout, child.stderr_fd: self.stderr}
        while True:
            frame = self.take_frame(child)
            if frame is not None:
                return frame
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            readable = [child.response_fd, *streams]
            if child.pidfd >= 0:
                readable.append(child.pidfd)
            writable = [child.request_fd] if pending else []
            ready_r, ready_w, _ = select.select(readable, writable, [], remaining)
            if ready_w:
                with contextlib.suppress(BlockingIOError):
                    pending = pending[os.write(child.request_fd, pending) :]
            if child.pidfd in ready_r and child.response_fd not in ready_r:
                raise CandidateGone
            for fd in ready_r:
                if fd == child.pidfd:
                    continue
                chunk = os.read(fd, 1 << 20)
                if fd == child.response_fd:
                    if not chunk:
                        raise CandidateGone
                    child.buffer += chunk
                    if len(child.buffer) > RESPONSE_LIMIT_BYTES + 4:
                        raise OutputLimit
                elif chunk:
                    streams[fd].add(chunk)
                    if self.stdout.total + self.stderr.total > self.limits.output_bytes:
                        raise OutputLimit
                else:
                    del streams[fd]

    @staticmethod
    def take_frame(child: CandidateProcess) -> bytearray | None:
        if len(child.buffer) < 4:
            return None
        length = int.from_bytes(child.buffer[:4], "big")
        if length > RESPONSE_LIMIT_BYTES:
            raise OutputLimit
        if len(child.buffer) < 4 + length:
            return None
        body = child.buffer[4 : 4 + length]
        del child.buffer[: 4 + length]
        return body

    def describe_death(self, child: CandidateProcess) -> tuple[str, str]:
        """Status and message for a candidate process that stopped answering."""
        status = self.zygote.exit_status(child.pid, 0.5)
        if oom_kills() > self.ooms_before:
            return "memory", "the memory limit was exceeded (the process was killed)"
        if status is None:
            return "crashed", "your code closed the channel to the judge and stopped answering"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            if number == signal.SIGSEGV:
                return (
                    "crashed",
                    "your code crashed the Python process (SIGSEGV, segmentation fault)",
                )
            return "crashed", f"the process running your code was killed by {name}"
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
        return (
            "crashed",
            f"the process running your code exited (status {code}) instead of returning",
        )

    # --- groups and probes --------------------------------------------------------------

    def run_group(self, members: list[probing.Probe]) -> Iterator[dict[str, Any]]:
        """Run one group in one fresh candidate process; yield one report per probe."""
        self.ooms_before = oom_kills()
        deadline = time.monotonic() + self.limits.import_seconds
        child = self.spawn()
        failure: str | None = None
        first = members[0].name
        try:
            if child is None:
                failure = "the process that starts your code did not answer"
                yield {"name": first, "status": "crashed", "error": failure}
            else:
                body = self.exchange(child, b"", deadline)
                header = self._header(body)
                if body is None:
                    failure = "importing your code did not finish within the time limit"
                    yield {"name": first, "status": "timeout", "error": failure}
                elif header.get("status") != "ready":
                    error = header.get("error")
                    failure = (
                        f"importing your code failed:\n{error if isinstance(error, str) else ''}"
                    )
                    yield {"name": first, "status": "error", "error": failure}
        except (CandidateGone, OutputLimit) as gone:
            assert child is not None
            status, message = (
                ("output_limit", "your code printed more than the output limit")
                if isinstance(gone, OutputLimit)
                else self.describe_death(child)
            )
            failure = f"while importing your code: {message}"
            yield {"name": first, "status": status, "error": failure}
        remaining = members[1:] if failure is not None else members
        for item in remaining:
            if failure is not None:
                yield {"name": item.name, "status": "skipped", "error": failure}
                continue
            assert child is not None
            report = self.run_probe(child, item)
            yield report
            if report["status"] not in probing.GOES_ON:
                failure = f"skipped because probe '{item.name}' failed ({report['status']})"
        self.kill_candidates()
        if child is not None:
            child.close()

    @staticmethod
    def _header(body: bytearray | None) -> dict[str, Any]:
        if body is None:
            return {}
        try:
            return wire.unpack_frame(body)[0]
        except (ValueError, RecursionError):
            return {"status": "error", "error": "your code broke the judge's protocol"}

    def run_probe(self, child: CandidateProcess, item: probing.Probe) -> dict[str, Any]:
        started = time.monotonic()
        cpu_started = cpu_seconds(child.pid)
        caller = ProcessCaller(self, child, started + item.budget_seconds)
        context = probing.ProbeContext(
            solution=calls.remote_module(caller),
            seed=int(self.payload["seed"]),
            caller=caller,
            yardstick_caller=ProcessCaller(self, self.yardstick, started + item.budget_seconds),
            freeze=self.freeze,
            state=self.group_state,
            shared=self.shared,
            # False for an untrusted package's reference: its timings are never compared.
            measures_speed=bool(self.payload.get("measure_speed", True)),
        )
        report = probing.run_probe(item, context)
        report["wall_seconds"] = time.monotonic() - started
        report["cpu_seconds"] = max(cpu_seconds(child.pid) - cpu_started, 0.0)
        return report

    def run(self, probes: list[probing.Probe]) -> None:
        started = time.monotonic()
        reported_bytes = 0
        for group, members_iter in groupby(probes, key=lambda p: p.group):
            members = list(members_iter)
            self.group_state = {}
            for report in self.run_group(members):
                line = encode_line({"type": "probe", "group": group, **report})
                if reported_bytes + len(line) > REPORTS_LIMIT_BYTES:
                    line = encode_line(
                        {
                            "type": "probe",
                            "group": group,
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
                "stdout": self.stdout.kept.decode("utf-8", "replace"),
                "stderr": self.stderr.kept.decode("utf-8", "replace"),
                "output_bytes": self.stdout.total + self.stderr.total,
            }
        )


class ProcessCaller:
    """``calls.Caller`` for a candidate process: frames over pipes, timed from here."""

    def __init__(self, harness: Harness, child: CandidateProcess, deadline: float) -> None:
        self.harness = harness
        self.child = child
        self.deadline = deadline
        self.call_seconds = 0.0

    def request(
        self,
        op: str,
        ref: int,
        name: str,
        args: Sequence[object] = (),
        kwargs: dict[str, object] | None = None,
        repeat: int = 1,
    ) -> wire.Value:
        child = self.child
        if child.buffer or select.select([child.response_fd], [], [], 0)[0]:
            # An answer before the question: something other than the call server is
            # writing to the channel (to look fast in timed calls, say).
            raise calls.CandidateFailure("error", "your code wrote to the judge's channel")
        header, values = calls.request_frame(op, ref, name, args, kwargs, repeat)
        data = wire.encode_frame(header, values)
        started = self.harness.clock()
        try:
            body = self.harness.exchange(child, data, self.deadline)
        except OutputLimit as error:
            raise calls.CandidateFailure(
                "output_limit", "your code printed (or returned) more than the output limit"
            ) from error
        except (CandidateGone, BrokenPipeError) as error:
            status, message = self.harness.describe_death(child)
            raise calls.CandidateFailure(status, f"{message} (in {name}())") from error
        finally:
            self.call_seconds += self.harness.clock() - started
        if body is None:
            if oom_kills() > self.harness.ooms_before:
                raise calls.CandidateFailure("memory", "the memory limit was exceeded")
            raise calls.CandidateFailure(
                "timeout", f"{name}() did not finish within the probe's time limit"
            )
        try:
            response, buffers = wire.unpack_frame(body)
        except wire.FrameTooLarge as error:
            return wire.Unsupported("?", f"too large to read: {error}")
        except (ValueError, RecursionError) as error:
            raise calls.CandidateFailure("error", "your code broke the judge's protocol") from error
        return calls.answer_value(response, buffers)


@dataclass
class WarmStart:
    """What the harness has before the judging's payload: its modules and the boot source."""

    boot_source: str
    modules: list[tuple[str, str]]

    def start_zygote(self) -> Zygote:
        return Zygote(self.boot_source, self.modules)


def main(setup: dict[str, Any], receive: Callable[[], dict[str, Any]]) -> None:
    """Entry point, called by ``boot`` with the modules installed (NumPy is imported).

    Warm start first: /tmp made the harness's, the zygote started and ready; then
    ``ready`` is reported and the sandbox waits for its one payload (the problem's probes,
    the solution, the seed, the limits), and reports ``accepted`` once it has it.
    """
    try:
        if os.getuid() == 0 and os.path.isdir("/tmp"):
            # /tmp is the harness's: the candidate may read but not write it, so that no file
            # carries anything from one probe group's process to the next.
            os.chmod("/tmp", 0o755)
        warm = WarmStart(setup["boot"], [(name, source) for name, source in setup["modules"]])
        zygote = warm.start_zygote()
        zygote.wait_ready(time.monotonic() + ZYGOTE_START_SECONDS)
        emit({"type": "ready"})
        payload = receive()
        emit({"type": "accepted"})
        zygote.load(payload["solution"], int(payload["limits"]["memory_bytes"]))
        hooks = candidate.load_module("problem_probes", "probes.py", payload["probes"])
        probes = kinds.problem_probes(hooks, payload.get("profile"))
        if payload.get("only") is not None:
            probes = [p for p in probes if p.name in set(payload["only"])]
        Harness(payload, warm, zygote, hooks).run(probes)
    except BaseException as error:
        emit({"type": "fatal", "error": f"{type(error).__name__}: {error}"[:2000]})
        raise
