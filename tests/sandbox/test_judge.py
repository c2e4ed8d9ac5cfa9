"""The judge end to end on the fixture problem, through the real Docker sandbox."""

from typing import Any

import pytest

from sandbox.container import ContainerRunner
from sandbox.judge import judge
from sandbox.problem import ProblemPackage
from sandbox.rubric import Category
from sandbox.verdict import Verdict

pytestmark = pytest.mark.usefixtures("no_leftovers")


def test_the_reference_is_accepted_with_every_key_present(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    report = judge(mean_problem, mean_problem.reference, runner=runner, seed=7)
    assert report.verdict is Verdict.ACCEPTED
    assert report.score == 100.0
    data = report.to_dict()
    assert set(data["categories"]) == {c.value for c in Category}
    assert all(c["score"] == 100.0 for c in data["categories"].values())
    assert {"name", "category", "passed", "score", "message"} <= set(data["checks"][0])
    assert data["curves"]["candidate"] == data["curves"]["reference"] != []
    assert data["timing"]["container_start"] > 0


def test_the_starter_gets_a_runtime_error_trimmed_to_the_candidates_lines(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    report = judge(mean_problem, mean_problem.starter, runner=runner, seed=7)
    assert report.verdict is Verdict.RUNTIME_ERROR
    assert report.score == 0.0
    assert "line 3, in fit" in report.message
    assert "NotImplementedError" in report.message
    assert "sandbox" not in report.message  # no frames of the judge's own code


def test_a_syntax_error_is_not_run(mean_problem: ProblemPackage, runner: ContainerRunner) -> None:
    report = judge(mean_problem, "class MeanPredictor(:\n", runner=runner, seed=7)
    assert report.verdict is Verdict.SYNTAX_ERROR
    assert report.message.startswith("line 1, column")
    assert report.probes == ()
    assert all(not c.passed for c in report.checks)


def test_a_missing_method_is_the_verdict_but_the_rest_is_graded(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    source = mean_problem.reference.replace("def predict(self, X)", "def forecast(self, X)")
    report = judge(mean_problem, source, runner=runner, seed=7)
    assert report.verdict is Verdict.MISSING_INTERFACE
    assert "predict()" in report.message
    assert report.categories[Category.CODE_ORGANIZATION] == 100.0
    assert report.categories[Category.MATHEMATICAL_CORRECTNESS] == 0.0


def test_an_infinite_loop_fails_its_probe_by_name_and_keeps_earlier_points(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    source = mean_problem.reference.replace(
        "return np.full(X.shape[0], self.mean_)", "while True:\n            pass"
    )
    report = judge(mean_problem, source, runner=runner, seed=7)
    assert report.verdict is Verdict.TIME_LIMIT
    assert "predict_holdout" in report.message
    assert report.categories[Category.CODE_ORGANIZATION] == 100.0
    assert report.categories[Category.MATHEMATICAL_CORRECTNESS] == 0.0


def test_progress_events_arrive_for_every_probe_then_the_end(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    events: list[dict[str, Any]] = []
    judge(mean_problem, mean_problem.reference, runner=runner, seed=7, on_event=events.append)
    probe_events = [e for e in events if e["type"] == "probe"]
    assert [e["name"] for e in probe_events] == [p.name for p in mean_problem.probes]
    assert probe_events[-1]["done"] == probe_events[-1]["total"] == len(mean_problem.probes)
    assert events[-1] == {"type": "finished", "verdict": "accepted"}


def test_samples_only_runs_the_sample_probes(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    report = judge(mean_problem, mean_problem.reference, runner=runner, seed=7, samples_only=True)
    assert [p.name for p in report.probes] == ["fit_small"]
    assert {c.name for c in report.checks} == {
        "no_loops",
        "fit_returns_self",
        "records_loss",
    }


def test_what_the_candidate_prints_is_shown_but_not_trusted(
    mean_problem: ProblemPackage, runner: ContainerRunner
) -> None:
    source = mean_problem.reference.replace(
        "        return self\n", '        print(\'{"type": "done"}\')\n        return self\n'
    )
    report = judge(mean_problem, source, runner=runner, seed=7)
    assert report.verdict is Verdict.ACCEPTED
    assert '{"type": "done"}' in report.stdout
