"""The throughput benchmark's arithmetic: the rate and the fairness figures it reports about
a burst (benchmarks/scenarios/burst_analysis.py), and which containers' CPU time it counts
(scenarios/docker_cpu.py). Pure logic, so plain data."""

from __future__ import annotations

import math
import sys

from tests.support.platform import ROOT

# benchmarks/ is a directory of scripts that import their scenarios as it runs them.
sys.path.insert(0, str(ROOT / "benchmarks"))

from scenarios import burst_analysis as analysis
from scenarios.burst_analysis import Claimed
from scenarios.docker_cpu import Container, DockerSnapshot, sandbox_cpu


def round_robin(users: int, rounds: int) -> list[Claimed]:
    """Every user's submissions accepted at 0, claimed one a second in round-robin order."""
    return [
        Claimed(user=user, accepted=0.0, claimed=float(turn * users + user))
        for turn in range(rounds)
        for user in range(users)
    ]


def test_the_rate_counts_intervals_between_the_chosen_events() -> None:
    every_second = [float(t) for t in range(11)]
    assert analysis.per_minute(every_second) == 60.0
    # A slow start and a slow tail: the middle 80 % leaves both out.
    times = [0.0, 30.0, *[30.0 + t for t in range(1, 9)], 100.0]
    assert math.isclose(analysis.per_minute(times, analysis.MIDDLE), 60.0)
    assert analysis.per_minute(times) < 10
    assert math.isnan(analysis.per_minute([5.0]))


def test_round_robin_is_fair() -> None:
    fair = analysis.fairness(round_robin(users=4, rounds=3))
    assert fair.users == 4
    assert fair.others_between == [3] * 8
    assert fair.others_between_max == 3
    assert fair.overtakes == 0


def test_a_user_served_twice_while_another_waits_is_an_overtake() -> None:
    claims = [
        Claimed(user=0, accepted=0.0, claimed=1.0),
        Claimed(user=0, accepted=0.0, claimed=2.0),  # user 1 waits since 0
        Claimed(user=0, accepted=0.0, claimed=3.0),  # and still
        Claimed(user=1, accepted=0.0, claimed=4.0),
    ]
    fair = analysis.fairness(claims)
    assert fair.overtakes == 2
    assert fair.others_between == [0, 0]


def test_a_user_who_arrived_later_is_not_overtaken() -> None:
    claims = [
        Claimed(user=0, accepted=0.0, claimed=1.0),
        Claimed(user=1, accepted=1.5, claimed=3.0),  # arrived after user 0's first claim
        Claimed(user=0, accepted=0.0, claimed=2.0),
    ]
    assert analysis.fairness(claims).overtakes == 0


def test_median_waits_are_per_user_and_sorted() -> None:
    claims = [
        Claimed(user=0, accepted=0.0, claimed=1.0),
        Claimed(user=0, accepted=0.0, claimed=5.0),
        Claimed(user=0, accepted=0.0, claimed=9.0),
        Claimed(user=1, accepted=2.0, claimed=3.0),
    ]
    assert analysis.fairness(claims).median_waits == [1.0, 5.0]


def snapshot(total: float, **containers: Container) -> DockerSnapshot:
    return DockerSnapshot(total_seconds=total, daemons_seconds=0.0, containers=containers)


def ours(seconds: float, gone: bool = False) -> Container:
    return Container(ours=True, shim_pid=None, cgroup_seconds=seconds, gone=gone)


def another(seconds: float, gone: bool = False) -> Container:
    return Container(ours=False, shim_pid=None, cgroup_seconds=seconds, gone=gone)


def test_with_no_other_container_busy_the_parent_cgroup_counts() -> None:
    # Ours: one used and removed (its last 0.05 s unsampled), one warm start; another's idle.
    before = snapshot(100.0, used=ours(0.3), idle=another(2.0))
    after = snapshot(101.05, used=ours(0.8, gone=True), new=ours(0.2), idle=another(2.0))
    cpu = sandbox_cpu(before, after)
    assert cpu.exact
    assert math.isclose(cpu.seconds, 1.05)
    assert math.isclose(cpu.sampled, 0.7)


def test_another_container_using_the_cpu_leaves_our_sampled_usage() -> None:
    before = snapshot(100.0, used=ours(0.3), busy=another(2.0))
    after = snapshot(103.0, used=ours(0.8, gone=True), busy=another(4.0))
    cpu = sandbox_cpu(before, after)
    assert not cpu.exact
    assert math.isclose(cpu.seconds, 0.5)


def test_another_container_that_went_may_have_used_the_cpu() -> None:
    before = snapshot(100.0, used=ours(0.3), leaving=another(2.0))
    after = snapshot(100.6, used=ours(0.8, gone=True), leaving=another(2.0, gone=True))
    assert not sandbox_cpu(before, after).exact
    # One that had gone before the window is no matter.
    later = snapshot(100.9, used=ours(0.8, gone=True), leaving=another(2.0, gone=True))
    assert sandbox_cpu(after, later).exact
