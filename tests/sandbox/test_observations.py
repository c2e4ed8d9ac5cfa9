import base64

import numpy as np
import pytest

from sandbox.harness import wire
from sandbox.observations import (
    ObservationError,
    ProbeStatus,
    Unsupported,
    decode_probe,
    decode_value,
)


def roundtrip(value: object) -> object:
    return decode_value(wire.encode_report_value(value))


def test_arrays_come_back_as_plain_float64_arrays() -> None:
    class Rigged(np.ndarray):
        def __eq__(self, other: object) -> bool:  # type: ignore[override]
            return True

    rigged = np.arange(6.0).reshape(2, 3).view(Rigged)
    decoded = roundtrip(rigged)
    assert type(decoded) is np.ndarray
    assert decoded.dtype == np.float64
    assert decoded.tolist() == [[0, 1, 2], [3, 4, 5]]


def test_numbers_keep_nan_and_infinity_exactly() -> None:
    assert np.isnan(roundtrip(float("nan")))  # type: ignore[arg-type]
    assert roundtrip(float("-inf")) == float("-inf")
    assert roundtrip(np.float64(0.1)) == 0.1
    assert roundtrip(np.int32(7)) == 7


def test_object_arrays_are_unsupported_not_decoded() -> None:
    decoded = roundtrip(np.array([object(), 1], dtype=object))
    assert isinstance(decoded, Unsupported)
    assert "object" in decoded.why


@pytest.mark.parametrize(
    "encoded",
    [
        {"t": "array", "dtype": "O", "shape": [1], "b64": ""},
        {"t": "array", "dtype": "<f8", "shape": [3], "b64": base64.b64encode(b"\0" * 8).decode()},
        {"t": "array", "dtype": "<f8", "shape": [-1], "b64": ""},
        {"t": "array", "dtype": "<f8", "shape": [10**9, 10**9], "b64": ""},
        {"t": "array", "dtype": "<f8", "shape": [0, 2**64], "b64": ""},
        {"t": "array", "dtype": "<f8", "shape": [True], "b64": ""},
        {"t": "float", "v": "not a float"},
        {"t": "int", "v": 2**80},
        {"t": "pickle", "v": "gASV"},
        "not even a dict",
    ],
)
def test_malformed_observations_become_unsupported(encoded: object) -> None:
    assert isinstance(decode_value(encoded), Unsupported)


def test_a_report_without_observations_is_an_error() -> None:
    result = decode_probe("fit", {"status": "ok", "observations": "nope"})
    assert result.status is ProbeStatus.ERROR


def test_accessors_explain_what_is_wrong() -> None:
    result = decode_probe(
        "fit",
        {"status": "ok", "observations": wire.encode_observations({"w": "text", "h": [1.0, 2.0]})},
    )
    assert result.array("h").tolist() == [1.0, 2.0]
    with pytest.raises(ObservationError, match="should be a numeric array"):
        result.array("w")
    with pytest.raises(ObservationError, match="nothing was observed for 'missing'"):
        result.value("missing")
    with pytest.raises(ObservationError, match="single number"):
        result.number("h")
