"""The same submission with the same seed gets the same score, twenty times in a row, while
another process keeps one core busy.

Written for the timing checks, the likeliest to wobble (everything else is a function of the
seed): the reference (fast) and every per-sample loop (slow) of the three problems the test
was written for, and a fixed sample of the bank, one package per kind of timed call (a
closed-form fit's gradient, a tree's predict, a softmax fit, a network's fit). Judging every
known submission of the bank twenty times would multiply CI's time with the bank; every
known submission is judged once more, with a fixed seed, in tests/problems."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from sandbox.container import ContainerRunner
from sandbox.judge import judge
from sandbox.problem import load_problem
from sandbox.validation import load_expectations
from tests.conftest import PROBLEMS_DIR

JUDGINGS = 20
SAMPLE = [
    ("linear-regression-gd", "reference.py"),
    ("linear-regression-gd", "slow_loop_gradient.py"),
    ("linear-regression-gd", "slow_comprehension_in_predict.py"),
    ("linear-regression-gd", "slow_generator_in_helper.py"),
    ("logistic-regression", "reference.py"),
    ("logistic-regression", "slow_loop_gradient.py"),
    ("logistic-regression", "slow_predict_comprehension.py"),
    ("kmeans", "reference.py"),
    ("kmeans", "slow_loop_assignment.py"),
    ("kmeans", "slow_loop_in_helper.py"),
    ("kmeans", "slow_comprehension_helper.py"),
    # A fixed sample of the rest of the bank.
    ("ridge-regression", "reference.py"),
    ("ridge-regression", "slow_loop_gradient.py"),
    ("decision-tree-classifier", "reference.py"),
    ("decision-tree-classifier", "slow_predict_per_sample.py"),
    ("softmax-regression", "reference.py"),
    ("softmax-regression", "slow_loop_samples.py"),
    ("mlp-backprop", "reference.py"),
    ("mlp-backprop", "slow_loop_over_samples.py"),
]


@pytest.fixture(scope="module")
def busy_core() -> Iterator[None]:
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


@pytest.mark.usefixtures("busy_core")
@pytest.mark.parametrize(("slug", "submission"), SAMPLE)
def test_same_seed_same_score_under_load(
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
        for report in (judge(problem, source, runner=runner, seed=99) for _ in range(JUDGINGS))
    }
    assert len(outcomes) == 1, outcomes
