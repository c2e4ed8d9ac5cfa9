"""What code inside the sandbox can see and do, recorded from inside a real container.

The "solution" of tests/sandbox/fixtures/sandbox-introspection runs where a candidate's code
runs (a process forked by the candidate's zygote) and records the network, identity,
filesystem, limits and what of the harness is reachable; these tests assert the container's
lock-down on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from sandbox.container import PIDS_LIMIT, TMPFS_MB, ContainerRunner
from sandbox.observations import ProbeResult, ProbeStatus, decode_probe
from sandbox.problem import ProblemPackage, load_problem

pytestmark = [pytest.mark.docker, pytest.mark.usefixtures("no_leftovers")]

NOBODY = 65534
RUNNER_VARIABLES = {
    "PATH",
    "HOME",
    "HOSTNAME",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "LC_CTYPE",
}


@pytest.fixture(scope="module")
def introspection_problem() -> ProblemPackage:
    return load_problem(Path(__file__).parent / "fixtures" / "sandbox-introspection")


@pytest.fixture(scope="module")
def seen(
    introspection_problem: ProblemPackage, runner: ContainerRunner
) -> Mapping[str, ProbeResult]:
    problem = introspection_problem
    outcome = runner.run(problem, problem.reference, 1, problem.probes, lambda report: None)
    assert not outcome.failure, outcome.failure
    results = {str(r["name"]): decode_probe(str(r["name"]), r) for r in outcome.reports}
    for result in results.values():
        assert result.status is ProbeStatus.OK, f"{result.name}: {result.error}"
    return results


def test_only_the_loopback_interface_and_no_route(seen: Mapping[str, ProbeResult]) -> None:
    network = seen["network"]
    assert network.value("interfaces") == ["lo"]
    assert network.value("dev_interfaces") == ["lo"]
    assert network.value("routes") == []
    assert network.value("ipv6_routes") == []
    # Nothing listens on the container's own loopback, and no name resolves.
    assert all(item.endswith(":ECONNREFUSED") for item in network.strings("loopback_connects"))
    assert network.value("hostname_resolves") != "ok"


def test_runs_as_nobody_without_capabilities(seen: Mapping[str, ProbeResult]) -> None:
    identity = seen["identity"]
    assert identity.value("uid") == identity.value("euid") == NOBODY
    assert identity.value("gid") == NOBODY
    for capabilities in ("cap_eff", "cap_prm", "cap_bnd", "cap_amb"):
        assert int(str(identity.value(capabilities)), 16) == 0, capabilities
    assert identity.value("no_new_privs") == "1"
    assert identity.value("seccomp") == "2"  # a seccomp filter is on


def test_environment_holds_no_secrets(seen: Mapping[str, ProbeResult]) -> None:
    identity = seen["identity"]
    names = {item.split("=", 1)[0] for item in identity.strings("environment")}
    assert names <= RUNNER_VARIABLES, names - RUNNER_VARIABLES
    assert identity.value("secret_like_variables") == []


def test_root_is_read_only_and_tmp_is_small_and_noexec(seen: Mapping[str, ProbeResult]) -> None:
    filesystem = seen["filesystem"]
    assert str(filesystem.value("root_mount")).split(",")[0] == "ro"
    for item in filesystem.strings("writes"):
        directory, _, outcome = item.rpartition(":")
        assert outcome in ("EROFS", "EACCES"), f"{directory} is writable"
    # /tmp is the harness's (mode 755): the candidate reads it but writes nothing there,
    # and nothing there can be executed; there is no /dev/shm (IPC mode "none").
    assert filesystem.value("tmp_write") == "EACCES"
    tmp = str(filesystem.value("tmp_mount")).split(",")
    assert {"noexec", "nosuid", "nodev"} <= set(tmp)
    assert f"size={TMPFS_MB * 1024}k" in tmp
    assert filesystem.value("tmp_exec") in ("EACCES", "ENOENT")
    assert filesystem.value("shm_write") == "ENOENT"
    assert filesystem.value("shm_mount") == ""


def test_no_docker_socket_and_no_host_mounts(seen: Mapping[str, ProbeResult]) -> None:
    filesystem = seen["filesystem"]
    assert filesystem.value("docker_sockets") == []
    mounted = {item.split()[0] for item in filesystem.strings("mounts")}
    assert not {m for m in mounted if m.startswith(("/var/run", "/run", "/home", "/root", "/work"))}
    assert "console" not in filesystem.strings("dev")


def test_limits_pids_memory_cpu_and_descriptors(
    seen: Mapping[str, ProbeResult], introspection_problem: ProblemPackage
) -> None:
    limits = seen["limits"]
    memory = introspection_problem.limits.memory_mb << 20
    assert limits.value("pids_max") == str(PIDS_LIMIT)
    assert limits.value("memory_max") == str(memory)
    assert limits.value("memory_swap_max") == str(memory)  # no swap on top
    assert int(str(limits.value("cpu_quota"))) == int(str(limits.value("cpu_period")))  # 1 CPU
    assert limits.value("rlimit_as") == memory
    assert limits.value("rlimit_core") == 0
    assert limits.value("rlimit_nofile") == 256
    # The candidate holds stdin, stdout, stderr and its two pipes to the harness (+ the listing's).
    assert limits.strings("open_fds") == ["0", "1", "2", "3", "4", "5"]
    assert limits.value("oom_score_adj") == "1000"  # the OOM killer takes the candidate first


def test_harness_is_out_of_reach(seen: Mapping[str, ProbeResult]) -> None:
    harness = seen["harness"]
    # The harness is root of the container; the candidate (uid 65534) is a child of the
    # zygote, a fresh interpreter, never of the harness.
    assert harness.value("pid1_uid") == "0"
    assert harness.value("ppid") != 1
    for attempt in ("pid1_environ", "pid1_fds", "pid1_mem", "pid1_stdout", "pid1_root"):
        assert harness.value(attempt) == "EACCES", attempt
    # Another uid: no signal, no resource limit, no priority and no scheduling change.
    for attempt in ("pid1_signal", "pid1_prlimit", "pid1_setpriority", "pid1_sched_idle"):
        assert harness.value(attempt) == "EPERM", attempt
    assert harness.value("pid1_state_after_sigstop") in ("S", "R")
    # Besides itself: the harness, the zygote and the harness's trusted yardstick process.
    processes = set(harness.strings("processes"))
    assert {"1", str(harness.value("ppid")), str(harness.value("pid"))} < processes
    assert len(processes) == 4


def test_nothing_survives_into_the_next_group(seen: Mapping[str, ProbeResult]) -> None:
    assert seen["start_daemon"].strings("daemons"), "the daemon did not start"
    survivors = seen["survivors"]
    assert survivors.strings("recorded") == seen["start_daemon"].strings("daemons")
    assert survivors.value("alive") == []
    assert survivors.value("other_processes") == []
    # No file either: the candidate cannot write /tmp (nor anywhere else).
    assert seen["start_daemon"].value("file_written") == "EACCES"
    assert survivors.value("file_from_earlier_group") is False
