"""Problems: loading packages into immutable versions, and reading the current ones."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import threading
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.errors import NotFound
from api.problems.markdown import render_statement
from api.problems.models import Problem, ProblemVersion
from sandbox.problem import (
    ProblemError,
    ProblemPackage,
    list_slugs,
    load_problem,
    package_files,
)


@dataclasses.dataclass(frozen=True)
class LoadOutcome:
    slug: str
    digest: str = ""
    created: bool = False
    error: str = ""


def register_package(session: Session, package: ProblemPackage) -> tuple[ProblemVersion, bool]:
    """Make ``package`` the current version of its problem; True when it is a new version."""
    problem = session.scalar(select(Problem).where(Problem.slug == package.slug))
    if problem is None:
        problem = Problem(slug=package.slug)
        session.add(problem)
        session.flush()
    version = session.scalar(
        select(ProblemVersion).where(
            ProblemVersion.problem_id == problem.id, ProblemVersion.digest == package.digest
        )
    )
    created = version is None
    if version is None:
        version = ProblemVersion(
            problem=problem,
            digest=package.digest,
            number=package.version,
            title=package.title,
            difficulty=package.difficulty,
            topic=package.topic,
            tags=list(package.tags),
            weights={category.value: weight for category, weight in package.weights.items()},
            not_applicable={c.value: reason for c, reason in package.not_applicable.items()},
            checks=[
                {
                    "name": check.name,
                    "category": check.category.value,
                    "weight": check.weight,
                    "probes": list(check.probes),
                }
                for check in package.checks
            ],
            files={
                name: (package.directory / name).read_text()
                for name in package_files(package.directory)
            },
            statement_html=render_statement(package.statement),
        )
        session.add(version)
    for other in session.scalars(
        select(ProblemVersion).where(
            ProblemVersion.problem_id == problem.id, ProblemVersion.is_current.is_(True)
        )
    ):
        other.is_current = False
    version.is_current = True
    session.flush()
    return version, created


def load_packages(session: Session, problems_dir: Path) -> list[LoadOutcome]:
    """Load every package under ``problems_dir``. A broken package keeps its previous current
    version (if any) and is reported; a problem whose folder is gone is no longer listed."""
    outcomes = []
    slugs = list_slugs(problems_dir)
    for slug in slugs:
        try:
            package = load_problem(problems_dir / slug)
        except (ProblemError, OSError, SyntaxError, ImportError) as error:
            outcomes.append(LoadOutcome(slug, error=str(error)))
            continue
        version, created = register_package(session, package)
        outcomes.append(LoadOutcome(slug, version.digest, created))
    for version in session.scalars(
        select(ProblemVersion)
        .join(Problem)
        .where(ProblemVersion.is_current.is_(True), Problem.slug.not_in(slugs))
    ):
        version.is_current = False
    session.flush()
    return outcomes


def list_current(session: Session) -> list[ProblemVersion]:
    return list(
        session.scalars(
            select(ProblemVersion)
            .join(Problem)
            .where(ProblemVersion.is_current.is_(True))
            .order_by(Problem.slug)
        )
    )


def get_current(session: Session, slug: str) -> ProblemVersion:
    version = session.scalar(
        select(ProblemVersion)
        .join(Problem)
        .where(Problem.slug == slug, ProblemVersion.is_current.is_(True))
    )
    if version is None:
        raise NotFound(f"no problem '{slug}'; GET /api/v1/problems lists the problems")
    return version


def count_current(session: Session) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(ProblemVersion)
            .where(ProblemVersion.is_current.is_(True))
        )
        or 0
    )


_packages: dict[str, ProblemPackage] = {}
_packages_lock = threading.Lock()


def package_for(version: ProblemVersion, cache_dir: Path) -> ProblemPackage:
    """The judge's view of exactly this version, built from the stored files (cached)."""
    with _packages_lock:
        cached = _packages.get(version.digest)
        if cached is not None:
            return cached
        directory = cache_dir / version.digest / version.slug
        if not directory.is_dir():
            directory.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=directory.parent))
            for name, text in version.files.items():
                (staging / name).write_text(text)
            try:
                os.rename(staging, directory)
            except OSError:  # another process materialized it first
                shutil.rmtree(staging, ignore_errors=True)
        package = load_problem(directory)
        if package.digest != version.digest:
            raise ProblemError(
                f"stored files of {version.slug} hash to {package.digest}, not {version.digest}"
            )
        _packages[version.digest] = package
        return package
