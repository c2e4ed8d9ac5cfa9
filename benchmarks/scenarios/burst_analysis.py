"""What a burst's timings say (pure functions): the sustained judging rate, and how fair the
order of claims was against the round-robin that api/submissions/queueing.py promises.

The promise: a user with a submission waiting is served before anyone is served twice.
With one worker that is exact: when a worker claims, the previous judging has finished, so
every user who waited since before X's last claim was served less recently than X and comes
first. With N workers, judgings under way shift it a little: a user whose judging finished
late counts as served late, so another's second claim may come first.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import defaultdict
from collections.abc import Sequence

MIDDLE = (0.1, 0.9)  # the middle 80 % of the verdicts: no ramp-up, no tail


@dataclasses.dataclass(frozen=True)
class Claimed:
    """One submission: whose, when its 202 came back, when a worker claimed it (seconds on
    one clock)."""

    user: int
    accepted: float
    claimed: float


def per_minute(times: Sequence[float], span: tuple[float, float] = (0.0, 1.0)) -> float:
    """Events per minute between the events at fractions ``span`` of the sorted ``times``."""
    ordered = sorted(times)
    if len(ordered) < 2:
        return float("nan")
    first = round(span[0] * (len(ordered) - 1))
    last = round(span[1] * (len(ordered) - 1))
    elapsed = ordered[last] - ordered[first]
    return (last - first) / elapsed * 60 if elapsed > 0 else float("nan")


@dataclasses.dataclass(frozen=True)
class Fairness:
    users: int
    # For each pair of one user's consecutive claims: how many other users' claims came
    # between them. Round-robin over U users waiting: at most U - 1.
    others_between: list[int]
    # Claims that went to a user while another user had waited, unserved, since before that
    # user's previous claim (counted once per such waiting user).
    overtakes: int
    median_waits: list[float]  # each user's median wait, 202 to claim

    @property
    def others_between_max(self) -> int:
        return max(self.others_between, default=0)

    @property
    def others_between_median(self) -> float:
        return statistics.median(self.others_between) if self.others_between else float("nan")


def fairness(submissions: Sequence[Claimed]) -> Fairness:
    order = sorted(submissions, key=lambda s: s.claimed)
    last_position: dict[int, int] = {}
    others_between = []
    for position, item in enumerate(order):
        if item.user in last_position:
            others_between.append(position - last_position[item.user] - 1)
        last_position[item.user] = position
    waits: dict[int, list[float]] = defaultdict(list)
    for item in submissions:
        waits[item.user].append(item.claimed - item.accepted)
    return Fairness(
        users=len(waits),
        others_between=others_between,
        overtakes=count_overtakes(order),
        median_waits=sorted(statistics.median(w) for w in waits.values()),
    )


def count_overtakes(order: Sequence[Claimed]) -> int:
    """For each claim of a user X after X's first: the other users who had a submission
    accepted before X's previous claim, still unclaimed at this one, and no claim between."""
    by_user: dict[int, list[Claimed]] = defaultdict(list)
    for item in order:
        by_user[item.user].append(item)
    overtakes = 0
    previous: dict[int, float] = {}
    for item in order:
        since = previous.get(item.user)
        previous[item.user] = item.claimed
        if since is None:
            continue
        for user, items in by_user.items():
            if user == item.user:
                continue
            waited = any(s.accepted <= since and s.claimed > item.claimed for s in items)
            served_between = any(since < s.claimed < item.claimed for s in items)
            overtakes += waited and not served_between
    return overtakes
