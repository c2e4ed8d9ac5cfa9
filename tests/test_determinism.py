"""The same submission with the same seed gets the same score, ten times in a row."""

import pytest

from sandbox.container import ContainerRunner
from sandbox.judge import judge
from sandbox.problem import load_problem
from sandbox.validation import load_expectations
from tests.conftest import PROBLEMS_DIR


@pytest.mark.parametrize(
    ("slug", "submission"),
    [
        # timing-based checks make these the likeliest to wobble
        ("linear-regression-gd", "slow_loop_gradient.py"),
        ("linear-regression-gd", "reference.py"),
    ],
)
def test_same_seed_same_score_ten_times(
    slug: str, submission: str, runner: ContainerRunner
) -> None:
    problem = load_problem(PROBLEMS_DIR / slug)
    source = next(e.source for e in load_expectations(problem) if e.name == submission)
    outcomes = {
        (
            report.verdict,
            report.score,
            tuple((c.name, c.score) for c in report.checks),
        )
        for report in (judge(problem, source, runner=runner, seed=99) for _ in range(10))
    }
    assert len(outcomes) == 1, outcomes
