"""The timing rule on synthetic seconds (the check's gates and relations are tested through
the profiles, tests/sandbox/test_profiles.py)."""

import math

from sandbox.timing_checks import TimedSeconds, marginal_time_check


def test_marginal_time_ignores_constant_overhead_but_not_per_sample_cost() -> None:
    constant = marginal_time_check(
        TimedSeconds(0.2, 0.21, 0.001, 0.004), what="gradient", max_ratio=15.0
    )
    assert constant.is_pass
    looped = marginal_time_check(
        TimedSeconds(0.05, 0.5, 0.001, 0.004), what="gradient", max_ratio=15.0
    )
    assert "grows like a Python loop" in looped.message
    # the n-sized calls slowed down to hide the extra time
    padded = marginal_time_check(
        TimedSeconds(0.45, 0.5, 0.001, 0.004), what="gradient", max_ratio=15.0
    )
    assert "At 10n" in padded.message


def test_headroom_is_how_many_times_slower_a_call_could_be_and_still_pass() -> None:
    seconds = TimedSeconds(0.001, 0.011, 0.001, 0.011)  # as fast as the yardstick
    marginal, at_scale = seconds.headroom(max_ratio=4.0)
    assert math.isclose(marginal, (4 * 0.010 + 0.03) / 0.010)
    assert math.isclose(at_scale, (4 * 0.011 + 0.25) / 0.011)
    slowed = TimedSeconds(0.001 * marginal, 0.011 * marginal, 0.001, 0.011)
    assert math.isclose(min(slowed.headroom(max_ratio=4.0)), 1.0)
    assert marginal_time_check(slowed, what="fit", max_ratio=4.0).is_pass
    past = TimedSeconds(0.0011 * marginal, 0.0111 * marginal, 0.001, 0.011)
    assert not marginal_time_check(past, what="fit", max_ratio=4.0).is_pass


def test_a_call_that_takes_no_extra_time_has_unbounded_marginal_headroom() -> None:
    marginal, _ = TimedSeconds(0.01, 0.01, 0.001, 0.011).headroom(max_ratio=4.0)
    assert marginal == math.inf
