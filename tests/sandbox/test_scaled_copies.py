"""Exact copies of one data set (``scaled_copies``): the profile section, the probe on models
made here, and the standard check on what it observed (no Docker)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from sandbox.checking import Outcome
from sandbox.harness.calls import CandidateFailure
from sandbox.harness.estimator_spec import ProfileError, parse_profile
from sandbox.harness.scaled_copies import ScaledSpec, parse_scaled_copies, scaled_copies
from sandbox.scale_checks import PROBE, scaled_copies_check
from tests.support.observations import check_input

SPEC: dict[str, Any] = {
    "hyperparameters": {"radius": 0.5},
    "copies": {"huge": {"scale": 70}, "tiny": {"scale": -70}},
    "units": ["radius"],
    "values": {"centre_": 1, "predict": 0},
    "finite": ["spread_"],
}


class Centroid:
    """A model whose centre scales with the data, whose labels do not, and whose spread_
    scales by the square; ``floor`` adds an absolute epsilon (unstable at 2^-70), and
    ``refuse_above`` raises on large inputs."""

    def __init__(self, radius: float, floor: float = 0.0, refuse_above: float = np.inf) -> None:
        self.radius, self.floor, self.refuse_above = radius, floor, refuse_above

    def fit(self, X: np.ndarray) -> Centroid:
        if np.abs(X).max() > self.refuse_above:
            raise CandidateFailure("error", "ValueError: too large")
        self.centre_ = X.mean(axis=0) + self.floor
        self.spread_ = float(((X - self.centre_) ** 2).sum())
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(np.linalg.norm(X - self.centre_, axis=1) > self.radius, dtype=np.int64)


def spec(**changes: Any) -> ScaledSpec:
    return parse_scaled_copies({**SPEC, **changes}, n=40, features=2)


def observe(the_spec: ScaledSpec, **model: Any) -> dict[str, Any]:
    rng = np.random.default_rng(0)

    def fit(arguments: tuple[Any, ...], **hyperparameters: Any) -> Centroid:
        return Centroid(**hyperparameters, **model).fit(*arguments)

    return scaled_copies(
        the_spec,
        fit=fit,
        arguments=(rng.normal(size=(40, 2)),),
        held_out=rng.normal(size=(10, 2)),
        outputs=("predict",),
    )


def judge(observed: dict[str, Any], the_spec: ScaledSpec | None = None) -> Outcome:
    check = scaled_copies_check(the_spec or spec())
    return check.function(check_input({PROBE: observed}))


def test_a_stable_model_gives_its_own_values_scaled_by_each_copys_power() -> None:
    observed = observe(spec())
    assert np.array_equal(observed["huge:centre_"], np.ldexp(observed["original:centre_"], 70))
    assert judge(observed).is_pass


def test_an_absolute_epsilon_fails_on_the_tiny_copy_and_says_which() -> None:
    outcome = judge(observe(spec(), floor=1e-12))
    assert not outcome.is_pass and outcome.measured
    assert "centre_ for the data times 2^-70, divided by 2^-70" in outcome.message


def test_an_exception_on_a_copy_fails_the_check_and_keeps_the_original_fits() -> None:
    observed = observe(spec(), refuse_above=1e10)
    assert "original:centre_" in observed and "again:centre_" in observed
    outcome = judge(observed)
    assert outcome.score == 0.0 and outcome.measured
    assert "fit() on the data times 2^70 raised: ValueError: too large" in outcome.message


def test_an_exception_on_the_data_as_it_is_is_the_probes() -> None:
    with pytest.raises(CandidateFailure):
        observe(spec(), refuse_above=0.0)


def test_a_fit_that_differs_from_itself_is_not_measured() -> None:
    observed = observe(spec())
    observed["again:centre_"] = observed["again:centre_"] + 1.0
    outcome = judge(observed)
    assert not outcome.measured and "two fits of the same data" in outcome.message


def test_the_gate_holds_the_original_fit_to_the_reference() -> None:
    gated = spec(gate={"centre_": "related", "predict": "same_set"})
    check = scaled_copies_check(gated)
    observed = observe(gated)
    wrong = {key: value + 3.0 if "centre_" in key else value for key, value in observed.items()}
    assert check.function(check_input({PROBE: observed})).is_pass
    blocked = check.function(check_input({PROBE: wrong}, {PROBE: observed}))
    assert not blocked.measured and "centre_" in blocked.message


def test_advice_follows_a_failure() -> None:
    check = scaled_copies_check(spec(advice="subtract before squaring"))
    outcome = check.function(check_input({PROBE: observe(spec(), floor=1e-12)}))
    assert outcome.message.endswith(": subtract before squaring")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"copies": {}}, "must name copies other than original"),
        ({"copies": {"original": {"scale": 3}}}, "must name copies other than original"),
        ({"copies": {"same": {}}}, "give a scale or shift"),
        ({"copies": {"half": {"scale": 0.5}}}, "the exponent of a power of two"),
        ({"copies": {"far": {"scale": 1100}}}, "from -1022 to 1023"),
        ({"values": {}, "finite": []}, "must name values to compare"),
        ({"n": "many"}, "n must be a positive whole number"),
        ({"scale": 70}, "has no field scale"),
        ({"weight": 0}, "weight must be a positive number"),
        ({"copies": {"far": {"shift": 26}}}, "a shifted copy compares only values"),
        ({"units": ["missing"]}, "units must name numeric hyperparameters"),
        ({"values": {"centre_": "one"}}, "each power must be a whole number"),
        ({"gate": {"centre_": "close"}}, "gate: each value is one of related, same_set"),
        ({"rtol": "1e-9"}, "rtol must be a number such as 1.0e-9"),
        ({"rtol": 2.0}, "rtol must be a number such as 1.0e-9"),
    ],
)
def test_a_malformed_section_is_refused_with_its_field(
    changes: dict[str, Any], message: str
) -> None:
    raw = {"kind": "estimator", "scaled_copies": {**SPEC, **changes}}
    with pytest.raises(ProfileError, match=r"profile\.scaled_copies") as error:
        parse_profile(raw, "Model")
    assert message in str(error.value)


def test_a_shift_is_exact_on_a_grid_and_leaves_labels_alone() -> None:
    shifted = spec(copies={"far": {"shift": 26}}, values={"predict": 0}, finite=[])
    grid = np.round(np.random.default_rng(1).normal(size=(40, 2)) * 2.0**20) / 2.0**20
    copy = shifted.copies[0]
    assert np.array_equal(copy.of(grid) - 2.0**26, grid)
    assert judge(observe(shifted), shifted).is_pass
