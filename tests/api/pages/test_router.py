"""The page routes over HTTP (the browser tests drive the same pages in Chromium): who is
sent to log in, what each page embeds, and that pages show only what the API would."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.submissions.models import Submission
from tests.support.platform import client_as, read_fixture_source, submit

PAGES = [
    "/problems",
    "/problems/mean-predictor",
    "/problems/mean-predictor/submissions",
    "/submissions/1",
]


def embedded(html: str, element_id: str) -> object:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    assert found, f"no #{element_id} in the page"
    return json.loads(found.group(1))


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_login_with_the_way_back(
    settings: Settings, path: str
) -> None:
    response = client_as(settings, None).get(path + "?topic=x", follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/login?next=")
    assert unquote(location.removeprefix("/login?next=")) == path + "?topic=x"


def test_login_page_for_visitors_and_a_redirect_for_the_logged_in(settings: Settings) -> None:
    page = client_as(settings, None).get("/login")
    assert page.status_code == 200
    assert 'id="login-form"' in page.text and 'autocomplete="current-password"' in page.text
    assert "/static/dist/login.js" in page.text
    logged_in = client_as(settings, "candidate").get("/login", follow_redirects=False)
    assert logged_in.status_code == 303 and logged_in.headers["location"] == "/problems"
    home = client_as(settings, None).get("/", follow_redirects=False)
    assert home.headers["location"] == "/problems"


def test_problem_list_shows_the_best_score_and_filters_on_the_server(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    page = client.get("/problems")
    assert page.status_code == 200
    row = re.search(r'<tr data-problem="mean-predictor".*?</tr>', page.text, re.S)
    assert row and "not tried" in row.group(0)
    assert 'data-topic="stability-and-testing"' in row.group(0)
    assert '<option value="stability-and-testing">Stability and testing' in page.text
    assert '<option value="easy"' in page.text
    assert "0 of 1 solved" in page.text  # the progress per topic

    other_topic = client.get("/problems?topic=trees").text
    row = re.search(r'<tr data-problem="mean-predictor"[^>]*>', other_topic, re.S)
    assert row and "hidden" in row.group(0)

    hidden = client.get("/problems?difficulty=hard").text
    row = re.search(r'<tr data-problem="mean-predictor"[^>]*>', hidden, re.S)
    assert row and "hidden" in row.group(0)


def test_problem_page_embeds_statement_and_starter_but_never_the_reference(
    settings: Settings,
) -> None:
    for username in ("candidate", "admin"):
        page = client_as(settings, username).get("/problems/mean-predictor")
        assert page.status_code == 200
        assert '<span class="math inline">$\\bar y$</span>' in page.text
        data = embedded(page.text, "problem-data")
        assert isinstance(data, dict) and data["slug"] == "mean-predictor"
        assert "raise NotImplementedError" in data["starter"]
        assert embedded(page.text, "user-data") == {"username": username, "role": username}
        # The reference's body (admins see it through the API, never on the page).
        assert "float(np.mean(y))" not in page.text


def test_unknown_problem_and_submission_are_404_pages(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    for path in ("/problems/no-such-problem", "/problems/no-such-problem/submissions"):
        page = client.get(path)
        assert page.status_code == 404
        assert "no problem &#39;no-such-problem&#39;" in page.text
    assert client.get("/submissions/424242").status_code == 404


def test_history_and_submission_pages_show_only_what_the_viewer_may_see(
    settings: Settings,
) -> None:
    owner = client_as(settings, "candidate")
    first = submit(owner, read_fixture_source("loop_mean"))
    second = submit(owner, read_fixture_source("reference"))

    history = owner.get("/problems/mean-predictor/submissions")
    listed = embedded(history.text, "history-data")
    assert isinstance(listed, dict)
    assert [item["id"] for item in listed["submissions"]] == [second, first]
    assert f'href="/submissions/{first}"' in history.text

    other = client_as(settings, "other")
    assert embedded(other.get("/problems/mean-predictor/submissions").text, "history-data") == {
        "submissions": []
    }
    assert other.get(f"/submissions/{first}").status_code == 404

    own = owner.get(f"/submissions/{first}")
    assert own.status_code == 200 and embedded(own.text, "submission-data") == {"id": first}
    assert "Submitted by" not in own.text
    # An interviewer sees only attempts at their assessments (tests/api/submissions/
    # test_visibility.py); an admin sees every submission.
    assert client_as(settings, "interviewer").get(f"/submissions/{first}").status_code == 404
    reviewed = client_as(settings, "admin").get(f"/submissions/{first}")
    assert reviewed.status_code == 200
    assert "Submitted by <strong>candidate</strong>" in reviewed.text


def test_pages_are_not_in_the_openapi_schema(app_client: TestClient) -> None:
    paths = app_client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if not path.startswith(("/api/", "/healthz"))]


def test_unknown_urls_get_the_styled_page_and_api_paths_keep_json(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text and "/no/such/page" in page.text
    assert 'data-testid="username">candidate<' in page.text  # the header knows who is in
    anonymous = client_as(settings, None).get("/nothing-here")
    assert anonymous.status_code == 404 and "<h1>Not found</h1>" in anonymous.text

    for path in ("/api/v1/nothing", "/api/nothing", "/static/dist/nothing.js"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"] == "application/json", path
    assert "/docs lists them" in client.get("/api/v1/nothing").json()["detail"]
    # Other errors of the API are unchanged: a wrong method is still JSON.
    assert client.delete("/api/v1/me").headers["content-type"] == "application/json"


def test_a_favicon_for_every_page(settings: Settings) -> None:
    client = client_as(settings, None)
    assert 'rel="icon" href="/static/dist/favicon.svg' in client.get("/login").text
    icon = client.get("/favicon.ico", follow_redirects=False)
    assert icon.status_code == 301 and "/static/dist/favicon.svg" in icon.headers["location"]
    svg = client.get(icon.headers["location"])
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")


def test_the_login_page_says_what_numjudge_is(settings: Settings) -> None:
    page = client_as(settings, None).get("/login").text
    assert "implement machine learning from scratch in NumPy" in page


def test_problem_list_text_search_on_the_server(settings: Settings) -> None:
    client = client_as(settings, "candidate")
    page = client.get("/problems?q=MEAN pred").text
    row = re.search(r'<tr data-problem="mean-predictor"[^>]*>', page, re.S)
    assert row and "hidden" not in row.group(0) and 'data-search="mean predictor' in row.group(0)
    assert 'value="MEAN pred"' in page and "1 of 1 problems" in page
    missed = client.get("/problems?q=kmeans").text
    row = re.search(r'<tr data-problem="mean-predictor"[^>]*>', missed, re.S)
    assert row and "hidden" in row.group(0) and "0 of 1 problems" in missed
    assert re.search(r'<p id="no-problems" class="muted">', missed)


def test_scores_in_pages_use_the_one_rounding(settings: Settings) -> None:
    owner = client_as(settings, "candidate")
    submission_id = submit(owner, read_fixture_source("reference"))
    with transaction(make_session_factory(make_engine(settings.database_url))) as session:
        session.execute(
            update(Submission)
            .where(Submission.id == submission_id)
            .values(status="done", verdict="wrong_answer", score=99.96)
        )
    history = owner.get("/problems/mean-predictor/submissions").text
    assert "<td>99.9</td>" in history and "100" not in re.sub(r"/100|100%", "", history)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", history)
    assert "99.9 / 100" in owner.get("/problems").text
