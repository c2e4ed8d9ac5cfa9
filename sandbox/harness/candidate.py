"""The candidate's side of the sandbox: a clean zygote, and the call server it forks.

The zygote is a fresh interpreter started by the harness under the candidate's uid (never
a fork of the harness: it has seen no seed, no probe and no input). It imports NumPy once
and then, for every probe group, forks a process that loads the candidate's module and
answers calls: construct an object, call a method, read or set an attribute. That process
holds the candidate's code and this small server, nothing else. It returns raw values and
decides nothing; everything that scores is derived by the harness from those values.

Standard library and NumPy only.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import os
import resource
import select
import signal
import socket
import sys
import traceback
import types
from collections.abc import Callable
from typing import Any

from sandbox.harness import wire

SOLUTION_FILENAME = "solution.py"
SOLUTION_MODULE = "solution"
REQUEST_FD, RESPONSE_FD = 3, 4


def load_module(module_name: str, filename: str, source: str) -> types.ModuleType:
    """Execute ``source`` as a fresh module; tracebacks will show its lines as ``filename``."""
    module = types.ModuleType(module_name)
    module.__file__ = filename
    sys.modules[module_name] = module
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def describe_exception(error: BaseException) -> str:
    """The exception as a candidate should see it: a traceback of their own lines only."""
    if isinstance(error, SystemExit):
        return "your code called sys.exit(); a solution must return, not exit"
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename == SOLUTION_FILENAME
    ]
    lines = ["Traceback (your code only):"] if frames else []
    for frame in frames[-8:]:
        lines.append(f"  line {frame.lineno}, in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    try:
        text = str(error)
    except BaseException:
        text = "<message could not be shown>"
    lines.append(f"{type(error).__name__}: {text}"[:1000])
    return "\n".join(lines)


class CallServer:
    """Answers the harness's requests against one loaded module.

    Objects the candidate's code creates (instances of its classes) stay here and travel
    as ``Ref`` numbers; ``Ref(0)`` is the module itself. Everything else travels as data.

    ``times_calls`` is for trusted code only (the yardstick's process): a clock, with which
    it also answers "time": it calls a function ``repeat`` times and answers the seconds of
    each call, measured around the call alone, with the last result. The candidate is never
    asked this: its calls are only ever timed from outside.
    """

    def __init__(
        self, module: types.ModuleType, *, times_calls: Callable[[], float] | None = None
    ) -> None:
        self.module = module
        self.objects: dict[int, object] = {0: module}
        self.times_calls = times_calls

    def _ref_of(self, value: object) -> wire.Ref | None:
        for number, known in self.objects.items():
            if known is value:
                return wire.Ref(number)
        if getattr(type(value), "__module__", None) == self.module.__name__:
            number = len(self.objects)
            self.objects[number] = value
            return wire.Ref(number)
        return None

    def outgoing(self, value: object) -> object:
        """A return value as it travels: a reference for the candidate's objects."""
        if value is None or isinstance(value, bool | int | float | str | bytes):
            return value
        return self._ref_of(value) or value

    def incoming(self, value: wire.Value) -> object:
        if isinstance(value, wire.Ref):
            if value.id not in self.objects:
                raise LookupError(f"unknown object {value.id}")
            return self.objects[value.id]
        if isinstance(value, list):
            return [self.incoming(item) for item in value]
        return value

    def answer(
        self, header: dict[str, Any], buffers: list[memoryview]
    ) -> tuple[dict[str, Any], Any]:
        """``(response header, value)`` for one request."""
        decoder = wire.Decoder(buffers)
        values = header.get("values") or {}
        target = self.objects[int(header["ref"])]
        name = str(header.get("name", ""))
        op = header.get("op")
        if op == "get":
            try:
                value = getattr(target, name)
            except AttributeError:
                return {"status": "missing"}, None
            if callable(value) and not isinstance(value, type(self.module)):
                return {"status": "ok"}, wire.Method()
            return {"status": "ok"}, self.outgoing(value)
        if op == "set":
            setattr(target, name, self.incoming(decoder.value(values.get("a0"))))
            return {"status": "ok"}, None
        if op == "time" and self.times_calls is None:
            raise ValueError("only trusted code is timed from the inside")
        if op in ("call", "time"):
            args = [
                self.incoming(decoder.value(values.get(f"a{i}"))) for i in range(header["nargs"])
            ]
            kwargs = {
                str(k): self.incoming(decoder.value(values.get(f"k:{k}")))
                for k in header.get("kwargs", [])
            }
            function = getattr(target, name)
            if op == "call":
                return {"status": "ok"}, self.outgoing(function(*args, **kwargs))
            clock, seconds, result = self.times_calls, [], None
            assert clock is not None
            for _ in range(max(int(header.get("repeat", 1)), 1)):
                started = clock()
                result = function(*args, **kwargs)
                seconds.append(clock() - started)
            return {"status": "ok"}, [seconds, self.outgoing(result)]
        raise ValueError(f"unknown request {op!r}")

    def serve(self, request_fd: int, response_fd: int) -> None:
        while (frame := wire.read_frame(request_fd)) is not None:
            header, buffers = frame
            try:
                response, value = self.answer(header, buffers)
            except MemoryError as error:
                response, value = {"status": "memory", "error": describe_exception(error)}, None
            except BaseException as error:
                response, value = {"status": "error", "error": describe_exception(error)}, None
            try:
                wire.write_frame(response_fd, response, {"result": value})
            except MemoryError as error:
                wire.write_frame(
                    response_fd, {"status": "memory", "error": describe_exception(error)}
                )


def serve_group(payload: dict[str, Any]) -> None:
    """A forked child: become the candidate's process for one probe group."""
    memory = int(payload["memory_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Unbuffered, so what the candidate printed is seen even if the process is killed.
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), write_through=True)
    try:
        module = load_module(SOLUTION_MODULE, SOLUTION_FILENAME, payload["solution"])
    except BaseException as error:
        wire.write_frame(RESPONSE_FD, {"status": "error", "error": describe_exception(error)})
        return
    wire.write_frame(RESPONSE_FD, {"status": "ready"})
    CallServer(module).serve(REQUEST_FD, RESPONSE_FD)


def fork_child(fds: list[int], payload: dict[str, Any]) -> int:
    """Fork a group's process with its pipes at 1 (stdout), 2 (stderr), 3 and 4."""
    pid = os.fork()
    if pid:
        return pid
    status = 70
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        stdout_w, stderr_w, request_r, response_w = fds
        for source, target in (
            (devnull, 0),
            (stdout_w, 1),
            (stderr_w, 2),
            (request_r, REQUEST_FD),
            (response_w, RESPONSE_FD),
        ):
            os.dup2(source, target)
        os.closerange(RESPONSE_FD + 1, 1 << 16)  # the zygote's socket included
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        serve_group(payload)
        status = 0
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()  # reaches the harness through the stderr pipe
    finally:
        os._exit(status)


def main(setup: dict[str, Any], receive: Callable[[], dict[str, Any]]) -> None:
    """The zygote: say it is ready, take the solution, then fork a call server for every
    request and report every child's exit."""
    control = socket.socket(fileno=int(setup["control_fd"]))
    control.send(b'{"ready": 1}')
    payload = receive()
    wakeup_r, wakeup_w = os.pipe()
    os.set_blocking(wakeup_w, False)
    signal.set_wakeup_fd(wakeup_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    while True:
        ready, _, _ = select.select([control.fileno(), wakeup_r], [], [])
        if wakeup_r in ready:
            os.read(wakeup_r, 512)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                control.send(json.dumps({"exited": pid, "status": status}).encode())
        if control.fileno() in ready:
            message, fds, _, _ = socket.recv_fds(control, 1 << 16, 4)
            if not message:
                return
            pid = fork_child(fds, payload)
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"spawned": pid, "request": int(message)}).encode())
