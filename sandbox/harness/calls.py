"""Calling the code under test from a probe: proxies for its module and objects.

A probe writes ``model = ctx.solution.LinearRegression(tol=0.0)`` and ``model.fit(X, y)``
as if the code were local. Each attribute read and each call is a request to a ``Caller``:
in the sandbox, a frame to the candidate's process (``sandbox.harness.main``); for trusted
code, a direct call (``LocalCaller``). Both pass every value through the same encoding, so
a probe sees the same plain values (NumPy arrays, numbers, strings, lists) either way, and
nothing of the candidate's objects but a reference number ever reaches the probe.

A failed call raises ``CandidateFailure``; its status says how it failed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Protocol

from sandbox.harness import candidate, transcript, wire

# How a call can fail. "error": the code raised; "memory": MemoryError or the OOM killer;
# "timeout": the probe's budget ran out; "crashed": the process died; "output_limit": it
# printed or returned more than allowed.
FAILURE_STATUSES = ("error", "memory", "timeout", "crashed", "output_limit")


class CandidateFailure(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Caller(Protocol):
    """Sends one request to the code under test and returns the decoded answer."""

    call_seconds: float  # time spent inside requests so far, measured outside

    def request(
        self,
        op: str,
        ref: int,
        name: str,
        args: Sequence[object] = (),
        kwargs: dict[str, object] | None = None,
        repeat: int = 1,
    ) -> wire.Value: ...


def request_frame(
    op: str,
    ref: int,
    name: str,
    args: Sequence[object],
    kwargs: dict[str, object] | None,
    repeat: int = 1,
) -> tuple[dict[str, Any], dict[str, object]]:
    """The header and the values of one request (``repeat``: call it that many times)."""
    kwargs = kwargs or {}
    header = {"op": op, "ref": ref, "name": name, "nargs": len(args), "kwargs": list(kwargs)}
    if repeat != 1:
        header["repeat"] = repeat
    values = {f"a{i}": value for i, value in enumerate(args)}
    values.update({f"k:{key}": value for key, value in kwargs.items()})
    return header, values


def answer_value(header: dict[str, Any], buffers: list[memoryview]) -> wire.Value:
    """The value of a response, or ``CandidateFailure`` for a response that is not ok."""
    status = header.get("status")
    if status == "missing":
        raise AttributeError("missing attribute")
    if status != "ok":
        error = header.get("error")
        message = error[:4000] if isinstance(error, str) else "your code failed"
        raise CandidateFailure("memory" if status == "memory" else "error", message)
    values = header.get("values")
    encoded = values.get("result") if isinstance(values, dict) else None
    return wire.Decoder(buffers).value(encoded)


def to_wire(value: object) -> object:
    """What a probe passes to a call: proxies become references, the rest travels as data."""
    if isinstance(value, RemoteObject):
        return wire.Ref(value._ref)
    return value


class RemoteObject:
    """An object (or the module) that lives with the code under test."""

    __slots__ = ("_caller", "_proxies", "_ref")

    def __init__(self, caller: Caller, ref: int, proxies: dict[int, RemoteObject]) -> None:
        object.__setattr__(self, "_caller", caller)
        object.__setattr__(self, "_ref", ref)
        object.__setattr__(self, "_proxies", proxies)
        proxies[ref] = self

    def _wrap(self, value: wire.Value) -> Any:
        if isinstance(value, wire.Ref):
            return self._proxies.get(value.id) or RemoteObject(
                self._caller, value.id, self._proxies
            )
        if isinstance(value, list):
            return [self._wrap(item) for item in value]
        return value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            value = self._caller.request("get", self._ref, name)
        except AttributeError:
            transcript.record(self._target(name), "", "no such attribute")
            raise
        if isinstance(value, wire.Method):
            return RemoteMethod(self, name)
        wrapped = self._wrap(value)
        transcript.record(self._target(name), "", transcript.describe(wrapped))
        return wrapped

    def _target(self, name: str) -> str:
        """How a transcript names an attribute: ``Class`` of the module, ``<object 1>.fit``."""
        return name if self._ref == 0 else f"<object {self._ref}>.{name}"

    def __setattr__(self, name: str, value: object) -> None:
        try:
            self._caller.request("set", self._ref, name, [to_wire(value)])
        except CandidateFailure as failure:
            if failure.status != "error":
                raise
            # Not a crash of the candidate's code: the probe cannot use this object.
            raise AttributeError(f"cannot set {name}: {failure.message}") from failure
        transcript.record(self._target(name), f" = {transcript.describe(value)}", "")

    def __repr__(self) -> str:
        return f"<object {self._ref}>"


class RemoteMethod:
    __slots__ = ("name", "owner")

    def __init__(self, owner: RemoteObject, name: str) -> None:
        self.owner = owner
        self.name = name

    def __call__(self, *args: object, **kwargs: object) -> Any:
        target = self.owner._target(self.name)
        arguments = transcript.call_arguments(args, kwargs) if transcript.recording() else ""
        try:
            value = self.owner._caller.request(
                "call",
                self.owner._ref,
                self.name,
                [to_wire(a) for a in args],
                {k: to_wire(v) for k, v in kwargs.items()},
            )
        except CandidateFailure as failure:
            transcript.record(target, arguments, f"{failure.status}: {failure.message}")
            raise
        wrapped = self.owner._wrap(value)
        transcript.record(target, arguments, transcript.describe(wrapped))
        return wrapped


def remote_module(caller: Caller) -> RemoteObject:
    return RemoteObject(caller, 0, {})


class LocalCaller:
    """Calls trusted code (the reference) in this process, through the same encoding."""

    def __init__(self, server: candidate.CallServer) -> None:
        self.server = server
        self.call_seconds = 0.0

    def request(
        self,
        op: str,
        ref: int,
        name: str,
        args: Sequence[object] = (),
        kwargs: dict[str, object] | None = None,
        repeat: int = 1,
    ) -> wire.Value:
        header, values = request_frame(op, ref, name, args, kwargs, repeat)
        request = wire.unpack_frame(bytearray(_frame_body(header, values)))
        started = time.perf_counter()
        try:
            response, result = self.server.answer(*request)
        except MemoryError as error:
            raise CandidateFailure("memory", candidate.describe_exception(error)) from error
        except Exception as error:
            raise CandidateFailure("error", candidate.describe_exception(error)) from error
        finally:
            self.call_seconds += time.perf_counter() - started
        return answer_value(
            *wire.unpack_frame(bytearray(_frame_body(response, {"result": result})))
        )


def _frame_body(header: dict[str, Any], values: dict[str, object]) -> bytes:
    return wire.encode_frame(header, values)[wire.FRAME_HEADER.size :]
