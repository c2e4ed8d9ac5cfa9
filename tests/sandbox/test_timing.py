"""The timing declaration and helpers shared by every profile (sandbox/harness/timing.py);
the timing check itself is exercised through both profiles (test_profiles.py,
test_layer_checks.py)."""

from __future__ import annotations

import numpy as np
import pytest

from sandbox.harness.timing import (
    TimedCall,
    TimingError,
    numbers_in,
    parse_timed_call,
    timing_labels,
)


def parse(**raw: object) -> TimedCall:
    return parse_timed_call(
        raw, "timing[0]", probe="standard_timing_f", what="f()", loops_in="f", inputs="f_inputs"
    )


def test_a_declaration_takes_the_profiles_defaults_and_its_own_keys() -> None:
    call = parse(n=100)
    assert call.inputs == "f_inputs" and call.yardstick == "yardstick"
    assert (call.rounds, call.relation, call.max_ratio) == (2, "proportional", 15.0)
    assert call.check_name == "marginal_cost_f"
    own = parse(n=100, inputs="other", rounds=3, relation="close", max_ratio=5, witness="p")
    assert (own.inputs, own.rounds, own.relation, own.max_ratio, own.witness) == (
        "other",
        3,
        "close",
        5.0,
        "p",
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({}, "profile.timing[0].n must be a positive whole number"),
        ({"n": 10, "rounds": 0}, "profile.timing[0].rounds must be a positive whole number"),
        ({"n": 10, "relation": "equal"}, "profile.timing[0].relation must be one of"),
    ],
)
def test_a_malformed_declaration_names_the_field(raw: dict[str, object], message: str) -> None:
    with pytest.raises(
        TimingError, match=message.replace(".", r"\.").replace("[", r"\[").replace("]", r"\]")
    ):
        parse(**raw)


def test_labels_interleave_n_and_10n_after_the_small_call() -> None:
    assert timing_labels(2) == ["small", "n_0", "10n_0", "n_1", "10n_1"]


def test_every_number_an_output_holds_and_nothing_else() -> None:
    flat = numbers_in([np.ones((2, 2)), (3, np.float64(4.5))])
    assert flat is not None and flat.tolist() == [1.0, 1.0, 1.0, 1.0, 3.0, 4.5]
    assert numbers_in({"not": "numbers"}) is None
    assert numbers_in(["text"]) is None
    assert numbers_in(np.array(["a"])) is None
