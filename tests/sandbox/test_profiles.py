"""The standard checks of the estimator profile on synthetic observations (no Docker): each
rule of problems/README.md, "One defect, one category", passes what it must and fails what it
must."""

from __future__ import annotations

import ast
from collections.abc import Mapping

import numpy as np
import pytest

from sandbox.checking import Check, CheckInput, Outcome
from sandbox.harness import wire
from sandbox.harness.estimator_spec import parse_profile
from sandbox.observations import ProbeResult, decode_probe
from sandbox.profiles import StandardChecks

PROFILE = parse_profile(
    {
        "kind": "estimator",
        "hyperparameters": {"learning_rate": 0.01, "n_iterations": 1000, "tol": 1e-6},
        "fit": {
            "n": 20,
            "features": 3,
            "n_test": 5,
            "hyperparameters": {"n_iterations": 10},
            "attributes": {"weights": ["features"], "bias": []},
            "outputs": {"predict": ["n"], "labels": {"shape": ["n"], "kind": "label"}},
        },
        "history": {
            "run": {"n_iterations": 4, "tol": 0.0},
            "tol_run": {"n_iterations": 100, "tol": 0.1},
        },
        "timing": {"method": "fit", "n": 1000, "rounds": 2},
    },
    "Model",
)
CHECKS = {c.name: c for c in StandardChecks(PROFILE).checks()}
SOURCE = "class Model:\n    def fit(self, X):\n        return [x for x in X]\n"


def observed(name: str, **values: object) -> ProbeResult:
    return decode_probe(name, {"status": "ok", "observations": wire.encode_observations(values)})


def grade(
    check: str, candidate: Mapping[str, object], reference: Mapping[str, object] | None = None
) -> Outcome:
    item: Check = CHECKS[f"standard_{check}"]
    probe = item.probes[0]
    inputs = CheckInput(
        candidate={probe: observed(probe, **candidate)},
        reference={probe: observed(probe, **(reference or candidate))},
        source=SOURCE,
        tree=ast.parse(SOURCE),
    )
    return item.function(inputs)


FIT = {
    "returned_self": True,
    "attribute:weights": np.array([1.0, 2.0, 3.0]),
    "attribute:bias": 0.5,
    "output:predict": np.arange(5.0),
    "output:labels": np.arange(5),
}


def test_defaults_are_compared_by_value_and_name() -> None:
    good = {"learning_rate": 0.01, "n_iterations": 1000, "tol": 1e-6}
    assert grade("default_hyperparameters", good).is_pass
    wrong = grade("default_hyperparameters", {**good, "tol": None})
    assert "Model().tol is None, expected 1e-06" in wrong.message


def test_a_column_of_the_right_values_costs_shape_not_mathematics() -> None:
    column = {**FIT, "output:predict": np.arange(5.0).reshape(5, 1)}
    shapes = grade("shapes_and_dtypes", column, FIT)
    assert "predict(X) has shape (5, 1), expected shape (5,)" in shapes.message
    assert grade("fitted_values_match_reference", column, FIT).is_pass


def test_labels_must_be_integers_and_reals_floating_point() -> None:
    floats = grade("shapes_and_dtypes", {**FIT, "output:labels": np.arange(5.0)}, FIT)
    assert "expected integers" in floats.message
    booleans = grade("shapes_and_dtypes", {**FIT, "output:labels": np.ones(5, bool)}, FIT)
    assert "expected integers" in booleans.message
    assert grade("shapes_and_dtypes", FIT).is_pass


def test_a_factor_is_named_in_mathematics() -> None:
    doubled = {**FIT, "attribute:weights": 2 * FIT["attribute:weights"]}  # type: ignore[operator]
    outcome = grade("fitted_values_match_reference", doubled, FIT)
    assert "2 times the expected ones" in outcome.message


@pytest.mark.parametrize(
    ("history", "final", "passes"),
    [
        ([4.0, 3.0, 2.5, 2.2], 2.0, True),  # before each update: one step behind the final
        ([3.0, 2.5, 2.2, 2.0], 2.0, True),  # after each update: the final loss itself
        ([4.0, 3.0, 2.5, 2.2, 2.0], 2.0, True),  # n + 1 entries
        ([4.0, 3.0, 2.5, 2.2], 1.0, False),  # not the model's own loss
        ([4.0, 3.0, 3.5, 2.2], 2.0, True),  # goes up: the mathematics' business, not this
        ([4.0, 3.0], 2.9, False),  # too few entries
    ],
)
def test_history_is_the_candidates_own_loss(
    history: list[float], final: float, passes: bool
) -> None:
    run = {"history": np.array(history), "final_loss": final, "iterations": 4}
    assert grade("history_records_each_iteration", run).is_pass is passes


def tol_run(
    history: list[float], stopped: float, final: float, spot: tuple[int, float] = (1, 3.0)
) -> Outcome:
    parameters = {"weights": np.ones(3), "bias": 0.0}
    run: dict[str, object] = {"history": np.array(history), "final_loss": final}
    reruns: dict[str, object] = {"spot_iterations": spot[0], "spot_loss": spot[1]}
    run.update({f"stopped:{k}": stopped * np.asarray(v) for k, v in parameters.items()})
    for label, scale in (("same", 1.0), ("one_fewer", 0.5)):
        reruns.update({f"{label}:{k}": scale * np.asarray(v) for k, v in parameters.items()})
    item = CHECKS["standard_stops_on_tol"]
    inputs = CheckInput(
        candidate={
            "standard_history_tol_run": observed("standard_history_tol_run", **run),
            "standard_history_reruns": observed("standard_history_reruns", **reruns),
        },
        reference={},
        source=SOURCE,
        tree=ast.parse(SOURCE),
    )
    return item.function(inputs)


def test_a_history_cut_short_cannot_pass_for_stopping() -> None:
    assert tol_run([4.0, 3.0, 2.5, 2.45], stopped=1.0, final=2.45).is_pass
    truncated = tol_run([4.0, 3.0, 2.5, 2.45], stopped=3.0, final=2.45)
    assert "not those of a run of 4" in truncated.message
    late = tol_run([4.0, 3.0, 2.95, 2.9, 2.85], stopped=1.0, final=2.85)
    assert "went on until iteration 4" in late.message
    made_up = tol_run([4.0, 3.0, 2.5, 2.45], stopped=1.0, final=2.45, spot=(1, 3.7))
    assert "own loss after 1 iterations is 3.7" in made_up.message


def timing(
    seconds_n: float, seconds_10n: float, *, size: int = 4, summary: float = 1.0
) -> dict[str, object]:
    values: dict[str, object] = {}
    for label in ("small", "n_0", "n_1", "10n_0", "10n_1"):
        seconds = seconds_10n if label.startswith("10n") else seconds_n
        values.update(
            {
                f"seconds:{label}": seconds,
                f"yardstick:{label}": 0.001 if label.startswith("10n") else 0.0001,
                f"overhead:{label}": 0.002,
                f"size:{label}": size,
                f"finite:{label}": True,
                f"summary:{label}": np.array([1.0, 2.0]) * (summary if label != "small" else 1.0),
            }
        )
    return values


def test_timing_charges_a_loop_and_nothing_else() -> None:
    reference = timing(0.003, 0.004)
    assert grade("marginal_cost_fit", timing(0.003, 0.005), reference).is_pass
    loop = grade("marginal_cost_fit", timing(0.05, 0.5), reference)
    assert "grows like a Python loop" in loop.message and "comprehension" in loop.message
    wrong_size = grade("marginal_cost_fit", timing(0.003, 0.004, size=3), reference)
    assert not wrong_size.measured
    converted = grade("marginal_cost_fit", timing(0.003, 0.004, summary=2.0), reference)
    assert converted.is_pass  # a constant factor (a convention) is not the timing's business


def test_a_defect_in_one_part_does_not_excuse_instant_answers_in_the_others() -> None:
    """A tuple output (dw, db) with db wrong: the small call relates in dw only, so every
    timed call must relate in dw (an early return of zeros at the timed sizes fails)."""

    def parts(small: list[list[float]], timed: list[list[float]]) -> dict[str, object]:
        values = timing(0.003, 0.004)
        for label in ("small", "n_0", "n_1", "10n_0", "10n_1"):
            values[f"summary:{label}"] = np.array(small if label == "small" else timed)
        return values

    reference = parts([[1.0, 2.0], [3.0, -1.0]], [[1.0, 2.0], [3.0, -1.0]])
    db_wrong = [[1.0, 2.0], [6.0, -1.0]]
    assert grade("marginal_cost_fit", parts(db_wrong, [[1.0, 2.0], [7.0, -3.0]]), reference).is_pass
    instant = grade("marginal_cost_fit", parts(db_wrong, [[0.0, 0.0], [0.0, 0.0]]), reference)
    assert "does not relate to the reference the way it does" in instant.message
    anything = parts([[5.0, 1.0], [6.0, -1.0]], [[0.0, 0.0], [0.0, 0.0]])
    assert grade("marginal_cost_fit", anything, reference).is_pass  # nothing to hold it to


def test_a_fast_answer_that_stops_matching_at_scale_fails() -> None:
    reference = timing(0.003, 0.004)
    cheat = timing(0.003, 0.004)
    cheat["summary:10n_1"] = np.array([5.0, -1.0])
    assert (
        "does not relate to the reference" in grade("marginal_cost_fit", cheat, reference).message
    )


def test_an_output_held_to_nothing_gets_no_benefit_of_the_doubt_once_a_sibling_is_caught() -> None:
    """fit()'s weights relate to the reference in no part (a summed bias gradient changes
    them all), so its timed outputs cannot be checked; the gradient's can. An early return
    in the helper both use shows in the gradient's timed calls, and fit() then fails too."""
    profile = parse_profile(
        {
            "kind": "estimator",
            "hyperparameters": {"learning_rate": 0.01},
            "fit": {"n": 20, "features": 3, "n_test": 5, "attributes": {"weights": ["features"]}},
            "timing": [
                {"method": "fit", "n": 1000, "rounds": 2},
                {"method": "_compute_gradients", "n": 1000, "rounds": 2},
            ],
        },
        "Model",
    )
    checks = {c.name: c for c in StandardChecks(profile).checks()}
    fit, gradient = (checks[f"standard_marginal_cost_{m}"] for m in ("fit", "compute_gradients"))

    def judged(gradient_timed: list[float]) -> Outcome:
        unrelated = timing(0.003, 0.004)
        unrelated["summary:small"] = np.array([5.0, 1.0])  # relates in no part
        gradient_values = timing(0.003, 0.004)
        for label in ("n_0", "n_1", "10n_0", "10n_1"):
            gradient_values[f"summary:{label}"] = np.array(gradient_timed)
        candidate = {fit.probes[0]: unrelated, gradient.probes[0]: gradient_values}
        reference = {probe: timing(0.003, 0.004) for probe in candidate}
        inputs = CheckInput(
            candidate={p: observed(p, **v) for p, v in candidate.items()},
            reference={p: observed(p, **v) for p, v in reference.items()},
            source=SOURCE,
            tree=ast.parse(SOURCE),
        )
        return fit.function(inputs)

    assert judged([1.0, 2.0]).is_pass  # the gradient does the same work at every size
    caught = judged([0.0, 0.0])
    assert not caught.is_pass and "did other work at the timed sizes" in caught.message


def test_a_row_wise_output_is_held_to_the_reference_row_by_row() -> None:
    """predict() of a fitted model: a defect that shows on a few rows only changes about the
    same share of rows at every size and passes, although the whole timed output no longer
    relates; a timed call that gets most rows wrong (an early return) fails."""
    profile = parse_profile(
        {
            "kind": "estimator",
            "hyperparameters": {"depth": 3},
            "fit": {"n": 20, "features": 3, "n_test": 5, "outputs": {"predict": ["n"]}},
            "timing": {"method": "predict", "n": 1000, "fitted": True},
        },
        "Model",
    )
    (check,) = [c for c in StandardChecks(profile).checks() if "marginal_cost" in c.name]

    def judged(small_wrong: int, timed_wrong: int) -> Outcome:
        candidate, reference = timing(0.003, 0.004), timing(0.003, 0.004)
        for label in ("small", "n_0", "n_1", "10n_0", "10n_1"):
            count = 64 if label == "small" else 256
            reference[f"rows:{label}"] = np.ones((count, 1))
            rows = np.ones((count, 1))
            rows[: small_wrong if label == "small" else timed_wrong] = 2.0
            candidate[f"rows:{label}"] = rows
            candidate[f"summary:{label}"] = np.array([1.0, 2.0 + (label != "small")])
        probe = check.probes[0]
        inputs = CheckInput(
            {probe: observed(probe, **candidate)},
            {probe: observed(probe, **reference)},
            SOURCE,
            ast.parse(SOURCE),
        )
        return check.function(inputs)

    assert judged(small_wrong=0, timed_wrong=12).is_pass  # a rare defect: 5% of rows
    early = judged(small_wrong=0, timed_wrong=200)
    assert not early.is_pass and "does not relate to the reference" in early.message
    assert judged(small_wrong=60, timed_wrong=256).is_pass  # hardly a row relates untimed
