"""The timing declaration and helpers shared by every profile (sandbox/harness/timing.py);
the timing check itself is exercised through both profiles (test_profiles.py,
test_layer_checks.py)."""

from __future__ import annotations

import time
import types
from collections.abc import Sequence

import numpy as np
import pytest

from sandbox.harness import calls, candidate, probing, wire
from sandbox.harness.timing import (
    TimedCall,
    TimingError,
    column_magnitudes,
    numbers_in,
    parse_timed_call,
    rows_in_order,
    time_calls,
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


def test_column_magnitudes_forgive_a_flipped_column_and_nothing_else() -> None:
    X = np.zeros((3, 4))  # three input rows
    transformed = np.array([[1.0, -2.0], [3.0, 4.0], [-5.0, 6.0]])
    flipped = transformed * np.array([-1.0, 1.0])  # one component (and column) flipped
    assert column_magnitudes((X,), transformed).tolist() == [9.0, 12.0]
    assert column_magnitudes((X,), flipped).tolist() == [9.0, 12.0]
    # a column scaled changes the summary
    assert column_magnitudes((X,), transformed * np.array([2.0, 1.0])).tolist() == [18.0, 12.0]
    # not a row per input sample (a fit's singular values): every |value| as it is
    assert column_magnitudes((X,), np.array([-3.0, 2.0])).tolist() == [3.0, 2.0]


def test_only_trusted_code_is_timed_from_the_inside() -> None:
    module = types.ModuleType("trusted_probes")
    exec("import numpy as np\ndef work(x):\n    return np.sort(x)", module.__dict__)
    trusted = calls.LocalCaller(candidate.CallServer(module, times_calls=time.process_time))
    answer = trusted.request("time", 0, "work", (np.arange(3.0)[::-1].copy(),), repeat=3)
    assert isinstance(answer, list) and isinstance(answer[0], list) and len(answer[0]) == 3
    assert all(isinstance(s, float) and 0.0 < s < 1.0 for s in answer[0])
    assert isinstance(answer[1], np.ndarray) and answer[1].tolist() == [0.0, 1.0, 2.0]
    untrusted = calls.LocalCaller(candidate.CallServer(module))
    with pytest.raises(calls.CandidateFailure, match="only trusted code"):
        untrusted.request("time", 0, "work", (np.arange(3.0),), repeat=3)


class TimedYardstick:
    """The yardstick's process as a caller (pure logic: no process): every request takes one
    second here, and its calls took the given seconds inside."""

    def __init__(self, inside: list[float]) -> None:
        self.inside = inside
        self.call_seconds = 0.0

    def request(
        self,
        op: str,
        ref: int,
        name: str,
        args: Sequence[object] = (),
        kwargs: dict[str, object] | None = None,
        repeat: int = 1,
    ) -> wire.Value:
        assert (op, name, repeat) == ("time", "yardstick", 3)
        self.call_seconds += 1.0
        return [list(self.inside), None]


def test_the_yardstick_is_its_median_call_and_the_rest_is_overhead() -> None:
    hooks = types.ModuleType("probes")
    hooks.__dict__.update(
        f_inputs=lambda rng, n: ((np.zeros(n),), {}), yardstick=lambda x: float(x.size)
    )
    yardstick = TimedYardstick([0.9, 0.01, 0.02])  # one call stalled
    ctx = probing.ProbeContext(
        solution=calls.remote_module(yardstick),
        seed=1,
        caller=yardstick,
        yardstick_caller=yardstick,
    )
    observed = time_calls(ctx, hooks, parse(n=100), lambda args, _: lambda: len(args[0]))
    for label in timing_labels(2)[1:]:
        assert observed[f"yardstick:{label}"] == 0.02
        assert observed[f"overhead:{label}"] == pytest.approx(1.0 - 0.93)


def test_rows_in_order_forgive_the_order_of_the_rows_and_nothing_else() -> None:
    X = np.zeros((5, 2))  # points in the plane
    centres = np.array([[3.0, 1.0], [-1.0, 2.0], [3.0, 0.0]])
    expected = [-1.0, 2.0, 3.0, 0.0, 3.0, 1.0]
    assert rows_in_order((X,), centres).tolist() == expected
    assert rows_in_order((X,), centres[::-1].ravel()).tolist() == expected  # flat: a shape slip
    assert rows_in_order((X,), centres + np.array([0.0, 1.0])).tolist() != expected
    with pytest.raises(ValueError):  # not points in the plane: time_calls records NaN
        rows_in_order((X,), np.ones(5))


def test_an_entrys_summary_hook_reads_its_outputs_and_one_that_cannot_gives_nan() -> None:
    hooks = types.ModuleType("probes")
    hooks.__dict__.update(
        f_inputs=lambda rng, n: ((np.zeros((n, 2)),), {}),
        yardstick=lambda x: x,
        timing_summary=lambda args, output: np.zeros(3),  # the module's: not this entry's
        first_two=lambda args, output: np.ravel(output)[:2],
    )
    yardstick = TimedYardstick([0.01, 0.01, 0.01])
    ctx = probing.ProbeContext(
        solution=calls.remote_module(yardstick),
        seed=1,
        caller=yardstick,
        yardstick_caller=yardstick,
    )
    entry = parse(n=100, summary="first_two")
    observed = time_calls(ctx, hooks, entry, lambda args, _: lambda: np.array([4.0, 5.0, 6.0]))
    assert observed["summary:small"].tolist() == [4.0, 5.0]
    unreadable = parse(n=100, summary="rows_in_order")
    hooks.__dict__["rows_in_order"] = rows_in_order  # three numbers are no points of width 2
    observed = time_calls(ctx, hooks, unreadable, lambda args, _: lambda: np.ones(3))
    assert np.isnan(observed["summary:small"]).all()
    with pytest.raises(TimingError, match="must define missing"):
        time_calls(ctx, hooks, parse(n=100, summary="missing"), lambda args, _: lambda: 1.0)
