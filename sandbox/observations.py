"""Trusted decoding of what a sandbox reported: strict, bounded, no pickle.

Everything arriving here may have been written by hostile code, so each field is
type-checked, arrays are rebuilt as fresh plain ``ndarray`` objects from raw bytes whose
length must match the declared shape, and anything malformed becomes an
``Unsupported`` value or a failed probe rather than an exception.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import enum
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from sandbox.harness import wire

MAX_ERROR_CHARS = 4000


class ProbeStatus(enum.StrEnum):
    OK = "ok"
    ERROR = "error"  # the solution raised
    TIMEOUT = "timeout"
    CRASHED = "crashed"  # the process died (signal, exit)
    MEMORY = "memory"
    OUTPUT_LIMIT = "output_limit"
    SKIPPED = "skipped"  # an earlier probe of the group failed
    MISSING = "missing"  # the harness never reported it


@dataclasses.dataclass(frozen=True)
class Unsupported:
    """A value the solution produced that cannot be observed (object array, a class, …)."""

    type_name: str
    why: str


Value = None | bool | int | float | str | np.ndarray | list["Value"] | Unsupported


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


def decode_value(encoded: Any, depth: int = 0) -> Value:
    if not isinstance(encoded, dict):
        return Unsupported("?", "malformed observation")
    kind = encoded.get("t")
    py = encoded.get("py")
    type_name = py if isinstance(py, str) else "?"
    value = encoded.get("v")
    if kind == "none":
        return None
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value if -(2**63) <= value < 2**63 else Unsupported(type_name, "integer too large")
    if kind == "float" and isinstance(value, str):
        try:
            return float.fromhex(value)
        except (ValueError, OverflowError):
            return Unsupported(type_name, "malformed float")
    if kind == "str" and isinstance(value, str):
        return value[: wire.MAX_STRING_CHARS]
    if kind == "array":
        return _decode_array(encoded, type_name)
    if kind == "list" and depth == 0:
        items = encoded.get("items")
        if isinstance(items, list) and len(items) <= wire.MAX_LIST_ITEMS:
            return [decode_value(item, 1) for item in items]
    if kind == "unsupported":
        why = encoded.get("why")
        return Unsupported(type_name, why[:200] if isinstance(why, str) else "unsupported")
    return Unsupported(type_name, "malformed observation")


def _decode_array(encoded: dict[str, Any], type_name: str) -> Value:
    code, shape, data = encoded.get("dtype"), encoded.get("shape"), encoded.get("b64")
    if code not in wire.ARRAY_DTYPES or not isinstance(shape, list) or not isinstance(data, str):
        return Unsupported(type_name, "malformed array")
    if len(shape) > 8 or not all(type(n) is int and n >= 0 for n in shape):
        return Unsupported(type_name, "malformed array shape")
    dtype = np.dtype(wire.ARRAY_DTYPES[code])
    elements = math.prod(shape)
    if elements > wire.MAX_ARRAY_ELEMENTS:
        return Unsupported(type_name, "array too large")
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return Unsupported(type_name, "malformed array data")
    if len(raw) != elements * dtype.itemsize:
        return Unsupported(type_name, "array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape)
    if dtype.kind == "b":
        return array.astype(bool)
    return array.astype(np.int64 if dtype.kind == "i" else np.float64)


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
            values[str(key)] = decode_value(encoded)
            fields = encoded if isinstance(encoded, dict) else {}
            py, dtype = fields.get("py"), fields.get("source_dtype")
            types[str(key)] = py[:100] if isinstance(py, str) else "?"
            if isinstance(dtype, str):
                dtypes[str(key)] = dtype[:40]
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
    )


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
