"""Problems: loading packages into immutable versions, and reading the current ones."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.errors import NotFound
from api.problems.markdown import render_statement
from api.problems.models import Problem, ProblemVersion
from api.problems.schemas import VersionContent
from sandbox.package_files import write_directory
from sandbox.problem import (
    ProblemError,
    ProblemPackage,
    list_slugs,
    load_problem,
)


@dataclasses.dataclass(frozen=True)
class LoadOutcome:
    slug: str
    digest: str = ""
    created: bool = False
    error: str = ""
    # The problem's current version was published from the browser: the folder was not loaded
    # over it (a restart must not undo a publish).
    kept_uploaded: bool = False


def register_package(
    session: Session, package: ProblemPackage, *, uploaded: bool = False
) -> tuple[ProblemVersion, bool]:
    """Make ``package`` the current version of its problem; True when it is a new version."""
    return register_version(session, VersionContent.of(package), uploaded=uploaded)


def register_version(
    session: Session, content: VersionContent, *, uploaded: bool = False
) -> tuple[ProblemVersion, bool]:
    """Make ``content`` the current version of its problem; True when it is a new version.
    ``uploaded``: made in the browser, so judged as untrusted code (``package_for``)."""
    problem = session.scalar(select(Problem).where(Problem.slug == content.slug))
    if problem is None:
        problem = Problem(slug=content.slug)
        session.add(problem)
        session.flush()
    version = session.scalar(
        select(ProblemVersion).where(
            ProblemVersion.problem_id == problem.id, ProblemVersion.digest == content.digest
        )
    )
    created = version is None
    if version is None:
        version = ProblemVersion(
            problem=problem,
            digest=content.digest,
            number=content.number,
            title=content.title,
            difficulty=content.difficulty,
            topic=content.topic,
            tags=list(content.tags),
            weights=dict(content.weights),
            not_applicable=dict(content.not_applicable),
            checks=[check.model_dump() for check in content.checks],
            files=dict(content.files),
            statement_html=render_statement(content.statement),
            uploaded=uploaded,
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
    version (if any) and is reported; a problem whose folder is gone is no longer listed.
    A problem whose current version was published from the browser keeps it: the folder
    is not loaded over it, and it stays listed without a folder."""
    uploaded = {
        version.slug: version
        for version in session.scalars(
            select(ProblemVersion).where(
                ProblemVersion.is_current.is_(True), ProblemVersion.uploaded.is_(True)
            )
        )
    }
    outcomes = []
    slugs = list_slugs(problems_dir)
    for slug in slugs:
        if slug in uploaded:
            outcomes.append(LoadOutcome(slug, uploaded[slug].digest, kept_uploaded=True))
            continue
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
        .where(
            ProblemVersion.is_current.is_(True),
            ProblemVersion.uploaded.is_(False),
            Problem.slug.not_in(slugs),
        )
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


def find_current(session: Session, slug: str) -> ProblemVersion | None:
    return session.scalar(
        select(ProblemVersion)
        .join(Problem)
        .where(Problem.slug == slug, ProblemVersion.is_current.is_(True))
    )


def get_current(session: Session, slug: str) -> ProblemVersion:
    version = find_current(session, slug)
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


_packages: dict[tuple[str, bool], ProblemPackage] = {}  # by digest and uploaded
_packages_lock = threading.Lock()

PackageLoader = Callable[[Path], ProblemPackage]  # a folder to the judge's view of it


def package_for(
    version: ProblemVersion, cache_dir: Path, load_uploaded: PackageLoader | None = None
) -> ProblemPackage:
    """The judge's view of exactly this version, built from the stored files (cached).

    A version from the repository's folder is trusted code (``load_problem``); one
    published from the browser is not: ``load_uploaded`` (``sandbox.untrusted``'s loader
    with a runner that can start package containers) collects its probes and checks in a
    container, and the judge then runs its reference and checks in containers too."""
    if version.uploaded and load_uploaded is None:
        raise ProblemError(
            f"version {version.number} of {version.slug} was uploaded: it is judged as "
            "untrusted code, which needs a loader that runs it in containers"
        )
    with _packages_lock:
        key = (version.digest, version.uploaded)
        cached = _packages.get(key)
        if cached is not None:
            return cached
        directory = cache_dir / version.digest / version.slug
        if not directory.is_dir():
            directory.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=directory.parent))
            write_directory(version.files, staging)
            try:
                os.rename(staging, directory)
            except OSError:  # another process materialized it first
                shutil.rmtree(staging, ignore_errors=True)
        if version.uploaded:
            assert load_uploaded is not None
            package = load_uploaded(directory)
        else:
            package = load_problem(directory)
        if package.digest != version.digest:
            raise ProblemError(
                f"stored files of {version.slug} hash to {package.digest}, not {version.digest}"
            )
        _packages[key] = package
        return package
