"""The layer profile's standard checks (sandbox/layer_checks.py) on synthetic observations:
the rules a probe run cannot easily reach (lost precision that stays finite, loop hints in
a module's functions, a gradient the backward does not give)."""

from __future__ import annotations

import ast

import numpy as np

from sandbox.checking import CheckInput, Outcome
from sandbox.harness import wire
from sandbox.layer_checks import layer_checks
from sandbox.observations import ProbeResult, decode_probe

PROFILE = {
    "kind": "layer",
    "class": "",
    "operations": [
        {
            "name": "softmax",
            "backward": "softmax_backward",
            "wrt": ["x"],
            "stability": "extreme",
            "timing": [{"phase": "forward", "n": 1000, "yardstick": "softmax_yardstick"}],
        }
    ],
}
CHECKS = {c.name: c for c in layer_checks(PROFILE)}
SOURCE = "def softmax(x):\n    return [row for row in x]\n"


def observed(name: str, **values: object) -> ProbeResult:
    return decode_probe(name, {"status": "ok", "observations": wire.encode_observations(values)})


def grade(check: str, candidate: dict[str, object], reference: dict[str, object]) -> Outcome:
    item = CHECKS[f"standard_{check}"]
    probe = item.probes[0]
    inputs = CheckInput(
        candidate={probe: observed(probe, **candidate)},
        reference={probe: observed(probe, **reference)},
        source=SOURCE,
        tree=ast.parse(SOURCE),
    )
    return item.function(inputs)


BENIGN = np.array([[0.2, 0.3, 0.5]])


def stability(extreme: np.ndarray, benign: np.ndarray = BENIGN) -> dict[str, object]:
    return {
        "cases": ["shifted"],
        "extreme:shifted": extreme,
        "benign:shifted": benign,
        "relation:shifted": np.array([1.0, 0.0, np.nan, 1e-9, 1e-12]),
    }


def test_precision_lost_on_extreme_inputs_is_named_against_the_candidates_own_result() -> None:
    reference = stability(BENIGN)
    assert grade("softmax_stable_on_extreme_inputs", reference, reference).is_pass
    rounded = grade("softmax_stable_on_extreme_inputs", stability(BENIGN + 1e-4), reference)
    assert rounded.score == 0.0
    assert "your own result on the equivalent ordinary input" in rounded.message
    # Another convention (a constant factor) is still measured: right about itself.
    scaled = stability(2 * BENIGN, 2 * BENIGN)
    assert grade("softmax_stable_on_extreme_inputs", scaled, reference).is_pass


def test_a_missing_gradient_is_named() -> None:
    reference = {"gradient:x": np.ones(3), "directions": np.eye(3)}
    outcome = grade("softmax_backward_values", {"directions": np.eye(3)}, reference)
    assert "the backward of softmax() gives no gradient for x" in outcome.message


def timing(seconds_n: float, seconds_10n: float) -> dict[str, object]:
    values: dict[str, object] = {"yardstick_repeats": 3}
    for label in ("small", "n_0", "10n_0", "n_1", "10n_1"):
        large = label.startswith("10n")
        values.update(
            {
                f"seconds:{label}": seconds_10n if large else seconds_n,
                f"yardstick:{label}": 3 * (0.001 if large else 0.0001),
                f"transfer:{label}": 0.0,
                f"size:{label}": 6,
                f"finite:{label}": True,
                f"summary:{label}": np.array([1.0, 2.0]),
            }
        )
    return values


def test_a_slow_function_is_charged_with_the_loops_it_runs() -> None:
    reference = timing(0.0001, 0.001)
    assert grade("marginal_cost_softmax_forward", timing(0.0002, 0.002), reference).is_pass
    slow = grade("marginal_cost_softmax_forward", timing(0.05, 0.5), reference)
    assert "softmax() forward from n=1000 to 10000" in slow.message
    assert "line 2: a comprehension or generator in softmax()" in slow.message
