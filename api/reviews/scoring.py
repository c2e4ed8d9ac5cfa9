"""An attempt's automatic scores: per problem, the judged final attempt (or, when there is
none yet, the latest judged submission of the attempt); overall and per category, the mean
over the assessment's problems, a problem with nothing judged counting 0."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.models import Attempt, AttemptSubmission
from api.submissions.models import Submission, SubmissionStatus
from sandbox.rubric import DEFAULT_WEIGHTS, Category

CATEGORIES = tuple(category.value for category in Category)


@dataclasses.dataclass(frozen=True)
class ProblemResult:
    problem_id: int
    slug: str
    submissions: list[Submission]  # oldest first
    final_id: int | None  # the submission marked final, judged or not
    scored: Submission | None  # the one whose score counts

    @property
    def score(self) -> float:
        return float(self.scored.score or 0.0) if self.scored is not None else 0.0

    def category(self, name: str) -> float:
        if self.scored is None or not self.scored.report:
            return 0.0
        found = self.scored.report.get("categories", {}).get(name, {})
        return float(found.get("score", 0.0)) if isinstance(found, dict) else 0.0


@dataclasses.dataclass(frozen=True)
class AttemptResult:
    attempt: Attempt
    problems: list[ProblemResult]

    @property
    def overall(self) -> float:
        if not self.problems:
            return 0.0
        return round(sum(p.score for p in self.problems) / len(self.problems), 2)

    @property
    def categories(self) -> dict[str, float]:
        count = len(self.problems) or 1
        return {
            name: round(sum(p.category(name) for p in self.problems) / count, 2)
            for name in CATEGORIES
        }

    @property
    def submission_count(self) -> int:
        return sum(len(p.submissions) for p in self.problems)

    @property
    def minutes_used(self) -> float | None:
        attempt = self.attempt
        if attempt.started_at is None:
            return None
        end = attempt.finalized_at or attempt.deadline
        if end is None:
            return None
        end = min(end, attempt.deadline) if attempt.deadline else end
        return round(max(0.0, (end - attempt.started_at).total_seconds()) / 60, 1)

    @property
    def pending(self) -> bool:
        """Whether a submission that counts is still being judged."""
        return any(
            s.status_enum in (SubmissionStatus.QUEUED, SubmissionStatus.RUNNING)
            for p in self.problems
            for s in p.submissions
        )


def attempt_results(session: Session, attempts: list[Attempt]) -> list[AttemptResult]:
    ids = [a.id for a in attempts]
    links: dict[int, list[tuple[AttemptSubmission, Submission]]] = {i: [] for i in ids}
    if ids:
        rows = session.execute(
            select(AttemptSubmission, Submission)
            .join(Submission, Submission.id == AttemptSubmission.submission_id)
            .where(AttemptSubmission.attempt_id.in_(ids))
            .order_by(Submission.created_at, Submission.id)
        )
        for link, submission in rows:
            links[link.attempt_id].append((link, submission))
    return [result_of(attempt, links[attempt.id]) for attempt in attempts]


def result_of(attempt: Attempt, links: list[tuple[AttemptSubmission, Submission]]) -> AttemptResult:
    problems: list[ProblemResult] = []
    for item in attempt.assessment.problems:
        mine = [(link, s) for link, s in links if link.problem_id == item.problem_id]
        final = next((s for link, s in reversed(mine) if link.is_final), None)
        judged = [s for _, s in mine if s.status_enum is SubmissionStatus.DONE]
        scored = final if final is not None and final.status_enum is SubmissionStatus.DONE else None
        if scored is None and final is None and judged:
            scored = judged[-1]
        problems.append(
            ProblemResult(
                problem_id=item.problem_id,
                slug=item.problem.slug,
                submissions=[s for _, s in mine],
                final_id=final.id if final is not None else None,
                scored=scored,
            )
        )
    return AttemptResult(attempt, problems)


def weighted_overall(categories: dict[str, float]) -> float:
    """0-100 from category scores with the rubric's default weights (the README's table)."""
    weights = {category.value: weight for category, weight in DEFAULT_WEIGHTS.items()}
    total = sum(weights.values())
    return round(sum(categories.get(name, 0.0) * w for name, w in weights.items()) / total, 2)
