"""Problem packages: one folder per problem under ``problems/`` (see problems/README.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import re
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from sandbox.checking import Check, collect_checks
from sandbox.harness import candidate, kinds, probing, standard
from sandbox.profile_kinds import profile_checks
from sandbox.rubric import DEFAULT_WEIGHTS, Category

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DIFFICULTIES = ("easy", "medium", "hard")
# The curriculum's sections, in the order the problem list shows them.
TOPICS = (
    "linear-models",
    "logistic-models",
    "trees",
    "clustering-and-neighbours",
    "neural-networks",
    "dimensionality-reduction",
    "stability-and-testing",
    "interview-staples",
)
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
class Limits:
    memory_mb: int = 512
    import_seconds: float = 5.0
    output_kib: int = 1024


@dataclasses.dataclass(frozen=True)
class Curve:
    """Which observation is the loss curve to plot (candidate over reference)."""

    probe: str
    key: str


@dataclasses.dataclass(frozen=True)
class Hint:
    """One hint of ``hints.md``: revealed one at a time, nudge first."""

    title: str
    body: str  # Markdown with math


@dataclasses.dataclass(frozen=True)
class ProblemPackage:
    slug: str
    title: str
    difficulty: str
    topic: str
    tags: tuple[str, ...]
    version: int
    class_name: str  # "" for a module of functions
    methods: tuple[str, ...]
    functions: tuple[str, ...]  # top-level functions the solution must define
    weights: Mapping[Category, float]
    not_applicable: Mapping[Category, str]  # why each category of weight 0 cannot apply
    limits: Limits
    curve: Curve | None
    directory: Path
    statement: str
    hints: tuple[Hint, ...]
    editorial: str
    starter: str
    reference: str
    probes_source: str
    profile: dict[str, Any] | None  # the standard probes and checks it declares
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


def _weights(raw: Any, where: Path) -> dict[Category, float]:
    if raw is None:
        return dict(DEFAULT_WEIGHTS)
    _require(isinstance(raw, dict), where, "'rubric' must map category names to weights")
    unknown = set(raw) - {c.value for c in Category}
    _require(not unknown, where, f"unknown rubric categories {sorted(unknown)}")
    weights = {c: float(raw.get(c.value, DEFAULT_WEIGHTS[c])) for c in Category}
    _require(all(w >= 0 for w in weights.values()), where, "rubric weights must be ≥ 0")
    _require(sum(weights.values()) > 0, where, "rubric weights must not all be 0")
    return weights


def _not_applicable(
    raw: Any, weights: Mapping[Category, float], where: Path
) -> dict[Category, str]:
    """Every category of weight 0 says why it cannot apply; no weighted category does."""
    raw = raw or {}
    _require(isinstance(raw, dict), where, "'not_applicable' must map categories to reasons")
    unknown = set(raw) - {c.value for c in Category}
    _require(not unknown, where, f"'not_applicable' names unknown categories {sorted(unknown)}")
    reasons = {Category(name): str(reason).strip() for name, reason in raw.items()}
    for category, weight in weights.items():
        if weight == 0:
            _require(
                bool(reasons.get(category)),
                where,
                f"'{category}' has weight 0: say why in not_applicable.{category}",
            )
        else:
            _require(
                category not in reasons,
                where,
                f"'{category}' is weighted {weight:g} but listed in not_applicable",
            )
    return reasons


# What a package may ask for (an uploaded package included): (lowest, highest) per limit.
LIMIT_RANGES: Mapping[str, tuple[float, float]] = {
    "memory_mb": (64, 4096),
    "import_seconds": (0.1, 60.0),
    "output_kib": (1, 65536),
}


def _limits(raw: Any, where: Path) -> Limits:
    raw = raw or {}
    _require(isinstance(raw, dict), where, "'limits' must map limit names to numbers")
    unknown = set(raw) - set(LIMIT_RANGES)
    _require(not unknown, where, f"unknown limits {sorted(map(str, unknown))}")
    for name, value in raw.items():
        low, high = LIMIT_RANGES[name]
        whole = name != "import_seconds"
        _require(
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (not whole or float(value).is_integer())
            and low <= value <= high,
            where,
            f"'limits.{name}' must be a {'whole ' if whole else ''}number from {low:g} to {high:g}",
        )
    return Limits(
        memory_mb=int(raw.get("memory_mb", Limits.memory_mb)),
        import_seconds=float(raw.get("import_seconds", Limits.import_seconds)),
        output_kib=int(raw.get("output_kib", Limits.output_kib)),
    )


def _curve_of(raw: Any, where: Path) -> Curve | None:
    if not raw:
        return None
    _require(
        isinstance(raw, dict)
        and set(raw) == {"probe", "key"}
        and all(isinstance(v, str) for v in raw.values()),
        where,
        "'curve' must be {probe: <probe name>, key: <observation>}",
    )
    return Curve(raw["probe"], raw["key"])


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
    try:
        probes = kinds.problem_probes(probes_module, code.profile)
    except standard.ProfileError as error:
        raise ProblemError(f"{code.directory / 'problem.yaml'}: {error}") from error
    checks = collect_checks(
        _load_python(code.directory / "checks.py", f"numjudge_checks_{code.slug.replace('-', '_')}")
    )
    if code.profile is not None:
        checks += profile_checks(code.profile)
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
        meta = yaml.safe_load(meta_path.read_text())
    except yaml.YAMLError as error:
        raise ProblemError(f"{meta_path}: not valid YAML: {error}") from error
    _require(isinstance(meta, dict), meta_path, "must be a mapping")
    slug = meta.get("slug")
    _require(isinstance(slug, str) and bool(SLUG_PATTERN.match(slug)), meta_path, "bad 'slug'")
    _require(slug == directory.name, meta_path, f"slug '{slug}' must equal the folder name")
    _require(
        meta.get("difficulty") in DIFFICULTIES,
        meta_path,
        f"'difficulty' must be one of {DIFFICULTIES}",
    )
    entry = meta.get("entry_point") or {}
    _require(isinstance(entry, dict), meta_path, "'entry_point' must be a mapping")
    methods = entry.get("methods") or []
    functions = entry.get("functions") or []
    for key, names in (("methods", methods), ("functions", functions)):
        _require(
            isinstance(names, list) and all(isinstance(m, str) for m in names),
            meta_path,
            f"'entry_point.{key}' must be a list of names",
        )
    class_name = entry.get("class") or ""
    _require(
        isinstance(class_name, str) and (bool(class_name) or (bool(functions) and not methods)),
        meta_path,
        "'entry_point' needs a 'class' (with its 'methods'), or 'functions' for a module of "
        "functions",
    )
    limits = _limits(meta.get("limits"), meta_path)
    curve = _curve_of(meta.get("curve"), meta_path)
    version = meta.get("version", 1)
    _require(
        isinstance(version, int) and not isinstance(version, bool) and version >= 1,
        meta_path,
        "'version' must be a whole number ≥ 1",
    )

    probes_path = directory / "probes.py"
    probes_source = probes_path.read_text()
    profile = meta.get("profile")
    _require(profile is None or isinstance(profile, dict), meta_path, "'profile' must be a mapping")
    if profile is not None:
        profile = {**profile, "class": class_name}
        try:  # it travels to the sandbox as JSON
            json.dumps(profile)
        except (TypeError, ValueError) as error:
            raise ProblemError(
                f"{meta_path}: 'profile' must hold only text, numbers, lists and mappings ({error})"
            ) from error
    checks_source = (directory / "checks.py").read_text()
    collected = collect(PackageCode(slug, directory, probes_source, checks_source, profile))
    probes, checks = collected.probes, collected.checks
    _require(bool(probes), probes_path, "defines no @probe functions")
    names = [p.name for p in probes]
    _require(len(names) == len(set(names)), probes_path, "probe names must be unique")
    _require(bool(checks), directory / "checks.py", "defines no @check functions")
    for item in checks:
        unknown = set(item.probes) - set(names)
        _require(
            not unknown,
            directory / "checks.py",
            f"check {item.name} names unknown probes {sorted(unknown)}",
        )
    weights = _weights(meta.get("rubric"), meta_path)
    topic = meta.get("topic", "")
    _require(topic in ("", *TOPICS), meta_path, f"'topic' must be one of {TOPICS}")
    for category in Category:
        _require(
            weights[category] == 0 or any(c.category is category for c in checks),
            directory / "checks.py",
            f"no check for '{category}', which has weight {weights[category]:g}",
        )
    if curve:
        _require(curve.probe in names, meta_path, f"curve probe '{curve.probe}' is not a probe")

    return ProblemPackage(
        slug=slug,
        title=str(meta.get("title") or slug),
        difficulty=meta["difficulty"],
        topic=topic,
        tags=tuple(str(t) for t in meta.get("tags") or ()),
        version=version,
        class_name=class_name,
        methods=tuple(methods),
        functions=tuple(functions),
        weights=weights,
        not_applicable=_not_applicable(meta.get("not_applicable"), weights, meta_path),
        limits=limits,
        curve=curve,
        directory=directory,
        statement=(directory / "statement.md").read_text(),
        hints=parse_hints(_optional_text(directory / "hints.md"), directory / "hints.md"),
        editorial=_optional_text(directory / "editorial.md"),
        starter=(directory / "starter.py").read_text(),
        reference=(directory / "reference.py").read_text(),
        probes_source=probes_source,
        profile=profile,
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
