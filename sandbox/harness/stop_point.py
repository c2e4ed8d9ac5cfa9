"""Where a fit that stops on a rule about its parameters should stop (``history.stop`` of an
estimator profile whose ``history.rule`` is ``parameters``): k-means stops when no centre
moves more than tol, coordinate descent when no weight changes by tol.

The standard probe fits once with tol, then again with a tol that never stops and
max_iter = 1, 2, … until the candidate's own parameters change by less than tol from one
iteration to the next: the path of its own iterates, taken from raw return values. The
standard check (``sandbox.profiles``) then says whether the fit with tol stopped where its
own path says the rule first held. Standard library and NumPy only: this runs in the
sandbox.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

CHANGES = ("largest_entry", "largest_row")  # max |Δp|, or max over rows j of ||Δp_j||
HOLDS = ("below", "at_most")  # the rule holds when the change is < tol, or <= tol


class StopSpecError(ValueError):
    """``history.stop`` is malformed; the message says where."""


@dataclasses.dataclass(frozen=True)
class StopSpec:
    data: str | None  # a hook (rng) -> the fit's arguments; None: the profile's data hook
    hyperparameters: Mapping[str, Any]  # of the fit with tol (its tol and cap included)
    parameter: str  # the attribute whose change the rule measures
    change: str  # one of CHANGES
    holds: str  # one of HOLDS
    first: int  # the first iteration whose change counts (1: measured from zeros)
    rule: str  # how messages state the rule
    weight: float


def parse_stop(raw: object, where: str) -> StopSpec:
    if not isinstance(raw, dict):
        raise StopSpecError(f"profile.{where} must be a mapping")
    hyperparameters = raw.get("hyperparameters")
    if not isinstance(hyperparameters, dict):
        raise StopSpecError(f"profile.{where}.hyperparameters must be a mapping")
    change, holds = raw.get("change", "largest_entry"), raw.get("holds", "below")
    if change not in CHANGES or holds not in HOLDS:
        raise StopSpecError(
            f"profile.{where}: change must be one of {', '.join(CHANGES)}, holds one of "
            f"{', '.join(HOLDS)}"
        )
    first, weight = raw.get("first", 1), raw.get("weight", 1.0)
    if first not in (1, 2) or type(weight) not in (int, float):
        raise StopSpecError(f"profile.{where}: first must be 1 or 2, weight a number")
    if not isinstance(raw.get("parameter"), str) or not isinstance(raw.get("rule"), str):
        raise StopSpecError(f"profile.{where} must name its parameter and state its rule")
    return StopSpec(
        data=str(raw["data"]) if raw.get("data") else None,
        hyperparameters=dict(hyperparameters),
        parameter=str(raw["parameter"]),
        change=str(change),
        holds=str(holds),
        first=int(first),
        rule=str(raw["rule"]),
        weight=float(weight),
    )


def largest_change(before: np.ndarray, after: np.ndarray, change: str) -> float:
    """How much a parameter moved in one iteration, as the rule measures it."""
    moved = np.asarray(after, dtype=np.float64) - np.asarray(before, dtype=np.float64)
    if change == "largest_row" and moved.ndim == 2:
        return float(np.sqrt((moved**2).sum(axis=1)).max())
    return float(np.abs(moved).max())


def changes_along(path: list[np.ndarray], spec: StopSpec) -> np.ndarray:
    """The change of iterations first, first + 1, … along a path of iterates (the
    parameters after 1, 2, … iterations); from zeros when ``first`` is 1."""
    previous = [np.zeros_like(path[0]), *path[:-1]]
    pairs = list(zip(previous, path, strict=True))[spec.first - 1 :]
    return np.array([largest_change(a, b, spec.change) for a, b in pairs])


def rule_holds(change: float, tol: float, holds: str) -> bool:
    return change < tol if holds == "below" else change <= tol


def stop_point(
    spec: StopSpec,
    *,
    iterations: str,
    tol: str,
    never_stops: float,
    fit: Callable[..., Any],
    arguments: tuple[Any, ...],
    history: str,
) -> dict[str, Any]:
    """The fit with tol, then the path of reruns (``fit(**hyperparameters)`` fits a fresh
    model on ``arguments`` and returns it) until the rule holds or the cap is reached."""
    model = fit(**spec.hyperparameters)
    observed: dict[str, Any] = {
        "inputs": arguments[0],
        "tol": float(spec.hyperparameters[tol]),
        "stopped": getattr(model, spec.parameter, None),
        "history": getattr(model, history, None),
    }
    cap = int(spec.hyperparameters[iterations])
    path: list[object] = []
    iterates: list[np.ndarray] = []  # the path as floats, for the newest change only
    while len(path) < cap:
        rerun = fit(**{**spec.hyperparameters, tol: never_stops, iterations: len(path) + 1})
        path.append(getattr(rerun, spec.parameter, None))
        try:
            iterates.append(np.asarray(path[-1], dtype=np.float64))
            if len(iterates) < spec.first:
                continue
            before = iterates[-2] if len(iterates) >= 2 else np.zeros_like(iterates[-1])
            moved = largest_change(before, iterates[-1], spec.change)
        except (TypeError, ValueError):  # the candidate's parameters are not one array
            break
        if rule_holds(moved, observed["tol"], spec.holds):
            break
    observed["path"] = path
    return observed
