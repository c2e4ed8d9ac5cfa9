"""Every problem package judged through the real sandbox: each known submission gets the
outcome it declares, the starter scores low, and the package covers the whole rubric."""

import pytest

from sandbox.container import ContainerRunner
from sandbox.judge import judge
from sandbox.problem import list_slugs, load_problem
from sandbox.rubric import Category
from sandbox.validation import Expectation, load_expectations, unmet
from sandbox.verdict import Verdict
from tests.conftest import PROBLEMS_DIR

SEED = 20261128
SLUGS = list_slugs(PROBLEMS_DIR)
CASES = [
    pytest.param(slug, expectation, id=f"{slug}/{expectation.name}")
    for slug in SLUGS
    for expectation in load_expectations(load_problem(PROBLEMS_DIR / slug))
]


def test_the_three_problems_of_the_judge_exist() -> None:
    assert {"linear-regression-gd", "logistic-regression", "kmeans"} <= set(SLUGS)


@pytest.mark.usefixtures("no_leftovers")
@pytest.mark.parametrize(("slug", "expectation"), CASES)
def test_known_submission_gets_its_declared_outcome(
    slug: str, expectation: Expectation, runner: ContainerRunner
) -> None:
    report = judge(load_problem(PROBLEMS_DIR / slug), expectation.source, runner=runner, seed=SEED)
    failed_checks = [f"{c.name}: {c.message}" for c in report.checks if not c.passed]
    assert unmet(expectation, report) == [], failed_checks


@pytest.mark.parametrize("slug", SLUGS)
def test_untouched_starter_scores_low(slug: str, runner: ContainerRunner) -> None:
    problem = load_problem(PROBLEMS_DIR / slug)
    report = judge(problem, problem.starter, runner=runner, seed=SEED)
    assert report.verdict is Verdict.RUNTIME_ERROR
    assert report.score <= 10.0


@pytest.mark.parametrize("slug", SLUGS)
def test_every_rubric_category_has_a_known_wrong_solution(slug: str) -> None:
    problem = load_problem(PROBLEMS_DIR / slug)
    expectations = load_expectations(problem)
    lost = {category for e in expectations for category in e.loses}
    assert lost == {c for c in Category if problem.weights[c] > 0}
    alternatives = [e for e in expectations[1:] if e.score == 100.0]
    assert len(alternatives) >= 2, "accepted solutions in other styles"
