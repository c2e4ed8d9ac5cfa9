"""Shared fixtures. Sandbox tests use the real Docker engine and the real sandbox image
(``make setup`` provides both); nothing here mocks them."""

from __future__ import annotations

from collections.abc import Iterator

import docker
import pytest

from sandbox.container import LABEL, OWNER_LABEL, ContainerRunner, owner
from sandbox.image import image_tag
from sandbox.pool import SandboxPool
from sandbox.problem import ProblemPackage, load_problem
from tests.support.platform import FIXTURE_PROBLEMS_DIR, ROOT

PROBLEMS_DIR = ROOT / "problems"


@pytest.fixture(scope="session")
def docker_client() -> docker.DockerClient:
    client = docker.from_env()
    client.ping()
    return client


TEST_RUN_SECONDS = 3 * 3600  # longer than any test run


@pytest.fixture(scope="session")
def sandbox_pool(docker_client: docker.DockerClient) -> Iterator[SandboxPool]:
    """Warm sandboxes, as a worker judges with them (the default)."""
    tag = image_tag()
    docker_client.images.get(tag)  # built by `make setup`
    # Idle sandboxes are not replaced during a run: a replacement started by this pool while
    # another module's pool is checked for leftovers (tests/test_hostile.py has its own)
    # would look like a container that test left behind.
    pool = SandboxPool(docker_client, tag, size=2, idle_seconds=TEST_RUN_SECONDS)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def runner(docker_client: docker.DockerClient, sandbox_pool: SandboxPool) -> ContainerRunner:
    return ContainerRunner(docker_client, image_tag(), pool=sandbox_pool)


@pytest.fixture(scope="session")
def mean_problem() -> ProblemPackage:
    return load_problem(FIXTURE_PROBLEMS_DIR / "mean-predictor")


def sandbox_containers(client: docker.DockerClient) -> list[str]:
    """Sandbox containers this test process started (other processes may judge meanwhile)."""
    mine = f"{OWNER_LABEL}={owner()}"
    return [c["Id"] for c in client.api.containers(all=True, filters={"label": [LABEL, mine]})]


@pytest.fixture
def no_leftovers(docker_client: docker.DockerClient, sandbox_pool: SandboxPool) -> Iterator[None]:
    """Fail the test if it leaves a sandbox container behind (the pool's unused ones are
    the pool's; used ones are removed in the background, so the pool comes to rest first)."""
    before = set(sandbox_containers(docker_client))
    yield
    assert sandbox_pool.fill(), "the pool did not come to rest"
    left = set(sandbox_containers(docker_client)) - before - sandbox_pool.unused_ids()
    assert not left, f"sandbox containers left behind: {left}"


pytest_plugins = ["tests.support.platform"]
