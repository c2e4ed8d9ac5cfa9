"""The layer profile's standard checks (sandbox/layer_checks.py) on synthetic observations:
the rules a probe run cannot easily reach (lost precision that stays finite, loop hints in
a module's functions, a gradient the backward does not give)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

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


def grade(
    check: str,
    candidate: Mapping[str, object],
    reference: Mapping[str, object],
    others: Mapping[str, tuple[Mapping[str, object], ...]] | None = None,
) -> Outcome:
    """``others``: the other probes the check reads, as (candidate, reference) values."""
    item = CHECKS[f"standard_{check}"]
    probes = {item.probes[0]: (candidate, reference), **(others or {})}
    inputs = CheckInput(
        candidate={name: observed(name, **values[0]) for name, values in probes.items()},
        reference={name: observed(name, **values[1]) for name, values in probes.items()},
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


def calls(output: np.ndarray, gradient: np.ndarray) -> dict[str, tuple[Mapping[str, object], ...]]:
    """The standard calls on ordinary inputs: the candidate's, then the reference's."""
    return {
        "standard_softmax_forward": ({"output": output}, {"output": BENIGN}),
        "standard_softmax_backward": ({"gradient:x": gradient}, {"gradient:x": BENIGN}),
    }


def stable(candidate: dict[str, object], ordinary: np.ndarray = BENIGN) -> Outcome:
    others = calls(ordinary, ordinary)
    return grade("softmax_stable_on_extreme_inputs", candidate, stability(BENIGN), others)


def test_precision_lost_on_extreme_inputs_is_named_against_the_candidates_own_result() -> None:
    assert stable(stability(BENIGN)).is_pass
    rounded = stable(stability(BENIGN + 1e-4))
    assert rounded.score == 0.0
    assert "your own result on the equivalent ordinary input" in rounded.message
    infinite = stable(stability(np.array([[np.inf, 0.0, 0.0]])))
    assert "NaN or infinite" in infinite.message
    # Another convention (a constant factor) is still measured: right about itself.
    assert stable(stability(2 * BENIGN, 2 * BENIGN), ordinary=2 * BENIGN).is_pass


def test_stability_is_gated_on_the_ordinary_calls_not_on_the_extreme_case() -> None:
    # Right on the extreme case but wrong on ordinary inputs: consistent garbage is not
    # measured, even where it happens to match (saturated values near 0, say).
    garbage = stable(stability(BENIGN), ordinary=np.array([[1.0, 0.0, 7.0]]))
    assert not garbage.measured and "does not match the reference" in garbage.message


def test_a_missing_gradient_is_named() -> None:
    reference = {"gradient:x": np.ones(3), "directions": np.eye(3)}
    outcome = grade("softmax_backward_values", {"directions": np.eye(3)}, reference)
    assert "the backward of softmax() gives no gradient for x" in outcome.message


def timing(seconds_n: float, seconds_10n: float) -> dict[str, object]:
    values: dict[str, object] = {}
    for label in ("small", "n_0", "10n_0", "n_1", "10n_1"):
        large = label.startswith("10n")
        values.update(
            {
                f"seconds:{label}": seconds_10n if large else seconds_n,
                f"yardstick:{label}": 0.001 if large else 0.0001,
                f"overhead:{label}": 0.0,
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
