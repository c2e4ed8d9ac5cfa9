"""The standard checks of the layer profile (trusted side).

They score what the layer profile's probes (``sandbox.harness.layer_profile``) observed,
one rubric category each, following the rules of ``problems/README.md``:

- mathematical_correctness: the forward output and every gradient against the reference
  (after reshaping, factor named), and the backward against finite differences of the
  candidate's *own* forward (``sum(upstream * forward)`` along random directions);
- code_organization: the shape and dtype of the output and of every gradient, as the
  reference gives them;
- numerical_stability: on extreme inputs the candidate gives, finitely, what it gives on
  benign ones (``scale * benign + shift``), measured only where its benign values are the
  reference's up to a constant factor;
- vectorized_implementation: the shared timing check (``sandbox.timing_checks``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    compare_values,
    dtype_check,
    gradient_check,
    mean_of,
    proportional_factor,
    same_loss_as_elsewhere,
    shape_check,
    unless_related,
)
from sandbox.harness.layer_profile import LayerProfile, Operation, parse_layer_profile
from sandbox.observations import ProbeResult
from sandbox.rubric import Category
from sandbox.timing_checks import marginal_cost_check

GRADIENT = "gradient:"


def layer_checks(raw: Mapping[str, Any]) -> list[Check]:
    """The checks a layer profile implies (``raw`` as in problem.yaml, with its class)."""
    profile = parse_layer_profile(raw, str(raw.get("class") or ""))
    return LayerChecks(profile).checks()


def _gradient_keys(result: ProbeResult) -> list[str]:
    return sorted(k for k in result.values if k.startswith(GRADIENT))


class LayerChecks:
    def __init__(self, profile: LayerProfile) -> None:
        self.profile = profile

    def checks(self) -> list[Check]:
        found: list[Check] = []
        for op in self.profile.operations:
            found += [self.forward_values(op), self.shapes_and_dtypes(op)]
            if op.backward is not None:
                found += [self.backward_values(op), self.backward_own_forward(op)]
            if op.stability is not None:
                found.append(self.stable(op))
        timed = [t.call for op in self.profile.operations for t in op.timing]
        found += [marginal_cost_check(call, self.profile.class_name, timed) for call in timed]
        return found

    @staticmethod
    def _check(
        op: Operation,
        name: str,
        category: Category,
        probes: tuple[str, ...],
        run: Callable[[CheckInput], Outcome],
    ) -> Check:
        return Check(f"standard_{op.name}_{name}", category, probes, 1.0, run)

    # --- mathematical correctness -----------------------------------------------------

    def forward_values(self, op: Operation) -> Check:
        probe = op.probe("forward")

        def run(c: CheckInput) -> Outcome:
            return compare_values(
                c.candidate[probe].array("output"),
                c.reference[probe].array("output"),
                what=op.what,
                rtol=op.rtol,
                atol=op.atol,
            )

        return self._check(op, "forward_values", Category.MATHEMATICAL_CORRECTNESS, (probe,), run)

    def backward_values(self, op: Operation) -> Check:
        probe = op.probe("backward")

        def run(c: CheckInput) -> Outcome:
            candidate, reference = c.candidate[probe], c.reference[probe]
            for key in _gradient_keys(reference):
                if key not in candidate.values:
                    return Outcome.failed(
                        f"the backward of {op.what} gives no gradient for {_variable(key)}"
                    )
                outcome = compare_values(
                    candidate.array(key),
                    reference.array(key),
                    what=f"the gradient of {op.what} for {_variable(key)}",
                    rtol=op.rtol,
                    atol=op.atol,
                )
                if not outcome.is_pass:
                    return outcome
            return Outcome.passed()

        category = Category.MATHEMATICAL_CORRECTNESS
        return self._check(op, "backward_values", category, (probe,), run)

    def backward_own_forward(self, op: Operation) -> Check:
        """The backward is the derivative of the candidate's own forward (a convention in
        the forward carries over), and the forward it was checked against is the forward
        it gives elsewhere."""
        forward, backward = op.probe("forward"), op.probe("backward")

        def run(c: CheckInput) -> Outcome:
            observed = c.candidate[backward]
            parts = []
            for name in op.wrt:
                if f"{GRADIENT}{name}" not in observed.values:
                    return Outcome.failed(f"the backward of {op.what} gives no gradient of {name}")
                parts.append(observed.array(f"{GRADIENT}{name}").ravel())
            what = f"gradient of {op.what} (for {', '.join(op.wrt)})"
            outcome = gradient_check(
                np.concatenate(parts), observed, what=what, tolerance=op.gradient_tolerance
            )
            factor = proportional_factor(
                c.candidate[forward].array("output"),
                c.reference[forward].array("output"),
                rtol=1e-6,
            )
            return all_of(outcome, same_loss_as_elsewhere(observed, c.reference[backward], factor))

        category = Category.MATHEMATICAL_CORRECTNESS
        return self._check(op, "backward_matches_own_forward", category, (forward, backward), run)

    # --- code organization ------------------------------------------------------------

    def shapes_and_dtypes(self, op: Operation) -> Check:
        probes: tuple[str, ...] = (op.probe("forward"),)
        if op.backward is not None:
            probes += (op.probe("backward"),)

        def run(c: CheckInput) -> Outcome:
            parts = []
            for probe in probes:
                candidate, reference = c.candidate[probe], c.reference[probe]
                keys = ["output"] if probe.endswith("forward") else _gradient_keys(reference)
                for key in keys:
                    what = op.what if key == "output" else f"the gradient for {_variable(key)}"
                    if key not in candidate.values or candidate.value(key) is None:
                        parts.append(Outcome.failed(f"{what} is missing"))
                        continue
                    expected = reference.array(key).shape
                    parts.append(shape_check(candidate.array(key).shape, expected, what))
                    parts.append(dtype_check(candidate, key, _kind(reference, key), what))
            return all_of(*parts)

        return self._check(op, "shapes_and_dtypes", Category.CODE_ORGANIZATION, probes, run)

    # --- numerical stability ----------------------------------------------------------

    def stable(self, op: Operation) -> Check:
        probe, forward, backward = op.probe("stability"), op.probe("forward"), op.probe("backward")
        probes = (probe, forward) + ((backward,) if op.backward is not None else ())

        def run(c: CheckInput) -> Outcome:
            # Measured only on what computes the right quantity on ordinary inputs (the
            # standard calls), in some convention: a wrong formula is mathematics'.
            gates = {"": _related(c, forward, ["output"], op)}
            if op.backward is not None:
                gates["gradient"] = _related(c, backward, [GRADIENT + n for n in op.wrt], op)
            candidate, reference = c.candidate[probe], c.reference[probe]
            measured = [
                outcome
                for label in reference.strings("cases")
                if (outcome := _stable_case(op, candidate, reference, label, gates)).measured
            ]
            if not measured:
                return Outcome.not_measured(
                    f"not measured: {op.what} does not match the reference on ordinary inputs "
                    "even up to a constant factor (see mathematical_correctness)"
                )
            return mean_of(measured)

        category = Category.NUMERICAL_STABILITY
        return self._check(op, "stable_on_extreme_inputs", category, probes, run)


def _related(c: CheckInput, probe: str, keys: list[str], op: Operation) -> bool:
    """Every value matches the reference's, or is it up to a constant factor."""
    candidate, reference = c.candidate[probe], c.reference[probe]
    for key in keys:
        if key not in candidate.values:
            return False
        actual, expected = candidate.array(key), reference.array(key)
        matches = compare_values(actual, expected, what=key, rtol=op.rtol, atol=op.atol)
        if not matches.is_pass and unless_related(actual, expected, what=key) is not None:
            return False
    return True


def _kind(reference: ProbeResult, key: str) -> str:
    """Integers where the reference gives integers, floating point otherwise."""
    value = reference.value(key)
    if isinstance(value, np.ndarray):
        return "label" if value.dtype.kind in "iu" else "real"
    return "label" if isinstance(value, int) and not isinstance(value, bool) else "real"


def _variable(key: str) -> str:
    return key[len(GRADIENT) :]


def _stable_case(
    op: Operation,
    candidate: ProbeResult,
    reference: ProbeResult,
    label: str,
    gates: dict[str, bool],
) -> Outcome:
    """One extreme case: the extreme output is finite and equals ``scale * benign + shift``
    of the candidate's own benign output (gradients: ``gradient_scale * benign``), for each
    of the two that the gates let through. Not measured when neither is."""
    scale, shift, gradient_scale, rtol, atol = reference.array(f"relation:{label}")
    pairs = []
    if gates[""]:
        pairs.append(("", f"extreme:{label}", f"benign:{label}", scale, shift))
    if np.isfinite(gradient_scale) and gates.get("gradient", False):
        pairs += [
            (
                f" (gradient for {name})",
                f"extreme_gradient:{label}:{name}",
                f"benign_gradient:{label}:{name}",
                gradient_scale,
                0.0,
            )
            for name in op.wrt
        ]
    parts = []
    for suffix, extreme_key, benign_key, factor, offset in pairs:
        what = f"{op.what}{suffix} on {label}"
        extreme = candidate.array(extreme_key)
        finite = all_finite(extreme, what=what)
        if not finite.is_pass:
            parts.append(finite)
            continue
        expected = factor * candidate.array(benign_key) + offset
        found = compare_values(extreme, expected, what=what, rtol=rtol, atol=atol)
        parts.append(
            found
            if found.is_pass
            else Outcome.failed(
                f"{found.message}: your own result on the equivalent ordinary input says "
                "otherwise, so precision is lost on the extreme one"
            )
        )
    if not parts:
        return Outcome.not_measured(f"not measured on {label}")
    return all_of(*parts)
