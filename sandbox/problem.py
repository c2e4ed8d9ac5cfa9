"""Problem packages: one folder per problem under ``problems/`` (see problems/README.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import re
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sandbox.checking import Check, collect_checks
from sandbox.harness import candidate, estimator_spec, kinds, probing
from sandbox.package_text import MARKDOWN_FILES, TextRefused, markdown_refusal, safe_yaml
from sandbox.problem_metadata import DIFFICULTIES as DIFFICULTIES
from sandbox.problem_metadata import SLUG_PATTERN as SLUG_PATTERN
from sandbox.problem_metadata import TOPICS as TOPICS
from sandbox.problem_metadata import Curve as Curve
from sandbox.problem_metadata import Limits as Limits
from sandbox.problem_metadata import Metadata, check_metadata
from sandbox.profile_kinds import profile_checks
from sandbox.rubric import Category

REQUIRED_FILES = (
    "problem.yaml",
    "statement.md",
    "starter.py",
    "reference.py",
    "probes.py",
    "checks.py",
)
# Shown to candidates, never used in judging; every package of the bank has them (``problems
# validate`` says so), but a stored version from before they existed still loads.
GUIDANCE_FILES = ("hints.md", "editorial.md")


class ProblemError(Exception):
    """A problem package is missing or malformed; the message says what to fix."""


@dataclasses.dataclass(frozen=True)
class Hint:
    """One hint of ``hints.md``: revealed one at a time, nudge first."""

    title: str
    body: str  # Markdown with math


@dataclasses.dataclass(frozen=True)
class ProblemPackage(Metadata):
    """A loaded package: what ``problem.yaml`` declares (``Metadata``), its texts, and its
    probes and checks."""

    directory: Path
    statement: str
    hints: tuple[Hint, ...]
    editorial: str
    starter: str
    reference: str
    probes_source: str
    probes_module: types.ModuleType  # its hooks, for running trusted code in this process
    probes: tuple[probing.Probe, ...]
    checks: tuple[Check, ...]
    digest: str  # sha256 of every file that defines the problem
    # False for an uploaded package: its reference, probes and checks run only in sandbox
    # containers (``sandbox.untrusted``), never in this process.
    trusted: bool = True
    checks_source: str = ""  # what an untrusted package's checks run from, in their container

    @property
    def sample_probes(self) -> tuple[probing.Probe, ...]:
        return tuple(p for p in self.probes if p.sample)


def _require(condition: bool, where: Path, message: str) -> None:
    if not condition:
        raise ProblemError(f"{where}: {message}")


def _load_python(path: Path, module_name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def package_files(directory: Path) -> tuple[str, ...]:
    """The files that make up a package's version (the guidance files when present)."""
    return REQUIRED_FILES + tuple(n for n in GUIDANCE_FILES if (directory / n).is_file())


def _digest(directory: Path) -> str:
    hasher = hashlib.sha256()
    for name in package_files(directory):
        hasher.update(name.encode() + b"\0" + (directory / name).read_bytes() + b"\0")
    return hasher.hexdigest()


def _optional_text(path: Path) -> str:
    return path.read_text() if path.is_file() else ""


def parse_hints(text: str, where: Path) -> tuple[Hint, ...]:
    """``hints.md``: each hint starts with a ``## `` heading line (its title)."""
    before, *sections = re.split(r"^## ", text, flags=re.MULTILINE)
    _require(not before.strip(), where, "text before the first '## <title>' line")
    hints = []
    for section in sections:
        title, _, body = section.partition("\n")
        _require(bool(title.strip()), where, "a '## ' heading without a title")
        _require(bool(body.strip()), where, f"hint '{title.strip()}' has no text")
        hints.append(Hint(title.strip(), body.strip()))
    return tuple(hints)


@dataclasses.dataclass(frozen=True)
class PackageCode:
    """A package's Python as text, and what collecting its probes and checks needs."""

    slug: str
    directory: Path
    probes_source: str
    checks_source: str
    profile: dict[str, Any] | None


@dataclasses.dataclass(frozen=True)
class Collected:
    """A package's probes and checks, and the module that holds its probe hooks."""

    probes: list[probing.Probe]
    checks: list[Check]
    probes_module: types.ModuleType


Collector = Callable[[PackageCode], Collected]


def collect_trusted(code: PackageCode) -> Collected:
    """Import probes.py and checks.py in this process: for the repository's own packages."""
    probes_module = candidate.load_module(
        f"numjudge_probes_{code.slug}", str(code.directory / "probes.py"), code.probes_source
    )
    checks = collect_checks(
        _load_python(code.directory / "checks.py", f"numjudge_checks_{code.slug.replace('-', '_')}")
    )
    try:
        probes = kinds.problem_probes(probes_module, code.profile)
        if code.profile is not None:
            checks += profile_checks(code.profile)
    except estimator_spec.ProfileError as error:
        raise ProblemError(f"{code.directory / 'problem.yaml'}: {error}") from error
    return Collected(probes, checks, probes_module)


def load_problem(directory: Path) -> ProblemPackage:
    """Read and validate one trusted package; raise ``ProblemError`` naming the file and the
    fault."""
    return build_problem(directory, collect_trusted, trusted=True)


def build_problem(directory: Path, collect: Collector, *, trusted: bool) -> ProblemPackage:
    """Read and validate one package, its probes and checks collected by ``collect`` (in this
    process, or in a sandbox for an untrusted package): the same rules either way."""
    for name in REQUIRED_FILES:
        _require((directory / name).is_file(), directory, f"missing {name}")
    meta_path = directory / "problem.yaml"
    try:
        meta = safe_yaml(meta_path.read_text())
    except TextRefused as refused:
        raise ProblemError(f"{meta_path}: {refused}") from refused
    markdown = {name: _optional_text(directory / name) for name in MARKDOWN_FILES}
    for name, text in markdown.items():
        refusal = markdown_refusal(text)
        _require(refusal is None, directory / name, str(refusal))
    metadata, issues = check_metadata(meta, directory.name)
    if metadata is None:
        raise ProblemError(f"{meta_path}: " + "; ".join(issue.reason for issue in issues))
    slug, profile = metadata.slug, metadata.profile
    curve, weights = metadata.curve, metadata.weights

    probes_path = directory / "probes.py"
    probes_source = probes_path.read_text()
    checks_source = (directory / "checks.py").read_text()
    collected = collect(PackageCode(slug, directory, probes_source, checks_source, profile))
    probes, checks = collected.probes, collected.checks
    _require(bool(probes), probes_path, "defines no @probe functions")
    names = [p.name for p in probes]
    _require(len(names) == len(set(names)), probes_path, "probe names must be unique")
    _require(bool(checks), directory / "checks.py", "defines no @check functions")
    check_names = [c.name for c in checks]
    duplicated = sorted({name for name in check_names if check_names.count(name) > 1})
    _require(
        not duplicated,
        directory / "checks.py",
        f"check names must be unique (checks.py and problem.yaml's profile.checks): {duplicated}",
    )
    for item in checks:
        unknown = set(item.probes) - set(names)
        _require(
            not unknown,
            directory / "checks.py",
            f"check {item.name} names unknown probes {sorted(unknown)}",
        )
    for category in Category:
        _require(
            weights[category] == 0 or any(c.category is category for c in checks),
            directory / "checks.py",
            f"no check for '{category}', which has weight {weights[category]:g}",
        )
    if curve:
        _require(curve.probe in names, meta_path, f"curve probe '{curve.probe}' is not a probe")

    return ProblemPackage(
        **{field.name: getattr(metadata, field.name) for field in dataclasses.fields(Metadata)},
        directory=directory,
        statement=markdown["statement.md"],
        hints=parse_hints(markdown["hints.md"], directory / "hints.md"),
        editorial=markdown["editorial.md"],
        starter=(directory / "starter.py").read_text(),
        reference=(directory / "reference.py").read_text(),
        probes_source=probes_source,
        probes_module=collected.probes_module,
        probes=tuple(probes),
        checks=tuple(checks),
        digest=_digest(directory),
        trusted=trusted,
        checks_source=checks_source,
    )


def find_problem(
    problems_dir: Path, slug: str, load: Callable[[Path], ProblemPackage] = load_problem
) -> ProblemPackage:
    directory = problems_dir / slug
    if not SLUG_PATTERN.match(slug) or not (directory / "problem.yaml").is_file():
        known = ", ".join(list_slugs(problems_dir)) or "none"
        raise ProblemError(f"unknown problem '{slug}' (known: {known})")
    return load(directory)


def list_slugs(problems_dir: Path) -> list[str]:
    return sorted(p.parent.name for p in problems_dir.glob("*/problem.yaml"))
