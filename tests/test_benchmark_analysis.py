"""The throughput benchmark's arithmetic (benchmarks/scenarios/burst_analysis.py): the rate
and the fairness figures it reports about a burst. Pure logic, so plain data."""

from __future__ import annotations

import importlib.util
import math
import sys
from types import ModuleType

from tests.support.platform import ROOT


def load_analysis() -> ModuleType:
    """The module from its file: benchmarks/ is a directory of scripts, not a package."""
    path = ROOT / "benchmarks" / "scenarios" / "burst_analysis.py"
    spec = importlib.util.spec_from_file_location("burst_analysis", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


analysis = load_analysis()
Claimed = analysis.Claimed


def round_robin(users: int, rounds: int) -> list[object]:
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
