"""What the API shows of a problem; pages render the same objects."""

from __future__ import annotations

from pydantic import BaseModel

from api.problems.models import ProblemVersion
from sandbox.problem import TOPICS, ProblemPackage, package_files


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


class TopicProgress(BaseModel):
    """The signed-in user's progress in one section of the curriculum."""

    topic: str
    label: str
    total: int
    solved: int  # best score 100
    tried: int  # submitted, best below 100

    @classmethod
    def summarise(cls, problems: list[ProblemSummary]) -> list[TopicProgress]:
        """One entry per topic that has problems, in the curriculum's order."""
        order = {topic: index for index, topic in enumerate(TOPICS)}
        topics = sorted({p.topic for p in problems}, key=lambda t: (order.get(t, len(order)), t))
        progress = []
        for topic in topics:
            scores = [p.best_score for p in problems if p.topic == topic]
            progress.append(
                cls(
                    topic=topic,
                    label=topic_label(topic),
                    total=len(scores),
                    solved=sum(1 for s in scores if s is not None and s >= 100.0),
                    tried=sum(1 for s in scores if s is not None and s < 100.0),
                )
            )
        return progress


def topic_label(topic: str) -> str:
    """``clustering-and-neighbours`` → "Clustering and neighbours"; "" → "Other"."""
    return topic.replace("-", " ").capitalize() if topic else "Other"


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
    not_applicable: dict[str, str]  # why each category of weight 0 cannot apply
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
            not_applicable=version.not_applicable,
            best_score=best_score,
            internals=internals,
        )


class CheckContent(BaseModel):
    name: str
    category: str
    weight: float
    probes: list[str]


class VersionContent(BaseModel):
    """What a ``ProblemVersion`` is made of, read from a loaded package. A validation of a
    draft keeps it (the package was loaded in containers then), so that publishing it
    needs no package code to run again."""

    slug: str
    digest: str
    number: int
    title: str
    difficulty: str
    topic: str
    tags: list[str]
    weights: dict[str, float]
    not_applicable: dict[str, str]
    checks: list[CheckContent]
    files: dict[str, str]  # the files of the version (not the known submissions)
    statement: str  # Markdown

    @classmethod
    def of(cls, package: ProblemPackage) -> VersionContent:
        return cls(
            slug=package.slug,
            digest=package.digest,
            number=package.version,
            title=package.title,
            difficulty=package.difficulty,
            topic=package.topic,
            tags=list(package.tags),
            weights={category.value: weight for category, weight in package.weights.items()},
            not_applicable={c.value: reason for c, reason in package.not_applicable.items()},
            checks=[
                CheckContent(
                    name=check.name,
                    category=check.category.value,
                    weight=check.weight,
                    probes=list(check.probes),
                )
                for check in package.checks
            ],
            files={
                name: (package.directory / name).read_text()
                for name in package_files(package.directory)
            },
            statement=package.statement,
        )
