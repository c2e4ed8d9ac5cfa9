"""The container runner against the real Docker engine."""

import time

import docker

from sandbox.container import DEADLINE_LABEL, LABEL, remove_orphans
from sandbox.image import image_tag


def start_labelled(client: docker.DockerClient, deadline: float) -> str:
    container = client.containers.run(
        image_tag(),
        ["python3", "-c", "import time; time.sleep(120)"],
        detach=True,
        network_mode="none",
        labels={LABEL: "1", DEADLINE_LABEL: str(int(deadline))},
    )
    return str(container.id)


def test_remove_orphans_removes_expired_containers_only(docker_client: docker.DockerClient) -> None:
    expired = start_labelled(docker_client, time.time() - 5)
    live = start_labelled(docker_client, time.time() + 600)
    try:
        remove_orphans(docker_client)
        remaining = {c["Id"] for c in docker_client.api.containers(all=True)}
        assert expired not in remaining
        assert live in remaining
    finally:
        docker_client.api.remove_container(live, force=True)
