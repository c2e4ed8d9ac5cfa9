"""The layer profile's probes (sandbox/harness/layer_profile.py), run in this process on
trusted toy solutions (a module of functions and a layer class) and scored by its standard
checks: each rule of problems/README.md, "The layer profile", end to end."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Mapping
from typing import Any

import pytest

from sandbox.checking import CheckInput, Outcome
from sandbox.harness import candidate, kinds, local
from sandbox.harness.estimator_spec import ProfileError
from sandbox.harness.layer_profile import parse_layer_profile
from sandbox.layer_checks import layer_checks
from sandbox.observations import ProbeResult, decode_probe
from sandbox.rubric import Category

HOOKS = """
import numpy as np
from sandbox.harness.layer_profile import ExtremeCase


def square_inputs(rng, n):
    return {"x": rng.normal(size=(n, 3)), "upstream": rng.normal(size=(n, 3))}


def square_forward(solution, x):
    return solution.square(x)


def square_backward(solution, upstream, x):
    return {"x": solution.square_grad(upstream, x)}


def square_extreme(rng):
    x = rng.normal(size=(4, 3))
    up = rng.normal(size=(4, 3))
    big = 2.0**100  # exact: squares scale by 2**200 (past float32's range), gradients by 2**100
    return [
        ExtremeCase("doubled", {"x": 2 * x, "upstream": up}, {"x": x, "upstream": up},
                    scale=4.0, gradient_scale=2.0),
        ExtremeCase("huge", {"x": big * x, "upstream": up}, {"x": x, "upstream": up},
                    scale=big * big, gradient_scale=big),
    ]


def affine_inputs(rng, n):
    return {
        "x": rng.normal(size=(n, 2)),
        "w": rng.normal(size=(2, 3)),
        "upstream": rng.normal(size=(n, 3)),
    }


def affine_forward(solution, x, w):
    layer = solution.Affine(w)
    return layer.forward(x)


def affine_backward(solution, upstream, x, w):
    layer = solution.Affine(w)
    layer.forward(x)
    dx = layer.backward(upstream)
    return {"x": dx, "w": layer.dw}


def affine_timing_inputs(rng, n):  # twice the rows: shows that this hook made the inputs
    values = affine_inputs(rng, 2 * n)
    del values["upstream"]
    return values


def affine_yardstick(x, w):
    return x @ w
"""

PROFILE: dict[str, Any] = {
    "kind": "layer",
    "class": "Affine",
    "operations": [
        {
            "name": "square",
            "what": "square(x)",
            "backward": "square_backward",
            "wrt": ["x"],
            "stability": "square_extreme",
        },
        {
            "name": "affine",
            "backward": "affine_backward",
            "wrt": ["x", "w"],
            "timing": [
                {
                    "phase": "forward",
                    "n": 50,
                    "inputs": "affine_timing_inputs",
                    "yardstick": "affine_yardstick",
                }
            ],
        },
    ],
}

REFERENCE = """
import numpy as np


def square(x):
    return x * x


def square_grad(upstream, x):
    return 2.0 * x * upstream


class Affine:
    def __init__(self, w):
        self.w = w

    def forward(self, x):
        self.x = x
        return x @ self.w

    def backward(self, upstream):
        self.dw = self.x.T @ upstream
        return upstream @ self.w.T
"""

_names = itertools.count()


def run(source: str, *, measure_speed: bool = True) -> dict[str, ProbeResult]:
    hooks = candidate.load_module(f"layer_hooks_{next(_names)}", "probes.py", HOOKS)
    probes = kinds.problem_probes(hooks, PROFILE)
    reports = local.run_locally(source, 7, probes, hooks, measure_speed=measure_speed)
    return {r["name"]: decode_probe(r["name"], r) for r in reports}


REFERENCE_RESULTS = run(REFERENCE, measure_speed=False)  # as the judge runs it
TIMING = "standard_marginal_cost_affine_forward"  # timings are benchmarks', not tests'

CHECKS = {c.name: c for c in layer_checks(PROFILE)}


def grade(source: str) -> dict[str, Outcome]:
    candidate_results = run(source)
    inputs = CheckInput(candidate_results, REFERENCE_RESULTS, source, ast.parse(source))
    outcomes = {}
    for name, item in CHECKS.items():
        if all(candidate_results[p].ok for p in item.probes):
            outcomes[name] = item.function(inputs)
        else:
            outcomes[name] = Outcome.not_measured("a probe failed")
    return outcomes


def failing(outcomes: Mapping[str, Outcome]) -> dict[str, str]:
    return {name: o.message for name, o in outcomes.items() if not o.is_pass and name != TIMING}


def test_the_profile_implies_one_check_per_rule_and_operation() -> None:
    categories = {name: item.category for name, item in CHECKS.items()}
    assert categories == {
        "standard_square_forward_values": Category.MATHEMATICAL_CORRECTNESS,
        "standard_square_shapes_and_dtypes": Category.CODE_ORGANIZATION,
        "standard_square_backward_values": Category.MATHEMATICAL_CORRECTNESS,
        "standard_square_backward_matches_own_forward": Category.MATHEMATICAL_CORRECTNESS,
        "standard_square_stable_on_extreme_inputs": Category.NUMERICAL_STABILITY,
        "standard_affine_forward_values": Category.MATHEMATICAL_CORRECTNESS,
        "standard_affine_shapes_and_dtypes": Category.CODE_ORGANIZATION,
        "standard_affine_backward_values": Category.MATHEMATICAL_CORRECTNESS,
        "standard_affine_backward_matches_own_forward": Category.MATHEMATICAL_CORRECTNESS,
        "standard_marginal_cost_affine_forward": Category.VECTORIZED_IMPLEMENTATION,
    }


def test_the_reference_passes_everything() -> None:
    outcomes = grade(REFERENCE)
    assert failing(outcomes) == {}
    assert outcomes[TIMING].measured  # ran and returned finite output of the expected size
    timing = REFERENCE_RESULTS["standard_timing_affine_forward"]
    assert timing.number("size:n_0") == 2 * 50 * 3  # the entry's own inputs hook
    assert timing.number("size:10n_1") == 2 * 500 * 3


def test_a_gradient_off_by_a_factor_is_mathematics_and_named() -> None:
    wrong = REFERENCE.replace("return 2.0 * x * upstream", "return x * upstream")
    lost = failing(grade(wrong))
    assert set(lost) == {
        "standard_square_backward_values",
        "standard_square_backward_matches_own_forward",
    }
    assert "1/2 times the expected ones" in lost["standard_square_backward_values"]
    assert "0.5 times the slope" in lost["standard_square_backward_matches_own_forward"]


def test_a_backward_consistent_with_a_wrong_forward_loses_only_the_values() -> None:
    # forward 2x² with gradient 4x: the gradient is right for its own forward.
    convention = REFERENCE.replace("return x * x", "return 2.0 * x * x").replace(
        "return 2.0 * x * upstream", "return 4.0 * x * upstream"
    )
    lost = set(failing(grade(convention)))
    assert lost == {"standard_square_forward_values", "standard_square_backward_values"}


def test_a_layer_gradient_for_a_parameter_is_checked_by_finite_differences() -> None:
    transposed = REFERENCE.replace(
        "self.dw = self.x.T @ upstream", "self.dw = -self.x.T @ upstream"
    )
    lost = failing(grade(transposed))
    assert "standard_affine_backward_matches_own_forward" in lost
    assert "for x, w" in lost["standard_affine_backward_matches_own_forward"]


def test_a_column_of_the_right_values_costs_shape_only() -> None:
    column = REFERENCE.replace("return x * x", "return (x * x).reshape(-1, 1)")
    lost = set(failing(grade(column)))
    assert lost == {"standard_square_shapes_and_dtypes"}


def test_overflow_on_extreme_inputs_costs_stability_only() -> None:
    # In float32 the "huge" inputs overflow to inf; the values are right elsewhere.
    overflow = REFERENCE.replace(
        "return x * x", "y = x.astype(np.float32)\n    return (y * y).astype(np.float64)"
    )
    outcomes = grade(overflow)
    stability = outcomes["standard_square_stable_on_extreme_inputs"]
    assert stability.measured and stability.score == 0.5  # "doubled" holds, "huge" does not
    assert "square(x) on huge" in stability.message and "NaN or infinite" in stability.message


def test_stability_is_not_measured_on_a_wrong_formula() -> None:
    garbage = REFERENCE.replace("return x * x", "return np.ones_like(x)").replace(
        "return 2.0 * x * upstream", "return np.zeros_like(x)"
    )
    stability = grade(garbage)["standard_square_stable_on_extreme_inputs"]
    assert not stability.measured and "does not match the reference" in stability.message


def test_a_wrong_backward_keeps_the_forwards_stability() -> None:
    wrong = REFERENCE.replace("return 2.0 * x * upstream", "return x + upstream")
    assert grade(wrong)["standard_square_stable_on_extreme_inputs"].is_pass


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "estimator"}, "profile.kind must be 'layer'"),
        ({"operations": []}, "profile.operations must be a non-empty list"),
        ({"operations": [{"name": "f", "backward": "g"}]}, "operations[0].wrt must name"),
        (
            {"operations": [{"name": "f", "timing": [{"phase": "backward", "n": 5}]}]},
            "operations[0].timing[0].phase",
        ),
        ({"operations": [{"name": "f", "timing": [{"n": 0}]}]}, "timing[0].n must be a positive"),
        ({"operations": [{"name": "f"}, {"name": "f"}]}, "distinct names"),
    ],
)
def test_a_malformed_profile_names_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ProfileError, match=re.escape(message)):
        parse_layer_profile({**PROFILE, **change}, "")


def test_an_unknown_kind_is_refused_by_the_registry() -> None:
    hooks = candidate.load_module("layer_hooks_kind", "probes.py", HOOKS)
    with pytest.raises(ProfileError, match=r"profile\.kind must be one of estimator, layer"):
        kinds.problem_probes(hooks, {"kind": "transformer"})
