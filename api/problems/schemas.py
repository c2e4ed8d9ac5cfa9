"""What the API shows of a problem; pages render the same objects."""

from __future__ import annotations

from pydantic import BaseModel

from api.problems.models import ProblemVersion


class ProblemSummary(BaseModel):
    slug: str
    title: str
    difficulty: str
    topic: str
    tags: list[str]
    version: int
    best_score: float | None

    @classmethod
    def build(cls, version: ProblemVersion, best_score: float | None) -> ProblemSummary:
        return cls(
            slug=version.slug,
            title=version.title,
            difficulty=version.difficulty,
            topic=version.topic,
            tags=version.tags,
            version=version.number,
            best_score=best_score,
        )


class CheckInfo(BaseModel):
    name: str
    category: str
    weight: float
    probes: list[str]


class ProblemInternals(BaseModel):
    """Only admins ever see these: they would give the answers away."""

    reference: str
    checks_source: str
    probes_source: str
    checks: list[CheckInfo]


class ProblemDetail(BaseModel):
    slug: str
    title: str
    difficulty: str
    topic: str
    tags: list[str]
    version: int
    digest: str
    statement: str
    statement_html: str
    starter: str
    weights: dict[str, float]
    best_score: float | None
    internals: ProblemInternals | None

    @classmethod
    def build(
        cls, version: ProblemVersion, best_score: float | None, *, show_internals: bool
    ) -> ProblemDetail:
        files = version.files
        internals = (
            ProblemInternals(
                reference=files["reference.py"],
                checks_source=files["checks.py"],
                probes_source=files["probes.py"],
                checks=[CheckInfo.model_validate(check) for check in version.checks],
            )
            if show_internals
            else None
        )
        return cls(
            slug=version.slug,
            title=version.title,
            difficulty=version.difficulty,
            topic=version.topic,
            tags=version.tags,
            version=version.number,
            digest=version.digest,
            statement=files["statement.md"],
            statement_html=version.statement_html,
            starter=files["starter.py"],
            weights=version.weights,
            best_score=best_score,
            internals=internals,
        )
