"""/api/v1/problems/{slug}/draft on SQLite and PostgreSQL: save, read back, revise, clear,
and the errors that change nothing."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.platform import client_as

URL = "/api/v1/problems/mean-predictor/draft"


def test_save_read_revise_and_discard(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    missing = client.get(URL)
    assert missing.status_code == 404
    assert "PUT /api/v1/problems/mean-predictor/draft" in missing.json()["detail"]

    first = client.put(URL, json={"code": "import numpy as np\n"})
    assert first.status_code == 200, first.text
    assert first.json()["revision"] == 1 and first.json()["problem"] == "mean-predictor"
    assert "code" not in first.json()  # the editor has it; no need to send 64 KiB back
    saved = client.get(URL).json()
    assert saved["code"] == "import numpy as np\n" and saved["revision"] == 1
    age = datetime.datetime.now(datetime.UTC) - datetime.datetime.fromisoformat(saved["updated_at"])
    assert abs(age.total_seconds()) < 60

    # An empty editor is a draft too (a submission would be refused).
    second = client.put(URL, json={"code": ""})
    assert second.status_code == 200 and second.json()["revision"] == 2
    assert client.get(URL).json()["code"] == ""

    assert client.delete(URL).status_code == 204
    assert client.get(URL).status_code == 404
    assert client.delete(URL).status_code == 204  # nothing left to forget is fine
    assert client.put(URL, json={"code": "again"}).json()["revision"] == 1


def test_bad_drafts_are_refused_and_change_nothing(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    client.put(URL, json={"code": "kept"})
    refused = {
        "too large": client.put(URL, json={"code": "x" * (64 * 1024 + 1)}),
        "NUL": client.put(URL, json={"code": "a\x00b"}),
        "not JSON": client.put(
            URL, content=b"code=1", headers={"Content-Type": "application/json"}
        ),
        "not declared JSON": client.put(
            URL, content=b'{"code": "x"}', headers={"Content-Type": "text/plain"}
        ),
        "no code": client.put(URL, json={"text": "x"}),
        "unknown problem": client.put("/api/v1/problems/no-such-problem/draft", json={"code": "x"}),
        "no CSRF header": client.put(URL, json={"code": "x"}, headers={"X-CSRF-Token": "forged"}),
    }
    assert {reason: answer.status_code for reason, answer in refused.items()} == {
        "too large": 413,
        "NUL": 422,
        "not JSON": 422,
        "not declared JSON": 415,
        "no code": 422,
        "unknown problem": 404,
        "no CSRF header": 403,
    }
    for reason, answer in refused.items():
        assert answer.json()["detail"], reason
    assert client.get(URL).json() == {**client.get(URL).json(), "code": "kept", "revision": 1}
    assert client.get("/api/v1/problems/no-such-problem/draft").status_code == 404
    assert client.delete("/api/v1/problems/no-such-problem/draft").status_code == 404


def problem_data(client: TestClient) -> dict[str, Any]:
    page = client.get("/problems/mean-predictor").text
    found = re.search(r'<script type="application/json" id="problem-data">(.*?)</script>', page)
    assert found
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_the_problem_page_embeds_the_draft_and_the_last_submission(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    assert problem_data(client)["draft"] is None
    assert problem_data(client)["last_submission"] is None
    client.put(URL, json={"code": "# from another browser"})
    submitted = client.post(
        "/api/v1/problems/mean-predictor/submissions", json={"code": "print(1)"}
    ).json()["id"]
    data = problem_data(client)
    assert data["draft"]["code"] == "# from another browser" and data["draft"]["revision"] == 1
    assert data["last_submission"]["id"] == submitted
    assert data["last_submission"]["status"] == "queued"
    # Nobody else's draft or submission shows on their page.
    other = problem_data(client_as(settings, "other"))
    assert other["draft"] is None and other["last_submission"] is None
