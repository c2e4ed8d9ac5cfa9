"""The rules of ``problem.yaml``, as one pure function that collects every fault.

``sandbox.problem.load_problem`` raises on what this reports; the static validator of a
package given as files (``sandbox.package_files``) lists it. Nothing here reads a file or
runs package code: the rules that need the probes and checks (a weighted category has a
check, the curve names a probe) stay in ``load_problem``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from typing import Any

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
class MetadataIssue:
    """One fault of ``problem.yaml``: the field it is in ("" for the whole file) and what
    to change."""

    field: str
    reason: str


@dataclasses.dataclass(frozen=True)
class Metadata:
    """What ``problem.yaml`` declares, once every rule holds."""

    slug: str
    title: str
    difficulty: str
    topic: str
    tags: tuple[str, ...]
    version: int
    class_name: str  # "" for a module of functions
    methods: tuple[str, ...]
    functions: tuple[str, ...]
    weights: Mapping[Category, float]
    not_applicable: Mapping[Category, str]  # why each category of weight 0 cannot apply
    limits: Limits
    curve: Curve | None
    profile: dict[str, Any] | None  # with the entry point's "class" added


CATEGORY_NAMES = tuple(c.value for c in Category)


def _weights(raw: Any, issues: list[MetadataIssue]) -> dict[Category, float]:
    if raw is None:
        return dict(DEFAULT_WEIGHTS)
    if not isinstance(raw, dict):
        issues.append(MetadataIssue("rubric", "'rubric' must map category names to weights"))
        return dict(DEFAULT_WEIGHTS)
    unknown = set(raw) - set(CATEGORY_NAMES)
    if unknown:
        issues.append(
            MetadataIssue(
                "rubric",
                f"unknown rubric categories {sorted(map(str, unknown))}; "
                f"the categories are {list(CATEGORY_NAMES)}",
            )
        )
    weights = {}
    for category in Category:
        try:
            weights[category] = float(raw.get(category.value, DEFAULT_WEIGHTS[category]))
        except (TypeError, ValueError):
            issues.append(
                MetadataIssue(f"rubric.{category}", "the weight must be a number (0 to 100)")
            )
            weights[category] = DEFAULT_WEIGHTS[category]
    if not all(w >= 0 for w in weights.values()):
        issues.append(MetadataIssue("rubric", "rubric weights must be ≥ 0"))
    if sum(weights.values()) <= 0:
        issues.append(MetadataIssue("rubric", "rubric weights must not all be 0"))
    return weights


def _not_applicable(
    raw: Any, weights: Mapping[Category, float], issues: list[MetadataIssue]
) -> dict[Category, str]:
    """Every category of weight 0 says why it cannot apply; no weighted category does."""
    raw = raw or {}
    if not isinstance(raw, dict):
        issues.append(
            MetadataIssue("not_applicable", "'not_applicable' must map categories to reasons")
        )
        raw = {}
    unknown = set(raw) - set(CATEGORY_NAMES)
    if unknown:
        issues.append(
            MetadataIssue(
                "not_applicable",
                f"'not_applicable' names unknown categories {sorted(map(str, unknown))}",
            )
        )
    reasons = {Category(n): str(reason).strip() for n, reason in raw.items() if n not in unknown}
    for category, weight in weights.items():
        if weight == 0 and not reasons.get(category):
            issues.append(
                MetadataIssue(
                    f"not_applicable.{category}",
                    f"'{category}' has weight 0: say why in not_applicable.{category}",
                )
            )
        elif weight != 0 and category in reasons:
            issues.append(
                MetadataIssue(
                    f"not_applicable.{category}",
                    f"'{category}' is weighted {weight:g} but listed in not_applicable",
                )
            )
    return reasons


def _names(entry: dict[Any, Any], key: str, issues: list[MetadataIssue]) -> tuple[str, ...]:
    names = entry.get(key) or []
    if isinstance(names, list) and all(isinstance(m, str) for m in names):
        return tuple(names)
    issues.append(
        MetadataIssue(f"entry_point.{key}", f"'entry_point.{key}' must be a list of names")
    )
    return ()


# What a package may ask for (an uploaded package included): (lowest, highest) per limit.
LIMIT_RANGES: Mapping[str, tuple[float, float]] = {
    "memory_mb": (64, 4096),
    "import_seconds": (0.1, 60.0),
    "output_kib": (1, 65536),
}


def _limits(raw: Any, issues: list[MetadataIssue]) -> Limits:
    raw = raw or {}
    if not isinstance(raw, dict):
        issues.append(MetadataIssue("limits", "'limits' must map limit names to numbers"))
        return Limits()
    unknown = sorted(map(str, set(raw) - set(LIMIT_RANGES)))
    if unknown:
        issues.append(
            MetadataIssue(
                "limits", f"unknown limits {unknown}: 'limits' may only set {sorted(LIMIT_RANGES)}"
            )
        )
        return Limits()
    faulty = False
    for name, value in raw.items():
        low, high = LIMIT_RANGES[name]
        whole = name != "import_seconds"
        if not (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and (not whole or float(value).is_integer())
            and low <= value <= high
        ):
            kind = "whole number" if whole else "number"
            issues.append(
                MetadataIssue(
                    f"limits.{name}", f"'limits.{name}' must be a {kind} from {low:g} to {high:g}"
                )
            )
            faulty = True
    if faulty:
        return Limits()
    return Limits(
        memory_mb=int(raw.get("memory_mb", Limits.memory_mb)),
        import_seconds=float(raw.get("import_seconds", Limits.import_seconds)),
        output_kib=int(raw.get("output_kib", Limits.output_kib)),
    )


def _curve(raw: Any, issues: list[MetadataIssue]) -> Curve | None:
    if not raw:
        return None
    if not (
        isinstance(raw, dict)
        and set(raw) == {"probe", "key"}
        and all(isinstance(v, str) for v in raw.values())
    ):
        issues.append(
            MetadataIssue("curve", "'curve' must be {probe: <probe name>, key: <its key>}")
        )
        return None
    return Curve(raw["probe"], raw["key"])


def _plain_data(profile: dict[str, Any], issues: list[MetadataIssue]) -> None:
    """The profile travels to the sandbox as JSON (an uploaded package's is collected there)."""
    try:
        json.dumps(profile)
    except (TypeError, ValueError) as error:
        issues.append(
            MetadataIssue(
                "profile", f"'profile' must hold only text, numbers, lists and mappings ({error})"
            )
        )


def check_metadata(
    meta: Any, folder: str | None = None
) -> tuple[Metadata | None, list[MetadataIssue]]:
    """The metadata of a parsed ``problem.yaml``, or None and every fault found.

    ``folder`` is the package's folder name, which the slug must equal (None: not known)."""
    if not isinstance(meta, dict):
        return None, [MetadataIssue("", "must be a mapping")]
    issues: list[MetadataIssue] = []
    slug = meta.get("slug")
    if not (isinstance(slug, str) and SLUG_PATTERN.match(slug)):
        issues.append(MetadataIssue("slug", "bad 'slug': use lowercase words joined by dashes"))
    elif folder is not None and slug != folder:
        issues.append(MetadataIssue("slug", f"slug '{slug}' must equal the folder name"))
    if meta.get("difficulty") not in DIFFICULTIES:
        issues.append(MetadataIssue("difficulty", f"'difficulty' must be one of {DIFFICULTIES}"))
    entry = meta.get("entry_point") or {}
    if not isinstance(entry, dict):
        issues.append(MetadataIssue("entry_point", "'entry_point' must be a mapping"))
        entry = {}
    methods = _names(entry, "methods", issues)
    functions = _names(entry, "functions", issues)
    class_name = entry.get("class") or ""
    if not (isinstance(class_name, str) and (class_name or (functions and not methods))):
        issues.append(
            MetadataIssue(
                "entry_point",
                "'entry_point' needs a 'class' (with its 'methods'), or 'functions' for a "
                "module of functions",
            )
        )
    limits = _limits(meta.get("limits"), issues)
    curve = _curve(meta.get("curve"), issues)
    profile = meta.get("profile")
    if not (profile is None or isinstance(profile, dict)):
        issues.append(MetadataIssue("profile", "'profile' must be a mapping"))
    elif profile is not None:
        _plain_data(profile, issues)
    weights = _weights(meta.get("rubric"), issues)
    topic = meta.get("topic", "")
    if topic not in ("", *TOPICS):
        issues.append(MetadataIssue("topic", f"'topic' must be one of {TOPICS}"))
    not_applicable = _not_applicable(meta.get("not_applicable"), weights, issues)
    version = meta.get("version", 1)
    if not (isinstance(version, int) and not isinstance(version, bool) and version >= 1):
        issues.append(MetadataIssue("version", "'version' must be a whole number ≥ 1"))
    if issues:
        return None, issues
    return (
        Metadata(
            slug=str(slug),
            title=str(meta.get("title") or slug),
            difficulty=meta["difficulty"],
            topic=topic,
            tags=tuple(str(t) for t in meta.get("tags") or ()),
            version=version,
            class_name=str(class_name),
            methods=methods,
            functions=functions,
            weights=weights,
            not_applicable=not_applicable,
            limits=limits,
            curve=curve,
            profile=None if profile is None else {**profile, "class": class_name},
        ),
        [],
    )
