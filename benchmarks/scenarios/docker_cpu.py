"""CPU time of the sandbox containers of the run's workers, and of the Docker daemons.

Docker on this machine uses cgroup v1 with the cgroupfs driver: a container's CPU time is
``/sys/fs/cgroup/cpuacct/docker/<id>/cpuacct.usage`` (ns), and that cgroup goes with the
container. cpuacct charges every ancestor as well, so ``docker/cpuacct.usage`` counts every
container that ever ran, removed ones included: over a window in which no other container
used the CPU, its growth is exactly our containers' CPU time, from their warm start in the
pool to their exit. Other engineers' containers may run on the same machine, so a thread
samples every container's own usage (every ``SAMPLE_SECONDS``) and tells ours (the owner
label names a process of one of our workers) from the others. In a window where another
container used the CPU, our containers' sampled usage stands in: short by what each used
after its last sample (its exit), at most ``SAMPLE_SECONDS`` of it.

Beside them: dockerd and containerd (machine-wide: other engineers' Docker work lands there
too) and the shim of each of our containers (``containerd-shim-runc-v2 -id <id>``; sampled
like the cgroup, as it exits with it). Only the shim's own time: what it reaped is the runc
commands it ran and also the container's first process, whose time the cgroup counts
already, so runc's share is not counted anywhere.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import docker.errors

from sandbox.container import OWNER_LABEL
from scenarios.measure import BenchmarkError

CGROUP_DIR = Path("/sys/fs/cgroup/cpuacct/docker")
SAMPLE_SECONDS = 0.02
DAEMONS = frozenset({"dockerd", "containerd"})
SHIM_PREFIX = "containerd-shim"


def pid_cpu_seconds(pid: int, reaped: bool = True) -> float:
    """User + system time of ``pid``, and of the children it reaped unless not ``reaped``;
    0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(value) for value in fields[11 : 15 if reaped else 13]) / os.sysconf("SC_CLK_TCK")


def processes_named(wanted: Callable[[str], bool]) -> dict[int, str]:
    """Processes whose name (``comm``) ``wanted`` accepts: pid → command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if wanted(Path(f"/proc/{entry}/comm").read_text().strip()):
                    found[int(entry)] = Path(f"/proc/{entry}/cmdline").read_text()
    return found


@dataclasses.dataclass
class Container:
    ours: bool
    shim_pid: int | None
    cgroup_seconds: float = 0.0  # last sampled
    shim_seconds: float = 0.0
    gone: bool = False


@dataclasses.dataclass(frozen=True)
class DockerSnapshot:
    total_seconds: float  # docker/cpuacct.usage: every container, removed ones too
    daemons_seconds: float  # dockerd + containerd
    containers: dict[str, Container]  # copies, as last sampled


@dataclasses.dataclass(frozen=True)
class SandboxCpu:
    """Our containers' CPU time over a window between two snapshots."""

    seconds: float
    shims: float
    daemons: float
    exact: bool  # from the parent cgroup: no other container used the CPU meanwhile
    sampled: float  # our containers' sampled usage (equal to ``seconds`` unless exact)


class DockerCpu:
    """Samples the containers' cgroups in a thread while in use (a context manager);
    ``owner_pids`` says which processes are the run's workers."""

    def __init__(self, api: Any, owner_pids: Callable[[], set[int]]) -> None:
        if not (CGROUP_DIR / "cpuacct.usage").exists():
            raise BenchmarkError(
                f"no {CGROUP_DIR}/cpuacct.usage: this scenario reads cgroup v1 with Docker's "
                "cgroupfs driver (see docs/benchmarks.md)"
            )
        self.api = api
        self.owner_pids = owner_pids
        self.containers: dict[str, Container] = {}
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._sample_until_stopped, daemon=True)

    def __enter__(self) -> DockerCpu:
        self.sample()
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self.thread.join()

    def _sample_until_stopped(self) -> None:
        while not self.stopped.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        present = {path.name for path in CGROUP_DIR.iterdir() if path.is_dir()}
        with self.lock:
            for container_id in present - self.containers.keys():
                self.containers[container_id] = self._classify(container_id)
            for container_id, container in self.containers.items():
                if container.gone:
                    continue
                if container_id not in present:
                    container.gone = True
                    continue
                with contextlib.suppress(OSError, ValueError):
                    usage = (CGROUP_DIR / container_id / "cpuacct.usage").read_text()
                    container.cgroup_seconds = int(usage) / 1e9
                if container.shim_pid is not None:
                    container.shim_seconds = max(
                        container.shim_seconds, pid_cpu_seconds(container.shim_pid, reaped=False)
                    )

    def _classify(self, container_id: str) -> Container:
        """Ours when its owner label names one of our workers' processes; a container gone
        before it could be asked counts as another's."""
        try:
            labels = self.api.inspect_container(container_id)["Config"]["Labels"] or {}
        except docker.errors.DockerException:  # removed meanwhile
            return Container(ours=False, shim_pid=None)
        _host, _, rest = str(labels.get(OWNER_LABEL, "")).partition(":")
        pid = rest.partition(":")[0]
        ours = pid.isdigit() and int(pid) in self.owner_pids()
        shims = processes_named(lambda name: name.startswith(SHIM_PREFIX))
        shim = next((p for p, line in shims.items() if container_id in line), None)
        return Container(ours=ours, shim_pid=shim if ours else None)

    def snapshot(self) -> DockerSnapshot:
        self.sample()
        with self.lock:
            total = int((CGROUP_DIR / "cpuacct.usage").read_text()) / 1e9
            containers = {key: dataclasses.replace(c) for key, c in self.containers.items()}
        daemons = sum(pid_cpu_seconds(pid) for pid in processes_named(DAEMONS.__contains__))
        return DockerSnapshot(total, daemons, containers)

    def live_ours(self) -> list[float]:
        """Our containers still there: their CPU time so far."""
        with self.lock:
            return [c.cgroup_seconds for c in self.containers.values() if c.ours and not c.gone]


def sandbox_cpu(before: DockerSnapshot, after: DockerSnapshot) -> SandboxCpu:
    def grew(container_id: str, field: str) -> float:
        earlier = before.containers.get(container_id)
        start = getattr(earlier, field) if earlier is not None else 0.0
        return float(getattr(after.containers[container_id], field)) - float(start)

    ours = [key for key, c in after.containers.items() if c.ours]
    others = [key for key, c in after.containers.items() if not c.ours]
    sampled = sum(grew(key, "cgroup_seconds") for key in ours)
    # Another's container that went meanwhile may have used the CPU after its last sample.
    others_used = any(
        grew(key, "cgroup_seconds") > 0
        or (after.containers[key].gone and not getattr(before.containers.get(key), "gone", False))
        for key in others
    )
    exact = not others_used
    return SandboxCpu(
        seconds=after.total_seconds - before.total_seconds if exact else sampled,
        shims=sum(grew(key, "shim_seconds") for key in ours),
        daemons=after.daemons_seconds - before.daemons_seconds,
        exact=exact,
        sampled=sampled,
    )
