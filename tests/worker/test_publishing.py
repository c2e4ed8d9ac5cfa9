"""A package draft validated by a real Celery worker, its code only in containers, then
published; a candidate's submission (and a Run) to the uploaded version judged by the worker
with its checks in a package container (they run as nobody, not as the worker's user); a package
whose checks fail to import validated as an error, not a crash. PostgreSQL only (the
API tests cover SQLite), one worker for the whole test: each judging costs seconds."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.authoring.template import REFERENCE
from api.settings import Settings
from sandbox.container import PACKAGE_USER
from tests.support.platform import (
    LiveServer,
    WorkerProcess,
    start_worker,
    submit,
    wait_for_status,
)

pytestmark = pytest.mark.docker

SLUG = "uploaded-mean"
NOBODY = PACKAGE_USER.split(":")[0]
# The template's stability check, saying which user it ran as.
FINITE = 'all_finite(c.candidate["predict_holdout"].array("big"), what="predict() after 1e100")'
SAYS_ITS_USER = (
    f"    return {FINITE}\n",
    f"    found = {FINITE}\n"
    "    import os\n\n"
    '    return Outcome(found.score, f"{found.message} checked as uid {os.getuid()}")\n',
)


def wait_for_validation(admin: httpx.Client, draft_id: int, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    url = f"/api/v1/package-drafts/{draft_id}/validations/latest"
    while time.monotonic() < deadline:
        body: dict[str, Any] = admin.get(url).json()
        if body["status"] not in ("queued", "running"):
            return body
        time.sleep(0.2)
    raise AssertionError(f"the validation of draft {draft_id} did not finish in {timeout} s")


def put(admin: httpx.Client, draft_id: int, path: str, text: str) -> dict[str, Any]:
    response = admin.put(f"/api/v1/package-drafts/{draft_id}/files/{path}", json={"text": text})
    assert response.status_code == 200 and response.json()["valid"], response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("migrated_url", ["postgresql"], indirect=True)
def test_a_draft_is_validated_in_containers_published_and_judged_as_untrusted(
    settings: Settings, server: LiveServer, workers: list[WorkerProcess], tmp_path: Path
) -> None:
    assert str(os.getuid()) != NOBODY  # else the uid would not tell where the check ran
    workers.append(start_worker(settings, tmp_path))
    admin = server.client("admin")
    created = admin.post("/api/v1/package-drafts", json={"slug": SLUG, "title": "Uploaded"})
    draft = created.json()
    old, new = SAYS_ITS_USER
    assert old in draft["files"]["checks.py"]
    draft = put(admin, draft["id"], "checks.py", draft["files"]["checks.py"].replace(old, new))

    requested = admin.post(f"/api/v1/package-drafts/{draft['id']}/validations")
    assert requested.status_code == 202
    validation = wait_for_validation(admin, draft["id"])
    assert validation["status"] == "passed", validation
    assert validation["revision"] == draft["revision"] and validation["publishable"]
    outcomes = {o["name"]: o for o in validation["outcomes"]}
    assert list(outcomes) == ["reference.py", "loop_over_samples.py"]
    assert outcomes["reference.py"]["got"]["score"] == 100.0
    loop = outcomes["loop_over_samples.py"]
    assert loop["expected"]["loses"] == ["vectorized_implementation"]
    assert loop["got"]["categories"]["vectorized_implementation"] < 100.0 and not loop["unmet"]

    published = admin.post(
        f"/api/v1/package-drafts/{draft['id']}/publish", json={"revision": draft["revision"]}
    )
    assert published.status_code == 201, published.text

    candidate = server.client("candidate")
    judged = wait_for_status(candidate, submit(candidate, REFERENCE, SLUG), {"done", "error"})
    assert (judged["verdict"], judged["score"]) == ("accepted", 100.0), judged
    stability = next(c for c in judged["checks"] if c["name"] == "huge_targets")
    assert stability["message"].endswith(f"checked as uid {NOBODY}")
    # A Run (the sample probes) of the uploaded version takes the untrusted path too.
    ran = candidate.post(f"/api/v1/problems/{SLUG}/runs", json={"code": REFERENCE})
    assert ran.status_code == 200 and ran.json()["problem"] == SLUG, ran.text
    assert ran.json()["verdict"] not in ("internal_error", "sandbox_error"), ran.json()

    # A package whose checks do not even import: the validation says so, status error.
    broken = admin.post("/api/v1/package-drafts", json={"slug": "broken", "title": "B"}).json()
    put(admin, broken["id"], "checks.py", broken["files"]["checks.py"] + "\nraise SystemExit(3)\n")
    admin.post(f"/api/v1/package-drafts/{broken['id']}/validations")
    failed = wait_for_validation(admin, broken["id"])
    assert failed["status"] == "error" and "the package failed" in failed["error"], failed
    assert failed["outcomes"] == [] and not failed["publishable"]
    refused = admin.post(f"/api/v1/package-drafts/{broken['id']}/publish", json={"revision": 2})
    assert refused.status_code == 409
