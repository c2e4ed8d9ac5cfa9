"""Loading a package: the guidance files, the topic and the reasons for weight-0 categories."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from sandbox.package_text import MAX_MARKDOWN_CHARS
from sandbox.problem import Hint, ProblemError, load_problem, package_files, parse_hints
from sandbox.rubric import Category
from tests.conftest import FIXTURE_PROBLEMS_DIR


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the fixture package to edit."""
    directory = tmp_path / "mean-predictor"
    shutil.copytree(FIXTURE_PROBLEMS_DIR / "mean-predictor", directory)
    return directory


def edit_yaml(directory: Path, **changes: object) -> None:
    path = directory / "problem.yaml"
    meta = yaml.safe_load(path.read_text())
    meta.update(changes)
    path.write_text(yaml.safe_dump(meta))


def test_hints_are_the_sections_under_level_two_headings() -> None:
    text = "## Nudge\n\nLook at $r$.\n\n## Nearly the answer\n\n```python\nr = p - y\n```\n"
    assert parse_hints(text, Path("hints.md")) == (
        Hint("Nudge", "Look at $r$."),
        Hint("Nearly the answer", "```python\nr = p - y\n```"),
    )
    assert parse_hints("", Path("hints.md")) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Some preamble\n## Hint\ntext\n", "text before the first"),
        ("## \ntext\n", "heading without a title"),
        ("## Empty\n\n## Next\ntext\n", "hint 'Empty' has no text"),
    ],
)
def test_malformed_hints_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ProblemError, match=message):
        parse_hints(text, Path("hints.md"))


def test_guidance_files_are_part_of_the_version(package: Path) -> None:
    (package / "hints.md").unlink()  # as stored versions from before guidance existed
    (package / "editorial.md").unlink()
    before = load_problem(package)
    assert before.hints == () and before.editorial == ""
    assert "hints.md" not in package_files(package)
    (package / "hints.md").write_text("## First\nmean of y\n")
    (package / "editorial.md").write_text("# Why the mean\n")
    after = load_problem(package)
    assert after.hints == (Hint("First", "mean of y"),)
    assert after.editorial == "# Why the mean\n"
    assert after.digest != before.digest
    assert {"hints.md", "editorial.md"} <= set(package_files(package))


def test_topic_must_be_one_of_the_curriculum_sections(package: Path) -> None:
    edit_yaml(package, topic="trees")
    assert load_problem(package).topic == "trees"
    edit_yaml(package, topic="astrology")
    with pytest.raises(ProblemError, match="'topic' must be one of"):
        load_problem(package)


def test_a_category_of_weight_zero_says_why(package: Path) -> None:
    rubric = {category.value: 25 for category in Category}
    rubric["convergence_awareness"] = 0
    edit_yaml(package, rubric=rubric)
    with pytest.raises(ProblemError, match=r"not_applicable\.convergence_awareness"):
        load_problem(package)
    edit_yaml(package, not_applicable={"convergence_awareness": "no iterations: one solve"})
    loaded = load_problem(package)
    assert loaded.not_applicable == {Category.CONVERGENCE_AWARENESS: "no iterations: one solve"}


def test_a_weighted_category_cannot_be_not_applicable(package: Path) -> None:
    edit_yaml(package, not_applicable={"numerical_stability": "none"})
    with pytest.raises(ProblemError, match=r"weighted .* but listed in not_applicable"):
        load_problem(package)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"limits": {"memory_mb": 10**6}}, r"'limits.memory_mb' must be a whole number from 64"),
        ({"limits": {"memory_mb": 256.5}}, "'limits.memory_mb' must be a whole number"),
        ({"limits": {"import_seconds": "5"}}, "'limits.import_seconds' must be a number"),
        ({"limits": {"cpus": 8}}, r"unknown limits \['cpus'\]"),
        ({"limits": [512]}, "'limits' must map limit names to numbers"),
        ({"curve": {"probe": "fit_small"}}, "'curve' must be"),
        ({"curve": "fit_small"}, "'curve' must be"),
        ({"version": "two"}, "'version' must be a whole number"),
        ({"version": 0}, "'version' must be a whole number"),
    ],
)
def test_malformed_limits_curve_and_version_say_what_to_fix(
    package: Path, changes: dict[str, object], message: str
) -> None:
    """An uploaded problem.yaml can hold anything: a clear error, never a TypeError."""
    edit_yaml(package, **changes)
    with pytest.raises(ProblemError, match=message):
        load_problem(package)


def test_a_profile_that_is_not_plain_data_says_so(package: Path) -> None:
    path = package / "problem.yaml"
    path.write_text(path.read_text() + "profile: {kind: estimator, since: 2026-11-30}\n")
    with pytest.raises(ProblemError, match="'profile' must hold only text, numbers"):
        load_problem(package)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000, "a YAML file may have at most"),  # minutes in PyYAML's scanner
        ("a: &x [1]\nb: *x\n", "aliases (*name) are not allowed"),
    ],
)
def test_problem_yaml_is_read_with_the_validators_limits(
    package: Path, text: str, reason: str
) -> None:
    (package / "problem.yaml").write_text(text)
    with pytest.raises(ProblemError, match=re.escape(reason)):
        load_problem(package)


@pytest.mark.parametrize("name", ["statement.md", "hints.md", "editorial.md"])
def test_markdown_past_the_limit_is_refused_before_anything_renders_it(
    package: Path, name: str
) -> None:
    (package / name).write_text("## A hint\n\n" + "[" * MAX_MARKDOWN_CHARS)
    with pytest.raises(ProblemError, match=f"{name}: .* a Markdown file may have at most"):
        load_problem(package)
