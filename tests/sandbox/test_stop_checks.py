"""The standard stop point (``history.stop``): the probe's reruns on a model made here, and
the check on synthetic observations (no Docker)."""

from __future__ import annotations

import ast
from typing import Any

import numpy as np
import pytest

from sandbox.checking import CheckInput, Outcome
from sandbox.harness import wire
from sandbox.harness.estimator_spec import HistorySpec, ProfileError, parse_profile
from sandbox.harness.stop_point import parse_stop, stop_point
from sandbox.observations import ObservationError, ProbeResult, decode_probe
from sandbox.stop_checks import STOP, iterates, stop_check

STOP_SPEC = {
    "hyperparameters": {"max_iter": 20, "tol": 0.1},
    "parameter": "weights",
    "change": "largest_entry",
    "holds": "below",
    "first": 1,
    "rule": "no weight changes by tol",
}


class Halving:
    """A fit whose weights move half as far each iteration (1, 0.5, 0.25, ...), stopping
    when a move is below tol unless tol < 0, and recording one loss per iteration."""

    def __init__(self, max_iter: int, tol: float) -> None:
        self.max_iter, self.tol = max_iter, tol

    def fit(self) -> Halving:
        self.weights, self.loss_history = np.zeros(2), []
        for iteration in range(self.max_iter):
            step = 0.5**iteration
            self.weights = self.weights + step
            self.loss_history.append(step)
            if step < self.tol:
                break
        return self


def history(**stop: Any) -> HistorySpec:
    spec = {**STOP_SPEC, **stop}
    raw = {
        "kind": "estimator",
        "fit": {"attributes": {"weights": [2]}},
        "history": {"iterations": "max_iter", "rule": "parameters", "stop": spec},
    }
    parsed = parse_profile(raw, "Model").history
    assert parsed is not None
    return parsed


def observed_stop(*, stop_after: int | None = None, tol: float = 0.1) -> dict[str, Any]:
    """What the probe records for Halving, or for a fit that stops after ``stop_after``."""
    spec = parse_stop({**STOP_SPEC, "hyperparameters": {"max_iter": 20, "tol": tol}}, "stop")

    def fit(**hyperparameters: Any) -> Halving:
        if stop_after is not None and hyperparameters["tol"] >= 0:  # its own stopping
            return Halving(stop_after, -1.0).fit()
        return Halving(hyperparameters["max_iter"], hyperparameters["tol"]).fit()

    return stop_point(
        spec,
        iterations="max_iter",
        tol="tol",
        never_stops=-1.0,
        fit=fit,
        arguments=(np.zeros((3, 2)),),
        history="loss_history",
    )


def grade(
    candidate: dict[str, Any],
    spec: HistorySpec | None = None,
    reference: dict[str, Any] | None = None,
) -> Outcome:
    check = stop_check(spec or history())
    expected = reference or observed_stop()
    inputs = CheckInput(
        {STOP: as_result(candidate)}, {STOP: as_result(expected)}, "", ast.parse("")
    )
    return check.function(inputs)


def as_result(values: dict[str, Any]) -> ProbeResult:
    return decode_probe(STOP, {"status": "ok", "observations": wire.encode_observations(values)})


def test_the_probe_reruns_until_the_rule_holds_on_the_candidates_own_iterates() -> None:
    observed = observed_stop()
    # Moves 1, 0.5, ..., 0.0625 < 0.1: the rule first holds after iteration 5.
    assert len(observed["path"]) == 5 and observed["tol"] == 0.1
    assert np.array_equal(observed["stopped"], observed["path"][-1])


def test_a_fit_that_stops_where_its_own_iterates_say_passes_and_any_other_fails() -> None:
    assert grade(observed_stop()).is_pass
    late = grade(observed_stop(stop_after=7))
    assert "is iteration 5" in late.message and "stopped elsewhere" in late.message
    early = grade(observed_stop(stop_after=3))
    assert "stopped after iteration 3" in early.message


def test_the_history_holds_one_entry_per_iteration() -> None:
    padded = observed_stop()
    padded["history"] = [1.0] * 9
    assert "loss_history has 9 entries" in grade(padded).message
    missing = observed_stop()
    missing["history"] = None
    assert grade(missing).is_pass  # the standard history check's business


def test_iterates_gives_a_packages_checks_the_path_in_the_references_shape() -> None:
    observed = observed_stop()
    stopped, path = iterates(as_result(observed), (2, 1))
    assert [p.shape for p in path] == [(2, 1)] * 5 and stopped.shape == (2, 1)
    assert np.array_equal(path[1].ravel(), [1.5, 1.5])  # after 2 iterations: 1 + 0.5
    with pytest.raises(ObservationError, match="must hold 3 numbers"):
        iterates(as_result(observed), (3,))
    with pytest.raises(ObservationError, match="not a list of arrays"):
        iterates(as_result({**observed, "path": []}), (2,))


def test_a_change_on_the_boundary_may_count_on_either_side() -> None:
    # The move after iteration 5 is 0.0625: with tol at it (and "below"), whether it stops
    # there is the candidate's own rounding.
    spec = history(hyperparameters={"max_iter": 20, "tol": 0.0625})
    reference = observed_stop(tol=0.0625)
    for stops_after in (5, 6):
        assert grade(observed_stop(stop_after=stops_after, tol=0.0625), spec, reference).is_pass
    assert not grade(observed_stop(stop_after=7, tol=0.0625), spec, reference).is_pass


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("change", "mean", "change must be one of"),
        ("first", 3, "first must be 1 or 2"),
        ("rule", None, "must name its parameter and state its rule"),
    ],
)
def test_a_malformed_stop_section_says_what_is_wrong(field: str, value: Any, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        history(**{field: value})


def test_a_stop_section_needs_a_rule_on_the_parameters() -> None:
    raw = {
        "kind": "estimator",
        "history": {"rule": "loss_change", "stop": STOP_SPEC},
    }
    with pytest.raises(ProfileError, match="rule on the parameters only"):
        parse_profile(raw, "Model")
