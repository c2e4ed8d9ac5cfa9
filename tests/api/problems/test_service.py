"""Problems load as immutable versions keyed by the digest of their files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.db import make_engine, make_session_factory, transaction
from api.problems import service
from api.settings import Settings
from api.submissions.service import create
from api.users.service import require_by_username
from sandbox.problem import ProblemError, ProblemPackage, load_problem
from tests.support.platform import FIXTURE_PROBLEMS_DIR


def test_a_changed_package_is_a_new_version_and_old_submissions_keep_theirs(
    settings: Settings, tmp_path: Path
) -> None:
    problems_dir = tmp_path / "problems"
    shutil.copytree(FIXTURE_PROBLEMS_DIR, problems_dir)
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        again = service.load_packages(session, problems_dir)
        assert [(o.slug, o.created, o.error) for o in again] == [("mean-predictor", False, "")]
        old = service.get_current(session, "mean-predictor")
        candidate = require_by_username(session, "candidate")
        submission = create(session, candidate, old, "x = 1", max_pending=1)

    statement = problems_dir / "mean-predictor" / "statement.md"
    statement.write_text(statement.read_text() + "\nA clarification.\n")
    with transaction(factory) as session:
        (outcome,) = service.load_packages(session, problems_dir)
        assert outcome.created and outcome.digest != old.digest
        current = service.get_current(session, "mean-predictor")
        assert current.id != old.id and "clarification" in current.files["statement.md"]
        assert [v.digest for v in service.list_current(session)] == [outcome.digest]

    with factory() as session:
        from api.submissions.models import Submission

        kept = session.get(Submission, submission.id)
        assert kept is not None and kept.problem_version.digest == old.digest


def test_a_broken_package_is_reported_and_keeps_the_previous_version(
    settings: Settings, tmp_path: Path
) -> None:
    problems_dir = tmp_path / "problems"
    shutil.copytree(FIXTURE_PROBLEMS_DIR, problems_dir)
    (problems_dir / "mean-predictor" / "checks.py").unlink()
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        (outcome,) = service.load_packages(session, problems_dir)
        assert "missing checks.py" in outcome.error
        assert service.get_current(session, "mean-predictor").title.startswith("Mean predictor")


def test_the_judge_rebuilds_the_package_from_the_stored_files(
    settings: Settings, tmp_path: Path
) -> None:
    with make_session_factory(make_engine(settings.database_url))() as session:
        version = service.get_current(session, "mean-predictor")
        package = service.package_for(version, tmp_path / "cache")
    assert package.digest == version.digest
    assert [p.name for p in package.sample_probes] == ["fit_small"]


def test_an_uploaded_version_is_loaded_only_by_the_untrusted_loader_given(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "_packages", {})  # the cache is the process's: start empty
    with make_session_factory(make_engine(settings.database_url))() as session:
        version = service.get_current(session, "mean-predictor")
        version.uploaded = True
        with pytest.raises(ProblemError, match="judged as untrusted code"):
            service.package_for(version, tmp_path / "cache")
        loaded: list[Path] = []

        def untrusted_loader(directory: Path) -> ProblemPackage:
            loaded.append(directory)
            return load_problem(directory)  # the fixture stands in for a container's answer

        package = service.package_for(version, tmp_path / "cache", untrusted_loader)
        assert package.digest == version.digest and len(loaded) == 1
        assert service.package_for(version, tmp_path / "cache", untrusted_loader) is package
        session.rollback()
