"""The sandbox image: its tag, and building it when it is missing.

The tag is derived from the NumPy version the trusted side runs (so both sides compute
with the same NumPy) and from the build recipe, so changing either builds a new image.
Usage: ``python -m sandbox.image ensure`` (what ``make setup`` runs).
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import docker
import docker.errors
import numpy

IMAGE_DIR = Path(__file__).parent / "image"
REPOSITORY = "numjudge-sandbox"


def image_tag() -> str:
    recipe = hashlib.sha256((IMAGE_DIR / "build-offline.sh").read_bytes()).hexdigest()[:10]
    return f"{REPOSITORY}:numpy{numpy.__version__}-{recipe}"


def ensure_image(client: docker.DockerClient, work_dir: Path) -> str:
    """Build the image offline (debootstrap + local wheel) unless it exists; return its tag."""
    tag = image_tag()
    try:
        client.images.get(tag)
    except docker.errors.ImageNotFound:
        subprocess.run(
            ["bash", str(IMAGE_DIR / "build-offline.sh"), tag, numpy.__version__, str(work_dir)],
            check=True,
        )
    return tag


def main(argv: list[str]) -> int:
    if argv[:1] != ["ensure"]:
        print("usage: python -m sandbox.image ensure [WORK_DIR]", file=sys.stderr)
        return 2
    work_dir = Path(argv[1]) if len(argv) > 1 else Path("var/sandbox-build")
    print(ensure_image(docker.from_env(), work_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
