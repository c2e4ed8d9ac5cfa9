"""The standard probes of the estimator profile (``sandbox.harness.estimator_spec``: the
interface a problem declares once in ``problem.yaml``).

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

import functools
import types
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness import probing, scaled_copies, stop_point, timing
from sandbox.harness.calls import RemoteObject
from sandbox.harness.estimator_spec import EstimatorProfile, ProfileError, TimingSpec, parse_profile

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
