"""Trusted decoding of what a sandbox reported: strict, bounded, no pickle.

Everything arriving here may have been written by hostile code, so each field is
type-checked, arrays are rebuilt as fresh plain ``ndarray`` objects from raw bytes whose
length must match the declared shape, and anything malformed becomes an
``Unsupported`` value or a failed probe rather than an exception.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from sandbox.harness import wire
from sandbox.harness.transcript import MAX_CALLS, MAX_CHARS, Call

MAX_ERROR_CHARS = 4000


class ProbeStatus(enum.StrEnum):
    OK = "ok"
    ERROR = "error"  # the solution raised
    TIMEOUT = "timeout"
    CRASHED = "crashed"  # the process died (signal, exit)
    MEMORY = "memory"
    OUTPUT_LIMIT = "output_limit"
    UNUSABLE = "unusable"  # the code answered, but with values the probe could not use
    SKIPPED = "skipped"  # an earlier probe of the group failed
    MISSING = "missing"  # the harness never reported it


Unsupported = wire.Unsupported
Value = wire.Value


@dataclasses.dataclass(frozen=True)
class ProbeResult:
    name: str
    status: ProbeStatus
    values: Mapping[str, Value]
    types: Mapping[str, str]  # the Python type each value had, e.g. "numpy.ndarray"
    wall_seconds: float | None = None
    cpu_seconds: float | None = None
    error: str = ""
    dtypes: Mapping[str, str] = dataclasses.field(default_factory=dict)  # arrays' own dtype
    # A sample probe's calls in words (sandbox.harness.transcript), for the candidate's Run.
    transcript: tuple[Call, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status is ProbeStatus.OK

    def value(self, key: str) -> Value:
        return get_value(self, key)

    def array(self, key: str) -> np.ndarray:
        return get_array(self, key)

    def number(self, key: str) -> float:
        return get_number(self, key)

    def strings(self, key: str) -> list[str]:
        return get_strings(self, key)


def decode_value(encoded: Any) -> Value:
    return wire.decode_report_value(encoded)


def decode_probe(name: str, frame: Mapping[str, Any]) -> ProbeResult:
    """One probe's report from the harness (or the local runner) as a ``ProbeResult``."""
    try:
        status = ProbeStatus(str(frame.get("status")))
    except ValueError:
        return ProbeResult(name, ProbeStatus.MISSING, {}, {}, error="malformed probe report")
    observations = frame.get("observations")
    values: dict[str, Value] = {}
    types: dict[str, str] = {}
    dtypes: dict[str, str] = {}
    if status is ProbeStatus.OK and isinstance(observations, dict):
        for key, encoded in list(observations.items())[:200]:
            value = values[str(key)] = decode_value(encoded)
            fields = encoded if isinstance(encoded, dict) else {}
            py = fields.get("py")
            types[str(key)] = py[:100] if isinstance(py, str) else "?"
            if isinstance(value, np.ndarray):
                dtypes[str(key)] = str(value.dtype)
    elif status is ProbeStatus.OK:
        status = ProbeStatus.ERROR
    error = frame.get("error")
    return ProbeResult(
        name=name,
        status=status,
        values=values,
        types=types,
        wall_seconds=_seconds(frame.get("wall_seconds")),
        cpu_seconds=_seconds(frame.get("cpu_seconds")),
        error=error[:MAX_ERROR_CHARS] if isinstance(error, str) else "",
        dtypes=dtypes,
        transcript=decode_transcript(frame.get("transcript")),
    )


def decode_transcript(raw: object) -> tuple[Call, ...]:
    """A transcript as the harness sent it; anything malformed is dropped, lines clipped."""
    if not isinstance(raw, list):
        return ()
    calls = []
    for line in raw[: MAX_CALLS + 1]:
        if isinstance(line, dict) and isinstance(line.get("call"), str):
            result = line.get("result")
            calls.append(
                Call(
                    line["call"][:MAX_CHARS], result[:MAX_CHARS] if isinstance(result, str) else ""
                )
            )
    return tuple(calls)


def _seconds(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


class ObservationError(Exception):
    """An observation is missing or of the wrong kind; the message is for the candidate."""


def get_value(result: ProbeResult, key: str) -> Value:
    if key not in result.values:
        raise ObservationError(f"{result.name}: nothing was observed for '{key}'")
    return result.values[key]


def get_array(result: ProbeResult, key: str) -> np.ndarray:
    """A numeric observation as a float64 array (a number becomes a 0-d array)."""
    value = get_value(result, key)
    if isinstance(value, Unsupported):
        raise ObservationError(f"'{key}' is a {value.type_name}: {value.why}")
    if isinstance(value, wire.Ref | wire.Method):
        raise ObservationError(f"'{key}' should be a numeric array, got an object")
    if isinstance(value, list) and all(
        isinstance(item, int | float) and not isinstance(item, bool) for item in value
    ):
        return np.array(value, dtype=np.float64)
    if isinstance(value, bool) or value is None or isinstance(value, str | list):
        raise ObservationError(f"'{key}' should be a numeric array, got {result.types[key]}")
    return np.asarray(value, dtype=np.float64)


def get_number(result: ProbeResult, key: str) -> float:
    array = get_array(result, key)
    if array.size != 1:
        raise ObservationError(f"'{key}' should be a single number, got shape {array.shape}")
    return float(array.reshape(()))


def get_strings(result: ProbeResult, key: str) -> list[str]:
    value = get_value(result, key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ObservationError(f"'{key}' should be a list of strings")
    return [item for item in value if isinstance(item, str)]
