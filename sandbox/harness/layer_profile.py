"""The layer profile: functions and layers (forward, backward) declared once in
``problem.yaml``, and the standard probes it implies.

A problem of this kind is a set of *operations*: a function of a module (``softmax(x)``)
or a layer class (``BatchNorm(...).forward(x)`` then ``.backward(dout)``). Each operation
has variables (inputs and parameters, NumPy arrays), a forward output, and optionally a
backward: the gradient of ``sum(upstream * forward(...))`` with respect to the variables
named in ``wrt``. The package writes only how to call it, as hooks in ``probes.py``
(trusted; they run in the harness and call the candidate through ``solution``):

- ``<inputs>(rng, n) -> dict``: the variables for size n, plus ``"upstream"`` (an array of
  the output's shape) when the operation has a backward;
- ``<forward>(solution, **variables) -> output``: the forward output, through calls;
- ``<backward>(solution, upstream, **variables) -> dict``: the gradient of each variable in
  ``wrt`` (and any other value the backward leaves, e.g. a layer's ``grads``), by name;
- ``<stability>(rng) -> list[ExtremeCase]``: extreme inputs whose right output the same
  code also gives on benign ones (``scale * benign + shift``);
- the timing hooks of ``sandbox.harness.timing`` (a yardstick per timed phase).

``sandbox.layer_checks`` holds the matching standard checks. Standard library and NumPy only.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness import probing, timing
from sandbox.harness.estimator_spec import ProfileError

PHASES = ("forward", "backward")


class LayerProfileError(ProfileError):
    """The layer profile in problem.yaml is malformed; the message says where."""


@dataclasses.dataclass(frozen=True)
class ExtremeCase:
    """Extreme variables whose right output is ``scale * (output on benign) + shift``, for
    the same code (and, when ``gradient_scale`` is set, right gradients ``gradient_scale *
    (gradients on benign)``); both mappings carry ``"upstream"`` when gradients are
    compared. Built so that the relation is exact in floating point (a shift of the
    logits, a power of two)."""

    label: str
    extreme: Mapping[str, Any]
    benign: Mapping[str, Any]
    scale: float = 1.0
    shift: float = 0.0
    gradient_scale: float | None = None
    rtol: float = 1e-9
    atol: float = 1e-12


@dataclasses.dataclass(frozen=True)
class LayerTiming:
    phase: str  # "forward" or "backward"
    call: timing.TimedCall


@dataclasses.dataclass(frozen=True)
class Operation:
    name: str
    what: str  # how messages name it: "softmax(x)"
    inputs: str
    forward: str
    backward: str | None
    wrt: tuple[str, ...]  # the variables whose gradients are checked by finite differences
    n: int  # the size the standard calls pass to the inputs hook
    rtol: float  # forward and backward values against the reference
    atol: float
    directions: int  # random directions of the finite-difference check
    step: float
    gradient_tolerance: float  # relative error allowed against the finite differences
    stability: str | None
    timing: tuple[LayerTiming, ...]

    def probe(self, suffix: str) -> str:
        return f"standard_{self.name}_{suffix}"


@dataclasses.dataclass(frozen=True)
class LayerProfile:
    class_name: str  # "" for a module of functions
    operations: tuple[Operation, ...]


def _positive(raw: object, where: str, default: int) -> int:
    value = default if raw is None else raw
    if type(value) is not int or value <= 0:
        raise LayerProfileError(f"profile.{where} must be a positive whole number")
    return value


def _operation(raw: object, where: str) -> Operation:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise LayerProfileError(f"profile.{where} must be a mapping with a 'name'")
    name = str(raw["name"])
    backward = str(raw["backward"]) if raw.get("backward") else None
    wrt = raw.get("wrt") or []
    if not isinstance(wrt, list) or not all(isinstance(w, str) for w in wrt):
        raise LayerProfileError(f"profile.{where}.wrt must be a list of variable names")
    if backward is not None and not wrt:
        raise LayerProfileError(f"profile.{where}.wrt must name the variables of the backward")
    timed = raw.get("timing") or []
    if not isinstance(timed, list):
        raise LayerProfileError(f"profile.{where}.timing must be a list")
    found = []
    for i, spec in enumerate(timed):
        at = f"{where}.timing[{i}]"
        phase = spec.get("phase", "forward") if isinstance(spec, dict) else None
        if phase not in PHASES or (phase == "backward" and backward is None):
            raise LayerProfileError(f"profile.{at}.phase must be forward or backward (declared)")
        try:
            call = timing.parse_timed_call(
                spec,
                at,
                probe=f"standard_timing_{name}_{phase}",
                what=f"{raw.get('what', name + '()')} {phase}",
                loops_in=str(spec.get("loops_in", raw.get("loops_in", name))),
                inputs=str(raw.get("inputs", f"{name}_inputs")),
            )
        except timing.TimingError as error:
            raise LayerProfileError(str(error)) from error
        found.append(LayerTiming(str(phase), call))
    return Operation(
        name=name,
        what=str(raw.get("what", f"{name}()")),
        inputs=str(raw.get("inputs", f"{name}_inputs")),
        forward=str(raw.get("forward", f"{name}_forward")),
        backward=backward,
        wrt=tuple(wrt),
        n=_positive(raw.get("n"), f"{where}.n", 8),
        rtol=float(raw.get("rtol", 1e-6)),
        atol=float(raw.get("atol", 1e-9)),
        directions=_positive(raw.get("directions"), f"{where}.directions", 6),
        step=float(raw.get("step", 1e-4)),
        gradient_tolerance=float(raw.get("gradient_tolerance", 1e-4)),
        stability=str(raw["stability"]) if raw.get("stability") else None,
        timing=tuple(found),
    )


def parse_layer_profile(raw: Mapping[str, Any], class_name: str) -> LayerProfile:
    """The profile section of problem.yaml; ``LayerProfileError`` names the faulty field."""
    if raw.get("kind") != "layer":
        raise LayerProfileError("profile.kind must be 'layer'")
    operations = raw.get("operations")
    if not isinstance(operations, list) or not operations:
        raise LayerProfileError("profile.operations must be a non-empty list")
    parsed = tuple(_operation(op, f"operations[{i}]") for i, op in enumerate(operations))
    names = [op.name for op in parsed]
    if len(set(names)) != len(names):
        raise LayerProfileError("profile.operations must have distinct names")
    return LayerProfile(class_name=class_name, operations=parsed)


# --- the standard probes -------------------------------------------------------------------


def _split(values: Mapping[str, Any]) -> tuple[dict[str, Any], Any]:
    """The variables, and the upstream gradient (None without a backward)."""
    variables = dict(values)
    return variables, variables.pop("upstream", None)


class LayerProbes:
    """Builds the probes a layer profile implies, bound to the package's hooks."""

    def __init__(self, profile: LayerProfile, hooks: types.ModuleType) -> None:
        self.profile = profile
        self.hooks = hooks

    def hook(self, name: str) -> Callable[..., Any]:
        try:
            return timing.hook(self.hooks, name)
        except timing.TimingError as error:
            raise LayerProfileError(str(error)) from error

    def probes(self) -> list[probing.Probe]:
        found = []
        for op in self.profile.operations:
            group = op.probe("calls")
            # Budgets with room for a loaded machine: the finite differences alone are
            # 2 * directions calls.
            found.append(self._probe(op, "forward", self.forward, group, 3.0, sample=True))
            if op.backward is not None:
                found.append(self._probe(op, "backward", self.backward, group, 8.0, sample=True))
            if op.stability is not None:
                stable = op.probe("stability")
                found.append(self._probe(op, "stability", self.stability, stable, 8.0))
            for spec in op.timing:
                run = functools.partial(self.timing, op, spec)
                found.append(probing.Probe(spec.call.probe, spec.call.probe, 30.0, False, run))
        return found

    @staticmethod
    def _probe(
        op: Operation,
        suffix: str,
        function: Callable[[Operation, probing.ProbeContext], dict[str, Any]],
        group: str,
        budget: float,
        *,
        sample: bool = False,
    ) -> probing.Probe:
        run = functools.partial(function, op)
        return probing.Probe(op.probe(suffix), group, budget, sample, run)

    def _values(self, op: Operation, ctx: probing.ProbeContext) -> tuple[dict[str, Any], Any]:
        """The variables of the standard calls (the same for forward and backward)."""
        return _split(self.hook(op.inputs)(ctx.rng(op.probe("calls")), op.n))

    # Each probe records raw values only; sandbox.layer_checks decides.

    def forward(self, op: Operation, ctx: probing.ProbeContext) -> dict[str, Any]:
        variables, _ = self._values(op, ctx)
        return {"output": self.hook(op.forward)(ctx.solution, **variables)}

    def backward(self, op: Operation, ctx: probing.ProbeContext) -> dict[str, Any]:
        """The slopes of ``sum(upstream * forward)`` along random directions of the ``wrt``
        variables (the candidate's own forward, asked first), then its backward."""
        assert op.backward is not None
        variables, upstream = self._values(op, ctx)
        weights = np.asarray(upstream, dtype=np.float64).ravel()
        shapes = [np.shape(variables[name]) for name in op.wrt]
        point = np.concatenate([np.asarray(variables[n], dtype=np.float64).ravel() for n in op.wrt])
        forward = self.hook(op.forward)

        def scalar(flat: np.ndarray) -> float:
            shifted, start = dict(variables), 0
            for name, shape in zip(op.wrt, shapes, strict=True):
                size = int(np.prod(shape))
                shifted[name] = flat[start : start + size].reshape(shape)
                start += size
            output = timing.numbers_in(forward(ctx.solution, **shifted))
            if output is None or output.size != weights.size:
                return float("nan")  # the gradient check says the output is unusable
            return float(weights @ output)

        directions = ctx.rng(op.probe("directions"))
        losses = probing.directional_losses(scalar, point, directions, op.step, op.directions)
        gradients = self.hook(op.backward)(ctx.solution, upstream, **variables)
        return {**{f"gradient:{k}": v for k, v in dict(gradients).items()}, **losses}

    def stability(self, op: Operation, ctx: probing.ProbeContext) -> dict[str, Any]:
        cases: list[ExtremeCase] = list(self.hook(str(op.stability))(ctx.rng(op.probe("stable"))))
        observed: dict[str, Any] = {"cases": [case.label for case in cases]}
        for case in cases:
            for side, values in (("extreme", case.extreme), ("benign", case.benign)):
                variables, upstream = _split(values)
                observed[f"{side}:{case.label}"] = self.hook(op.forward)(ctx.solution, **variables)
                if case.gradient_scale is None or op.backward is None:
                    continue
                gradients = self.hook(op.backward)(ctx.solution, upstream, **variables)
                for name in op.wrt:
                    observed[f"{side}_gradient:{case.label}:{name}"] = gradients[name]
            scale = np.nan if case.gradient_scale is None else case.gradient_scale
            relation = [case.scale, case.shift, scale, case.rtol, case.atol]
            observed[f"relation:{case.label}"] = np.array(relation, dtype=np.float64)
        return observed

    def timing(self, op: Operation, spec: LayerTiming, ctx: probing.ProbeContext) -> dict[str, Any]:
        make = self.hook(spec.call.inputs)

        def inputs(rng: np.random.Generator, n: int) -> tuple[tuple[Any, ...], dict[str, Any]]:
            variables, upstream = _split(make(rng, n))
            if spec.phase == "backward":
                variables["upstream"] = upstream
            return (), variables

        def prepare(_args: tuple[Any, ...], values: dict[str, Any]) -> Callable[[], object]:
            variables, upstream = _split(values)
            if spec.phase == "forward":
                return functools.partial(self.hook(op.forward), ctx.solution, **variables)
            backward = self.hook(str(op.backward))
            return lambda: list(dict(backward(ctx.solution, upstream, **variables)).values())

        return timing.time_calls(ctx, self.hooks, spec.call, prepare, inputs)


def layer_probes(profile: Mapping[str, Any], module: types.ModuleType) -> list[probing.Probe]:
    """The standard probes of a layer profile, bound to the package's hooks."""
    parsed = parse_layer_profile(profile, str(profile.get("class") or ""))
    return LayerProbes(parsed, module).probes()
