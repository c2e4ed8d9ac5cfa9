"""The same submission with the same seed gets the same score while another process keeps
one core busy.

Written for the timing checks, the likeliest to wobble (everything else is a function of the
seed). Two tests:

- Every known submission of the three problems the test was written for is judged once; a
  judging whose every timed call is at least ``MARGIN`` times from its bound (either side)
  counts as repeatable, any other is judged until it has twenty judgings, which must all
  score the same. A timed call's headroom varied by at most 1.9x between ten same-seed
  judgings under load (docs/benchmarks.md), and on this bank the calls nearest their bounds
  sit at about 0.4 and 3.4, so the twenty judgings are there for a file that drifts
  towards its bound.
- A fixed sample of the rest of the bank is judged twenty times, whatever its margins.

Judging every known submission of the bank twenty times would multiply CI's time with the
bank (about 50 s a file here); every known submission is judged once more, with a fixed
seed, in tests/problems."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from sandbox.container import ContainerRunner
from sandbox.harness.estimator_spec import parse_profile
from sandbox.judge import JudgeReport, judge
from sandbox.observations import ProbeStatus
from sandbox.problem import ProblemPackage, load_problem
from sandbox.timing_checks import timed_seconds
from sandbox.validation import load_expectations
from tests.conftest import PROBLEMS_DIR

JUDGINGS = 20
SEED = 99
MARGIN = 2.0
WRITTEN_FOR = ["linear-regression-gd", "logistic-regression", "kmeans"]
PROBLEMS = {slug: load_problem(PROBLEMS_DIR / slug) for slug in WRITTEN_FOR}
KNOWN = [
    pytest.param(slug, e.name, id=f"{slug}/{e.name}")
    for slug, problem in PROBLEMS.items()
    for e in load_expectations(problem)
]
SAMPLE = [
    # The tightest timing bound (a tree's predict, 4x the yardstick), and the two looping
    # files once seen to pass their bound in a judging whose yardstick a stall had inflated
    # (softmax-regression's fit loop costs only 16-20x plain NumPy, against a bound of 10;
    # conv2d's forward loop about 15x, against 6).
    ("decision-tree-classifier", "slow_predict_per_sample.py"),
    ("softmax-regression", "slow_loop_samples.py"),
    ("conv2d-im2col", "slow_loop_over_images.py"),
]


@pytest.fixture(scope="module")
def busy_core() -> Iterator[None]:
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


def outcome(report: JudgeReport) -> tuple[object, ...]:
    return (report.verdict, report.score, tuple((c.name, c.score) for c in report.checks))


def headrooms(problem: ProblemPackage, report: JudgeReport) -> dict[str, float]:
    """How many times each timed call could be slower (or, below 1, must be faster) and
    keep its verdict; a call whose probe did not complete is not timed, so it has none."""
    assert problem.profile is not None
    observed = {p.name: p for p in report.probes if p.status is ProbeStatus.OK}
    return {
        spec.call.probe: min(
            timed_seconds(observed[spec.call.probe], spec.call).headroom(spec.call.max_ratio)
        )
        for spec in parse_profile(problem.profile, problem.class_name).timing
        if spec.call.probe in observed
    }


def source_of(problem: ProblemPackage, submission: str) -> str:
    return next(e.source for e in load_expectations(problem) if e.name == submission)


def assert_repeatable(
    problem: ProblemPackage,
    source: str,
    runner: ContainerRunner,
    judged: tuple[JudgeReport, ...] = (),
) -> None:
    """JUDGINGS same-seed judgings, counting those already ``judged``, score the same."""
    reports = [*judged]
    reports += [
        judge(problem, source, runner=runner, seed=SEED) for _ in range(JUDGINGS - len(reports))
    ]
    outcomes = {outcome(report) for report in reports}
    assert len(outcomes) == 1, outcomes


@pytest.mark.usefixtures("busy_core")
@pytest.mark.parametrize(("slug", "submission"), KNOWN)
def test_every_known_submission_is_far_from_its_bounds_or_repeats_its_score(
    slug: str, submission: str, runner: ContainerRunner
) -> None:
    problem = PROBLEMS[slug]
    source = source_of(problem, submission)
    report = judge(problem, source, runner=runner, seed=SEED)
    rooms = headrooms(problem, report)
    assert rooms, "the judging timed nothing"
    if all(room >= MARGIN or room <= 1 / MARGIN for room in rooms.values()):
        return
    assert_repeatable(problem, source, runner, judged=(report,))


@pytest.mark.usefixtures("busy_core")
@pytest.mark.parametrize(("slug", "submission"), SAMPLE)
def test_a_sample_of_the_bank_scores_the_same_twenty_times(
    slug: str, submission: str, runner: ContainerRunner
) -> None:
    problem = load_problem(PROBLEMS_DIR / slug)
    assert_repeatable(problem, source_of(problem, submission), runner)
