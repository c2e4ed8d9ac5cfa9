"""The sandbox's CPU clock: seconds of CPU that every process in the container has used.

Timed calls are measured on it rather than on the wall. A call's CPU time does not grow
while the machine's other work (another judging, a pool's refill, the host) keeps the
candidate's process waiting for a core, which made the same file's timings differ from one
judging to the next. It counts every process of the container, whatever started it, so work
handed to a helper process or thread counts too; the cgroup's files are mounted read-only
and the candidate runs under another uid, so it cannot reset them.

Standard library only (it runs in the sandbox).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

CGROUP_V2 = Path("/sys/fs/cgroup/cpu.stat")  # "usage_usec <n>"
CGROUP_V1 = Path("/sys/fs/cgroup/cpuacct/cpuacct.usage")  # nanoseconds


def cgroup_v2_seconds(text: str) -> float:
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "usage_usec":
            return int(value) / 1e6
    raise ValueError("cpu.stat has no usage_usec")


def cgroup_v1_seconds(text: str) -> float:
    return int(text) / 1e9


def cpu_clock(v2: Path = CGROUP_V2, v1: Path = CGROUP_V1) -> Callable[[], float] | None:
    """A function reading the container's CPU seconds, or ``None`` where no cgroup file
    says them (outside a container)."""
    for path, parse in ((v2, cgroup_v2_seconds), (v1, cgroup_v1_seconds)):
        try:
            parse(path.read_text())
        except (OSError, ValueError):
            continue
        return _reader(path, parse)
    return None


def _reader(path: Path, parse: Callable[[str], float]) -> Callable[[], float]:
    def seconds() -> float:
        return parse(path.read_text())

    return seconds
