"""The named checks of ``profile.checks`` on synthetic observations (no Docker): what each
passes and fails, and the errors an author gets for a malformed entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

from sandbox.checking import Check, Outcome
from sandbox.harness.estimator_spec import ProfileError
from sandbox.harness.probing import directional_losses
from sandbox.named_checks import compare_with_own
from sandbox.named_entries import named_checks
from sandbox.rubric import Category
from tests.support.observations import Probes, check_input


def one(entry: Mapping[str, Any]) -> Check:
    (item,) = named_checks([dict(entry)])
    return item


def grade(item: Check, candidate: Probes, reference: Probes) -> Outcome:
    return item.function(check_input(candidate, reference))


LOSS = {"use": "matches_reference", "name": "loss_matches_reference", "probe": "loss_value"}


def test_matches_reference_names_the_factor_and_reads_its_arguments() -> None:
    item = one({**LOSS, "values": {"loss": "_compute_loss"}, "samples": 50, "weight": 1.5})
    assert (item.name, item.category, item.probes, item.weight) == (
        "loss_matches_reference",
        Category.MATHEMATICAL_CORRECTNESS,
        ("loss_value",),
        1.5,
    )
    reference = {"loss_value": {"loss": 2.0}}
    assert grade(item, {"loss_value": {"loss": 2.0 + 1e-9}}, reference).is_pass
    summed = grade(item, {"loss_value": {"loss": 100.0}}, reference)
    assert "_compute_loss is 100" in summed.message and "n times" in summed.message


def test_matches_reference_compares_after_reshaping_and_scales_atol_when_asked() -> None:
    values = {"w": "weights"}
    reference = {"fit": {"w": np.array([1000.0, 0.0])}}
    column = {"fit": {"w": np.array([[1000.0], [0.0]])}}
    assert grade(one({**LOSS, "probe": "fit", "values": values}), column, reference).is_pass
    off = {"fit": {"w": np.array([1000.0, 1e-4])}}  # an exact zero of the reference, missed
    assert not grade(one({**LOSS, "probe": "fit", "values": values}), off, reference).is_pass
    relative = one(
        {**LOSS, "probe": "fit", "values": values, "atol": 1.0e-6, "relative_atol": True}
    )
    assert grade(relative, off, reference).is_pass  # 1e-4 <= 1e-6 * 1000


def test_gradient_matches_own_loss_follows_the_candidates_own_loss() -> None:
    item = one({"use": "gradient_matches_own_loss", "probe": "fd", "gradient": ["dw", "db"]})
    assert item.name == "gradient_consistent_with_own_loss"
    assert item.probes == ("fd", "loss_value")
    point = np.array([0.5, -1.0, 2.0])

    def observed(loss_scale: float, gradient: np.ndarray) -> dict[str, Mapping[str, object]]:
        losses = directional_losses(
            lambda p: loss_scale * float(np.sum(p**2)), point, np.random.default_rng(0), 1e-5
        )
        return {
            "fd": {**losses, "dw": gradient[:2], "db": gradient[2:]},
            "loss_value": {"loss": loss_scale * 3.0},
        }

    reference = observed(1.0, 2 * point)
    assert grade(item, observed(2.0, 4 * point), reference).is_pass  # a consistent convention
    wrong = grade(item, observed(1.0, 4 * point), reference)
    assert not wrong.is_pass and "(dw, db)" in wrong.message


OWN = {"use": "agrees_with_own", "name": "huge_targets_scale_exactly", "probe": "huge"}
GATE = {"gate": {"plain": ["loss"]}}


def test_agrees_with_own_holds_the_candidate_to_itself_once_the_gate_passes() -> None:
    item = one(
        {
            **OWN,
            **GATE,
            "values": {"huge_loss": {"same_as": "loss", "what": "loss at 2^66", "divide_by": 4.0}},
        }
    )
    assert (item.category, item.probes) == (Category.NUMERICAL_STABILITY, ("huge", "plain"))
    reference = {"huge": {"loss": 1.0, "huge_loss": 4.0}, "plain": {"loss": np.array([1.0, 2.0])}}

    def judged(huge_loss: float, plain: list[float]) -> Outcome:
        candidate = {
            "huge": {"loss": 2.0, "huge_loss": huge_loss},
            "plain": {"loss": np.array(plain)},
        }
        return grade(item, candidate, reference)

    assert judged(8.0, [2.0, 4.0]).is_pass  # a convention (2x) is not stability's business
    overflowed = judged(np.inf, [2.0, 4.0])
    assert not overflowed.is_pass and "loss at 2^66" in overflowed.message
    garbage = judged(9.0, [1.0, -3.0])  # a benign loss that is not the loss: not measured
    assert not garbage.measured and "plain" in garbage.message


def test_compare_with_own_scales_atol_by_the_own_value_when_asked() -> None:
    own = np.array([1000.0, 0.0])
    near_zero = np.array([[1000.0], [1e-4]])  # reshaped: the shape is not stability's business
    assert not compare_with_own(near_zero, own, what="w", rtol=1e-9, atol=1e-6).is_pass
    relative = compare_with_own(near_zero, own, what="w", rtol=1e-9, atol=1e-6, relative_atol=True)
    assert relative.is_pass  # 1e-4 <= 1e-6 * 1000
    far = compare_with_own(own + 1e-2, own, what="w", rtol=1e-9, atol=1e-6, relative_atol=True)
    assert not far.is_pass and "w" in far.message


def test_agrees_with_own_reads_relative_atol_and_divides_before_comparing() -> None:
    values = {"large_w": {"same_as": "w", "what": "weights at 2**20", "divide_by": 0.5**20}}
    item = one({**OWN, "probe": "scaled", "values": values, "atol": 1.0e-6, "relative_atol": True})
    reference = {"scaled": {"w": np.zeros(2), "large_w": np.zeros(2)}}

    def judged(large_w: list[float]) -> Outcome:
        candidate = {"scaled": {"w": np.array([1000.0, 0.0]), "large_w": np.array(large_w)}}
        return grade(item, candidate, reference)

    assert judged([1000.0 * 0.5**20, 1e-4 * 0.5**20]).is_pass  # within 1e-6 x 1000, scaled back
    assert not judged([1000.0 * 0.5**20, 1e-2 * 0.5**20]).is_pass
    absolute = one({**OWN, "probe": "scaled", "values": values, "atol": 1.0e-6})
    small = {
        "scaled": {"w": np.array([1000.0, 0.0]), "large_w": np.array([1000.0, 1e-4]) * 0.5**20}
    }
    assert not grade(absolute, small, reference).is_pass  # the absolute atol by default


def test_stays_finite_skips_what_is_missing() -> None:
    item = one({"use": "stays_finite", "probe": "fit", "values": {"w": "weights", "b": "bias"}})
    assert item.name == "fit_stays_finite" and item.category is Category.NUMERICAL_STABILITY
    assert grade(item, {"fit": {"w": np.ones(3), "b": None}}, {"fit": {}}).is_pass
    nan = grade(item, {"fit": {"w": np.array([1.0, np.nan]), "b": 0.0}}, {"fit": {}})
    assert not nan.is_pass and "weights" in nan.message


def test_reproducible_wants_the_same_fit_for_a_seed_and_another_for_another_seed() -> None:
    item = one(
        {
            "use": "reproducible",
            "probe": "seeded",
            "same": {"first": "again"},
            "differ": {"first": "other"},
            "what": "forests",
        }
    )
    assert item.name == "seeded_reproducible" and item.category is Category.CODE_ORGANIZATION

    def judged(first: list[int], again: list[int], other: list[int]) -> Outcome:
        observed = {"seeded": {"first": first, "again": again, "other": other}}
        return grade(item, observed, observed)

    assert judged([1, 2], [1, 2], [2, 1]).is_pass
    unseeded = judged([1, 2], [2, 1], [2, 2])
    assert not unseeded.is_pass and "two forests with the same random_state" in unseeded.message
    ignored = judged([1, 2], [1, 2], [1, 2])
    assert not ignored.is_pass and "different random_state values" in ignored.message


def test_reproducible_without_differ_holds_only_the_same_seed_and_takes_nan_as_nan() -> None:
    item = one({"use": "reproducible", "probe": "seeded", "same": {"a": "b"}, "what": "models"})

    def judged(a: list[float], b: list[float]) -> Outcome:
        observed = {"seeded": {"a": a, "b": b}}
        return grade(item, observed, observed)

    assert judged([1.0, 2.0], [1.0, 2.0]).is_pass
    assert judged([1.0, float("nan")], [1.0, float("nan")]).is_pass  # stability's business
    assert "two models with the same random_state differ (a)" in judged([1.0], [2.0]).message


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"use": "nearly_equal"}, "use must be one of matches_reference"),
        ({**LOSS, "values": {"loss": "L"}, "rtoll": 1.0}, "unknown field(s) rtoll"),
        ({**LOSS, "values": {"loss": "L"}, "rtol": "1e-6"}, "write 1.0e-6"),
        ({**LOSS, "values": ["loss"]}, "values must map observation names"),
        ({**LOSS, "values": {"loss": "L"}, "samples": 0}, "samples must be a positive"),
        ({**LOSS, "values": {"loss": "L"}, "relative_atol": "yes"}, "must be true or false"),
        ({**LOSS, "values": {"loss": "L"}, "category": "speed"}, "must be a rubric category"),
        ({"use": "gradient_matches_own_loss", "probe": "fd"}, "gradient must be a list"),
        ({**OWN, "values": {"h": "loss"}}, "must be {same_as, what}"),
        ({**OWN, "values": {"h": {"same_as": "l", "what": "w", "divide_by": 0}}}, "not be 0"),
        ({**OWN, "values": {"h": {"same_as": "l", "what": "w"}}, "gate": ["l"]}, "gate must map"),
        ({**OWN, "values": {"h": {"same_as": "l", "what": "w"}}, "samples": 3}, "unknown field"),
        ({"use": "reproducible", "probe": "p", "what": "w", "same": {"a": 1}}, "same must map"),
        ({"use": "reproducible", "probe": "p", "what": "w"}, "same must map"),
    ],
)
def test_a_malformed_entry_says_what_is_wrong(entry: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError, match=r"profile\.checks") as raised:
        one(entry)
    assert message in str(raised.value)


def test_no_entries_no_checks_and_a_mapping_is_refused() -> None:
    assert named_checks(None) == []
    with pytest.raises(ProfileError, match="must be a list"):
        named_checks({"use": "matches_reference"})
