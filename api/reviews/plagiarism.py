"""Similarity flags for an assessment: per problem, every attempt's code that counts is
compared with every other attempt's, with the problem's reference and known submissions,
and with other users' latest judged submissions to the problem that the viewer may see
(an interviewer: those of attempts at their other assessments; an admin: every one; the rule
is ``api.assessments.access``). Pairs at or above the threshold are flagged; staff see them
side by side."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.assessments import access
from api.assessments.attempts import current_version
from api.assessments.models import Assessment, Attempt
from api.problems.models import ProblemVersion
from api.reviews import similarity
from api.reviews.scoring import attempt_results
from api.submissions.models import Submission, SubmissionStatus
from api.users.models import User

DEFAULT_THRESHOLD = 0.7
OTHER_SUBMISSIONS = 50  # other users' latest submissions compared per problem
Threshold = Annotated[float, Field(ge=0.0, le=1.0)]


class CodeSide(BaseModel):
    kind: str  # "attempt", "reference", "known" or "submission"
    label: str
    attempt_id: int | None
    submission_id: int | None
    code: str
    lines: list[int]  # lines inside shared fingerprints


class SimilarPair(BaseModel):
    problem: str
    score: float
    shared: int
    left: CodeSide
    right: CodeSide


class SimilarityReport(BaseModel):
    threshold: float
    compared: int
    pairs: list[SimilarPair]


@dataclasses.dataclass(frozen=True)
class Source:
    kind: str
    label: str
    attempt_id: int | None
    submission_id: int | None
    code: str
    prints: similarity.Fingerprints

    def side(self, lines: list[int]) -> CodeSide:
        return CodeSide(
            kind=self.kind,
            label=self.label,
            attempt_id=self.attempt_id,
            submission_id=self.submission_id,
            code=self.code,
            lines=lines,
        )


def source(kind: str, label: str, code: str, attempt: int | None, submission: int | None) -> Source:
    return Source(kind, label, attempt, submission, code, similarity.fingerprints(code))


def package_sources(version: ProblemVersion, problems_dir: Path) -> list[Source]:
    """The version's reference, and the known submissions of the package in the
    repository's problems folder (a version keeps only the files judging needs)."""
    reference = version.files.get("reference.py", "")
    found = [source("reference", "reference solution", reference, None, None)]
    known = problems_dir / version.slug / "submissions"
    for path in sorted(known.glob("*.py")) if known.is_dir() else []:
        label = f"known submission {path.name}"
        found.append(source("known", label, path.read_text(errors="replace"), None, None))
    return found


def other_sources(
    session: Session, viewer: User, problem_id: int, excluded_users: set[int]
) -> list[Source]:
    """Other users' latest judged submissions to the problem, of those the viewer may see
    (their code is shown side by side, so it may not come from anywhere else)."""
    latest = (
        select(func.max(Submission.id))
        .join(ProblemVersion, Submission.problem_version_id == ProblemVersion.id)
        .where(
            ProblemVersion.problem_id == problem_id,
            Submission.status == SubmissionStatus.DONE.value,
            Submission.user_id.not_in(excluded_users or {0}),
            access.submission_visible(viewer),
        )
        .group_by(Submission.user_id)
        .limit(OTHER_SUBMISSIONS)
    )
    rows = session.scalars(select(Submission).where(Submission.id.in_(latest)))
    return [
        source("submission", f"{s.user.username}'s submission {s.id}", s.code, None, s.id)
        for s in rows
    ]


def report(
    session: Session, viewer: User, assessment: Assessment, threshold: float, problems_dir: Path
) -> SimilarityReport:
    attempts = list(session.scalars(select(Attempt).where(Attempt.assessment_id == assessment.id)))
    results = attempt_results(session, attempts)
    pairs: list[SimilarPair] = []
    compared = 0
    for position, item in enumerate(assessment.problems):
        version = current_version(session, item.problem_id)
        ignored = similarity.fingerprints(version.files.get("starter.py", "")).hashes
        taken: list[Source] = []
        for result in results:
            scored = result.problems[position].scored
            if scored is None:
                continue
            label = result.attempt.candidate.username if result.attempt.candidate else "?"
            taken.append(source("attempt", label, scored.code, result.attempt.id, scored.id))
        users = {r.attempt.candidate_id for r in results if r.attempt.candidate_id is not None}
        others = package_sources(version, problems_dir) + other_sources(
            session, viewer, item.problem_id, users
        )
        for index, left in enumerate(taken):
            for right in taken[index + 1 :] + others:
                compared += 1
                match = similarity.compare(left.prints, right.prints, ignored)
                if match.score >= threshold:
                    pairs.append(
                        SimilarPair(
                            problem=item.problem.slug,
                            score=match.score,
                            shared=match.shared,
                            left=left.side(match.left_lines),
                            right=right.side(match.right_lines),
                        )
                    )
    pairs.sort(key=lambda pair: -pair.score)
    return SimilarityReport(threshold=threshold, compared=compared, pairs=pairs)
