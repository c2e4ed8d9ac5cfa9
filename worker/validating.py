"""Validating a package draft: its known submissions judged with the package's code in
containers only (``sandbox.untrusted``), as an uploaded version will be judged.

The row decides: a message for a validation that is not queued any more stops at once.
A fault of the package (static issues, a package that does not load, a reference that
fails in its sandbox) is the validation's result, status error; never the worker's crash.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from api.db import transaction
from api.problems.schemas import VersionContent
from api.publishing import service
from api.publishing.schemas import KnownOutcome
from api.publishing.service import DraftToValidate, ValidationResult
from sandbox.package_files import validate_package, write_directory
from sandbox.problem import ProblemError
from sandbox.reference import ReferenceFailed
from sandbox.untrusted import PackageFailed, load_untrusted_problem
from sandbox.validation import judge_known, load_expectations
from worker.resources import Resources

log = logging.getLogger(__name__)

VALIDATION_LABEL = "numjudge.validation"
MAX_ISSUES_LISTED = 20


def validate_draft(resources: Resources, validation_id: int) -> str:
    with transaction(resources.sessions) as session:
        draft = service.start_validation(session, validation_id)
    if draft is None:
        return f"skipped: validation {validation_id} is not queued any more"
    try:
        result = run_validation(resources, draft)
    except Exception as error:  # the judge's fault: said in the row, not left running
        log.exception("validation %s failed", validation_id)
        result = ValidationResult(
            error=f"the validation itself failed ({type(error).__name__}: {error}); "
            "validate again, and tell the operators if it keeps failing"
        )
    with transaction(resources.sessions) as session:
        service.finish_validation(session, validation_id, result)
    return f"{result.status.value}: validation {validation_id}"


def run_validation(resources: Resources, draft: DraftToValidate) -> ValidationResult:
    issues = validate_package(draft.files, draft.slug)
    if issues:
        listed = "; ".join(str(issue) for issue in issues[:MAX_ISSUES_LISTED])
        return ValidationResult(
            error=f"the package has {len(issues)} static issue(s); fix each: {listed}"
        )
    runner = resources.runner({VALIDATION_LABEL: str(draft.validation_id)})
    with tempfile.TemporaryDirectory(prefix="numjudge-validation-") as temporary:
        directory = Path(temporary) / draft.slug
        write_directory(draft.files, directory)
        try:
            problem = load_untrusted_problem(directory, runner)
            content = VersionContent.of(problem)
            outcomes = [
                KnownOutcome.of(judge_known(problem, expectation, runner))
                for expectation in load_expectations(problem)
            ]
        except (ProblemError, PackageFailed, ReferenceFailed) as error:
            return ValidationResult(error=f"the package failed: {error}")
    return ValidationResult(outcomes, content)
