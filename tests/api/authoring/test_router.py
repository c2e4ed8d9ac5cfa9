"""/api/v1 package drafts and zips on SQLite and PostgreSQL: admins only (every admin sees
every draft), drafts from the template, a problem or a zip, files written and removed one by
one with the static validation in every answer, malformed zips refused whole with every
fault listed, audit entries, and export → import round trips of every package of the bank."""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.authoring.models import PackageDraft, PackageDraftFile
from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.users.models import Role, User
from sandbox.package_files import (
    MAX_FILE_BYTES,
    MAX_PACKAGE_BYTES,
    read_directory,
    write_directory,
)
from sandbox.package_zip import write_zip
from sandbox.problem import list_slugs, load_problem
from tests.support.platform import (
    FIXTURE_PROBLEMS_DIR,
    ROOT,
    api_token,
    client_as,
    empty_tables,
    live_server,
    login_cookies,
    make_settings,
    password_hash,
    seed,
    statuses,
)

ZIP = {"Content-Type": "application/zip"}
DENIED = {"anonymous": 401, "candidate": 403, "other": 403, "interviewer": 403}
NEW = {"slug": "new-problem", "title": "A new problem: the mean"}


def fixture_files() -> dict[str, str]:
    return read_directory(FIXTURE_PROBLEMS_DIR / "mean-predictor")[0]


def stored_drafts(settings: Settings) -> tuple[int, int]:
    """Rows of drafts and of their files, straight from the database."""
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        drafts = session.scalar(select(func.count()).select_from(PackageDraft))
        files = session.scalar(select(func.count()).select_from(PackageDraftFile))
    return drafts or 0, files or 0


def add_admin(settings: Settings, username: str) -> TestClient:
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.add(User(username=username, password_hash=password_hash(), role=Role.ADMIN.value))
    return client_as(settings, username)


def test_every_endpoint_is_for_admins_only(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()["id"]
    zipped = write_zip("mean-predictor", fixture_files())
    requests: list[tuple[str, str, dict[str, object], int]] = [
        ("GET", "/api/v1/package-drafts", {}, 200),
        ("POST", "/api/v1/package-drafts", {"json": {**NEW, "slug": "other-new"}}, 201),
        ("POST", "/api/v1/problems/mean-predictor/package-drafts", {}, 201),
        ("POST", "/api/v1/package-drafts/import", {"content": zipped, "headers": ZIP}, 201),
        ("GET", f"/api/v1/package-drafts/{draft}", {}, 200),
        (
            "PUT",
            f"/api/v1/package-drafts/{draft}/files/hints.md",
            {"json": {"text": "## A\nb\n"}},
            200,
        ),
        ("DELETE", f"/api/v1/package-drafts/{draft}/files/hints.md", {}, 200),
        ("GET", f"/api/v1/package-drafts/{draft}/export", {}, 200),
        ("GET", "/api/v1/problems/mean-predictor/export", {}, 200),
        ("DELETE", f"/api/v1/package-drafts/{draft}", {}, 204),
    ]
    for method, url, kwargs, allowed in requests:
        # The admin last: a deletion leaves nothing for the others to be refused.
        got = statuses(clients, method, url, **kwargs)
        assert got == {**DENIED, "admin": allowed}, (method, url, got)
    assert admin.get(f"/api/v1/package-drafts/{draft}").status_code == 404
    # Drafts never show to candidates: the problems they can see are as before.
    listed = clients["candidate"].get("/api/v1/problems").json()
    assert [p["slug"] for p in listed] == ["mean-predictor"]


def test_admins_share_drafts_and_the_audit_log_says_who_did_what(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin, second = clients["admin"], add_admin(settings, "admin2")
    created = admin.post("/api/v1/package-drafts", json=NEW)
    assert created.status_code == 201, created.text
    draft = created.json()
    assert (draft["owner"], draft["origin"], draft["revision"]) == ("admin", "template", 1)
    listed = second.get("/api/v1/package-drafts").json()
    assert [(d["id"], d["owner"], d["file_count"]) for d in listed] == [(draft["id"], "admin", 10)]
    url = f"/api/v1/package-drafts/{draft['id']}"
    changed = second.put(f"{url}/files/editorial.md", json={"text": "# Why\nbecause\n"})
    assert changed.status_code == 200 and changed.json()["revision"] == 2
    assert admin.get(url).json()["files"]["editorial.md"] == "# Why\nbecause\n"
    assert second.get(f"{url}/export").status_code == 200
    assert second.delete(url).status_code == 204
    events = admin.get("/api/v1/audit").json()
    target = f"draft {draft['id']} (new-problem)"
    assert [(e["actor"], e["action"], e["target"]) for e in events] == [
        ("admin2", "package_draft.delete", target),
        ("admin2", "package_draft.export", target),
        ("admin2", "package_draft.put_file", target),
        ("admin", "package_draft.create", target),
    ]
    assert events[2]["detail"] == "editorial.md (14 bytes)"


def test_the_template_is_a_valid_package_that_loads(
    clients: dict[str, TestClient], tmp_path: Path
) -> None:
    draft = clients["admin"].post("/api/v1/package-drafts", json=NEW).json()
    assert (draft["valid"], draft["issues"]) == (True, [])
    assert draft["files"]["problem.yaml"].startswith('slug: new-problem\ntitle: "A new problem:')
    folder = tmp_path / "new-problem"
    write_directory(draft["files"], folder)
    loaded = load_problem(folder)  # our own template: trusted, so loading it here is fine
    assert loaded.title == NEW["title"] and len(loaded.checks) == 5
    for bad in ({"slug": "Bad Slug", "title": "x"}, {"slug": "ok", "title": "two\nlines"}, {}):
        answer = clients["admin"].post("/api/v1/package-drafts", json=bad)
        assert answer.status_code == 422, bad
    answer = clients["admin"].post("/api/v1/package-drafts", content=b"slug=x")
    assert answer.status_code == 415


def test_a_draft_of_a_problem_holds_every_file_of_its_folder(
    clients: dict[str, TestClient],
) -> None:
    admin = clients["admin"]
    copied = admin.post("/api/v1/problems/mean-predictor/package-drafts")
    assert copied.status_code == 201, copied.text
    draft = copied.json()
    assert draft["files"] == fixture_files() and draft["valid"]
    assert (draft["origin"], draft["base_version"]) == ("version", 1)
    assert len(draft["base_digest"]) == 64
    missing = admin.post("/api/v1/problems/no-such-problem/package-drafts")
    assert missing.status_code == 404 and "GET /api/v1/problems" in missing.json()["detail"]


def test_files_are_written_and_removed_one_by_one_with_the_validation(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/problems/mean-predictor/package-drafts").json()
    url = f"/api/v1/package-drafts/{draft['id']}"

    # Content faults are stored and reported; the next write can fix them.
    added = admin.put(f"{url}/files/submissions/accepted_again.py", json={"text": "x = (\n"})
    assert added.status_code == 200, added.text
    body = added.json()
    assert not body["valid"] and body["revision"] == 2
    assert {(i["file"], i["where"]) for i in body["issues"]} == {
        ("submissions/accepted_again.py", "line 1, column 5"),
        ("submissions/accepted_again.py", ""),  # not listed in expected.yaml
    }
    admin.put(f"{url}/files/submissions/accepted_again.py", json={"text": "x = 1\n"})
    expected = fixture_files()["submissions/expected.yaml"] + "accepted_again.py: {score: 100}\n"
    fixed = admin.put(f"{url}/files/submissions/expected.yaml", json={"text": expected})
    assert fixed.json()["valid"] and fixed.json()["revision"] == 4

    removed = admin.delete(f"{url}/files/statement.md")
    assert removed.status_code == 200
    assert [(i["file"], i["reason"]) for i in removed.json()["issues"]] == [
        ("statement.md", "missing; a package needs statement.md")
    ]
    assert admin.delete(f"{url}/files/statement.md").status_code == 404
    assert admin.delete(f"{url}/files/../etc/passwd").status_code in (404, 422)

    # What cannot be stored at all is refused, and nothing changes.
    before = admin.get(url).json()
    refused = {
        "notes.txt": {"text": "scratch"},
        "submissions/deep/x.py": {"text": "x = 1\n"},
        "starter.py": {"text": "x = 1\0\n"},
        "reference.py": {"text": "#" * (MAX_FILE_BYTES + 1)},
    }
    for path, payload in refused.items():
        answer = admin.put(f"{url}/files/{path}", json=payload)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.json()["issues"][0]["file"] == path and answer.json()["detail"]
    surrogate = admin.put(
        f"{url}/files/starter.py",
        content=b'{"text": "x = \\"\\ud800\\""}',
        headers={"Content-Type": "application/json"},
    )
    assert surrogate.status_code == 422 and "UTF-8" in surrogate.json()["issues"][0]["reason"]
    assert admin.put(f"{url}/files/starter.py", content=b"text").status_code == 415
    chunk = "#" * (MAX_FILE_BYTES - 10)
    for n in range(MAX_PACKAGE_BYTES // MAX_FILE_BYTES + 1):
        answer = admin.put(f"{url}/files/submissions/big_{n}.py", json={"text": chunk})
        if answer.status_code == 422:
            assert "a package may have at most" in answer.json()["issues"][0]["reason"]
            break
    else:
        pytest.fail("the package grew past its size limit")
    after = admin.get(url).json()
    assert {k: v for k, v in after["files"].items() if "big_" not in k} == before["files"]
    assert admin.get("/api/v1/package-drafts/999999").status_code == 404
    assert admin.get(f"/api/v1/package-drafts/{2**40}").status_code == 404


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def package_members(**changes: bytes) -> dict[str, bytes]:
    members = {f"problems/mean-predictor/{p}": t.encode() for p, t in fixture_files().items()}
    return members | {f"problems/mean-predictor/{p}": data for p, data in changes.items()}


MALFORMED = {
    "not a zip": b"this is not a zip",
    "empty": zip_of({}),
    "path traversal": zip_of(package_members() | {"problems/mean-predictor/../../x.py": b""}),
    "absolute path": zip_of(package_members() | {"/etc/passwd": b"root"}),
    "two packages": zip_of(package_members() | {"problems/kmeans/problem.yaml": b"slug: k"}),
    "contents at the root": zip_of({p.split("/", 2)[2]: d for p, d in package_members().items()}),
    "not UTF-8": zip_of(package_members(**{"statement.md": "é".encode("latin-1")})),
    "zip bomb": zip_of(package_members(**{"editorial.md": b"0" * (64 * MAX_FILE_BYTES)})),
    "stray file": zip_of(package_members(**{"notes.txt": b"scratch"})),
    "bad problem.yaml": zip_of(package_members(**{"problem.yaml": b"slug: [unclosed"})),
    "slug differs from the folder": zip_of(
        package_members(**{"problem.yaml": b"slug: other\ndifficulty: easy\n"})
    ),
}


@pytest.mark.parametrize("kind", MALFORMED)
def test_a_malformed_zip_is_refused_with_every_fault_and_changes_nothing(
    settings: Settings, clients: dict[str, TestClient], kind: str
) -> None:
    answer = clients["admin"].post(
        "/api/v1/package-drafts/import", content=MALFORMED[kind], headers=ZIP
    )
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["issues"] and "not imported" in body["detail"]
    assert all(issue["reason"] for issue in body["issues"])
    assert stored_drafts(settings) == (0, 0)
    assert clients["admin"].get("/api/v1/audit").json() == []


def test_a_zip_with_a_symlink_or_duplicates_is_refused(
    settings: Settings, clients: dict[str, TestClient]
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in package_members().items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("problems/mean-predictor/submissions/link.py")
        link.external_attr = (0o120777) << 16  # a symbolic link to the host's secrets
        archive.writestr(link, "/etc/shadow")
        archive.writestr("problems/mean-predictor/starter.py", b"# a second starter")
    answer = clients["admin"].post(
        "/api/v1/package-drafts/import", content=buffer.getvalue(), headers=ZIP
    )
    assert answer.status_code == 422
    reasons = [issue["reason"] for issue in answer.json()["issues"]]
    assert any("symbolic link" in r for r in reasons) and any("twice" in r for r in reasons)
    assert stored_drafts(settings) == (0, 0)


def test_import_refuses_other_bodies(settings: Settings, clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    zipped = zip_of(package_members())
    as_json = admin.post("/api/v1/package-drafts/import", content=zipped)
    assert as_json.status_code == 415 and "application/zip" in as_json.json()["detail"]
    huge = admin.post(
        "/api/v1/package-drafts/import",
        content=b"PK" + b"\0" * settings.max_body_bytes,
        headers=ZIP,
    )
    assert huge.status_code == 413
    assert stored_drafts(settings) == (0, 0)


@pytest.fixture
def bank_settings(migrated_url: str, redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    """The platform with every package of the repository's problems/ loaded."""
    empty_tables(migrated_url)
    settings = make_settings(
        tmp_path / "data", migrated_url, redis_url, problems_dir=ROOT / "problems"
    )
    seed(settings)
    yield settings


def test_every_package_of_the_bank_round_trips(bank_settings: Settings) -> None:
    admin = client_as(bank_settings, "admin")
    slugs = list_slugs(ROOT / "problems")
    assert len(slugs) >= 27
    for slug in slugs:
        exported = admin.get(f"/api/v1/problems/{slug}/export")
        assert exported.status_code == 200, (slug, exported.text)
        assert exported.headers["content-type"] == "application/zip"
        assert exported.headers["content-disposition"] == f'attachment; filename="{slug}.zip"'
        folder, issues = read_directory(ROOT / "problems" / slug)
        archive = zipfile.ZipFile(io.BytesIO(exported.content))
        assert sorted(archive.namelist()) == sorted(f"problems/{slug}/{p}" for p in folder)
        imported = admin.post(
            "/api/v1/package-drafts/import", content=exported.content, headers=ZIP
        )
        assert imported.status_code == 201, (slug, imported.text)
        draft = imported.json()
        assert (draft["slug"], draft["origin"], draft["valid"]) == (slug, "import", True)
        assert draft["files"] == folder and not issues
        again = admin.get(f"/api/v1/package-drafts/{draft['id']}/export")
        assert again.content == exported.content  # the same files make the same bytes
    assert len(admin.get("/api/v1/package-drafts").json()) == len(slugs)


def test_a_draft_exported_and_imported_is_the_same_draft(clients: dict[str, TestClient]) -> None:
    admin = clients["admin"]
    draft = admin.post("/api/v1/package-drafts", json=NEW).json()
    url = f"/api/v1/package-drafts/{draft['id']}"
    admin.put(f"{url}/files/statement.md", json={"text": "# Changed\n\nThe mean, é ∑ 🙂\n"})
    exported = admin.get(f"{url}/export")
    assert exported.headers["content-disposition"].endswith(
        f'filename="new-problem-draft-{draft["id"]}.zip"'
    )
    copy = admin.post("/api/v1/package-drafts/import", content=exported.content, headers=ZIP)
    assert copy.status_code == 201, copy.text
    assert copy.json()["files"] == admin.get(url).json()["files"]
    assert copy.json()["id"] != draft["id"]


def test_admins_writing_one_draft_at_once_lose_nothing(settings: Settings) -> None:
    """Two admins, 12 writes each at once (half to the same new file): every write is kept
    and counted, none collides on the file's key."""
    second = add_admin(settings, "admin2")
    draft = second.post("/api/v1/package-drafts", json=NEW).json()
    url = f"/api/v1/package-drafts/{draft['id']}/files"

    async def writes(base: str, username: str) -> list[int]:
        cookies = login_cookies(settings, username)
        headers = {"X-CSRF-Token": cookies["numjudge_csrf"]}
        async with httpx.AsyncClient(
            base_url=base, cookies=cookies, headers=headers, timeout=30
        ) as http:
            answers = await asyncio.gather(
                *(
                    http.put(f"{url}/submissions/{name}.py", json={"text": f"# {username}\n"})
                    for n in range(6)
                    for name in (f"{username}_{n}", f"shared_{n}")
                )
            )
        return [answer.status_code for answer in answers]

    async def both(base: str) -> list[int]:
        done = await asyncio.gather(writes(base, "admin"), writes(base, "admin2"))
        return done[0] + done[1]

    with live_server(settings) as server:
        assert asyncio.run(both(server.url)) == [200] * 24
    after = second.get(f"/api/v1/package-drafts/{draft['id']}").json()
    assert after["revision"] == 1 + 24
    written = {p for p in after["files"] if p.endswith(".py") and p.startswith("submissions/")}
    assert written - {"submissions/loop_over_samples.py"} == {
        f"submissions/{who}_{n}.py" for who in ("admin", "admin2", "shared") for n in range(6)
    }


def test_scripts_import_and_export_with_a_bearer_token(
    settings: Settings, app_client: TestClient
) -> None:
    """As problems/README.md shows with curl: no cookie, no CSRF header, a token."""
    admin = {"Authorization": f"Bearer {api_token(settings, 'admin')}"}
    exported = app_client.get("/api/v1/problems/mean-predictor/export", headers=admin)
    assert exported.status_code == 200
    imported = app_client.post(
        "/api/v1/package-drafts/import", content=exported.content, headers={**ZIP, **admin}
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["files"] == fixture_files()
    candidate = {"Authorization": f"Bearer {api_token(settings, 'candidate')}"}
    refused = app_client.post(
        "/api/v1/package-drafts/import", content=exported.content, headers={**ZIP, **candidate}
    )
    assert refused.status_code == 403
    assert stored_drafts(settings)[0] == 1
