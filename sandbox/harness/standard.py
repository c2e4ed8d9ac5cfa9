"""The estimator profile: the interface a problem declares once in ``problem.yaml``, and
the standard probes it implies.

A package's ``probes.py`` writes only its mathematics and its stability inputs, plus a few
hooks the standard probes call (all trusted, all run in the harness):

- ``data(rng, n, features) -> tuple``: the arguments of ``fit`` for a training set;
- ``loss(model, X, y) -> value``: the candidate's own loss of a fitted model (through calls
  to the candidate, e.g. ``model._compute_loss(model.predict(X), y)``), for the history;
- ``timing_inputs(rng, n) -> (args, attributes)``: the arguments of the timed method for
  n samples, and attributes to set on the model first;
- ``yardstick(*args, **attributes)``: the same work in plain NumPy, timed in the harness;
- ``timing_summary(args, output) -> array`` (optional): what of a timed output is compared
  with the reference's (default: random projections of every number it holds).

``sandbox.profiles`` holds the matching standard checks. Standard library and NumPy only.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness import probing, scaled_copies, stop_point, timing
from sandbox.harness.calls import RemoteObject


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


# --- the standard probes -------------------------------------------------------------------


class StandardProbes:
    """Builds the probes a profile implies, bound to the package's hooks."""

    def __init__(self, profile: EstimatorProfile, hooks: types.ModuleType) -> None:
        self.profile = profile
        self.hooks = hooks

    def hook(self, name: str) -> Callable[..., Any]:
        function = getattr(self.hooks, name, None)
        if not callable(function):
            raise ProfileError(f"probes.py must define {name}() for the profile")
        return function  # type: ignore[no-any-return]

    def new_model(self, ctx: probing.ProbeContext, **hyperparameters: Any) -> RemoteObject:
        model: RemoteObject = getattr(ctx.solution, self.profile.class_name)(**hyperparameters)
        return model

    def probes(self) -> list[probing.Probe]:
        found = [
            self._probe(self.defaults, "interface", 2.0, sample=True),
            self._probe(self.fit_standard, "fit", 5.0, sample=True),
        ]
        if self.profile.history is not None:
            found += [
                self._probe(self.history_run, "convergence", 5.0),
                self._probe(self.history_tol_run, "convergence", 10.0),
                self._probe(self.history_reruns, "reruns", 10.0),
            ]
            if self.profile.history.stop is not None:
                found.append(self._probe(self.stop_point, "stop", 30.0))
        if self.profile.scaled_copies is not None:
            found.append(self._probe(self.scaled_copies, "scale", 15.0))
        for spec in self.profile.timing:
            name = spec.call.probe
            found.append(
                probing.Probe(name, name, 30.0, False, functools.partial(self.timing, spec))
            )
        return found

    @staticmethod
    def _probe(
        function: Callable[[probing.ProbeContext], dict[str, Any]],
        group: str,
        budget: float,
        *,
        sample: bool = False,
    ) -> probing.Probe:
        name = f"standard_{function.__name__}"
        return probing.Probe(name, f"standard_{group}", budget, sample, function)

    # Each probe records raw values only; sandbox.profiles decides.

    def defaults(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        model = self.new_model(ctx)
        return {name: getattr(model, name, None) for name in self.profile.defaults}

    def fit_standard(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        spec = self.profile.fit
        rng = ctx.rng("standard_fit")
        arguments = self.hook("data")(rng, spec.n, spec.features)
        held_out = self.hook("data")(rng, spec.n_test, spec.features)[0]
        model = self.new_model(ctx, **spec.hyperparameters)
        returned = model.fit(*arguments)
        observed: dict[str, Any] = {"returned_self": returned is model}
        for name in spec.attributes:
            observed[f"attribute:{name}"] = getattr(model, name, None)
        for method in spec.outputs:
            observed[f"output:{method}"] = getattr(model, method)(held_out)
        return observed

    def history_run(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        history = self.profile.history
        assert history is not None
        spec = self.profile.fit
        arguments = self.hook("data")(ctx.rng("standard_history"), spec.n, spec.features)
        model = self.new_model(ctx, **history.run)
        model.fit(*arguments)
        return {
            "history": getattr(model, history.attribute, None),
            "final_loss": self.hook("loss")(model, *arguments),
            "iterations": history.run[history.iterations],
        }

    def history_tol_run(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        """A run that stops on tol. ``history_reruns`` then runs exactly that many
        iterations (and one fewer) with tol = 0, in a fresh process of its own: if the
        history was cut short instead of the loop, the parameters cannot match."""
        history = self.profile.history
        assert history is not None
        arguments = self._tol_data(ctx)
        model = self.new_model(ctx, **history.tol_run)
        model.fit(*arguments)
        recorded = getattr(model, history.attribute, None)
        try:
            ctx.shared["tol_run_length"] = len(recorded) if recorded is not None else 0
        except TypeError:
            ctx.shared["tol_run_length"] = 0
        return {
            "history": recorded,
            "final_loss": self.hook("loss")(model, *arguments),
            **self._parameters(model, "stopped"),
        }

    def history_reruns(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        history = self.profile.history
        assert history is not None
        arguments = self._tol_data(ctx)
        length = int(ctx.shared.get("tol_run_length", 0))
        observed: dict[str, Any] = {}
        # The last two lengths check where the loop stopped; one more, drawn from the seed,
        # checks an entry inside the history against the loss the candidate's own model has
        # after that many iterations.
        spot = int(ctx.rng("standard_spot").integers(1, max(length - 1, 2)))
        for label, iterations in (("same", length), ("one_fewer", length - 1), ("spot", spot)):
            if iterations < 1:
                continue
            exact = {history.tol: self.untimed_tol(), history.iterations: iterations}
            rerun = self.new_model(ctx, **{**history.tol_run, **exact})
            rerun.fit(*arguments)
            observed.update(self._parameters(rerun, label))
            if label == "spot":
                observed["spot_iterations"] = iterations
                observed["spot_loss"] = self.hook("loss")(rerun, *arguments)
        return observed

    def stop_point(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        history = self.profile.history
        assert history is not None and history.stop is not None
        stop, spec, rng = history.stop, self.profile.fit, ctx.rng("standard_stop")
        if stop.data is not None:
            arguments = tuple(self.hook(stop.data)(rng))
        else:
            arguments = tuple(self.hook("data")(rng, spec.n, spec.features))

        def fit(**hyperparameters: Any) -> RemoteObject:
            model = self.new_model(ctx, **hyperparameters)
            model.fit(*arguments)
            return model

        return stop_point.stop_point(
            stop,
            iterations=history.iterations,
            tol=history.tol,
            never_stops=self.untimed_tol(),
            fit=fit,
            arguments=arguments,
            history=history.attribute,
        )

    def scaled_copies(self, ctx: probing.ProbeContext) -> dict[str, Any]:
        spec = self.profile.scaled_copies
        assert spec is not None
        rng, data = ctx.rng("standard_scaled_copies"), self.hook(spec.data)

        def fit(arguments: tuple[Any, ...], **hyperparameters: Any) -> RemoteObject:
            model = self.new_model(ctx, **hyperparameters)
            model.fit(*arguments)
            return model

        return scaled_copies.scaled_copies(
            spec,
            fit=fit,
            arguments=tuple(data(rng, spec.n, spec.features)),
            held_out=data(rng, self.profile.fit.n_test, spec.features)[0],
            outputs=tuple(self.profile.fit.outputs),
        )

    def untimed_tol(self) -> float:
        """The tol that never stops a run early: 0 for a loss-change rule, and a negative one
        for a rule on the parameters (k-means stops at a shift <= tol, so 0 would stop it)."""
        history = self.profile.history
        assert history is not None
        return 0.0 if history.rule == "loss_change" else -1.0

    def _tol_data(self, ctx: probing.ProbeContext) -> tuple[Any, ...]:
        spec = self.profile.fit
        return tuple(self.hook("data")(ctx.rng("standard_tol"), spec.n, spec.features))

    def _parameters(self, model: RemoteObject, label: str) -> dict[str, Any]:
        return {
            f"{label}:{name}": getattr(model, name, None) for name in self.profile.fit.attributes
        }

    def timing(self, spec: TimingSpec, ctx: probing.ProbeContext) -> dict[str, Any]:
        def prepare(args: tuple[Any, ...], attributes: dict[str, Any]) -> Callable[[], object]:
            model = self.new_model(ctx, **spec.hyperparameters)
            for name, value in attributes.items():
                setattr(model, name, value)
            if spec.fitted:  # a model fitted on a small training set of the same width
                features = int(np.shape(args[0])[1])
                model.fit(
                    *self.hook("data")(ctx.rng("standard_timing_fit"), self.profile.fit.n, features)
                )
            method = getattr(model, spec.method)

            def call() -> object:  # reading the output included: properties can work
                returned = method(*args)
                return getattr(model, spec.output, None) if spec.output else returned

            return call

        return timing.time_calls(ctx, self.hooks, spec.call, prepare)


def estimator_probes(profile: Mapping[str, Any], module: types.ModuleType) -> list[probing.Probe]:
    """The standard probes of an estimator profile, bound to the package's hooks."""
    return StandardProbes(parse_profile(profile, str(profile.get("class", ""))), module).probes()
