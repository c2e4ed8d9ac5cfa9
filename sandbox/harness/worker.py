"""The candidate's side of the sandbox: load the solution, run probes on request.

Runs in a process of its own (forked by the harness in the container, or in-process on
the trusted side for the reference). Whatever the solution does here can only spoil its
own observations: timings are taken by the harness, scores by trusted code elsewhere.
"""

from __future__ import annotations

import json
import linecache
import os
import struct
import sys
import traceback
import types
from collections.abc import Iterable
from typing import Any

from sandbox.harness import wire
from sandbox.harness.probing import Probe, ProbeContext

SOLUTION_FILENAME = "solution.py"


def load_module(module_name: str, filename: str, source: str) -> types.ModuleType:
    """Execute ``source`` as a fresh module; tracebacks will show its lines as ``filename``."""
    module = types.ModuleType(module_name)
    module.__file__ = filename
    sys.modules[module_name] = module
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def load_solution(source: str, module_name: str = "solution") -> types.ModuleType:
    return load_module(module_name, SOLUTION_FILENAME, source)


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


def run_probe(probe: Probe, context: ProbeContext) -> dict[str, Any]:
    """One probe as a report frame (without timings, which belong to whoever watches)."""
    try:
        observations = wire.encode_observations(probe.function(context))
    except MemoryError as error:
        return {"status": "memory", "error": describe_exception(error)}
    except BaseException as error:
        return {"status": "error", "error": describe_exception(error)}
    return {"status": "ok", "observations": observations}


def read_frame(fd: int, limit: int) -> dict[str, Any] | None:
    """Read one frame; ``None`` at end of file."""
    header = _read_exactly(fd, wire.FRAME_HEADER.size)
    if header is None:
        return None
    (length,) = struct.unpack(">I", header)
    if length > limit:
        raise ValueError(f"frame of {length} bytes exceeds {limit}")
    body = _read_exactly(fd, length)
    if body is None:
        return None
    message = json.loads(body)
    if not isinstance(message, dict):
        raise ValueError("frame is not an object")
    return message


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def serve(
    request_fd: int, response_fd: int, source: str, seed: int, probes: Iterable[Probe]
) -> None:
    """The worker's main loop: say whether the solution loaded, then answer probe requests."""
    by_name = {p.name: p for p in probes}
    try:
        solution = load_solution(source)
    except BaseException as error:
        wire.write_frame(response_fd, {"ready": False, "error": describe_exception(error)})
        return
    wire.write_frame(response_fd, {"ready": True})
    context = ProbeContext(solution=solution, seed=seed)
    while (request := read_frame(request_fd, 1 << 16)) is not None:
        wire.write_frame(response_fd, run_probe(by_name[request["probe"]], context))


def run_in_process(source: str, seed: int, probes: list[Probe]) -> list[dict[str, Any]]:
    """Run probes on a trusted solution in this process (the reference, the floor benchmark).

    Reports have the same shape as the harness's; a group's later probes are skipped after
    a failure, as in the sandbox.
    """
    import time

    solution = load_solution(source, module_name=f"solution_{os.getpid()}_{id(source)}")
    reports: list[dict[str, Any]] = []
    context: ProbeContext | None = None
    group: str | None = None
    failed = False
    for probe in probes:
        if probe.group != group:
            group, failed = probe.group, False
            context = ProbeContext(solution=solution, seed=seed)
        assert context is not None
        if failed:
            reports.append(
                {"name": probe.name, "status": "skipped", "error": "an earlier probe failed"}
            )
            continue
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        report = run_probe(probe, context)
        report.update(
            name=probe.name,
            wall_seconds=time.perf_counter() - start_wall,
            cpu_seconds=time.process_time() - start_cpu,
        )
        failed = report["status"] != "ok"
        reports.append(report)
    return reports
