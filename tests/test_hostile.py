"""Hostile submissions, judged through the real sandbox (Docker engine and sandbox image).

Each file in tests/hostile/ is a complete solution to linear-regression-gd that attacks the
judge instead of solving the problem (fork bombs, forged results, /proc snooping, signals to
the harness, tampering with the probe context, ...). The first line of its docstring names the
attack and ends with ``Verdict: <verdict>.``, the verdict it must get. For every file:

1. the verdict is a clear one (never internal_error) and comes with a message;
2. it scores no more than the untouched starter code (same seed); an attack built on working
   code names instead, in a docstring line ``Twin: twins/<file>.py``, the same code without
   the trick (judged with the same seed, once per session), and scores no more than it; a
   line ``Targets: <category>, ...`` names the categories the trick is after, and in each
   the attack scores no more than its twin either;
3. no sandbox container and no process of its containers is left on the host;
4. the verdict is the one its docstring names, and a time limit is the probe's own budget,
   enforced by the harness (not the container's total deadline);
5. nothing the attack observed is marked ``BREACH`` (the attacks that look for secrets, a
   network, writable places or the harness's memory report what they found that way).

Files listed in KNOWN_WEAKNESSES get a different verdict today because of a weakness of the
engine; they are strict xfails, so fixing the engine makes them fail until they are removed
from the list.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import pytest

from sandbox.container import ContainerRunner
from sandbox.image import image_tag
from sandbox.judge import JudgeReport, judge
from sandbox.observations import ProbeStatus
from sandbox.pool import SandboxPool
from sandbox.problem import ProblemPackage, load_problem
from sandbox.rubric import Category
from sandbox.verdict import Verdict
from tests.conftest import PROBLEMS_DIR, TEST_RUN_SECONDS

HOSTILE_DIR = Path(__file__).parent / "hostile"
TWINS_DIR = HOSTILE_DIR / "twins"  # honest twins: not attacks, never collected as such
PROBLEM_SLUG = "linear-regression-gd"
SEED = 20_251_128
# The harness's command line (python3 -I -c <boot.py>) as /proc/<pid>/cmdline spells it.
HARNESS_CMDLINE = b"python3\0-I\0-c\0"
BREACH = "BREACH"
BUDGET_SLACK_SECONDS = 2.0
PROCESS_GRACE_SECONDS = 5.0

# Attacks whose verdict is wrong today because of a weakness of the engine (see the report
# that introduced this suite). Strict xfails: when the engine is fixed they pass, and pytest
# says so, so that they can be moved out of this list.
KNOWN_WEAKNESSES: dict[str, str] = {
    # --- vectorized_implementation (sandbox/profiles.py marginal_cost, standard.timing) ---
    "loop_below_timed_sizes.py": (
        "the timed sizes are public and fixed (problem.yaml: n=20,000 and 10n): a method that "
        "loops below 20,000 samples and is vectorized above scores 100 (twin: 0). Sizes "
        "drawn from the seed would not close it: a loop over 20,000 samples of 3 features "
        "costs ~12 ms here, under the check's 30-ms allowance for noise, so a loop shows only "
        "at the larger size, and code can loop below the smallest size that could be it"
    ),
}
# Known weaknesses that would also make the run slow or crash judge() itself: not run.
NOT_RUN: dict[str, str] = {
    "yardstick_sigcont_helpers.py": (
        "helpers continue each other while the freeze converges (before the yardstick is "
        "timed), which the attack reports as a BREACH; once every candidate process is seen "
        "stopped in one pass none can run, unless one stops itself right after continuing "
        "another (not attempted): a cgroup freezer would close that race. Timing-dependent, "
        "so not run as a strict xfail"
    ),
}
# Verdicts accepted besides the docstring's, with the condition under which they are.
TOLERATED = {
    # Filling 512 MiB for the first time takes 3-5 s on a slow VM (first-touch page faults),
    # so the OOM kill may come after fit()'s 5-s budget in the first group; later groups,
    # on memory already faulted in, must show the OOM kill.
    "memory_bomb_forked.py": Verdict.TIME_LIMIT,
    # The harness survived (what the attack is after) and named the memory limit: the kill
    # took the candidate's process before the attack's own error surfaced (seen once).
    "oom_kill_harness.py": Verdict.MEMORY_LIMIT,
}


@dataclass(frozen=True)
class Attack:
    path: Path
    title: str
    verdict: Verdict
    after: str | None  # a file to judge first in the same test (run A of a pair)
    twin: Path | None  # the same code without the trick
    targets: tuple[Category, ...]  # the categories the trick is after

    @property
    def source(self) -> str:
        return self.path.read_text()


def read_attack(path: Path) -> Attack:
    """The attack its docstring's first line describes (read as text: some files do not parse)."""
    text = path.read_text()
    match = re.match(r'\s*"""(.*?)"""', text, re.DOTALL)
    assert match, f"{path.name}: no docstring"
    first_line = match.group(1).strip().splitlines()[0]
    verdict = re.search(r"Verdict: (\w+)\.$", first_line)
    assert verdict, f"{path.name}: the docstring's first line must end with 'Verdict: <verdict>.'"
    after = re.search(r"judged right after (\S+\.py)", match.group(1))
    twin = re.search(r"^Twin: (twins/\S+\.py)$", match.group(1), re.MULTILINE)
    targets = re.search(r"^Targets: (.+)$", match.group(1), re.MULTILINE)
    return Attack(
        path,
        first_line,
        Verdict(verdict.group(1)),
        after.group(1) if after else None,
        HOSTILE_DIR / twin.group(1) if twin else None,
        tuple(Category(c.strip()) for c in targets.group(1).split(",")) if targets else (),
    )


def attack_params() -> list[Any]:
    params = []
    for path in sorted(HOSTILE_DIR.glob("*.py")):
        marks = []
        if path.name in KNOWN_WEAKNESSES:
            reason = KNOWN_WEAKNESSES[path.name]
            marks.append(pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason))
        if path.name in NOT_RUN:
            marks.append(pytest.mark.xfail(run=False, reason=NOT_RUN[path.name]))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


# --- what a run leaves on the host ---------------------------------------------------------


class RecordingAPI:
    """The Docker API client, recording the id of every container the runner creates."""

    def __init__(self, api: Any) -> None:
        self._api = api
        self.created: list[str] = []

    def create_container(self, *args: Any, **kwargs: Any) -> Any:
        container = self._api.create_container(*args, **kwargs)
        self.created.append(container["Id"])
        return container

    def __getattr__(self, name: str) -> Any:
        return getattr(self._api, name)


class RecordingClient:
    def __init__(self, client: docker.DockerClient) -> None:
        self.api = RecordingAPI(client.api)


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def harness_processes() -> set[int]:
    """Host pids whose command line is the sandbox harness's."""
    return {
        int(entry)
        for entry in os.listdir("/proc")
        if entry.isdigit() and _read(f"/proc/{entry}/cmdline").startswith(HARNESS_CMDLINE)
    }


def processes_of(container_ids: list[str]) -> dict[int, str]:
    """Host processes whose cgroup is one of these containers': pid -> command line."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        cgroup = _read(f"/proc/{entry}/cgroup").decode("utf-8", "replace")
        if any(container_id in cgroup for container_id in container_ids):
            command = _read(f"/proc/{entry}/cmdline").replace(b"\0", b" ")[:80]
            found[int(entry)] = command.decode("utf-8", "replace")
    return found


def outside_any_container(pid: int) -> bool:
    cgroup = _read(f"/proc/{pid}/cgroup").decode("utf-8", "replace")
    return bool(cgroup) and "docker" not in cgroup and "containerd" not in cgroup


def assert_nothing_left(
    client: RecordingClient, start: int, harnesses_before: set[int], unused: set[str]
) -> None:
    mine = [c for c in client.api.created[start:] if c not in unused]
    existing = {c["Id"] for c in client.api.containers(all=True)}
    assert not existing & set(mine), f"containers left: {existing & set(mine)}"
    deadline = time.monotonic() + PROCESS_GRACE_SECONDS
    while True:
        left = processes_of(mine)
        new_harnesses = harness_processes() - harnesses_before
        # A new harness outside any container would be a process that escaped its cgroup;
        # new harnesses of other containers belong to other judges running meanwhile.
        escaped = {pid for pid in new_harnesses if outside_any_container(pid)}
        if not left and not escaped:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"processes left on the host: {left or escaped}")
        time.sleep(0.2)


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def problem() -> ProblemPackage:
    return load_problem(PROBLEMS_DIR / PROBLEM_SLUG)


@pytest.fixture(scope="session")
def recording_client(docker_client: docker.DockerClient) -> RecordingClient:
    docker_client.images.get(image_tag())  # built by `make setup`
    return RecordingClient(docker_client)


@pytest.fixture(scope="session")
def sandbox_pool(recording_client: RecordingClient) -> Iterator[SandboxPool]:
    """The suite runs with the pool on, as workers judge: warm sandboxes, each used once."""
    pool = SandboxPool(recording_client, image_tag(), size=2, idle_seconds=TEST_RUN_SECONDS)  # type: ignore[arg-type]
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def hostile_runner(recording_client: RecordingClient, sandbox_pool: SandboxPool) -> ContainerRunner:
    return ContainerRunner(recording_client, image_tag(), pool=sandbox_pool)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def starter_score(problem: ProblemPackage, hostile_runner: ContainerRunner) -> float:
    report = judge(problem, problem.starter, runner=hostile_runner, seed=SEED)
    assert report.verdict is not Verdict.INTERNAL_ERROR, report.message
    return report.score


@pytest.fixture(scope="session")
def twin_reports() -> dict[Path, JudgeReport]:
    """Reports of the honest twins judged so far: several attacks share one twin."""
    return {}


@pytest.fixture
def host_watch(recording_client: RecordingClient, sandbox_pool: SandboxPool) -> Iterator[None]:
    """Fail the test if a container it used, or a process of one, outlives it (the pool's
    unused sandboxes are not used yet)."""
    start = len(recording_client.api.created)
    harnesses_before = harness_processes()
    yield
    assert sandbox_pool.fill(), "the pool did not come to rest"
    assert_nothing_left(recording_client, start, harnesses_before, sandbox_pool.unused_ids())


# --- the tests ----------------------------------------------------------------------------


def texts(report: JudgeReport) -> Iterator[str]:
    """Every text a run produced: message, check messages, probe errors, string observations."""
    yield report.message
    yield report.stdout
    yield report.stderr
    for item in report.checks:
        yield item.message
    for result in report.probes:
        yield result.error
        for value in result.values.values():
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                yield from (item for item in value if isinstance(item, str))


def judge_attack(problem: ProblemPackage, runner: ContainerRunner, attack: Attack) -> JudgeReport:
    return judge(problem, attack.source, runner=runner, seed=SEED)


def judge_twin(
    problem: ProblemPackage, runner: ContainerRunner, twin: Path, reports: dict[Path, JudgeReport]
) -> JudgeReport:
    if twin not in reports:
        report = judge(problem, twin.read_text(), runner=runner, seed=SEED)
        assert report.verdict is not Verdict.INTERNAL_ERROR, f"{twin.name}: {report.message}"
        reports[twin] = report
    return reports[twin]


def assert_no_more_than_twin(attack: Attack, report: JudgeReport, twin: JudgeReport) -> None:
    """The trick earns nothing: overall, and in each category it is after."""
    summary = f"{attack.title}\n-> {report.verdict.value}: {report.message[:600]}"
    assert report.score <= twin.score, (
        f"scored {report.score} > {twin.score} for its twin {attack.twin}\n{summary}"
    )
    for category in attack.targets:
        assert report.categories[category] <= twin.categories[category], (
            f"{category.value}: {report.categories[category]:.1f} > "
            f"{twin.categories[category]:.1f} for its twin\n{summary}"
        )


@pytest.mark.docker
@pytest.mark.usefixtures("no_leftovers", "host_watch")
@pytest.mark.parametrize("path", attack_params())
def test_hostile_submission(
    path: Path,
    problem: ProblemPackage,
    hostile_runner: ContainerRunner,
    starter_score: float,
    twin_reports: dict[Path, JudgeReport],
) -> None:
    attack = read_attack(path)
    if attack.after:
        judge_attack(problem, hostile_runner, read_attack(HOSTILE_DIR / attack.after))
    report = judge_attack(problem, hostile_runner, attack)
    summary = f"{attack.title}\n-> {report.verdict.value}: {report.message[:600]}"

    assert report.verdict is not Verdict.INTERNAL_ERROR, summary
    assert report.message.strip(), summary
    if attack.twin is not None:
        twin = judge_twin(problem, hostile_runner, attack.twin, twin_reports)
        assert_no_more_than_twin(attack, report, twin)
    else:
        assert report.score <= starter_score, (
            f"scored {report.score} > starter {starter_score}\n{summary}"
        )
    breaches = [text for text in texts(report) if BREACH in text]
    assert not breaches, f"{summary}\n{breaches}"

    tolerated = TOLERATED.get(path.name)
    if report.verdict is not attack.verdict and report.verdict is tolerated:
        later_memory = [p.name for p in report.probes if p.status is ProbeStatus.MEMORY]
        assert later_memory, f"{summary}\nno probe reported the memory limit at all"
    else:
        assert report.verdict is attack.verdict, summary

    assert "total time limit" not in report.message, summary
    budgets = {p.name: p.budget_seconds for p in problem.probes}
    for result in report.probes:
        if result.wall_seconds is not None:
            assert result.wall_seconds <= budgets[result.name] + BUDGET_SLACK_SECONDS, (
                f"{result.name} ran {result.wall_seconds:.1f} s, over its "
                f"{budgets[result.name]:g}-s budget\n{summary}"
            )


def test_every_attack_declares_a_verdict() -> None:
    attacks = [read_attack(path) for path in sorted(HOSTILE_DIR.glob("*.py"))]
    assert len(attacks) >= 30
    listed = set(KNOWN_WEAKNESSES) | set(NOT_RUN) | set(TOLERATED)
    assert listed <= {a.path.name for a in attacks}
    for attack in attacks:
        assert attack.after is None or (HOSTILE_DIR / attack.after).is_file(), attack.path.name
        assert attack.twin is None or attack.twin.is_file(), attack.path.name
        assert attack.twin is not None or not attack.targets, f"{attack.path.name}: no twin"
    used = {attack.twin for attack in attacks}
    for twin in sorted(TWINS_DIR.glob("*.py")):
        assert twin in used, f"{twin.name} is the twin of no attack"
        assert twin.read_text().startswith('"""Honest twin: '), twin.name
