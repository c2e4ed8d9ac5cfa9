"""web/src/lib/api.js: the message a failed request shows."""

from __future__ import annotations

from tests.web.node import call


def test_a_rate_limit_says_when_to_retry_once() -> None:
    server_said = {"detail": "too many runs: at most 20 a minute; try again in 34 s"}
    silent = {"detail": "too many runs"}
    messages = call(
        "api.js",
        "failureMessage",
        [[429, server_said, "34"], [429, silent, "34"], [429, silent, None]],
    )
    assert messages == [
        "too many runs: at most 20 a minute; try again in 34 s",
        "too many runs; try again in 34 s",
        "too many runs",
    ]


def test_validation_errors_name_the_field() -> None:
    body = {"detail": [{"loc": ["body", "code"], "msg": "Field required"}]}
    assert call("api.js", "failureMessage", [[422, body, None]]) == ["code: Field required"]
