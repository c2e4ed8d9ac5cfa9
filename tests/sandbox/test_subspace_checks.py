"""The checks of decompositions defined up to each component's sign (``sandbox.subspace_checks``)
on synthetic observations (no Docker): a flipped component passes the mathematics and fails
the sign convention, and the stability comparison holds a copy to the same candidate's plain
fit."""

from __future__ import annotations

import numpy as np

from sandbox.subspace_checks import (
    decomposition_parts,
    follows_sign_convention,
    same_as_own_at_both_scales,
    same_as_own_plain_fit,
    transform_with_own_signs,
    unless_same_components,
)
from tests.support.observations import check_input

COMPONENTS = np.array([[0.6, 0.8, 0.0], [0.0, 0.0, 1.0]])
X_NEW = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])
FLIP = np.array([-1.0, 1.0])  # the first component (and its transform column) flipped


inputs = check_input


def fit(components: np.ndarray, singular_values: np.ndarray) -> dict[str, object]:
    transformed = X_NEW @ components.T
    return {
        "components_": components,
        "singular_values_": singular_values,
        "transform": transformed,
        "round_trip": transformed @ components,
    }


def test_a_component_flipped_with_its_column_matches_the_reference() -> None:
    reference = {"fit": fit(COMPONENTS, np.array([3.0, 1.0]))}
    flipped = {"fit": fit(COMPONENTS * FLIP[:, None], np.array([3.0, 1.0]))}
    c = inputs(flipped, reference)
    assert np.allclose(transform_with_own_signs(c, "fit"), reference["fit"]["transform"])  # type: ignore[arg-type]
    assert all(p.is_pass for p in decomposition_parts(c, "fit", ["singular_values_"], samples=2))


def test_a_column_flipped_alone_or_a_value_off_by_n_fails_its_part() -> None:
    reference = {"fit": fit(COMPONENTS, np.array([3.0, 1.0]))}
    column_only = fit(COMPONENTS, np.array([6.0, 2.0]))
    column_only["transform"] = np.asarray(column_only["transform"]) * FLIP
    parts = decomposition_parts(
        inputs({"fit": column_only}, reference), "fit", ["singular_values_"], samples=2
    )
    components, values, transformed, round_trip = parts
    assert components.is_pass and round_trip.is_pass
    assert not values.is_pass and "n times" in values.message
    assert not transformed.is_pass and "transform(X_new)" in transformed.message


def test_the_sign_convention_names_the_first_component_that_breaks_it() -> None:
    right = {"a": {"components_": COMPONENTS}, "b": {"components_": COMPONENTS[:1]}}
    assert follows_sign_convention(inputs(right, {}), [("a", "components_"), ("b", "components_")])
    wrong = {**right, "b": {"components_": -COMPONENTS}}
    outcome = follows_sign_convention(
        inputs(wrong, {}), [("a", "components_"), ("b", "components_")]
    )
    assert not outcome.is_pass and "b: components_[0]" in outcome.message
    broken = {"a": {"components_": COMPONENTS * np.nan}}
    assert not follows_sign_convention(inputs(broken, {}), [("a", "components_")]).measured


def stability(label: str, components: np.ndarray, values: np.ndarray) -> dict[str, object]:
    return {
        "plain:components_": COMPONENTS,
        "plain:explained_variance_": np.array([4.0, 1.0]),
        f"{label}:components_": components,
        f"{label}:explained_variance_": values,
    }


def test_a_scaled_copy_is_held_to_the_same_candidates_plain_fit() -> None:
    def outcome(components: np.ndarray, values: np.ndarray) -> bool:
        c = inputs(
            {"s": stability("huge", components, values)},
            {"s": stability("huge", COMPONENTS, values)},
        )
        return same_as_own_plain_fit(
            c, "s", "huge", scale=8.0, powers={"explained_variance_": 2}, rtol=1e-9, what="at 8x"
        ).is_pass

    assert outcome(COMPONENTS * FLIP[:, None], np.array([256.0, 64.0]))  # variances times 8^2
    assert not outcome(COMPONENTS, np.array([32.0, 8.0]))  # scaled like a deviation
    assert not outcome(COMPONENTS, np.array([np.inf, 64.0]))
    assert not outcome(COMPONENTS[::-1], np.array([256.0, 64.0]))


def test_both_scales_hold_the_huge_and_the_tiny_copy_and_name_the_power_of_two() -> None:
    plain = np.array([4.0, 1.0])
    reference = {"s": {"scale": 2.0**70, "plain:components_": COMPONENTS}}

    def outcome(tiny: np.ndarray) -> str:
        observed = {
            **stability("huge", COMPONENTS, plain * 2.0**140),
            **stability("tiny", COMPONENTS, tiny),
        }
        return same_as_own_at_both_scales(
            inputs({"s": observed}, reference),
            "s",
            data="X",
            powers={"explained_variance_": 2},
            rtol=1e-9,
        ).message

    assert outcome(plain * 2.0**-140) == ""
    assert "for X times 2^-70" in outcome(plain * 2.0**-70)


def test_stability_is_not_measured_on_components_that_are_wrong_near_the_origin() -> None:
    reference = {"s": {"plain:components_": COMPONENTS}}
    assert unless_same_components(inputs(reference, reference), "s", "are wrong") is None
    wrong = {"s": {"plain:components_": COMPONENTS[::-1]}}
    gate = unless_same_components(inputs(wrong, reference), "s", "are wrong")
    assert gate is not None and not gate.measured and "your components are wrong" in gate.message
