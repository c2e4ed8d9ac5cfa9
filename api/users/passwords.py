"""Password hashing: argon2id, sized for the machine, a bounded number at a time.

Each hash or check holds ``memory_kib`` of memory for its duration. Unbounded, every login
request (the API runs up to 25 at once) hashed in parallel: 20 parallel attempts with the
library's defaults (64 MiB, 4 lanes) took 1.4 GB. Here at most ``concurrency`` run at once per
API process, so hashing never holds more than ``concurrency x memory_kib``; a login that does
not get its turn within ``wait_seconds`` is answered 503 with ``Retry-After``.

The hashes run on ``concurrency`` threads of their own, not on the request threads: the C
library's memory comes from malloc, and glibc keeps what each thread freed in that thread's
arena, so hashing on 25+ request threads left ~20 MiB resident per thread long after.

An unknown username is checked against a dummy hash made with the same parameters, so it
costs what a known one costs (no more, no less, and it tells nothing). Stored hashes made
with other parameters are checked with theirs and replaced at the next successful login.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from api.errors import Unavailable
from api.settings import Settings

LANES = 1  # one thread per hash: the machine's cores serve concurrent logins instead
Result = TypeVar("Result")


class PasswordHashing:
    def __init__(
        self, memory_kib: int, iterations: int, concurrency: int, wait_seconds: float
    ) -> None:
        self.hasher = PasswordHash(
            (Argon2Hasher(time_cost=iterations, memory_cost=memory_kib, parallelism=LANES),)
        )
        self.concurrency = concurrency
        self.wait_seconds = wait_seconds
        self._turns = threading.BoundedSemaphore(concurrency)
        self._threads = ThreadPoolExecutor(concurrency, thread_name_prefix="password-hashing")
        self._active = 0
        self.peak = 0  # the most hashes that ever ran at once (for tests and benchmarks)
        self._count_lock = threading.Lock()

    @functools.cached_property
    def dummy_hash(self) -> str:
        """Checked against when the username is unknown (made on first use, not at import)."""
        return self.hash(secrets.token_urlsafe(16))

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        """One of the ``concurrency`` hashing slots, or 503 after ``wait_seconds``."""
        if not self._turns.acquire(timeout=self.wait_seconds):
            raise Unavailable(
                "the server is checking too many passwords at once; try again in a few seconds",
                retry_after=max(1, round(self.wait_seconds)),
            )
        with self._count_lock:
            self._active += 1
            self.peak = max(self.peak, self._active)
        try:
            yield
        finally:
            with self._count_lock:
                self._active -= 1
            self._turns.release()

    def _run(self, work: Callable[[], Result]) -> Result:
        """``work`` on a hashing thread, once a turn is free."""
        with self.turn():
            return self._threads.submit(work).result()

    def hash(self, password: str) -> str:
        return self._run(lambda: self.hasher.hash(password))

    def check(self, password: str, stored: str | None) -> tuple[bool, str | None]:
        """Whether ``password`` matches ``stored`` (None: an unknown user, never a match), and
        a new hash to store when ``stored`` was made with other parameters."""
        if stored is None:
            dummy = self.dummy_hash
            self._run(lambda: self.hasher.verify(password, dummy))
            return False, None
        return self._run(lambda: self.hasher.verify_and_update(password, stored))


def concurrency_for(settings: Settings) -> int:
    return settings.password_hash_concurrency or os.cpu_count() or 1


@functools.cache
def _hashing(memory_kib: int, iterations: int, concurrency: int, wait: float) -> PasswordHashing:
    return PasswordHashing(memory_kib, iterations, concurrency, wait)


def hashing_for(settings: Settings) -> PasswordHashing:
    """The process's hashing for these settings: one set of slots shared by every request."""
    return _hashing(
        settings.password_hash_memory_kib,
        settings.password_hash_iterations,
        concurrency_for(settings),
        settings.password_hash_wait_seconds,
    )
