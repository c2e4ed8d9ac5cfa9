"""A pool of warm, single-use sandboxes: started ahead, each serves one judging, then goes.

A warm sandbox is a started container whose harness has its modules, has started the
candidate's zygote with NumPy imported, and waits for the one payload it will ever get. A
judging takes one (no container start, no interpreter start, no import on its path) and
hands it back when done; the pool removes it and starts a replacement in its background
thread, off the request path. Nothing passes from one judging to the next: every judging
gets a container no other judging touched, with its own ``/tmp``.

The pool keeps ``size`` sandboxes of its current spec waiting. A waiting sandbox is not
used, but replaced, when it died while waiting (its stream ended or said something), when
its spec is stale (the image behind the tag was rebuilt, another memory limit or harness is
asked for), when it waited longer than ``idle_seconds``, or when what is left of its
deadline is less than the judging needs. Every container carries the owner and deadline
labels, so a dead worker's pool is removed by ``remove_orphans`` like any orphan.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import logging
import threading
import time

import docker
import docker.errors

from sandbox.container import (
    READY_SECONDS,
    RUN_MARGIN_SECONDS,
    ContainerRunner,
    Sandbox,
    SandboxSpec,
    harness_sources,
    image_id,
    start_ready,
)
from sandbox.image import image_tag
from sandbox.problem import Limits

log = logging.getLogger(__name__)

# The longest judging a pooled sandbox is made for: its deadline is its wait in the pool
# plus this. A judging allowed longer (sum of its probes' budgets) starts its own container.
POOLED_RUN_SECONDS = 600.0
IMAGE_CHECK_SECONDS = 5.0  # how often the pool asks whether the image was rebuilt
RETRY_SECONDS = 5.0  # after a failed start (no engine, no image), before the next try


class SandboxPool:
    """Warm sandboxes for one process's judgings; ``close()`` removes every one left."""

    def __init__(
        self,
        client: docker.DockerClient,
        image: str,
        size: int,
        idle_seconds: float = 300.0,
        memory_mb: int = Limits().memory_mb,
    ) -> None:
        self.api = client.api
        self.image = image
        self.size = size
        self.idle_seconds = idle_seconds
        self.sources = harness_sources()
        self.image_id = ""
        self.image_checked = 0.0
        self.memory_mb = memory_mb  # the last judging's: what the next one likely needs
        self.waiting: collections.deque[Sandbox] = collections.deque()
        self.starting = 0
        self.used: collections.deque[Sandbox] = collections.deque()  # to be removed
        self.removing = 0
        self.in_use: set[str] = set()
        self.unused: set[str] = set()  # created by the pool, never handed out, not removed yet
        self.condition = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._work, name="numjudge-sandbox-pool", daemon=True)
        self.thread.start()

    # --- the judging's side -------------------------------------------------------------

    def spec(self, memory_mb: int) -> SandboxSpec:
        with self.condition:
            if memory_mb != self.memory_mb:
                self.memory_mb = memory_mb
                self.condition.notify_all()
            return self._spec()

    def take(self, spec: SandboxSpec, needed_seconds: float) -> Sandbox:
        """A waiting sandbox of this spec that is still usable, or one started now."""
        with self.condition:
            while self.waiting:
                sandbox = self.waiting.popleft()
                if sandbox.spec == spec and sandbox.usable(needed_seconds):
                    self.unused.discard(sandbox.id)
                    self.in_use.add(sandbox.id)
                    self.condition.notify_all()  # time to start its replacement
                    return sandbox
                self.used.append(sandbox)  # dead, stale or short of time: replaced
            self.condition.notify_all()
        lifetime = needed_seconds + RUN_MARGIN_SECONDS
        sandbox = start_ready(self.api, spec, self.sources, lifetime)
        with self.condition:
            self.in_use.add(sandbox.id)
        return sandbox

    def release(self, sandbox: Sandbox) -> None:
        """A sandbox that served its judging: removed in the background."""
        with self.condition:
            self.in_use.discard(sandbox.id)
            self.used.append(sandbox)
            self.condition.notify_all()

    # --- for tests and shutdown ----------------------------------------------------------

    def waiting_ids(self) -> set[str]:
        with self.condition:
            return {sandbox.id for sandbox in self.waiting}

    def unused_ids(self) -> set[str]:
        """Containers the pool created and no judging used: waiting, starting or retired."""
        with self.condition:
            return set(self.unused)

    def fill(self, timeout: float = 120.0) -> bool:
        """Wait until the pool is at rest: ``size`` sandboxes wait, every used one is removed
        and none is being started (so the pool creates or removes nothing until the next
        judging)."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while len(self.waiting) < self.size or self.used or self.removing or self.starting:
                if not self.condition.wait(max(0.0, deadline - time.monotonic())):
                    return False
                if time.monotonic() > deadline:
                    return False
            return True

    def close(self) -> None:
        """Stop refilling and remove every sandbox this pool holds."""
        with self.condition:
            self.closed = True
            self.condition.notify_all()
        self.thread.join(timeout=READY_SECONDS)
        with self.condition:
            leftovers = [*self.waiting, *self.used]
            self.waiting.clear()
            self.used.clear()
        for sandbox in leftovers:
            with contextlib.suppress(docker.errors.DockerException, OSError):
                sandbox.remove()

    # --- the background thread -----------------------------------------------------------

    def _spec(self) -> SandboxSpec:
        return SandboxSpec(self.image, self.image_id, self.memory_mb, self.sources.digest)

    def _work(self) -> None:
        self._check_image(force=True)
        while True:
            with self.condition:
                if self.closed:
                    return
                self._retire_unusable()
                # While a judging runs and another sandbox waits for the next, the pool's
                # work waits too: it would compete with the judging for the CPU.
                deferred = bool(self.in_use) and bool(self.waiting)
                removing = self.used.popleft() if self.used and not deferred else None
                starting = removing is None and not deferred and len(self.waiting) < self.size
                if starting:
                    self.starting += 1
                if removing is not None:
                    self.removing += 1
                if removing is None and not starting:
                    self.condition.wait(timeout=IMAGE_CHECK_SECONDS)
            if removing is not None:
                self._remove(removing)
            elif starting:
                self._start_one()
            self._check_image()

    def _retire_unusable(self) -> None:
        """Move waiting sandboxes that are dead, stale or idle too long to ``used``."""
        spec = self._spec()
        keep: collections.deque[Sandbox] = collections.deque()
        for sandbox in self.waiting:
            idle = time.monotonic() - sandbox.created > self.idle_seconds
            if sandbox.spec != spec or idle or not sandbox.usable(0.0):
                self.used.append(sandbox)
            else:
                keep.append(sandbox)
        self.waiting = keep

    def _remove(self, sandbox: Sandbox) -> None:
        try:
            sandbox.remove()
        except (docker.errors.DockerException, OSError) as error:
            log.warning("could not remove sandbox %s: %s", sandbox.id[:12], error)
        with self.condition:
            self.removing -= 1
            self.unused.discard(sandbox.id)
            self.condition.notify_all()

    def _start_one(self) -> None:
        with self.condition:
            spec = self._spec()
        sandbox: Sandbox | None = None
        try:
            if not spec.image_id:
                raise docker.errors.ImageNotFound(f"image {self.image} not checked yet")
            lifetime = self.idle_seconds + POOLED_RUN_SECONDS + RUN_MARGIN_SECONDS
            sandbox = Sandbox.start(
                self.api, spec, self.sources, lifetime, on_created=self._created
            )
            if not sandbox.wait_ready(READY_SECONDS):
                raise RuntimeError(f"sandbox {sandbox.id[:12]} did not get ready")
        except (docker.errors.DockerException, OSError, RuntimeError) as error:
            if sandbox is not None:
                with self.condition:
                    self.used.append(sandbox)
            if spec.image_id:
                log.warning("could not start a warm sandbox: %s", error)
            self._check_image(force=True)
            with self.condition:
                self.starting -= 1
                self.condition.notify_all()
                if not self.closed:
                    self.condition.wait(timeout=RETRY_SECONDS)
            return
        with self.condition:
            self.starting -= 1
            self.condition.notify_all()
            if not self.closed:
                self.waiting.append(sandbox)
                return
            self.removing += 1  # closed meanwhile: close() no longer sees this one
        self._remove(sandbox)

    def _created(self, container_id: str) -> None:
        with self.condition:
            self.unused.add(container_id)

    def _check_image(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.image_checked < IMAGE_CHECK_SECONDS:
            return
        self.image_checked = now
        try:
            current = image_id(self.api, self.image)
        except docker.errors.DockerException as error:
            log.warning("sandbox image %s: %s", self.image, error)
            current = ""
        with self.condition:
            if current != self.image_id:
                self.image_id = current
                self.condition.notify_all()


def pooled_runner() -> ContainerRunner:
    """A runner whose next sandbox starts while the current one judges, for a process that
    judges one submission after another (``problems validate``'s workers); a module-level
    function, so worker processes can make their own. The pool goes when the process exits
    (a process killed before that leaves labelled containers for ``remove_orphans``)."""
    client, tag = docker.from_env(), image_tag()
    pool = SandboxPool(client, tag, size=1)
    atexit.register(pool.close)
    return ContainerRunner(client, tag, pool=pool)
