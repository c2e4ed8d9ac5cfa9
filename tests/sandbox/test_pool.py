"""The warm pool against the real Docker engine: single use, replacement, staleness."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from sandbox.container import LABEL, ContainerRunner, Sandbox, SandboxSpec
from sandbox.image import image_tag
from sandbox.observations import ProbeStatus, decode_probe
from sandbox.pool import IMAGE_CHECK_SECONDS, SandboxPool
from sandbox.problem import ProblemPackage, load_problem

pytestmark = [pytest.mark.docker]


@pytest.fixture(scope="module")
def where_problem() -> ProblemPackage:
    return load_problem(Path(__file__).parent / "fixtures" / "sandbox-where")


@pytest.fixture
def pool(docker_client: docker.DockerClient) -> Iterator[SandboxPool]:
    pool = SandboxPool(docker_client, image_tag(), size=2)
    yield pool
    pool.close()


def existing(client: docker.DockerClient, ids: set[str]) -> set[str]:
    return {c["Id"] for c in client.api.containers(all=True, filters={"label": LABEL})} & ids


def where(runner: ContainerRunner, problem: ProblemPackage) -> dict[str, Any]:
    outcome = runner.run(problem, problem.reference, 1, problem.probes, lambda report: None)
    assert not outcome.failure, outcome.failure
    result = decode_probe("where", outcome.reports[0])
    assert result.status is ProbeStatus.OK, result.error
    return {key: result.value(key) for key in ("hostname", "tmp_identity", "tmp_entries")}


def test_every_judging_gets_a_container_and_a_tmp_of_its_own(
    pool: SandboxPool, where_problem: ProblemPackage, docker_client: docker.DockerClient
) -> None:
    runner = ContainerRunner(docker_client, image_tag(), pool=pool)
    served: list[dict[str, Any]] = []
    warm: set[str] = set()
    for _ in range(4):
        assert pool.fill(), "the pool did not fill"
        warm |= pool.waiting_ids()
        served.append(where(runner, where_problem))
    hostnames = [seen["hostname"] for seen in served]
    assert len(set(hostnames)) == len(served), hostnames  # never the same container twice
    assert all(any(c.startswith(h) for c in warm) for h in hostnames), "not from the pool"
    tmps = [seen["tmp_identity"] for seen in served]
    assert len(set(tmps)) == len(served), tmps  # a fresh tmpfs each time
    assert all(seen["tmp_entries"] == [] for seen in served)
    assert pool.fill()
    used = {c for c in warm if any(c.startswith(h) for h in hostnames)}
    assert not existing(docker_client, used), "a used sandbox was not removed"


def test_a_waiting_sandbox_that_died_is_replaced_not_used(
    pool: SandboxPool,
    where_problem: ProblemPackage,
    docker_client: docker.DockerClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken: list[str] = []
    take = pool.take

    def recording_take(spec: SandboxSpec, needed_seconds: float) -> Sandbox:
        sandbox = take(spec, needed_seconds)
        taken.append(sandbox.id)
        return sandbox

    monkeypatch.setattr(pool, "take", recording_take)
    assert pool.fill()
    dead = pool.waiting_ids()
    for container_id in dead:
        docker_client.api.kill(container_id)
    for container_id in dead:
        docker_client.api.wait(container_id, timeout=30)
    runner = ContainerRunner(docker_client, image_tag(), pool=pool)
    seen = where(runner, where_problem)
    assert taken and not set(taken) & dead, "a dead sandbox was handed to a judging"
    assert taken[-1].startswith(seen["hostname"])
    assert pool.fill()
    assert not pool.waiting_ids() & dead
    assert not existing(docker_client, dead), "the dead sandboxes were not removed"


def test_a_pool_of_a_rebuilt_image_is_replaced(docker_client: docker.DockerClient) -> None:
    """The tag now names another image (a rebuild): the waiting sandboxes go, new ones
    start from the new image."""
    tag = f"numjudge-sandbox-pooltest:{secrets.token_hex(4)}"
    repository, version = tag.split(":")
    docker_client.api.tag(image_tag(), repository, version)
    scratch = docker_client.api.create_container(image_tag(), command=["true"])
    rebuilt = ""
    pool = SandboxPool(docker_client, tag, size=2)
    try:
        assert pool.fill()
        before = pool.waiting_ids()
        rebuilt = docker_client.api.commit(scratch["Id"], repository, version)["Id"]
        deadline = time.monotonic() + 6 * IMAGE_CHECK_SECONDS + 60
        while pool.waiting_ids() & before or len(pool.waiting_ids()) < 2:
            assert time.monotonic() < deadline, "the stale pool was not replaced"
            time.sleep(0.5)
        for container_id in pool.waiting_ids():
            assert docker_client.api.inspect_container(container_id)["Image"] == rebuilt
        assert pool.fill()
        assert not existing(docker_client, before)
    finally:
        pool.close()
        docker_client.api.remove_container(scratch["Id"], force=True)
        docker_client.api.remove_image(tag, force=True)
        if rebuilt:
            with_id = [i for i in docker_client.api.images(all=True) if i["Id"] == rebuilt]
            if with_id:
                docker_client.api.remove_image(rebuilt, force=True)


def test_a_judging_that_needs_another_memory_limit_gets_a_sandbox_made_for_it(
    pool: SandboxPool, docker_client: docker.DockerClient
) -> None:
    introspection = load_problem(Path(__file__).parent / "fixtures" / "sandbox-introspection")
    assert pool.fill()
    warm = pool.waiting_ids()
    runner = ContainerRunner(docker_client, image_tag(), pool=pool)
    probes = introspection.probes[:1]
    outcome = runner.run(introspection, introspection.reference, 1, probes, lambda report: None)
    assert not outcome.failure, outcome.failure
    assert pool.fill()
    # The pool follows: it now keeps sandboxes with the 256 MiB limit the problem asks for.
    for container_id in pool.waiting_ids():
        memory = docker_client.api.inspect_container(container_id)["HostConfig"]["Memory"]
        assert memory == introspection.limits.memory_mb << 20
    assert not pool.waiting_ids() & warm
