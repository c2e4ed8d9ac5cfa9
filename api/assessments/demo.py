"""``numjudge demo``: an assessment with finished attempts to review, for ``make run``.

Made once (nothing happens when the demo assessment exists, or when there is no
``interviewer`` account or no linear-regression-gd problem). Two demo candidates,
``demo-ann`` and ``demo-bob`` (no usable password: nobody logs in as them), finished the
assessment an hour ago; their submissions are real code from the problem packages, queued
for the worker like any other, so the review shows real rubrics and loss curves once it has
judged them. Bob's final code is the reference solution renamed and reformatted, which the
similarity check flags; both have editor snapshots to play back, with a large paste and a
tab left flagged.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments import attempts
from api.assessments.models import (
    Assessment,
    AssessmentProblem,
    Attempt,
    AttemptSubmission,
    Snapshot,
)
from api.problems.models import ProblemVersion
from api.submissions import service as submissions
from api.users.models import Role, User
from api.users.passwords import PasswordHashing
from api.users.service import create_user, get_by_username

TITLE = "Demo: linear regression screen"
PROBLEM = "linear-regression-gd"
OWNER = "interviewer"
TIME_LIMIT_MINUTES = 45
STARTED_MINUTES_AGO = 70


@dataclasses.dataclass(frozen=True)
class Step:
    minute: float  # after the start
    kind: str  # "edit", "paste", "blur", "focus", or "submit" (also a submission)
    source: str  # a file of the package, or "reference-renamed"
    detail: str = ""


ANN = [
    Step(1, "edit", "starter.py"),
    Step(6, "edit", "submissions/wrong_gradient_scale.py"),
    Step(9, "submit", "submissions/wrong_gradient_scale.py"),
    Step(14, "blur", "submissions/wrong_gradient_scale.py", "left the tab"),
    Step(16, "focus", "submissions/wrong_gradient_scale.py", "came back"),
    Step(22, "edit", "submissions/slow_loop_gradient.py"),
    Step(25, "submit", "submissions/slow_loop_gradient.py"),
    Step(33, "edit", "submissions/accepted_dot_helpers.py"),
    Step(36, "submit", "submissions/accepted_dot_helpers.py"),
]
BOB = [
    Step(1, "edit", "starter.py"),
    Step(3, "paste", "reference-renamed", "1400 characters pasted"),
    Step(4, "submit", "reference-renamed"),
    Step(12, "edit", "reference-renamed"),
]


def disguised(code: str) -> str:
    """The reference with its names changed and its layout redone, as a copier would."""
    for name, alias in (("self", "this"), ("X", "features"), ("y", "targets")):
        code = re.sub(rf"\b{name}\b", alias, code)
    return code.replace("    ", "  ") + "\n# my own work\n"


@dataclasses.dataclass(frozen=True)
class DemoOutcome:
    message: str
    submissions: int  # queued, to be judged


def create_demo(
    session: Session, hashing: PasswordHashing, problems_dir: Path, now: datetime.datetime
) -> DemoOutcome:
    if session.scalar(select(Assessment.id).where(Assessment.title == TITLE)) is not None:
        return DemoOutcome("the demo assessment exists already; nothing created", 0)
    owner = get_by_username(session, OWNER)
    version = session.scalar(
        select(ProblemVersion)
        .join(ProblemVersion.problem)
        .where(ProblemVersion.is_current.is_(True))
        .where(ProblemVersion.problem.has(slug=PROBLEM))
    )
    if owner is None or version is None:
        return DemoOutcome(f"no '{OWNER}' account or no '{PROBLEM}' problem; no demo created", 0)
    assessment = Assessment(
        title=TITLE,
        owner=owner,
        time_limit_minutes=TIME_LIMIT_MINUTES,
        problems=[AssessmentProblem(position=0, problem_id=version.problem_id)],
    )
    session.add(assessment)
    session.flush()
    started = now - datetime.timedelta(minutes=STARTED_MINUTES_AGO)
    # The known submissions are in the package's folder, not among the files a version keeps.
    sources = {step.source for step in (*ANN, *BOB)} - {"reference-renamed"}
    files = {name: (problems_dir / PROBLEM / name).read_text() for name in sources}
    files["reference-renamed"] = disguised(version.files["reference.py"])
    for username, label, steps in (
        ("demo-ann", "Ann (demo)", ANN),
        ("demo-bob", "Bob (demo)", BOB),
    ):
        candidate = get_by_username(session, username) or create_user(
            session, username, None, Role.CANDIDATE, hashing
        )
        attempt, _token = attempts.invite(session, owner, assessment, label)
        attempt.candidate_id = candidate.id
        attempt.accepted_at = started
        attempt.started_at = started
        attempt.deadline = started + datetime.timedelta(minutes=TIME_LIMIT_MINUTES)
        attempt.finalized_at = attempt.deadline
        replay(session, attempt, candidate, version, files, steps, started)
    submitted = sum(1 for step in (*ANN, *BOB) if step.kind == "submit")
    return DemoOutcome(
        f"created the demo assessment '{TITLE}' with 2 finished attempts ({submitted} "
        "submissions queued for judging)",
        submitted,
    )


def replay(
    session: Session,
    attempt: Attempt,
    candidate: User,
    version: ProblemVersion,
    files: dict[str, str],
    steps: list[Step],
    started: datetime.datetime,
) -> None:
    last: AttemptSubmission | None = None
    for step in steps:
        moment = started + datetime.timedelta(minutes=step.minute)
        code = files[step.source]
        session.add(
            Snapshot(
                attempt_id=attempt.id,
                problem_id=version.problem_id,
                kind=step.kind,
                code=code,
                detail=step.detail,
                created_at=moment,
            )
        )
        if step.kind == "submit":
            submission = submissions.create(
                session, candidate, version, code, max_pending=attempts.NO_PENDING_CAP
            )
            # When it was made; its status changed now (the sweep would resend it otherwise).
            submission.created_at = moment
            last = AttemptSubmission(
                attempt_id=attempt.id, submission_id=submission.id, problem_id=version.problem_id
            )
            session.add(last)
    if last is not None:
        last.is_final = True
    session.flush()
