"""How observations and messages travel: sandbox worker → harness → trusted host.

Values are encoded as JSON with arrays as base64 of little-endian raw bytes and floats as
``float.hex`` strings (exact, and NaN/inf survive). The trusted side decodes this with
``sandbox.observations``, never with pickle. Messages between processes are frames: a
4-byte big-endian length, then that many bytes of JSON.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from typing import Any

import numpy as np

# dtype codes that may cross the boundary; everything numeric is widened to one of them.
ARRAY_DTYPES = {"f8": "<f8", "i8": "<i8", "b1": "|b1"}
MAX_STRING_CHARS = 4096
MAX_LIST_ITEMS = 10_000
MAX_ARRAY_ELEMENTS = 2_000_000
FRAME_HEADER = struct.Struct(">I")


def type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _unsupported(value: object, why: str) -> dict[str, Any]:
    return {"t": "unsupported", "py": type_name(value), "why": why[:MAX_STRING_CHARS]}


def encode_value(value: object, depth: int = 0) -> dict[str, Any]:
    """Encode one observed value; anything outside the allowed kinds becomes 'unsupported'."""
    py = type_name(value)
    if value is None:
        return {"t": "none", "py": py}
    if isinstance(value, bool | np.bool_):
        return {"t": "bool", "v": bool(value), "py": py}
    if isinstance(value, int | np.integer):
        number = int(value)
        if not -(2**63) <= number < 2**63:
            return _unsupported(value, "integer does not fit in 64 bits")
        return {"t": "int", "v": number, "py": py}
    if isinstance(value, float | np.floating):
        return {"t": "float", "v": float(value).hex(), "py": py}
    if isinstance(value, str):
        return {"t": "str", "v": value[:MAX_STRING_CHARS], "py": py}
    if isinstance(value, np.ndarray):
        return _encode_array(value, py)
    if isinstance(value, list | tuple) and depth == 0:
        if len(value) > MAX_LIST_ITEMS:
            return _unsupported(value, f"more than {MAX_LIST_ITEMS} items")
        return {"t": "list", "items": [encode_value(item, 1) for item in value], "py": py}
    if isinstance(value, list | tuple):
        return _encode_array(value, py)
    return _unsupported(value, "not a number, string, list or numpy array")


def _encode_array(value: object, py: str) -> dict[str, Any]:
    try:
        array = np.array(value, copy=True)
    except Exception as error:
        return _unsupported(value, f"cannot be read as an array: {type(error).__name__}")
    if array.dtype.kind == "b":
        code = "b1"
    elif array.dtype.kind in "iu":
        code = "i8"
    elif array.dtype.kind == "f":
        code = "f8"
    else:
        return _unsupported(value, f"array of dtype {array.dtype}, expected numbers")
    if array.size > MAX_ARRAY_ELEMENTS:
        return _unsupported(value, f"array with {array.size} elements is too large")
    raw = np.ascontiguousarray(array, dtype=ARRAY_DTYPES[code]).tobytes()
    return {
        "t": "array",
        "dtype": code,
        "source_dtype": str(array.dtype),
        "shape": list(array.shape),
        "b64": base64.b64encode(raw).decode("ascii"),
        "py": py,
    }


def encode_observations(observations: object) -> dict[str, Any]:
    if not isinstance(observations, dict):
        raise TypeError(f"a probe must return a dict, not {type_name(observations)}")
    return {str(key): encode_value(value) for key, value in observations.items()}


def write_frame(fd: int, message: dict[str, Any]) -> None:
    body = json.dumps(message, separators=(",", ":")).encode()
    data = FRAME_HEADER.pack(len(body)) + body
    while data:
        written = os.write(fd, data)
        data = data[written:]
