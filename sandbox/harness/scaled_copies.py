"""Exact copies of one data set (``scaled_copies`` of an estimator profile): numerical
stability as "the same candidate gives the same answer in other units".

Multiplying the inputs by a power of two is exact in floating point, and so is adding a
power of two to values on a fine enough grid. A stable fit of such a copy returns its own
fit of the data as it is, scaled by the same power (a centre by 2^k, a weight by 2^-k, a
label not at all); an overflowing square, an absolute epsilon or a catastrophic
cancellation does not. The standard probe fits the data as it is twice (a fit that differs
from itself cannot be compared with anything), then each copy, and records the raw values;
``sandbox.scale_checks`` compares them. Standard library and NumPy only: this runs in the
sandbox.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sandbox.harness.calls import CandidateFailure

ORIGINAL, AGAIN = "original", "again"  # the data as it is, fitted twice
RAISED = "raised"  # <copy>:raised holds the message of an exception the copy's fit raised
GATES = ("related", "same_set")
FIELDS = frozenset(
    [
        "data",
        "n",
        "features",
        "hyperparameters",
        "copies",
        "units",
        "values",
        "finite",
        "gate",
        "rtol",
        "advice",
        "name",
        "weight",
    ]
)


class ScaledCopiesError(ValueError):
    """``profile.scaled_copies`` is malformed; the message says where."""


@dataclasses.dataclass(frozen=True)
class Copy:
    label: str
    scale: int  # the inputs times 2^scale
    shift: int | None  # plus 2^shift (None: no shift)

    def of(self, values: np.ndarray) -> np.ndarray:
        moved = np.ldexp(np.asarray(values, dtype=np.float64), self.scale)
        return moved if self.shift is None else moved + 2.0**self.shift

    def describe(self) -> str:
        parts = [f"times 2^{self.scale}"] if self.scale else []
        parts += [f"shifted by 2^{self.shift}"] if self.shift is not None else []
        return " and ".join(parts)


@dataclasses.dataclass(frozen=True)
class ScaledSpec:
    data: str  # a hook (rng, n, features) -> fit's arguments; the first one is copied
    n: int
    features: int
    hyperparameters: Mapping[str, Any]  # of every fit (a random_state fixed here)
    copies: tuple[Copy, ...]
    units: tuple[str, ...]  # hyperparameters in the inputs' units: scaled with them
    values: Mapping[str, int]  # attribute or output -> the power of 2^scale it scales by
    finite: tuple[str, ...]  # attributes or outputs that need only stay finite
    gate: Mapping[str, str]  # value -> how the original fit relates to the reference's
    rtol: float
    advice: str  # what to do, for messages
    name: str
    weight: float

    def observed(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.values, *self.finite, *self.gate]))


def _mapping(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise ScaledCopiesError(f"profile.{where} must be a mapping")
    return dict(raw)


def _names(raw: object, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
        raise ScaledCopiesError(f"profile.{where} must be a list of names")
    return tuple(raw)


def _exponent(raw: object) -> bool:
    """A power of two whose float is finite and normal: 2^-1022 … 2^1023."""
    return type(raw) is int and -1022 <= raw <= 1023


def _copy(label: str, raw: object, where: str) -> Copy:
    spec = _mapping(raw, where)
    scale, shift = spec.pop("scale", 0), spec.pop("shift", None)
    if spec or not _exponent(scale) or (shift is not None and not _exponent(shift)):
        raise ScaledCopiesError(
            f"profile.{where} takes scale and shift, each the exponent of a power of two "
            "(70 for 2^70, from -1022 to 1023)"
        )
    if scale == 0 and shift is None:
        raise ScaledCopiesError(f"profile.{where} is the data as it is: give a scale or shift")
    return Copy(label, scale, shift)


def _positive(raw: object, default: int, where: str) -> int:
    value = default if raw is None else raw
    if type(value) is not int or value <= 0:
        raise ScaledCopiesError(f"profile.{where} must be a positive whole number")
    return value


def parse_scaled_copies(raw: object, *, n: int, features: int) -> ScaledSpec:
    """``n`` and ``features`` are the profile's fit's, the defaults."""
    where = "scaled_copies"
    spec = _mapping(raw, where)
    if unknown := sorted(set(spec) - FIELDS):
        raise ScaledCopiesError(f"profile.{where} has no field {', '.join(unknown)}")
    hyperparameters = _mapping(spec.get("hyperparameters", {}), f"{where}.hyperparameters")
    copies = tuple(
        _copy(label, copy, f"{where}.copies.{label}")
        for label, copy in _mapping(spec.get("copies"), f"{where}.copies").items()
    )
    values = _mapping(spec.get("values", {}), f"{where}.values")
    finite = _names(spec.get("finite", []), f"{where}.finite")
    units = _names(spec.get("units", []), f"{where}.units")
    gate = _mapping(spec.get("gate", {}), f"{where}.gate")
    if not copies or {ORIGINAL, AGAIN} & {copy.label for copy in copies}:
        raise ScaledCopiesError(f"profile.{where}.copies must name copies other than original")
    if not values and not finite:
        raise ScaledCopiesError(f"profile.{where} must name values to compare (or finite ones)")
    if not all(type(power) is int for power in values.values()):
        raise ScaledCopiesError(f"profile.{where}.values: each power must be a whole number")
    if any(copy.shift is not None for copy in copies) and any(values.values()):
        raise ScaledCopiesError(
            f"profile.{where}: a shifted copy compares only values a shift leaves alone "
            "(power 0); compare the others on copies without a shift"
        )
    if not all(type(hyperparameters.get(name)) in (int, float) for name in units):
        raise ScaledCopiesError(f"profile.{where}.units must name numeric hyperparameters")
    if not set(gate.values()) <= set(GATES):
        raise ScaledCopiesError(f"profile.{where}.gate: each value is one of {', '.join(GATES)}")
    rtol, weight = spec.get("rtol", 1e-9), spec.get("weight", 1.0)
    if type(rtol) is not float or not 0.0 <= rtol < 1.0:
        raise ScaledCopiesError(f"profile.{where}.rtol must be a number such as 1.0e-9")
    if type(weight) not in (int, float) or weight <= 0:
        raise ScaledCopiesError(f"profile.{where}.weight must be a positive number")
    return ScaledSpec(
        data=str(spec.get("data", "data")),
        n=_positive(spec.get("n"), n, f"{where}.n"),
        features=_positive(spec.get("features"), features, f"{where}.features"),
        hyperparameters=hyperparameters,
        copies=copies,
        units=units,
        values={name: int(power) for name, power in values.items()},
        finite=finite,
        gate={name: str(how) for name, how in gate.items()},
        rtol=rtol,
        advice=str(spec.get("advice", "")),
        name=str(spec.get("name", "same_results_at_every_scale")),
        weight=float(weight),
    )


def scaled_copies(
    spec: ScaledSpec,
    *,
    fit: Callable[..., Any],
    arguments: tuple[Any, ...],
    held_out: np.ndarray,
    outputs: tuple[str, ...],
) -> dict[str, Any]:
    """Each fit's values named ``<copy>:<value>``. ``fit(arguments, **hyperparameters)``
    fits a fresh model; a value in ``outputs`` is a method called on the held-out inputs
    (copied alike), any other an attribute."""
    observed: dict[str, Any] = {}
    for copy in (Copy(ORIGINAL, 0, None), Copy(AGAIN, 0, None), *spec.copies):
        units = {name: spec.hyperparameters[name] * 2.0**copy.scale for name in spec.units}
        hyperparameters = {**spec.hyperparameters, **units}
        try:
            model = fit((copy.of(arguments[0]), *arguments[1:]), **hyperparameters)
            for name in spec.observed():
                if name in outputs:
                    observed[f"{copy.label}:{name}"] = getattr(model, name)(copy.of(held_out))
                else:
                    observed[f"{copy.label}:{name}"] = getattr(model, name, None)
        except CandidateFailure as failure:
            # An exception on a copy is the stability check's failure, not the probe's: the
            # fits of the data as it is stay usable (the repeatability check reads them).
            if failure.status != "error" or copy.label in (ORIGINAL, AGAIN):
                raise
            observed[f"{copy.label}:{RAISED}"] = failure.message
    return observed
