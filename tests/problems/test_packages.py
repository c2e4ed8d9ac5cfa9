"""Every problem package of the bank judged through the real sandbox: each known submission
gets the outcome it declares, the starter scores low, the package covers every weighted
category, its guidance is complete, and its statement describes its starter's interface.

The known submissions are judged once for the whole module, one per core at a time (each in a
worker process of its own, as ``numjudge problems validate`` does), then checked one test each.
"""

import ast
import dataclasses
import re
from collections.abc import Iterator
from concurrent.futures import Executor, Future

import pytest

from sandbox.container import ContainerRunner
from sandbox.judge import judge
from sandbox.pool import pooled_runner
from sandbox.problem import ProblemPackage, list_slugs, load_problem
from sandbox.rubric import Category
from sandbox.validation import (
    Validated,
    completeness,
    default_jobs,
    load_expectations,
    submit_known,
    submit_one,
    validation_pool,
)
from sandbox.verdict import Verdict
from tests.conftest import PROBLEMS_DIR

SEED = 20261128
SLUGS = list_slugs(PROBLEMS_DIR)
PROBLEMS = {slug: load_problem(PROBLEMS_DIR / slug) for slug in SLUGS}
KEYS = [(slug, e.name) for slug in SLUGS for e in load_expectations(PROBLEMS[slug])]
CASES = [pytest.param(slug, name, id=f"{slug}/{name}") for slug, name in KEYS]


@dataclasses.dataclass(frozen=True)
class Validation:
    pool: Executor
    futures: dict[tuple[str, str], Future[Validated]]


@pytest.fixture(scope="module")
def validated() -> Iterator[Validation]:
    """Every known submission of the bank, submitted at once to the workers (one per two
    cores, as `numjudge problems validate`), each with a warm sandbox of its own waiting for
    the next judging; each test waits for its own. (That the runner and the pool remove
    their containers is tested in tests/sandbox/; here they belong to the worker processes.)"""
    with validation_pool(pooled_runner, default_jobs()) as pool:
        futures = submit_known(pool, list(PROBLEMS.values()), SEED)
        yield Validation(pool, dict(zip(KEYS, futures, strict=True)))


def missed_in_timing_only(outcome: Validated) -> bool:
    """Whether a known submission missed its outcome only in vectorized_implementation.

    Timing checks are measured in CPU seconds of the sandbox, so another judging or a pool's
    refill no longer counts; on a saturated machine they still varied 2-3x in one judging in
    a few hundred (docs/benchmarks.md, "Margins"), and CI's machine may be busier than ours.
    Such a miss is judged once more, with another seed, at the end of the pool's queue: a
    file that misses twice fails. tests/test_determinism.py keeps the non-determinism itself
    in sight."""
    if not outcome.unmet:
        return False
    vectorized = Category.VECTORIZED_IMPLEMENTATION
    about_timing = all(vectorized.value in reason for reason in outcome.unmet)
    below_full = {c for c, score in outcome.report.categories.items() if score < 100.0}
    accepted_but_slow = outcome.expectation.score == 100.0 and below_full == {vectorized}
    return about_timing or accepted_but_slow


def test_the_three_problems_of_the_judge_exist() -> None:
    assert {"linear-regression-gd", "logistic-regression", "kmeans"} <= set(SLUGS)


@pytest.mark.parametrize(("slug", "name"), CASES)
def test_known_submission_gets_its_declared_outcome(
    slug: str, name: str, validated: Validation
) -> None:
    outcome = validated.futures[(slug, name)].result()
    if missed_in_timing_only(outcome):
        again = submit_one(validated.pool, PROBLEMS[slug], outcome.expectation, SEED + 1)
        outcome = again.result()
    failed_checks = [f"{c.name}: {c.message}" for c in outcome.report.checks if not c.passed]
    assert outcome.unmet == (), failed_checks


@pytest.mark.parametrize("slug", SLUGS)
def test_untouched_starter_scores_low(slug: str, runner: ContainerRunner) -> None:
    problem = PROBLEMS[slug]
    report = judge(problem, problem.starter, runner=runner, seed=SEED)
    assert report.verdict is not Verdict.ACCEPTED
    assert report.score <= 10.0


@pytest.mark.parametrize("slug", SLUGS)
def test_every_weighted_category_has_a_known_wrong_solution(slug: str) -> None:
    problem = PROBLEMS[slug]
    expectations = load_expectations(problem)
    lost = {category for e in expectations for category in e.loses}
    assert lost == {c for c, weight in problem.weights.items() if weight > 0}
    alternatives = [e for e in expectations[1:] if e.score == 100.0]
    assert len(alternatives) >= 2, "accepted solutions in other styles"


@pytest.mark.parametrize("slug", SLUGS)
def test_guidance_and_topic_are_complete(slug: str) -> None:
    assert completeness(PROBLEMS[slug]) == []


def signatures(source: str, class_name: str) -> dict[str, list[str]]:
    """Each method of ``class_name`` in ``source`` (each top-level function when
    ``class_name`` is "", a module of functions) and its argument names."""
    tree = ast.parse(source)
    if class_name:
        found = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
        assert found, f"no class {class_name}"
        body = found[0].body
    else:
        body = tree.body
    return {
        item.name: [a.arg for a in (*item.args.posonlyargs, *item.args.args, *item.args.kwonlyargs)]
        for item in body
        if isinstance(item, ast.FunctionDef)
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_statement_describes_the_interface_of_starter_and_reference(slug: str) -> None:
    problem: ProblemPackage = PROBLEMS[slug]
    starter = signatures(problem.starter, problem.class_name)
    reference = signatures(problem.reference, problem.class_name)
    names = (*problem.methods, *problem.functions)
    for method in ("__init__", *names) if problem.class_name else names:
        owner = f"{problem.class_name}." if problem.class_name else ""
        assert method in starter, f"starter.py lacks {owner}{method}"
        assert starter[method] == reference.get(method), f"{method}: starter vs reference"
    spoken = set(re.findall(r"`([^`]*)`", problem.statement))
    code = "\n".join(re.findall(r"```python\n(.*?)```", problem.statement, re.DOTALL))
    for name in (problem.class_name, *names) if problem.class_name else names:
        mentioned = any(name in text for text in spoken) or re.search(rf"\b{name}\b", code)
        assert mentioned, f"statement.md never names `{name}`"
