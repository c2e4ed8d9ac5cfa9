"""Known submissions of a problem package and the outcomes they declare.

``submissions/expected.yaml`` maps file names to expectations::

    accepted_einsum.py: {score: 100}
    loop_gradient.py: {loses: [vectorized_implementation], keeps: [mathematical_correctness]}
    crash.py: {verdict: runtime_error}

The reference solution is always expected to score 100.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future
from pathlib import Path

from sandbox.judge import JudgeReport, judge
from sandbox.package_files import SUBMISSIONS, read_expectations
from sandbox.package_files import Expectation as Expectation
from sandbox.problem import TOPICS, ProblemError, ProblemPackage, load_problem
from sandbox.runner import PackageRunner, Runner
from sandbox.untrusted import load_untrusted_problem


def load_expectations(problem: ProblemPackage) -> list[Expectation]:
    """The reference first, then every entry of ``submissions/expected.yaml``."""
    folder = problem.directory / SUBMISSIONS
    files = {
        f"{SUBMISSIONS}/{path.name}": path.read_text()
        for path in [*folder.glob("*.py"), folder / "expected.yaml"]
        if path.is_file()
    }
    expectations, issues = read_expectations(files, problem.weights)
    if issues:
        raise ProblemError(f"{problem.directory}: " + "; ".join(map(str, issues)))
    return [Expectation("reference.py", problem.reference, score=100.0), *expectations]


def unmet(expectation: Expectation, report: JudgeReport) -> list[str]:
    """What the report got wrong against the expectation (empty when it is met)."""
    problems = []
    if expectation.score is not None and report.score != expectation.score:
        problems.append(f"score {report.score}, expected {expectation.score:g}")
    if expectation.verdict is not None and report.verdict is not expectation.verdict:
        problems.append(f"verdict {report.verdict}, expected {expectation.verdict}")
    for category in expectation.loses:
        if report.categories[category] >= 100.0:
            problems.append(f"{category} scored 100 but should lose points")
    for category in expectation.keeps:
        if report.categories[category] < 100.0:
            problems.append(f"{category} scored {report.categories[category]:.1f}, expected 100")
    return problems


def submission_files(problem: ProblemPackage) -> list[Path]:
    return sorted((problem.directory / "submissions").glob("*.py"))


def completeness(problem: ProblemPackage) -> list[str]:
    """What a package of the bank lacks beyond what loading checks: the guidance a
    candidate is shown and the topic the problem list files it under."""
    missing = []
    if problem.topic not in TOPICS:
        missing.append(f"problem.yaml: set 'topic' to one of {', '.join(TOPICS)}")
    if not problem.hints:
        missing.append("hints.md: write the hints, each under a '## <title>' line")
    if not problem.editorial.strip():
        missing.append("editorial.md: write the derivation and the mistakes the checks catch")
    return missing


@dataclasses.dataclass(frozen=True)
class Validated:
    """One known submission judged, and what it missed of its declared outcome."""

    slug: str
    expectation: Expectation
    report: JudgeReport
    unmet: tuple[str, ...]


RunnerFactory = Callable[[], Runner]  # a module-level function: it crosses to worker processes


def default_jobs() -> int:
    """Judgings at once that keep timing checks honest: one per two cores. A judging keeps
    about two cores busy at times (the candidate's process in its sandbox, the reference run
    beside it, the yardstick), and a timing check compared on a starved core loses points
    that belong to nobody."""
    return max(1, (os.cpu_count() or 1) // 2)


_worker_runner: Runner | None = None
_worker_problems: dict[tuple[Path, bool], ProblemPackage] = {}


def _start_worker(make_runner: RunnerFactory) -> None:
    global _worker_runner
    _worker_runner = make_runner()


def load_package(directory: Path, runner: Runner, *, trusted: bool) -> ProblemPackage:
    """A package as trusted code, or as an uploaded one would be loaded (its code collected
    in a package container: ``runner`` must be able to start one)."""
    if trusted:
        return load_problem(directory)
    if not isinstance(runner, PackageRunner):
        raise ProblemError(f"{type(runner).__name__} cannot run an untrusted package's code")
    return load_untrusted_problem(directory, runner)


def judge_known(
    problem: ProblemPackage, expectation: Expectation, runner: Runner, seed: int | None = None
) -> Validated:
    """One known submission judged with ``runner`` and compared with its expectation."""
    report = judge(problem, expectation.source, runner=runner, seed=seed)
    return Validated(problem.slug, expectation, report, tuple(unmet(expectation, report)))


def _judge_known(
    directory: Path, expectation: Expectation, seed: int | None, trusted: bool
) -> Validated:
    assert _worker_runner is not None
    key = (directory, trusted)
    problem = _worker_problems.get(key) or load_package(directory, _worker_runner, trusted=trusted)
    _worker_problems[key] = problem
    return judge_known(problem, expectation, _worker_runner, seed)


@contextlib.contextmanager
def validation_pool(make_runner: RunnerFactory, jobs: int) -> Iterator[Executor]:
    """Worker processes that judge known submissions, ``jobs`` at a time, each with a runner
    of its own. Processes, not threads: checks keep their time budget (it needs a main
    thread), and spawned, so they inherit no threads or sockets."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(
        max(jobs, 1), mp_context=context, initializer=_start_worker, initargs=(make_runner,)
    ) as pool:
        try:
            yield pool
        finally:
            pool.shutdown(cancel_futures=True)


def submit_known(
    pool: Executor, problems: Sequence[ProblemPackage], seed: int | None
) -> list[Future[Validated]]:
    """Every known submission of ``problems``, in the order they are listed, submitted to
    ``pool``: one future each, judged as trusted packages unless ``problems`` are not."""
    return [
        submit_one(pool, problem, expectation, seed)
        for problem in problems
        for expectation in load_expectations(problem)
    ]


def submit_one(
    pool: Executor, problem: ProblemPackage, expectation: Expectation, seed: int | None
) -> Future[Validated]:
    """One known submission of ``problem`` submitted to ``pool`` (see ``submit_known``)."""
    return pool.submit(_judge_known, problem.directory, expectation, seed, problem.trusted)


def validate_packages(
    problems: Sequence[ProblemPackage],
    make_runner: RunnerFactory,
    *,
    seed: int | None = None,
    jobs: int = 1,
) -> Iterator[Validated]:
    """Judge every known submission of ``problems``, ``jobs`` at a time; the outcomes in
    the order they are listed."""
    with validation_pool(make_runner, jobs) as pool:
        for future in submit_known(pool, problems, seed):
            yield future.result()
