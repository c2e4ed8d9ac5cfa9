"""The entry point of a package container: an untrusted package's probes.py and checks.py
run here, never on the host (``sandbox.untrusted`` starts it and checks what it says).

Standard library, NumPy and the engine's own modules only: the container holds nothing
else. Two tasks, one per container:

- ``describe``: collect the probes and checks with the code the trusted path uses
  (``kinds.problem_probes``, ``collect_checks``, ``profile_checks``) and report their
  metadata (names, groups, budgets, sample flags, categories, weights, probes read).
- ``grade``: run the named checks (``grading.evaluate``, under the same time budget as on
  the host) on the observations the host sends, and report each outcome.

Lines go to stdout as JSON, as the harness's do: ``ready``, ``accepted``, one ``result``
per item, then ``done`` (or ``fatal``). What the package's code prints goes to stderr.
"""

from __future__ import annotations

import ast
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sandbox import grading
from sandbox.checking import Check, CheckInput, collect_checks
from sandbox.harness import candidate, estimator_spec, kinds, probing
from sandbox.observations import decode_probe
from sandbox.profile_kinds import profile_checks

ERROR_CHARS = 2000


class PackageCodeError(Exception):
    """The package's code failed to load; the message says where."""


def _emit(message: Mapping[str, Any], out: int) -> None:
    data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
    while data:
        data = data[os.write(out, data) :]


def _load(name: str, filename: str, source: str) -> Any:
    try:
        return candidate.load_module(name, filename, source)
    except BaseException as error:
        lines = traceback.format_exception_only(type(error), error)
        own = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
        where = f"{filename}, line {own[-1].lineno}" if own else filename
        raise PackageCodeError(f"{where}: {''.join(lines).strip()}") from error


def _checks(payload: Mapping[str, Any]) -> list[Check]:
    module = _load("problem_checks", "checks.py", str(payload["checks_source"]))
    checks = collect_checks(module)
    profile = payload.get("profile")
    if profile is not None:
        try:
            checks += profile_checks(profile)
        except estimator_spec.ProfileError as error:
            raise PackageCodeError(f"problem.yaml: {error}") from error
    return checks


def describe(payload: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    hooks = _load("problem_probes", "probes.py", str(payload["probes_source"]))
    try:
        probes: list[probing.Probe] = kinds.problem_probes(hooks, payload.get("profile"))
    except estimator_spec.ProfileError as error:
        raise PackageCodeError(f"problem.yaml: {error}") from error
    for item in probes:
        yield {
            "probe": {
                "name": item.name,
                "group": item.group,
                "budget_seconds": item.budget_seconds,
                "sample": item.sample,
            }
        }
    for check in _checks(payload):
        yield {
            "check": {
                "name": check.name,
                "category": check.category.value,
                "probes": list(check.probes),
                "weight": check.weight,
            }
        }


def grade(payload: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    by_name = {c.name: c for c in _checks(payload)}

    def decoded(side: str) -> dict[str, Any]:
        return {str(r.get("name")): decode_probe(str(r.get("name")), r) for r in payload[side]}

    source = str(payload["source"])
    inputs = CheckInput(
        candidate=decoded("candidate"),
        reference=decoded("reference"),
        source=source,
        tree=ast.parse(source),
    )
    for name in payload["checks"]:
        item = by_name.get(name)
        if item is None:
            yield {"outcome": {"name": name, "missing": True}}
            continue
        outcome, judge_failed = grading.evaluate(item, inputs)
        yield {
            "outcome": {
                "name": name,
                "score": outcome.score,
                "message": outcome.message,
                "measured": outcome.measured,
                "judge_failed": judge_failed,
            }
        }


TASKS: Mapping[str, Callable[[Mapping[str, Any]], Iterator[dict[str, Any]]]] = {
    "describe": describe,
    "grade": grade,
}


def main(setup: dict[str, Any], receive: Callable[[], dict[str, Any]]) -> None:
    """Entry point, called by ``boot`` with the modules installed. The lines go to a copy of
    stdout; stdout itself becomes stderr, so a print in the package's code is not a line."""
    out = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        _emit({"type": "ready"}, out)
        payload = receive()
        _emit({"type": "accepted"}, out)
        for result in TASKS[str(payload["task"])](payload):
            _emit({"type": "result", **result}, out)
        _emit({"type": "done"}, out)
    except PackageCodeError as error:
        _emit({"type": "fatal", "error": str(error)[:ERROR_CHARS]}, out)
    except BaseException as error:
        _emit({"type": "fatal", "error": f"{type(error).__name__}: {error}"[:ERROR_CHARS]}, out)
