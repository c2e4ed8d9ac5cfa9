"""What the API shows of a rejudge: the request, its progress, and old beside new."""

from __future__ import annotations

import datetime

from pydantic import BaseModel


class RejudgeRequest(BaseModel):
    """``version``: only the submissions judged against that version of the problem (its
    ``version:`` number); all of them when omitted."""

    version: int | None = None


class RejudgedSubmission(BaseModel):
    original_id: int
    rejudge_id: int  # the new submission row
    username: str
    status: str  # of the new judging
    old_verdict: str | None
    old_score: float | None
    new_verdict: str | None
    new_score: float | None


class RejudgeRead(BaseModel):
    id: int
    problem: str
    version: int  # the version the submissions are judged against
    scope: str
    requested_by: str | None
    created_at: datetime.datetime
    total: int
    queued: int
    running: int
    done: int
    error: int
    changed: int  # judged again with another verdict or score
    submissions: list[RejudgedSubmission]  # the first ITEMS_SHOWN
