"""The estimator profile as ``problem.yaml`` declares it: the interface once (class,
hyperparameters, fitted attributes and outputs with their shapes), the history and its
stopping rule, the timed methods and the exact copies of one data set. ``parse_profile``
reads it and names the faulty field; ``sandbox.harness.standard`` builds the standard probes
from it and ``sandbox.profiles`` the standard checks. Standard library and NumPy only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from sandbox.harness import scaled_copies, stop_point, timing


class ProfileError(ValueError):
    """The profile in problem.yaml is malformed; the message says where."""


def _mapping(raw: object, where: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise ProfileError(f"profile.{where} must be a mapping")
    return dict(raw)


def _int(raw: object, where: str, default: int | None = None) -> int:
    if raw is None and default is not None:
        return default
    if type(raw) is not int or raw <= 0:
        raise ProfileError(f"profile.{where} must be a positive whole number")
    return raw


Shape = tuple[str | int, ...]  # "n", "features", a hyperparameter's name, or a number


def _shape(raw: object, where: str) -> Shape:
    if not isinstance(raw, list) or not all(isinstance(d, str | int) for d in raw):
        raise ProfileError(f"profile.{where} must be a list of dimensions")
    return tuple(raw)


@dataclasses.dataclass(frozen=True)
class OutputSpec:
    """A method called on held-out data after ``fit``: its shape and the kind of values."""

    shape: Shape
    kind: str  # "real" (floating point) or "label" (integers)


@dataclasses.dataclass(frozen=True)
class FitSpec:
    n: int
    features: int
    n_test: int
    hyperparameters: Mapping[str, Any]
    attributes: Mapping[str, OutputSpec]  # fitted attributes ("n" is the training size)
    outputs: Mapping[str, OutputSpec]  # methods called on held-out data ("n" is its size)
    rtol: float
    atol: float
    compare: bool  # whether the standard check compares the values with the reference


@dataclasses.dataclass(frozen=True)
class HistorySpec:
    attribute: str
    iterations: str  # the hyperparameter that caps the iterations
    tol: str  # the hyperparameter of the stopping rule
    rule: str  # "loss_change" (stop when |L_t - L_t-1| < tol) or "parameters" (own rule)
    run: Mapping[str, Any]  # hyperparameters of a run with tol = 0
    tol_run: Mapping[str, Any]  # hyperparameters of a run that stops on tol
    stop: stop_point.StopSpec | None  # rule "parameters": where it should stop


@dataclasses.dataclass(frozen=True)
class TimingSpec:
    """A timed method of the estimator: how to make the model ready, and the timed call."""

    method: str
    output: str | None  # an attribute to read after the call, instead of its return value
    hyperparameters: Mapping[str, Any]
    fitted: bool  # call the method on a model fitted first (on the data hook's small set)
    call: timing.TimedCall


@dataclasses.dataclass(frozen=True)
class EstimatorProfile:
    class_name: str
    defaults: Mapping[str, Any]
    fit: FitSpec
    history: HistorySpec | None
    timing: tuple[TimingSpec, ...]
    scaled_copies: scaled_copies.ScaledSpec | None  # numerical stability in other units


def _choice(raw: object, allowed: tuple[str, ...], where: str) -> str:
    if raw not in allowed:
        raise ProfileError(f"profile.{where} must be one of {', '.join(allowed)}")
    return str(raw)


def _outputs(raw: object, where: str) -> dict[str, OutputSpec]:
    """``name: [shape]`` (floating point) or ``name: {shape: [...], kind: real|label}``."""
    found = {}
    for name, spec in _mapping(raw, where).items():
        if isinstance(spec, list):
            spec = {"shape": spec}
        spec = _mapping(spec, f"{where}.{name}")
        kind = _choice(spec.get("kind", "real"), ("real", "label"), f"{where}.{name}.kind")
        found[name] = OutputSpec(_shape(spec.get("shape"), f"{where}.{name}.shape"), kind)
    return found


def _timing(raw: object, where: str) -> TimingSpec:
    spec = _mapping(raw, where)
    method = str(spec.get("method"))
    try:
        call = timing.parse_timed_call(
            spec,
            where,
            probe=f"standard_timing_{method.strip('_')}",
            what=f"{method}()",
            loops_in=method,
            inputs="timing_inputs",
            rows=bool(spec.get("fitted", False)),  # predict() and the like: a row per sample
        )
    except timing.TimingError as error:
        raise ProfileError(str(error)) from error
    return TimingSpec(
        method=method,
        output=str(spec["output"]) if spec.get("output") else None,
        hyperparameters=_mapping(spec.get("hyperparameters"), f"{where}.hyperparameters"),
        fitted=bool(spec.get("fitted", False)),
        call=call,
    )


def _stop(raw: object) -> stop_point.StopSpec | None:
    try:
        return None if raw is None else stop_point.parse_stop(raw, "history.stop")
    except stop_point.StopSpecError as error:
        raise ProfileError(str(error)) from error


def _scaled(raw: object, fit: FitSpec) -> scaled_copies.ScaledSpec | None:
    try:
        if raw is None:
            return None
        return scaled_copies.parse_scaled_copies(raw, n=fit.n, features=fit.features)
    except scaled_copies.ScaledCopiesError as error:
        raise ProfileError(str(error)) from error


def parse_profile(raw: Mapping[str, Any], class_name: str) -> EstimatorProfile:
    """The profile section of problem.yaml; ``ProfileError`` names the faulty field."""
    if raw.get("kind") != "estimator":
        raise ProfileError("profile.kind must be 'estimator'")
    fit = _mapping(raw.get("fit"), "fit")
    history = None
    if "history" in raw:
        spec = _mapping(raw["history"], "history")
        history = HistorySpec(
            attribute=str(spec.get("attribute", "loss_history")),
            iterations=str(spec.get("iterations", "n_iterations")),
            tol=str(spec.get("tol", "tol")),
            rule=_choice(
                spec.get("rule", "loss_change"), ("loss_change", "parameters"), "history.rule"
            ),
            run=_mapping(spec.get("run"), "history.run"),
            tol_run=_mapping(spec.get("tol_run"), "history.tol_run"),
            stop=_stop(spec.get("stop")),
        )
        if history.stop is not None and history.rule != "parameters":
            raise ProfileError("profile.history.stop is for a rule on the parameters only")
    timed = raw.get("timing") or []
    timing = tuple(
        _timing(spec, f"timing[{i}]")
        for i, spec in enumerate(timed if isinstance(timed, list) else [timed])
    )
    fit_spec = FitSpec(
        n=_int(fit.get("n"), "fit.n", 200),
        features=_int(fit.get("features"), "fit.features", 4),
        n_test=_int(fit.get("n_test"), "fit.n_test", 50),
        hyperparameters=_mapping(fit.get("hyperparameters"), "fit.hyperparameters"),
        attributes=_outputs(fit.get("attributes"), "fit.attributes"),
        outputs=_outputs(fit.get("outputs"), "fit.outputs"),
        rtol=float(fit.get("rtol", 1e-4)),
        atol=float(fit.get("atol", 1e-6)),
        compare=bool(fit.get("compare", True)),
    )
    return EstimatorProfile(
        class_name=class_name,
        defaults=_mapping(raw.get("hyperparameters"), "hyperparameters"),
        fit=fit_spec,
        history=history,
        timing=timing,
        scaled_copies=_scaled(raw.get("scaled_copies"), fit_spec),
    )


def resolve_shape(shape: Shape, sizes: Mapping[str, int]) -> tuple[int, ...]:
    return tuple(d if isinstance(d, int) else int(sizes[d]) for d in shape)
