"""How values and messages travel between the processes of a judging.

Two encodings of the same value tree:
- **frames** between the harness and the candidate's process: a 4-byte big-endian length,
  a JSON header, then the raw bytes of every array the header mentions (``"buf": i``), so
  large inputs cost one copy, not base64;
- **report lines** from the harness to the trusted host: the same JSON, with each array's
  bytes inline as base64 (``"b64"``).

Floats travel as ``float.hex`` strings (exact; NaN and infinities survive). Arrays keep
their dtype when it is an allow-listed little-endian numeric or boolean dtype. Decoding is
strict and bounded: whatever a candidate sends becomes a plain value or ``Unsupported``,
never an exception and never an allocation larger than the declared limits. No pickle.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
import os
import struct
from typing import Any

import numpy as np

# dtypes that may cross the boundary as they are; other numeric dtypes are widened.
ARRAY_DTYPES = frozenset(
    {"<f2", "<f4", "<f8", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "|b1"}
)
MAX_STRING_CHARS = 4096
MAX_LIST_ITEMS = 10_000
MAX_ARRAY_ELEMENTS = 8_000_000
MAX_ARRAY_DIMENSIONS = 8
MAX_DIMENSION = 1 << 31
MAX_FRAME_BYTES = 128 << 20
MAX_HEADER_BYTES = 4 << 20
FRAME_HEADER = struct.Struct(">I")


@dataclasses.dataclass(frozen=True)
class Unsupported:
    """A value that cannot be observed (an object array, a class instance, malformed data)."""

    type_name: str
    why: str


@dataclasses.dataclass(frozen=True)
class Ref:
    """An object that lives in the candidate's process (a model), known by its number."""

    id: int


@dataclasses.dataclass(frozen=True)
class Method:
    """The value of an attribute that is a method or function: call it, don't read it."""


Value = (
    None
    | bool
    | int
    | float
    | str
    | np.ndarray
    | list["Value"]
    | dict[str, "Value"]
    | Unsupported
    | Ref
    | Method
)


def type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def _unsupported(value: object, why: str) -> dict[str, Any]:
    return {"t": "unsupported", "py": type_name(value), "why": why[:MAX_STRING_CHARS]}


class Encoder:
    """Encodes a value tree; arrays go to ``buffers`` (frames) or inline base64 (reports)."""

    def __init__(self, *, inline: bool) -> None:
        self.inline = inline
        self.buffers: list[bytes] = []

    def value(self, value: object, depth: int = 0) -> dict[str, Any]:
        py = type_name(value)
        if value is None:
            return {"t": "none", "py": py}
        if isinstance(value, Ref):
            return {"t": "ref", "id": value.id, "py": py}
        if isinstance(value, Method):
            return {"t": "callable", "py": py}
        if isinstance(value, Unsupported):
            return {"t": "unsupported", "py": value.type_name, "why": value.why}
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
            return self.array(value, py)
        if isinstance(value, list | tuple) and depth < 2:
            if len(value) > MAX_LIST_ITEMS:
                return _unsupported(value, f"more than {MAX_LIST_ITEMS} items")
            return {"t": "list", "items": [self.value(item, depth + 1) for item in value], "py": py}
        if isinstance(value, dict) and depth < 2 and all(isinstance(k, str) for k in value):
            if len(value) > MAX_LIST_ITEMS:
                return _unsupported(value, f"more than {MAX_LIST_ITEMS} items")
            items = {k[:MAX_STRING_CHARS]: self.value(v, depth + 1) for k, v in value.items()}
            return {"t": "dict", "items": items, "py": py}
        return _unsupported(value, "not a number, string, list or numpy array")

    def array(self, value: np.ndarray, py: str) -> dict[str, Any]:
        if value.dtype.kind not in "biuf":
            return _unsupported(value, f"array of dtype {value.dtype}, expected numbers")
        if value.size > MAX_ARRAY_ELEMENTS:
            return _unsupported(value, f"array with {value.size} elements is too large")
        dtype = value.dtype.newbyteorder("<") if value.dtype.byteorder == ">" else value.dtype
        if dtype.str not in ARRAY_DTYPES:
            dtype = np.dtype("<f8") if dtype.kind == "f" else np.dtype("<i8")
        raw = np.ascontiguousarray(value, dtype=dtype).tobytes()
        encoded: dict[str, Any] = {"t": "array", "dtype": dtype.str, "shape": list(value.shape)}
        encoded["py"] = py
        if self.inline:
            encoded["b64"] = base64.b64encode(raw).decode("ascii")
        else:
            encoded["buf"] = len(self.buffers)
            self.buffers.append(raw)
        return encoded


class Decoder:
    """Strict decoding of what an ``Encoder`` wrote (or what hostile code forged)."""

    def __init__(self, buffers: list[memoryview] | None = None) -> None:
        self.buffers = buffers
        self.used: set[int] = set()

    def value(self, encoded: Any, depth: int = 0) -> Value:
        if not isinstance(encoded, dict):
            return Unsupported("?", "malformed value")
        kind = encoded.get("t")
        py = encoded.get("py")
        name = py[:100] if isinstance(py, str) else "?"
        value = encoded.get("v")
        if kind == "none":
            return None
        if kind == "ref" and type(encoded.get("id")) is int:
            return Ref(encoded["id"])
        if kind == "callable":
            return Method()
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "int" and type(value) is int:
            return value if -(2**63) <= value < 2**63 else Unsupported(name, "integer too large")
        if kind == "float" and isinstance(value, str) and len(value) < 64:
            try:
                return float.fromhex(value)
            except (ValueError, OverflowError):
                return Unsupported(name, "malformed float")
        if kind == "str" and isinstance(value, str):
            return value[:MAX_STRING_CHARS]
        if kind == "array":
            return self.array(encoded, name)
        if kind == "list" and depth < 2:
            items = encoded.get("items")
            if isinstance(items, list) and len(items) <= MAX_LIST_ITEMS:
                return [self.value(item, depth + 1) for item in items]
        if kind == "dict" and depth < 2:
            entries = encoded.get("items")
            if isinstance(entries, dict) and len(entries) <= MAX_LIST_ITEMS:
                return {
                    str(k)[:MAX_STRING_CHARS]: self.value(v, depth + 1) for k, v in entries.items()
                }
        if kind == "unsupported":
            why = encoded.get("why")
            return Unsupported(name, why[:200] if isinstance(why, str) else "unsupported")
        return Unsupported(name, "malformed value")

    def array(self, encoded: dict[str, Any], name: str) -> Value:
        code, shape = encoded.get("dtype"), encoded.get("shape")
        if code not in ARRAY_DTYPES or not isinstance(shape, list):
            return Unsupported(name, "malformed array")
        if len(shape) > MAX_ARRAY_DIMENSIONS or not all(
            type(n) is int and 0 <= n < MAX_DIMENSION for n in shape
        ):
            return Unsupported(name, "malformed array shape")
        elements = math.prod(shape)
        if elements > MAX_ARRAY_ELEMENTS:
            return Unsupported(name, "array too large")
        raw = self._raw(encoded)
        if raw is None:
            return Unsupported(name, "malformed array data")
        dtype = np.dtype(code)
        if len(raw) != elements * dtype.itemsize:
            return Unsupported(name, "array data does not match its shape")
        # A plain, writable ndarray over received bytes: nothing of the sender's object.
        return np.frombuffer(raw, dtype=dtype).reshape(shape)

    def _raw(self, encoded: dict[str, Any]) -> memoryview | bytearray | None:
        if self.buffers is None:
            data = encoded.get("b64")
            if not isinstance(data, str):
                return None
            try:
                return bytearray(base64.b64decode(data, validate=True))
            except (binascii.Error, ValueError):
                return None
        index = encoded.get("buf")
        if type(index) is not int or not 0 <= index < len(self.buffers):
            return None
        if index in self.used:
            return None  # each buffer backs one array: no two arrays share memory
        self.used.add(index)
        return self.buffers[index]


def encode_report_value(value: object) -> dict[str, Any]:
    """One value for a report line (arrays inline)."""
    return Encoder(inline=True).value(value)


def decode_report_value(encoded: Any) -> Value:
    return Decoder().value(encoded)


def encode_observations(observations: object) -> dict[str, Any]:
    if not isinstance(observations, dict):
        raise TypeError(f"a probe must return a dict, not {type_name(observations)}")
    encoder = Encoder(inline=True)
    return {str(key): encoder.value(value) for key, value in observations.items()}


# --- frames -------------------------------------------------------------------------------


def pack_frame(header: dict[str, Any], buffers: list[bytes]) -> bytes:
    """A frame: length, JSON header (with the buffer sizes), then the buffers."""
    body = json.dumps({**header, "sizes": [len(b) for b in buffers]}, separators=(",", ":"))
    encoded = body.encode()
    total = len(encoded) + sum(len(b) for b in buffers) + FRAME_HEADER.size
    return b"".join([FRAME_HEADER.pack(total), FRAME_HEADER.pack(len(encoded)), encoded, *buffers])


class FrameTooLarge(ValueError):
    """A frame whose header (its lists, dicts, strings) is larger than any sane value."""


def unpack_frame(frame: bytes | bytearray) -> tuple[dict[str, Any], list[memoryview]]:
    """Split a frame's body (without its outer length); raise ``ValueError`` if malformed.

    The buffers are views of ``frame``, not copies (writable when ``frame`` is a bytearray).
    """
    if len(frame) < 4:
        raise ValueError("frame too short")
    (header_length,) = FRAME_HEADER.unpack_from(frame)
    if header_length > len(frame) - 4:
        raise ValueError("frame header longer than the frame")
    if header_length > MAX_HEADER_BYTES:  # arrays travel as buffers: a header stays small
        raise FrameTooLarge(f"a value of {header_length} bytes of JSON (lists, dicts)")
    header = json.loads(frame[4 : 4 + header_length])
    if not isinstance(header, dict):
        raise ValueError("frame header is not an object")
    sizes = header.get("sizes")
    if not isinstance(sizes, list) or not all(type(s) is int and s >= 0 for s in sizes):
        raise ValueError("frame has malformed buffer sizes")
    offset = 4 + header_length
    if offset + sum(sizes) != len(frame):
        raise ValueError("frame buffers do not add up to its length")
    view = memoryview(frame)
    buffers = []
    for size in sizes:
        buffers.append(view[offset : offset + size])
        offset += size
    return header, buffers


def encode_frame(header: dict[str, Any], values: dict[str, object] | None = None) -> bytes:
    """A whole frame: a header and its values, arrays as raw buffers."""
    encoder = Encoder(inline=False)
    if values is not None:
        header = {**header, "values": {k: encoder.value(v) for k, v in values.items()}}
    return pack_frame(header, encoder.buffers)


def write_frame(fd: int, header: dict[str, Any], values: dict[str, object] | None = None) -> None:
    data = memoryview(encode_frame(header, values))
    while data:
        data = data[os.write(fd, data) :]


def read_exactly(fd: int, size: int) -> bytearray | None:
    """``size`` bytes from ``fd``, read straight into one buffer; ``None`` at end of file."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        count = os.readv(fd, [view[got:]])
        if count == 0:
            return None
        got += count
    return buffer


def read_frame(fd: int) -> tuple[dict[str, Any], list[memoryview]] | None:
    """Read one whole frame (blocking); ``None`` at end of file."""
    prefix = read_exactly(fd, FRAME_HEADER.size)
    if prefix is None:
        return None
    (length,) = FRAME_HEADER.unpack(prefix)
    if length > MAX_FRAME_BYTES:
        raise ValueError(f"frame of {length} bytes exceeds {MAX_FRAME_BYTES}")
    body = read_exactly(fd, length)
    if body is None:
        return None
    return unpack_frame(body)
