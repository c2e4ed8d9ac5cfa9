"""Reading a sandbox's attach stream: Docker's multiplexed frames, as harness lines.

Read with a deadline and a size cap; what the harness printed to stderr is kept (its tail
explains a crash), never parsed.
"""

from __future__ import annotations

import select
import socket
import time

STDOUT_LIMIT_BYTES = 64 << 20
STDERR_KEPT_BYTES = 16 << 10


class AttachStream:
    """The harness's stdout, line by line, from a container's attach socket."""

    def __init__(self, raw: socket.socket) -> None:
        self.raw = raw
        self.pending = bytearray()
        self.line_buffer = bytearray()
        self.stderr = bytearray()
        self.received = 0
        self.ended = False  # the container closed the stream
        self.overflowed = False  # more than STDOUT_LIMIT_BYTES arrived
        self.timed_out = False

    def read_line(self, deadline: float) -> bytes | None:
        """The next complete stdout line, or ``None`` at the end, the cap or the deadline."""
        while True:
            if b"\n" in self.line_buffer:
                line, _, rest = self.line_buffer.partition(b"\n")
                self.line_buffer = bytearray(rest)
                return bytes(line)
            if self.ended or self.overflowed:
                return None
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                self.timed_out = True
                return None
            readable, _, _ = select.select([self.raw], [], [], remaining)
            if readable:
                self._receive()

    def _receive(self) -> None:
        try:
            chunk = self.raw.recv(1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            self.ended = True
            return
        self.received += len(chunk)
        if self.received > STDOUT_LIMIT_BYTES:
            self.overflowed = True
            return
        self.pending += chunk
        while len(self.pending) >= 8:
            kind, size = self.pending[0], int.from_bytes(self.pending[4:8], "big")
            if len(self.pending) < 8 + size:
                break
            data = bytes(self.pending[8 : 8 + size])
            del self.pending[: 8 + size]
            if kind == 2:
                self.stderr += data[: max(0, STDERR_KEPT_BYTES - len(self.stderr))]
            else:
                self.line_buffer += data

    def quiet(self) -> bool:
        """Whether nothing arrived and the stream is still open (a waiting sandbox's state),
        without blocking."""
        if self.ended or self.line_buffer or self.pending:
            return False
        if select.select([self.raw], [], [], 0)[0]:
            self._receive()
            return not self.ended and not self.line_buffer and not self.pending
        return True

    def stderr_tail(self) -> str:
        tail = self.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        return " | ".join(tail)
