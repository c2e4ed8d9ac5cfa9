"""Running the harness in a fresh, locked-down container (the runner for untrusted code).

One container per judging, used once: no network, read-only root, a small noexec ``/tmp``,
an unprivileged user without capabilities, no new privileges, a pid limit, a memory limit
without swap, one CPU. A container starts *warm*: the harness's modules go in on stdin
first, and the harness starts the candidate's zygote (NumPy imported) and says ``ready``;
the judging's payload follows, at once (a cold start) or when a pool
(``sandbox.pool.SandboxPool``) hands the waiting container to a judging. The harness's JSON
lines come back on the attach stream, read with a size cap and a deadline. Nothing is
mounted and no file the sandbox wrote is ever read, so there is nothing to follow a symlink
to. The container is removed after its one judging whatever happens; its labels (owner,
deadline) let ``remove_orphans`` clean up after a worker that died.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import re
import secrets
import socket
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import docker
import docker.errors
import docker.types

from sandbox.attach import AttachStream
from sandbox.harness.probing import Probe
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
    ("sandbox.harness.stop_point", HARNESS_DIR / "stop_point.py"),
    ("sandbox.harness.scaled_copies", HARNESS_DIR / "scaled_copies.py"),
    ("sandbox.harness.estimator_spec", HARNESS_DIR / "estimator_spec.py"),
    ("sandbox.harness.standard", HARNESS_DIR / "standard.py"),
    ("sandbox.harness.layer_profile", HARNESS_DIR / "layer_profile.py"),
    ("sandbox.harness.tree_probes", HARNESS_DIR / "tree_probes.py"),
    ("sandbox.harness.kinds", HARNESS_DIR / "kinds.py"),
    ("sandbox.harness.processes", HARNESS_DIR / "processes.py"),
    ("sandbox.harness.cpu_clock", HARNESS_DIR / "cpu_clock.py"),
    ("sandbox.harness.main", HARNESS_DIR / "main.py"),
)
SANDBOX_DIR = Path(__file__).parent
_KINDS = [name for name, _ in HARNESS_MODULES].index("sandbox.harness.kinds")
# A package container (``sandbox.package_main``): an untrusted package's probes.py and
# checks.py, collected or graded with the engine's own check API. No candidate runs there.
PACKAGE_MODULES = (
    *HARNESS_MODULES[: _KINDS + 1],  # up to sandbox.harness.kinds: no zygote, no harness main
    ("sandbox.rubric", SANDBOX_DIR / "rubric.py"),
    ("sandbox.loops", SANDBOX_DIR / "loops.py"),
    ("sandbox.observations", SANDBOX_DIR / "observations.py"),
    ("sandbox.checking", SANDBOX_DIR / "checking.py"),
    ("sandbox.timing_checks", SANDBOX_DIR / "timing_checks.py"),
    ("sandbox.stop_checks", SANDBOX_DIR / "stop_checks.py"),
    ("sandbox.scale_checks", SANDBOX_DIR / "scale_checks.py"),
    ("sandbox.profiles", SANDBOX_DIR / "profiles.py"),
    ("sandbox.layer_checks", SANDBOX_DIR / "layer_checks.py"),
    ("sandbox.named_checks", SANDBOX_DIR / "named_checks.py"),
    ("sandbox.named_entries", SANDBOX_DIR / "named_entries.py"),
    ("sandbox.tree_checks", SANDBOX_DIR / "tree_checks.py"),
    ("sandbox.profile_kinds", SANDBOX_DIR / "profile_kinds.py"),
    ("sandbox.subspace_checks", SANDBOX_DIR / "subspace_checks.py"),
    ("sandbox.grading", SANDBOX_DIR / "grading.py"),
    ("sandbox.package_main", SANDBOX_DIR / "package_main.py"),
)
LABEL = "numjudge.sandbox"
DEADLINE_LABEL = "numjudge.deadline"
OWNER_LABEL = "numjudge.owner"
# The harness is root of the container with four capabilities: SETUID and SETGID to start
# the candidate's zygote as uid 65534, SETPCAP to clear the zygote's bounding set first,
# KILL to stop and kill the candidate's processes. The candidate's processes have none.
HARNESS_USER = "0:0"
HARNESS_CAPABILITIES = ("SETUID", "SETGID", "SETPCAP", "KILL")
# A package container starts no other process: nobody, without any capability.
PACKAGE_USER = "65534:65534"
STARTUP_SLACK_SECONDS = 10.0
PIDS_LIMIT = 64
IPC_SYSCTLS = {
    "kernel.shmmax": "0",
    "kernel.shmall": "0",
    "kernel.msgmnb": "0",
    "kernel.sem": "0 0 0 0",
}
TMPFS_MB = 16
# A pooled sandbox's deadline covers its wait in the pool and then the longest judging it
# may take; a judging that needs more than is left takes a fresh container instead.
RUN_MARGIN_SECONDS = 60.0
ACCEPT_SECONDS = 10.0  # a warm harness reads its payload at once; a dead one never does
READY_SECONDS = 60.0  # a cold start: dockerd, Python, NumPy, the zygote
ATTEMPTS = 3  # sandboxes tried before a judging gives up (each died before its payload)
NAME_PREFIX = "numjudge-"


def owner() -> str:
    """Who started a container: this host, and this process with its start time (so a pid
    the kernel reused is not taken for the owner)."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def _start_time(pid: int) -> str:
    """A process's start time (clock ticks since boot); "?" once it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return "?"
    return "?" if fields[0] in (b"Z", b"X") else fields[19].decode()


def owner_gone(label: str) -> bool:
    """Whether the owner a label names is known to be dead: a process of this host that no
    longer runs (or whose pid now belongs to another process). Owners on other hosts are
    never known dead; their containers wait for their deadline."""
    host, _, rest = label.partition(":")
    pid, _, started = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit() or not started:
        return False
    return _start_time(int(pid)) != started


@dataclasses.dataclass(frozen=True)
class HarnessSources:
    """What a sandbox is started with: the bootstrap, the modules, the one that takes over,
    and the user and capabilities its first process has."""

    boot: str
    modules: tuple[tuple[str, str], ...]
    entry: str = "sandbox.harness.main"
    user: str = HARNESS_USER
    capabilities: tuple[str, ...] = HARNESS_CAPABILITIES

    @functools.cached_property
    def digest(self) -> str:
        text = json.dumps([self.boot, self.modules, self.entry, self.user, self.capabilities])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def harness_sources() -> HarnessSources:
    """Read once per runner or pool: every sandbox it starts carries the same harness."""
    return HarnessSources(
        (HARNESS_DIR / "boot.py").read_text(),
        tuple((name, path.read_text()) for name, path in HARNESS_MODULES),
    )


def package_sources() -> HarnessSources:
    """What a package container starts with: ``sandbox.package_main`` as nobody."""
    return HarnessSources(
        (HARNESS_DIR / "boot.py").read_text(),
        tuple((name, path.read_text()) for name, path in PACKAGE_MODULES),
        entry="sandbox.package_main",
        user=PACKAGE_USER,
        capabilities=(),
    )


def run_deadline(problem: ProblemPackage, probes: Sequence[Probe]) -> float:
    """Seconds the whole container may live: every budget, plus imports, plus start-up."""
    groups = len({p.group for p in probes})
    budgets = sum(p.budget_seconds for p in probes)
    return budgets + groups * problem.limits.import_seconds + STARTUP_SLACK_SECONDS


@dataclasses.dataclass(frozen=True)
class SandboxSpec:
    """What a sandbox is made for. A waiting sandbox serves a judging only if its spec is
    the judging's: same image (by id: a rebuilt image under the same tag is another), same
    memory limit, same harness."""

    image: str
    image_id: str
    memory_mb: int
    harness: str

    @property
    def digest(self) -> str:
        text = f"{self.image}|{self.image_id}|{self.memory_mb}|{self.harness}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def image_id(api: Any, image: str) -> str:
    return str(api.inspect_image(image)["Id"])


def host_config(
    api: Any, memory_mb: int, capabilities: Sequence[str] = HARNESS_CAPABILITIES
) -> Any:
    memory = memory_mb * (1 << 20)
    return api.create_host_config(
        network_mode="none",
        read_only=True,
        # The harness makes /tmp its own (mode 755) before the candidate's code starts.
        tmpfs={"/tmp": f"rw,noexec,nosuid,nodev,size={TMPFS_MB}m"},
        cap_drop=["ALL"],
        cap_add=list(capabilities) or None,
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


def judging_name(labels: Mapping[str, str]) -> str:
    """A container's name once it serves a judging: what the judging's labels say (a pooled
    container was created before they were known, and labels cannot change; names can)."""
    parts = [_name_part(key.removeprefix("numjudge.")) + _name_part(v) for key, v in labels.items()]
    return NAME_PREFIX + "-".join([*parts, secrets.token_hex(4)])


def _name_part(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]", "", text)


class Sandbox:
    """One started container whose harness waits for one payload. Used once, then removed."""

    def __init__(
        self,
        api: Any,
        container_id: str,
        raw: socket.socket,
        wrapper: Any,
        spec: SandboxSpec,
        deadline: float,
    ) -> None:
        self.api = api
        self.id = container_id
        self.raw = raw
        self.wrapper = wrapper
        self.stream = AttachStream(raw)
        self.spec = spec
        self.deadline = deadline  # unix time, as on its label
        self.created = time.monotonic()
        self.ready = False

    @classmethod
    def start(
        cls,
        api: Any,
        spec: SandboxSpec,
        sources: HarnessSources,
        lifetime_seconds: float,
        labels: Mapping[str, str] | None = None,
        on_created: Callable[[str], None] | None = None,
    ) -> Sandbox:
        """Create and start a container and send the harness's modules (not waiting);
        ``on_created`` hears of the container as soon as it exists."""
        deadline = time.time() + lifetime_seconds
        all_labels = {
            LABEL: "1",
            DEADLINE_LABEL: str(int(deadline)),
            OWNER_LABEL: owner(),
            **(labels or {}),
        }
        container = api.create_container(
            spec.image_id or spec.image,
            command=["python3", "-I", "-c", sources.boot],
            user=sources.user,
            working_dir="/tmp",
            environment={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "HOME": "/tmp"},
            stdin_open=True,
            network_disabled=True,
            labels=all_labels,
            host_config=host_config(api, spec.memory_mb, sources.capabilities),
        )
        container_id = container["Id"]
        if on_created is not None:
            on_created(container_id)
        try:
            wrapper = api.attach_socket(
                container_id, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
            )
            sandbox = cls(api, container_id, wrapper._sock, wrapper, spec, deadline)
            api.start(container_id)
            setup = json.dumps(
                {"entry": sources.entry, "boot": sources.boot, "modules": sources.modules}
            ).encode()
            with contextlib.suppress(OSError):  # a sandbox that died at once: wait_ready says
                sandbox.raw.sendall(f"{len(setup)}\n".encode() + setup)
        except BaseException:
            _remove(api, container_id)
            raise
        return sandbox

    def wait_ready(self, timeout: float) -> bool:
        """Whether the harness said ``ready`` (zygote started, NumPy imported) in time."""
        deadline = time.perf_counter() + timeout
        while not self.ready and (line := self.stream.read_line(deadline)) is not None:
            self.ready = _message_type(line) == "ready"
        return self.ready

    def usable(self, needed_seconds: float) -> bool:
        """Ready, still waiting (nothing said since, stream open) and alive long enough."""
        return (
            self.ready
            and self.stream.quiet()
            and self.deadline - time.time() >= needed_seconds + RUN_MARGIN_SECONDS
        )

    def rename(self, name: str) -> None:
        with contextlib.suppress(docker.errors.APIError):
            self.api.rename(self.id, name)

    def run(
        self, body: bytes, allowed_seconds: float, on_report: ReportCallback
    ) -> RunOutcome | None:
        """Judge one payload; ``None`` if the sandbox died before it took the payload."""
        with contextlib.suppress(OSError):
            self.raw.sendall(f"{len(body)}\n".encode() + body)
        accept_deadline = time.perf_counter() + ACCEPT_SECONDS
        line = self.stream.read_line(accept_deadline)
        if line is None or _message_type(line) != "accepted":
            return None
        started = time.perf_counter()
        outcome = _collect(self.stream, started + allowed_seconds, on_report)
        if outcome.timed_out:
            outcome.failure = (
                f"the sandbox was stopped after {allowed_seconds:g} s, its total time limit"
            )
        elif outcome.failure and _oom_killed(self.api, self.id):
            outcome.memory_exceeded = True
            outcome.failure = "the memory limit was exceeded (the sandbox was killed)"
        return outcome

    def remove(self) -> None:
        # raw.close() alone leaves the connection open while the SocketIO wrapper holds it,
        # and dockerd then blocks removing the container.
        with contextlib.suppress(OSError):
            self.raw.shutdown(socket.SHUT_RDWR)
        self.wrapper.close()
        self.raw.close()
        _remove(self.api, self.id)


class SandboxSource(Protocol):
    """Where a runner gets its sandboxes: started on demand, or from a warm pool."""

    def spec(self, memory_mb: int) -> SandboxSpec: ...

    def take(self, spec: SandboxSpec, needed_seconds: float) -> Sandbox: ...

    def release(self, sandbox: Sandbox) -> None: ...


class ColdStart:
    """A sandbox started for each judging, on the request path; removed before returning."""

    def __init__(
        self, client: docker.DockerClient, image: str, sources: HarnessSources | None = None
    ) -> None:
        self.api = client.api
        self.image = image
        self.sources = sources or harness_sources()

    def spec(self, memory_mb: int) -> SandboxSpec:
        return SandboxSpec(self.image, "", memory_mb, self.sources.digest)

    def take(self, spec: SandboxSpec, needed_seconds: float) -> Sandbox:
        return start_ready(self.api, spec, self.sources, needed_seconds + RUN_MARGIN_SECONDS)

    def release(self, sandbox: Sandbox) -> None:
        sandbox.remove()


def start_ready(
    api: Any, spec: SandboxSpec, sources: HarnessSources, lifetime_seconds: float
) -> Sandbox:
    """A sandbox started now and waited for (a cold start)."""
    sandbox = Sandbox.start(api, spec, sources, lifetime_seconds)
    sandbox.wait_ready(READY_SECONDS)  # not ready: its run() sees it took no payload
    return sandbox


class ContainerRunner:
    """Judges in a sandbox of its own per judging, from ``pool`` or started on demand."""

    def __init__(
        self,
        client: docker.DockerClient,
        image: str,
        labels: Mapping[str, str] | None = None,
        pool: SandboxSource | None = None,
    ):
        self.labels = dict(labels or {})
        self.source: SandboxSource = pool or ColdStart(client, image)
        # Package containers start cold: a pool's waiting sandboxes hold the harness.
        self.package_source = ColdStart(client, image, package_sources())

    def run(
        self,
        problem: ProblemPackage,
        source: str,
        seed: int,
        probes: Sequence[Probe],
        on_report: ReportCallback,
        *,
        measure_speed: bool = True,
    ) -> RunOutcome:
        payload = {
            "profile": problem.profile,
            "probes": problem.probes_source,
            "solution": source,
            "seed": seed,
            "only": [p.name for p in probes],
            "measure_speed": measure_speed,
            "limits": {
                "memory_bytes": problem.limits.memory_mb * (1 << 20),
                "output_bytes": problem.limits.output_kib * 1024,
                "import_seconds": problem.limits.import_seconds,
            },
        }
        allowed_seconds = run_deadline(problem, probes)
        return self._judge(
            self.source, problem.limits.memory_mb, payload, allowed_seconds, on_report
        )

    def run_package(
        self, memory_mb: int, task: Mapping[str, Any], allowed_seconds: float
    ) -> RunOutcome:
        """Run one task of an untrusted package's code (``sandbox.package_main``) in a
        package container of its own; its ``result`` lines come back as the reports."""
        return self._judge(self.package_source, memory_mb, task, allowed_seconds, _ignore)

    def _judge(
        self,
        source: SandboxSource,
        memory_mb: int,
        payload: Mapping[str, Any],
        allowed_seconds: float,
        on_report: ReportCallback,
    ) -> RunOutcome:
        """One payload in one sandbox from ``source`` (another, up to ``ATTEMPTS``, when a
        sandbox dies before it takes the payload)."""
        started = time.perf_counter()
        body = json.dumps(payload).encode()
        spec = source.spec(memory_mb)
        outcome: RunOutcome | None = None
        for _ in range(ATTEMPTS):
            sandbox = source.take(spec, allowed_seconds)
            sandbox_started = time.perf_counter()
            # The container is named after the judging (submission, attempt) while it runs.
            naming = threading.Thread(target=sandbox.rename, args=(judging_name(self.labels),))
            if self.labels:
                naming.start()
            try:
                outcome = sandbox.run(body, allowed_seconds, on_report)
            finally:
                if self.labels:
                    naming.join()
                source.release(sandbox)
            if outcome is not None:
                outcome.timing["container_start"] = sandbox_started - started
                outcome.timing["harness"] = time.perf_counter() - sandbox_started
                break
        if outcome is None:
            outcome = RunOutcome(
                reports=[], failure=f"no sandbox took the judging ({ATTEMPTS} tried; see the logs)"
            )
        outcome.timing["sandbox_total"] = time.perf_counter() - started
        return outcome


def _ignore(_report: dict[str, Any]) -> None:
    pass


def _message_type(line: bytes) -> str:
    try:
        message = json.loads(line)
    except ValueError:
        return ""
    return str(message.get("type", "")) if isinstance(message, dict) else ""


def _collect(stream: AttachStream, deadline: float, on_report: ReportCallback) -> RunOutcome:
    """Read harness lines until ``done`` (or ``fatal``), the end, the cap or the deadline."""
    outcome = RunOutcome(reports=[])
    finished = False
    while not finished and (line := stream.read_line(deadline)) is not None:
        finished = _handle_line(line, outcome, on_report)
    if stream.timed_out:
        outcome.timed_out = True
    elif stream.overflowed:
        outcome.failure = "the sandbox produced more output than the judge accepts"
    elif not finished and not outcome.failure:
        tail = stream.stderr_tail()
        outcome.failure = "the sandbox stopped before reporting every probe" + (
            f": {tail}" if tail else ""
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
    elif kind == "result":  # a package container's (sandbox.package_main), checked by its caller
        outcome.reports.append(message)
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
    """Remove sandbox containers whose owner is gone or whose deadline passed (or all of
    them); return how many.

    A worker that dies leaves its containers: the one it was judging in, and its pool's
    waiting ones. Any worker removes them once the deadline on their label has passed, or
    at once when their owner was a process of this host that no longer runs, without
    disturbing the live runs and pools of others.
    """
    removed = 0
    for container in client.api.containers(all=True, filters={"label": LABEL}):
        labels = container.get("Labels") or {}
        deadline = int(labels.get(DEADLINE_LABEL, "0") or 0)
        if everything or deadline < time.time() or owner_gone(labels.get(OWNER_LABEL, "")):
            _remove(client.api, container["Id"])
            removed += 1
    return removed
