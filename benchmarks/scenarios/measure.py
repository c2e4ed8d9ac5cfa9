"""What the load scenarios read off the machine and the processes (/proc), and the numbers
they print."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from judge_overhead import percentile

from tests.support.stack import descendants


class BenchmarkError(Exception):
    """The stack misbehaved; the message says how."""


def log(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


def load_average() -> float:
    return os.getloadavg()[0]


def wait_for_quiet_machine(max_load: float, max_wait: float) -> str:
    """Poll the 1-minute load average every 30 s until it is below ``max_load``."""
    started = time.monotonic()
    while load_average() >= max_load and time.monotonic() - started < max_wait:
        log(f"1-minute load average {load_average():.2f} ≥ {max_load}; waiting 30 s")
        time.sleep(30)
    waited = time.monotonic() - started
    load = load_average()
    quiet = "below" if load < max_load else "still not below"
    return f"{load:.2f} at the start ({quiet} {max_load} after waiting {waited:.0f} s)"


@dataclasses.dataclass(frozen=True)
class TreeCpu:
    """CPU seconds (user + system) of a process tree."""

    own: float  # the living processes' own time
    reaped: float  # the children they reaped (cutime + cstime): finished subprocesses

    @property
    def total(self) -> float:
        return self.own + self.reaped

    def __sub__(self, earlier: TreeCpu) -> TreeCpu:
        return TreeCpu(self.own - earlier.own, self.reaped - earlier.reaped)


def process_tree_cpu(pids: Iterable[int]) -> TreeCpu:
    """CPU time of ``pids`` and their descendants. A subprocess that finished is counted
    in its parent's ``reaped`` time once waited for; none is counted twice."""
    own = reaped = 0
    members = set(pids)
    for pid in list(members):
        members |= descendants(pid)
    for member in members:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            own += int(fields[11]) + int(fields[12])
            reaped += int(fields[13]) + int(fields[14])
    ticks = os.sysconf("SC_CLK_TCK")
    return TreeCpu(own / ticks, reaped / ticks)


def process_cpu_seconds(pid: int) -> float:
    """CPU time of ``pid`` and its descendants (uvicorn's worker processes)."""
    return process_tree_cpu([pid]).own


def process_status(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise BenchmarkError(f"no {key} in /proc/{pid}/status")


def machine_cpu() -> tuple[int, int]:
    """Busy and total jiffies of all cores (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def rss_mib(pid: int) -> float:
    return process_status(pid, "VmRSS") / 1024


def open_descriptors(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def p(values: Sequence[float], q: float) -> float:
    return percentile(list(values), q) if values else float("nan")


def median_of(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"
