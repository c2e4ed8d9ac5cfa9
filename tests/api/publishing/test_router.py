"""/api/v1 validations and publishing of package drafts on SQLite and PostgreSQL, without a
worker (a validation's outcome is written here as the worker writes it): admins only,
stale validations, every refusal of a publish, the new version uploaded and current while
earlier submissions keep theirs, and a reload of problems/ that leaves it current."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.audit.models import AuditEvent
from api.db import make_engine, make_session_factory, transaction, utcnow
from api.problems.models import ProblemVersion
from api.problems.schemas import VersionContent
from api.problems.service import load_packages
from api.publishing.models import PackageValidation, ValidationStatus
from api.publishing.schemas import ExpectedOutcome, GotOutcome, KnownOutcome
from api.publishing.service import (
    ValidationResult,
    expire_lost,
    finish_validation,
    start_validation,
)
from api.settings import Settings
from api.submissions.models import Submission
from sandbox.package_files import write_directory
from sandbox.problem import load_problem
from tests.support.platform import FIXTURE_PROBLEMS_DIR, read_fixture_source, statuses, submit

DENIED = {"anonymous": 401, "candidate": 403, "other": 403, "interviewer": 403}
NEW = {"slug": "new-problem", "title": "A new problem: the mean"}


def sessions(settings: Settings) -> Any:
    return transaction(make_session_factory(make_engine(settings.database_url)))


def known(name: str, unmet: list[str]) -> KnownOutcome:
    return KnownOutcome(
        name=name,
        expected=ExpectedOutcome(score=100.0, verdict=None, loses=[], keeps=[]),
        got=GotOutcome(verdict="accepted", score=100.0, categories={}, message=""),
        unmet=unmet,
    )


def content_of(draft: dict[str, Any], tmp_path: Path) -> VersionContent:
    """What the worker would record of the draft's package (loaded here as trusted code:
    the template and the fixture are the repository's own)."""
    directory = tmp_path / f"draft-{draft['id']}-{draft['revision']}" / draft["slug"]
    write_directory(draft["files"], directory)
    return VersionContent.of(load_problem(directory))


def run_validation(
    settings: Settings, admin: TestClient, draft: dict[str, Any], result: ValidationResult
) -> dict[str, Any]:
    """Request a validation and finish it as a worker would, with ``result``."""
    requested = admin.post(f"/api/v1/package-drafts/{draft['id']}/validations")
    assert requested.status_code == 202, requested.text
    with sessions(settings) as session:
        assert start_validation(session, requested.json()["id"]) is not None
        assert finish_validation(session, requested.json()["id"], result)
    latest = admin.get(f"/api/v1/package-drafts/{draft['id']}/validations/latest")
    assert latest.status_code == 200
    body: dict[str, Any] = latest.json()
    return body


def passed(draft: dict[str, Any], tmp_path: Path) -> ValidationResult:
    return ValidationResult([known("reference.py", [])], content_of(draft, tmp_path))


def publish(admin: TestClient, draft: dict[str, Any], revision: int | None = None) -> Any:
    revision = draft["revision"] if revision is None else revision
    return admin.post(f"/api/v1/package-drafts/{draft['id']}/publish", json={"revision": revision})


def test_every_endpoint_is_for_admins_only(
    settings: Settings, clients: dict[str, TestClient], tmp_path: Path
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    base = f"/api/v1/package-drafts/{draft['id']}"
    assert statuses(clients, "POST", f"{base}/validations") == {**DENIED, "admin": 202}
    assert statuses(clients, "GET", f"{base}/validations/latest") == {**DENIED, "admin": 200}
    run_validation(settings, admin, draft, passed(draft, tmp_path))
    body = {"json": {"revision": draft["revision"]}}
    assert statuses(clients, "POST", f"{base}/publish", **body) == {**DENIED, "admin": 201}
    missing = "/api/v1/package-drafts/999999"
    assert admin.post(f"{missing}/validations").status_code == 404
    assert admin.get(f"{missing}/validations/latest").status_code == 404
    assert admin.post(f"{missing}/publish", json={"revision": 1}).status_code == 404
    assert admin.post(f"{base}/publish", json={"revision": "one"}).status_code == 422


def test_a_validation_is_queued_read_back_and_stale_once_the_draft_changes(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    url = f"/api/v1/package-drafts/{draft['id']}/validations"
    never = admin.get(f"{url}/latest")
    assert never.status_code == 404 and "never validated" in never.json()["detail"]
    queued = admin.post(url)
    assert queued.status_code == 202
    assert queued.json() | {"created_at": None} == {
        "id": queued.json()["id"],
        "draft_id": draft["id"],
        "revision": 1,
        "draft_revision": 1,
        "stale": False,
        "status": "queued",
        "publishable": False,
        "requested_by": "admin",
        "created_at": None,
        "started_at": None,
        "finished_at": None,
        "outcomes": [],
        "error": "",
    }
    admin.put(f"/api/v1/package-drafts/{draft['id']}/files/hints.md", json={"text": "## A\nb\n"})
    stale = admin.get(f"{url}/latest").json()
    assert (stale["stale"], stale["revision"], stale["draft_revision"]) == (True, 1, 2)
    # A worker takes a queued validation once: a second message for it stops at once.
    with sessions(settings) as session:
        started = start_validation(session, queued.json()["id"])
        assert started is not None and started.slug == NEW["slug"]
        assert start_validation(session, queued.json()["id"]) is None
        assert "hints.md" in started.files
        events = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action == "package_draft.validate")
        ).all()
    assert len(events) == 1
    # It judges the files as they are when it starts, and says which revision that is.
    assert admin.get(f"{url}/latest").json()["revision"] == 2


def test_a_publish_is_refused_unless_the_latest_validation_passed_for_that_revision(
    settings: Settings, clients: dict[str, TestClient], tmp_path: Path
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    never = publish(admin, draft)
    assert never.status_code == 409 and "never validated" in never.json()["detail"]

    admin.post(f"/api/v1/package-drafts/{draft['id']}/validations")
    queued = publish(admin, draft)
    assert queued.status_code == 409 and "is queued, not passed" in queued.json()["detail"]

    failed = run_validation(
        settings,
        admin,
        draft,
        ValidationResult(
            [known("reference.py", []), known("loop.py", ["score 100.0, expected 50"])],
            content_of(draft, tmp_path),
        ),
    )
    assert failed["status"] == "failed" and not failed["publishable"]
    assert failed["outcomes"][1]["unmet"] == ["score 100.0, expected 50"]
    refused = publish(admin, draft)
    assert refused.status_code == 409 and "is failed, not passed" in refused.json()["detail"]

    broken = run_validation(settings, admin, draft, ValidationResult(error="checks.py: boom"))
    assert (broken["status"], broken["error"]) == ("error", "checks.py: boom")
    assert publish(admin, draft).status_code == 409

    ok = run_validation(settings, admin, draft, passed(draft, tmp_path))
    assert ok["status"] == "passed" and ok["publishable"]
    wrong = publish(admin, draft, revision=draft["revision"] + 1)
    assert wrong.status_code == 409 and "not 2" in wrong.json()["detail"]
    # An edit after the validation: the validation is stale, and a publish of the old
    # revision and of the new one is refused.
    edited = admin.put(
        f"/api/v1/package-drafts/{draft['id']}/files/hints.md", json={"text": "## A\nb\n"}
    ).json()
    assert publish(admin, draft).status_code == 409
    stale = publish(admin, edited)
    assert stale.status_code == 409 and "judged revision 1, not 2" in stale.json()["detail"]
    assert admin.get(f"/api/v1/problems/{NEW['slug']}").status_code == 404

    run_validation(settings, admin, edited, passed(edited, tmp_path))
    published = publish(admin, edited)
    assert published.status_code == 201, published.text
    assert published.json() | {"digest": ""} == {
        "slug": NEW["slug"],
        "version": 1,
        "digest": "",
        "created": True,
        "problem_url": f"/problems/{NEW['slug']}",
    }
    problem = clients["candidate"].get(f"/api/v1/problems/{NEW['slug']}")
    assert problem.status_code == 200 and problem.json()["title"] == NEW["title"]
    with sessions(settings) as session:
        version = session.scalar(
            select(ProblemVersion).where(ProblemVersion.digest == published.json()["digest"])
        )
        assert version is not None and version.uploaded and version.is_current
        assert "submissions/expected.yaml" not in version.files
        audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "problem.publish"))
        assert audit is not None and audit.actor == "admin"
        assert audit.target == f"problem {NEW['slug']}"
    # The draft is kept, based on the version it made: it may be changed and published again.
    kept = admin.get(f"/api/v1/package-drafts/{draft['id']}").json()
    assert kept["base_digest"] == published.json()["digest"]


def test_a_publish_is_refused_once_the_problem_moved_on(
    settings: Settings, clients: dict[str, TestClient], tmp_path: Path
) -> None:
    admin = clients["admin"]
    copy = "/api/v1/problems/mean-predictor/package-drafts"
    first, second = admin.post(copy).json(), admin.post(copy).json()
    for draft, title in ((first, "First"), (second, "Second")):
        yaml = draft["files"]["problem.yaml"].replace("title: ", f"title: {title} ", 1)
        url = f"/api/v1/package-drafts/{draft['id']}/files/problem.yaml"
        draft.update(admin.put(url, json={"text": yaml}).json())
        run_validation(settings, admin, draft, passed(draft, tmp_path))
    candidate = clients["candidate"]
    earlier = submit(candidate, read_fixture_source("reference"))
    assert publish(admin, first).status_code == 201
    moved = publish(admin, second)
    assert moved.status_code == 409 and "moved on" in moved.json()["detail"]
    assert candidate.get("/api/v1/problems/mean-predictor").json()["title"].startswith("First")
    # A new problem may not take the slug of one that exists.
    clash = admin.post("/api/v1/package-drafts", json={**NEW, "slug": "mean-predictor"}).json()
    run_validation(settings, admin, clash, passed(clash, tmp_path))
    refused = publish(admin, clash)
    assert refused.status_code == 409 and "exists already" in refused.json()["detail"]

    with sessions(settings) as session:
        submission = session.get(Submission, earlier)
        assert submission is not None and not submission.problem_version.uploaded
        # A reload of problems/ (make run, numjudge problems load) keeps the publish.
        outcomes = {o.slug: o for o in load_packages(session, FIXTURE_PROBLEMS_DIR)}
        assert outcomes["mean-predictor"].kept_uploaded
        session.flush()
    assert candidate.get("/api/v1/problems/mean-predictor").json()["title"].startswith("First")


def test_an_uploaded_problem_without_a_folder_stays_listed_after_a_reload(
    settings: Settings, clients: dict[str, TestClient], tmp_path: Path
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    run_validation(settings, admin, draft, passed(draft, tmp_path))
    assert publish(admin, draft).status_code == 201
    with sessions(settings) as session:
        outcomes = load_packages(session, FIXTURE_PROBLEMS_DIR)
    assert [o.slug for o in outcomes] == ["mean-predictor"]
    listed = [p["slug"] for p in clients["candidate"].get("/api/v1/problems").json()]
    assert listed == ["mean-predictor", NEW["slug"]]
    with sessions(settings) as session:
        statuses_now = session.scalars(select(PackageValidation.status)).all()
    assert statuses_now == [ValidationStatus.PASSED.value]


def test_a_lost_validation_ends_as_an_error_the_page_shows(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    url = f"/api/v1/package-drafts/{draft['id']}/validations"
    never_started, stopped = (admin.post(url).json()["id"] for _ in range(2))
    with sessions(settings) as session:
        assert start_validation(session, stopped) is not None  # its worker then dies
        now = utcnow()
        assert expire_lost(session, now, time_limit=60) == []  # not yet
        later = now + datetime.timedelta(seconds=61)
        assert sorted(expire_lost(session, later, time_limit=60)) == [never_started, stopped]
        assert expire_lost(session, later, time_limit=60) == []  # each once
    latest = admin.get(f"{url}/latest").json()
    assert latest["status"] == "error" and "its worker stopped" in latest["error"]
    assert "validate again" in latest["error"]
