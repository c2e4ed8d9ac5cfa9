"""What a sample probe asked the code under test and what it answered, in words: the
"sample calls" a candidate's Run shows beside the reference's answers to the same calls.

Recorded by the proxies (``sandbox.harness.calls``) in the harness, from the raw values that
crossed the channel, so the candidate's code has no say in it. Bounded: at most
``MAX_CALLS`` calls per probe, each line at most ``MAX_CHARS`` characters, every array
shown by its dtype, shape and first few values. Standard library and NumPy only.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

MAX_CALLS = 12
MAX_CHARS = 240
SHOWN_VALUES = 4


@dataclasses.dataclass(frozen=True)
class Call:
    call: str  # e.g. "LinearRegression(tol=0.0)" or "<object 1>.predict(array(float64, (3, 2)) …)"
    result: str  # what came back, or "raised: …"


@dataclasses.dataclass
class Transcript:
    calls: list[Call] = dataclasses.field(default_factory=list)
    more: int = 0  # calls past MAX_CALLS, counted but not shown

    def add(self, call: str, result: str) -> None:
        if len(self.calls) < MAX_CALLS:
            self.calls.append(Call(_clip(call), _clip(result)))
        else:
            self.more += 1

    def to_wire(self) -> list[dict[str, str]]:
        lines = [{"call": c.call, "result": c.result} for c in self.calls]
        if self.more:
            lines.append({"call": f"… and {self.more} more calls", "result": ""})
        return lines


_current: contextvars.ContextVar[Transcript | None] = contextvars.ContextVar(
    "numjudge_transcript", default=None
)


@contextlib.contextmanager
def transcribing() -> Iterator[Transcript]:
    """Record the calls made through the proxies inside the block."""
    transcript = Transcript()
    token = _current.set(transcript)
    try:
        yield transcript
    finally:
        _current.reset(token)


def record(target: str, arguments: str, result: str) -> None:
    transcript = _current.get()
    if transcript is not None:
        transcript.add(f"{target}{arguments}", result)


def recording() -> bool:
    return _current.get() is not None


def call_arguments(args: Sequence[object], kwargs: Mapping[str, object]) -> str:
    shown = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
    return f"({', '.join(shown)})"


def describe(value: object) -> str:
    """A value in a few words: numbers to 6 significant digits, arrays by dtype, shape and
    their first values, containers by their first items."""
    if isinstance(value, np.ndarray):
        flat = value.ravel()[:SHOWN_VALUES]
        shown = ", ".join(_scalar(item) for item in flat.tolist())
        more = ", …" if value.size > SHOWN_VALUES else ""
        return f"array({value.dtype}, {tuple(value.shape)}) [{shown}{more}]"
    if isinstance(value, list | tuple):
        items = ", ".join(describe(item) for item in value[:SHOWN_VALUES])
        more = ", …" if len(value) > SHOWN_VALUES else ""
        return f"({items}{more})" if isinstance(value, tuple) else f"[{items}{more}]"
    if isinstance(value, dict):
        items = ", ".join(f"{k!r}: {describe(v)}" for k, v in list(value.items())[:SHOWN_VALUES])
        return "{" + items + (", …" if len(value) > SHOWN_VALUES else "") + "}"
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float | np.integer | np.floating):
        try:
            return f"{value:.6g}"
        except (OverflowError, ValueError):  # an int past a float's range
            return repr(value)[:20] + "…"
    if isinstance(value, str):
        return repr(value[:40] + ("…" if len(value) > 40 else ""))
    return repr(value)[:60]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"
