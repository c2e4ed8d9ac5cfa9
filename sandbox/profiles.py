"""The standard checks of the estimator profile (trusted side).

They score what the standard probes (``sandbox.harness.standard``) observed, one rubric
category each, following the rules of ``problems/README.md``:

- code_organization owns the interface: defaults, ``fit`` returning ``self``, the shape and
  dtype of every fitted attribute and output;
- mathematical_correctness compares values with the reference after reshaping an output
  that has the right number of values, and names the factor when there is one;
- convergence_awareness compares the history with the candidate's own loss and checks that
  a run stopped on ``tol`` holds the parameters of that many iterations;
- vectorized_implementation is gated only on "ran and returned finite output of the
  expected size"; the marginal cost from n to 10n against the yardstick decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    all_of,
    compare_values,
    dtype_check,
    shape_check,
)
from sandbox.harness.estimator_spec import EstimatorProfile, parse_profile, resolve_shape
from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category
from sandbox.scale_checks import scaled_copies_check
from sandbox.stop_checks import stop_check
from sandbox.timing_checks import marginal_cost_check

FIT = "standard_fit_standard"
DEFAULTS = "standard_defaults"
HISTORY = "standard_history_run"
TOL = "standard_history_tol_run"
RERUNS = "standard_history_reruns"


def _check(
    name: str, category: Category, probes: tuple[str, ...], weight: float = 1.0
) -> Callable[[Callable[[CheckInput], Outcome]], Check]:
    def make(function: Callable[[CheckInput], Outcome]) -> Check:
        return Check(f"standard_{name}", category, probes, weight, function)

    return make


def standard_checks(raw: Mapping[str, Any]) -> list[Check]:
    """The checks a profile implies (``raw`` as in problem.yaml, with its class)."""
    profile = parse_profile(raw, str(raw.get("class", "")))
    return StandardChecks(profile).checks()


class StandardChecks:
    def __init__(self, profile: EstimatorProfile) -> None:
        self.profile = profile
        fit = profile.fit
        self.sizes = {"n": fit.n_test, "features": fit.features, "n_train": fit.n}
        self.sizes.update({k: v for k, v in fit.hyperparameters.items() if isinstance(v, int)})

    def checks(self) -> list[Check]:
        found = [self.defaults(), self.fit_returns_self(), self.fitted_shapes()]
        if self.profile.fit.compare:
            found.append(self.fitted_values())
        if self.profile.history is not None:
            found += [self.history_is_own_loss(), self.stops_on_tol()]
            if self.profile.history.stop is not None:
                found.append(stop_check(self.profile.history))
        if self.profile.scaled_copies is not None:
            found.append(scaled_copies_check(self.profile.scaled_copies))
        name = self.profile.class_name
        timed = [spec.call for spec in self.profile.timing]
        found += [marginal_cost_check(call, name, timed) for call in timed]
        return found

    # --- code organization ------------------------------------------------------------

    def defaults(self) -> Check:
        expected = self.profile.defaults
        name = self.profile.class_name

        @_check("default_hyperparameters", Category.CODE_ORGANIZATION, (DEFAULTS,), 0.5)
        def run(c: CheckInput) -> Outcome:
            observed = c.candidate[DEFAULTS]
            for key, value in expected.items():
                actual = observed.value(key)
                if not _same_setting(actual, value):
                    return Outcome.failed(
                        f"{name}().{key} is {actual!r}, expected {value!r}: store each "
                        "hyperparameter under its own name, with the statement's default"
                    )
            return Outcome.passed()

        return run

    def fit_returns_self(self) -> Check:
        @_check("fit_returns_self", Category.CODE_ORGANIZATION, (FIT,), 0.5)
        def run(c: CheckInput) -> Outcome:
            if c.candidate[FIT].value("returned_self") is True:
                return Outcome.passed()
            return Outcome.failed("fit() must return self (the fitted model), to allow chaining")

        return run

    def fitted_shapes(self) -> Check:
        fit = self.profile.fit
        sizes = self.sizes

        @_check("shapes_and_dtypes", Category.CODE_ORGANIZATION, (FIT,))
        def run(c: CheckInput) -> Outcome:
            observed = c.candidate[FIT]
            parts = []
            for prefix, specs, what, n in (
                ("attribute", fit.attributes, "self.{}", fit.n),
                ("output", fit.outputs, "{}(X)", fit.n_test),
            ):
                for name, spec in specs.items():
                    key, label = f"{prefix}:{name}", what.format(name)
                    parts.append(_present(observed, key, label))
                    if parts[-1].is_pass:
                        expected = resolve_shape(spec.shape, {**sizes, "n": n})
                        parts.append(shape_check(observed.array(key).shape, expected, label))
                        parts.append(dtype_check(observed, key, spec.kind, label))
            return all_of(*parts)

        return run

    # --- mathematical correctness -----------------------------------------------------

    def fitted_values(self) -> Check:
        fit = self.profile.fit
        keys = [f"attribute:{a}" for a in fit.attributes] + [f"output:{m}" for m in fit.outputs]

        @_check("fitted_values_match_reference", Category.MATHEMATICAL_CORRECTNESS, (FIT,), 1.5)
        def run(c: CheckInput) -> Outcome:
            hyperparameters = ", ".join(f"{k}={v}" for k, v in fit.hyperparameters.items())
            for key in keys:
                what = key.split(":", 1)[1]
                what = f"self.{what}" if key.startswith("attribute:") else f"{what}(X_test)"
                outcome = compare_values(
                    c.candidate[FIT].array(key),
                    c.reference[FIT].array(key),
                    what=f"{what} after fit({hyperparameters})",
                    rtol=fit.rtol,
                    atol=fit.atol,
                    samples=fit.n,
                )
                if not outcome.is_pass:
                    return outcome
            return Outcome.passed()

        return run

    # --- convergence ------------------------------------------------------------------

    def history_is_own_loss(self) -> Check:
        history = self.profile.history
        assert history is not None

        @_check("history_records_each_iteration", Category.CONVERGENCE_AWARENESS, (HISTORY,))
        def run(c: CheckInput) -> Outcome:
            observed = c.candidate[HISTORY]
            values = _history(observed, history.attribute)
            iterations = int(c.reference[HISTORY].number("iterations"))
            final = observed.number("final_loss")
            what = f"self.{history.attribute}"
            # With tol = 0 a loss-change rule never stops early; a rule on the parameters
            # (k-means) stops when nothing moves, which leaves the last two entries equal.
            converged = (
                history.rule == "parameters" and values.size >= 2 and values[-1] == values[-2]
            )
            if values.size not in (iterations, iterations + 1) and not converged:
                return Outcome.failed(
                    f"{what} has {values.size} entries after {iterations} iterations with "
                    "tol=0: record the loss once per iteration"
                )
            # Whether it goes down is the mathematics' business (a wrong update can raise the
            # loss): here only that it records the candidate's own loss, once per iteration.
            return _ends_at(values, final, what)

        return run

    def stops_on_tol(self) -> Check:
        history = self.profile.history
        assert history is not None
        attributes = list(self.profile.fit.attributes)

        @_check("stops_on_tol", Category.CONVERGENCE_AWARENESS, (TOL, RERUNS))
        def run(c: CheckInput) -> Outcome:
            observed, reruns = c.candidate[TOL], c.candidate[RERUNS]
            values = _history(observed, history.attribute)
            cap = int(history.tol_run[history.iterations])
            tol = float(history.tol_run[history.tol])
            if values.size >= cap:
                return Outcome.failed(
                    f"with {history.tol}={tol:g} training ran all {cap} iterations: stop as "
                    f"soon as the stopping rule holds ({history.tol} is ignored)"
                )
            for label in ("same", "one_fewer"):
                if all(_equal_values(observed, reruns, a, label) for a in attributes):
                    break
            else:
                return Outcome.failed(
                    f"{history.attribute} has {values.size} entries, but the fitted parameters "
                    f"are not those of a run of {values.size} (or {values.size - 1}) "
                    f"iterations with {history.tol}=0: stop the loop itself when the rule "
                    "holds, and record one entry per iteration"
                )
            if history.rule == "loss_change":  # a parameter rule's package checks its own
                spot = _spot_check(values, reruns, history.attribute)
                if not spot.is_pass:
                    return spot
            if history.rule == "loss_change":
                final = observed.number("final_loss")
                if not np.isclose(values[-1], final, rtol=1e-12, atol=0.0):
                    # A history recorded before each update lacks the loss after the last
                    # one, which a rule tested on the updated parameters has looked at.
                    values = np.append(values, final)
                return _stopped_at_first_small_change(values, tol, history.tol)
            return Outcome.passed()

        return run


def _same_setting(actual: object, expected: object) -> bool:
    if expected is None or isinstance(expected, bool | str):
        return actual is expected or actual == expected
    if isinstance(actual, bool) or not isinstance(actual, int | float):
        return False
    return bool(np.isclose(float(actual), float(expected), rtol=1e-12, atol=0.0))  # type: ignore[arg-type]


def _present(observed: ProbeResult, key: str, what: str) -> Outcome:
    if observed.value(key) is None:
        return Outcome.failed(f"{what} is missing (None): the statement names it")
    try:
        observed.array(key)
    except ObservationError as error:
        return Outcome.failed(f"{what}: {error}")
    return Outcome.passed()


def _history(observed: ProbeResult, attribute: str) -> np.ndarray:
    if observed.value("history") is None:
        raise ObservationError(
            f"the model has no {attribute} after fit(): record the loss of every iteration"
        )
    values = observed.array("history")
    if values.ndim != 1:
        raise ObservationError(f"{attribute} has shape {values.shape}; record one number each")
    if not np.isfinite(values).all():
        raise ObservationError(f"{attribute} contains NaN or infinity")
    return values


def _ends_at(values: np.ndarray, final: float, what: str) -> Outcome:
    """The history's last entry is the loss of the final parameters, or of the parameters
    one update before (a history recorded before each update)."""
    last = float(values[-1])
    step = float(values[-2] - values[-1]) if values.size >= 2 else 0.0
    slack = 1e-9 * max(abs(last), abs(final), 1e-12)
    if final - slack <= last <= final + max(step, 0.0) * 1.01 + slack:
        return Outcome.passed()
    return Outcome.failed(
        f"{what}[-1] is {last:.6g} but your own loss of the fitted model is {final:.6g}: record "
        "the loss your model actually has at each iteration"
    )


def _spot_check(values: np.ndarray, reruns: ProbeResult, attribute: str) -> Outcome:
    """The history entry for iteration j is the loss of the candidate's own model after j
    iterations (give or take one entry: before or after the update, or an initial entry)."""
    if "spot_iterations" not in reruns.values:
        return Outcome.passed()  # too short a history to check inside
    j = int(reruns.number("spot_iterations"))
    loss = reruns.number("spot_loss")
    nearby = values[max(j - 2, 0) : j + 2]
    if np.isclose(nearby, loss, rtol=1e-6, atol=1e-12).any():  # float32 code included
        return Outcome.passed()
    return Outcome.failed(
        f"{attribute}[{j}] is {values[min(j, values.size - 1)]:.6g} but your model's own loss "
        f"after {j} iterations is {loss:.6g}: record the loss of every iteration"
    )


def _equal_values(stopped: ProbeResult, reruns: ProbeResult, attribute: str, label: str) -> bool:
    try:
        a, b = stopped.array(f"stopped:{attribute}"), reruns.array(f"{label}:{attribute}")
    except ObservationError:
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12))


def _stopped_at_first_small_change(values: np.ndarray, tol: float, name: str) -> Outcome:
    changes = np.abs(np.diff(values))
    small = np.flatnonzero(changes < tol)
    if small.size == 0:
        return Outcome.failed(
            f"training stopped although no change of the loss was below {name}={tol:g}"
        )
    first = int(small[0]) + 1  # the history entry at which the rule first holds
    if values.size - 1 in (first, first + 1):
        return Outcome.passed()
    return Outcome.failed(
        f"the loss changed by less than {name}={tol:g} at iteration {first}, but training "
        f"went on until iteration {values.size - 1}: stop when |L_t - L_(t-1)| < {name}"
    )
