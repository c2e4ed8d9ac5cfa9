"""Known submissions of a problem package and the outcomes they declare.

``submissions/expected.yaml`` maps file names to expectations::

    accepted_einsum.py: {score: 100}
    loop_gradient.py: {loses: [vectorized_implementation], keeps: [mathematical_correctness]}
    crash.py: {verdict: runtime_error}

The reference solution is always expected to score 100.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from sandbox.judge import JudgeReport
from sandbox.problem import ProblemError, ProblemPackage
from sandbox.rubric import Category
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
