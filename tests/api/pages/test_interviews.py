"""The assessment pages for every kind of caller: staff pages refuse candidates, hide other
interviewers' assessments; a candidate's page is theirs alone; the invite page is open."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.settings import Settings
from tests.support.assessments import COLLEAGUE, add_colleague, create_assessment, start_attempt
from tests.support.platform import statuses


def test_every_page_for_every_caller(settings: Settings, clients: dict[str, TestClient]) -> None:
    clients[COLLEAGUE] = add_colleague(settings)
    assessment = create_assessment(clients["interviewer"], title="Screen <b>1</b>")
    taken = start_attempt(clients["interviewer"], clients["candidate"], assessment["id"])
    for client in clients.values():
        client.follow_redirects = False
    staff_page = {
        "anonymous": 303,
        "candidate": 403,
        "other": 403,
        "interviewer": 200,
        "admin": 200,
        COLLEAGUE: 200,
    }
    assert statuses(clients, "GET", "/interviews") == staff_page
    for url in (
        f"/interviews/assessments/{assessment['id']}",
        f"/interviews/attempts/{taken.attempt_id}",
    ):
        assert statuses(clients, "GET", url) == {**staff_page, COLLEAGUE: 404}, url
    assert statuses(clients, "GET", f"/my/assessments/{taken.attempt_id}") == {
        "anonymous": 303,
        "candidate": 200,
        "other": 404,
        "interviewer": 404,
        "admin": 404,
        COLLEAGUE: 404,
    }
    # The invite page is one page for every link (the token after '#' never reaches the
    # server); it sends no Referer. The old form with the token in the path is gone.
    assert statuses(clients, "GET", "/invite") == dict.fromkeys(clients, 200)
    shell = clients["anonymous"].get("/invite")
    assert shell.headers["referrer-policy"] == "no-referrer"
    assert 'id="register-form"' in shell.text and 'href="/login?next=%2Finvite"' in shell.text
    assert 'id="accept"' in clients["other"].get("/invite").text
    assert 'id="register-form"' not in clients["interviewer"].get("/invite").text
    assert statuses(clients, "GET", f"/invite/{taken.token}") == dict.fromkeys(clients, 404)
    page = clients["interviewer"].get(f"/interviews/assessments/{assessment['id']}").text
    assert (
        "Screen &lt;b&gt;1&lt;/b&gt;" in page
        and "<b>1</b>" not in page.split("application/json")[0]
    )
    listing = clients["interviewer"].get("/interviews").text
    assert 'href="/interviews"' in listing
    assert 'href="/interviews"' not in clients["candidate"].get("/problems").text
    assert 'id="attempt-timer"' in clients["candidate"].get("/problems").text
