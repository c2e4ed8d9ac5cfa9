"""Known submissions of a problem package and the outcomes they declare.

``submissions/expected.yaml`` maps file names to expectations::

    accepted_einsum.py: {score: 100}
    loop_gradient.py: {loses: [vectorized_implementation], keeps: [mathematical_correctness]}
    crash.py: {verdict: runtime_error}

The reference solution is always expected to score 100.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml

from sandbox.judge import JudgeReport, judge
from sandbox.problem import TOPICS, ProblemError, ProblemPackage, load_problem
from sandbox.rubric import Category
from sandbox.runner import Runner
from sandbox.verdict import Verdict


@dataclasses.dataclass(frozen=True)
class Expectation:
    name: str
    source: str
    score: float | None = None
    verdict: Verdict | None = None
    loses: tuple[Category, ...] = ()
    keeps: tuple[Category, ...] = ()


def load_expectations(problem: ProblemPackage) -> list[Expectation]:
    """The reference first, then every entry of ``submissions/expected.yaml``."""
    folder = problem.directory / "submissions"
    expectations = [Expectation("reference.py", problem.reference, score=100.0)]
    path = folder / "expected.yaml"
    if not path.is_file():
        raise ProblemError(f"{path}: missing (list each known submission and its outcome)")
    raw = yaml.safe_load(path.read_text()) or {}
    if not isinstance(raw, dict):
        raise ProblemError(f"{path}: must map file names to expectations")
    listed = set()
    for name, spec in raw.items():
        file = folder / str(name)
        if not file.is_file():
            raise ProblemError(f"{path}: '{name}' does not exist in {folder}")
        if not isinstance(spec, dict) or not spec.keys() <= {"score", "verdict", "loses", "keeps"}:
            raise ProblemError(f"{path}: '{name}' needs a mapping of score/verdict/loses/keeps")
        try:
            expectation = Expectation(
                name=str(name),
                source=file.read_text(),
                score=float(spec["score"]) if "score" in spec else None,
                verdict=Verdict(spec["verdict"]) if "verdict" in spec else None,
                loses=tuple(Category(c) for c in spec.get("loses", ())),
                keeps=tuple(Category(c) for c in spec.get("keeps", ())),
            )
        except ValueError as error:
            raise ProblemError(f"{path}: '{name}': {error}") from error
        _require_every_category(problem, expectation, path)
        expectations.append(expectation)
        listed.add(file.name)
    unlisted = {p.name for p in folder.glob("*.py")} - listed
    if unlisted:
        raise ProblemError(f"{path}: no expectation for {sorted(unlisted)}")
    return expectations


def _require_every_category(problem: ProblemPackage, expectation: Expectation, path: Path) -> None:
    """A file that does not score 100 says, for every scored category, whether it loses or
    keeps it: a point lost anywhere else is a leak that validation must catch."""
    if expectation.score == 100.0:
        return
    scored = {c for c, weight in problem.weights.items() if weight > 0}
    both = set(expectation.loses) & set(expectation.keeps)
    missing = scored - set(expectation.loses) - set(expectation.keeps)
    if both:
        raise ProblemError(f"{path}: '{expectation.name}' both loses and keeps {sorted(both)}")
    if missing:
        names = ", ".join(sorted(c.value for c in missing))
        raise ProblemError(
            f"{path}: '{expectation.name}' must say whether it loses or keeps {names}"
        )


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

_worker_runner: Runner | None = None
_worker_problems: dict[Path, ProblemPackage] = {}


def _start_worker(make_runner: RunnerFactory) -> None:
    global _worker_runner
    _worker_runner = make_runner()


def _judge_known(directory: Path, expectation: Expectation, seed: int | None) -> Validated:
    assert _worker_runner is not None
    problem = _worker_problems.get(directory) or load_problem(directory)
    _worker_problems[directory] = problem
    report = judge(problem, expectation.source, runner=_worker_runner, seed=seed)
    return Validated(problem.slug, expectation, report, tuple(unmet(expectation, report)))


def validate_packages(
    problems: Sequence[ProblemPackage],
    make_runner: RunnerFactory,
    *,
    seed: int | None = None,
    jobs: int = 1,
) -> Iterator[Validated]:
    """Judge every known submission of ``problems``, ``jobs`` at a time (each in a worker
    process of its own, so checks keep their time budget, which needs a main thread), in
    the order they are listed."""
    work = [(p.directory, e) for p in problems for e in load_expectations(p)]
    if jobs <= 1:
        _start_worker(make_runner)
        yield from (_judge_known(directory, e, seed) for directory, e in work)
        return
    context = multiprocessing.get_context("spawn")  # no threads or sockets inherited
    with concurrent.futures.ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(make_runner,)
    ) as pool:
        futures = [pool.submit(_judge_known, directory, e, seed) for directory, e in work]
        for future in futures:
            yield future.result()
