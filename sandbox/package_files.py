"""Static validation of a problem package given as files (``{relative path: text}``).

Pure and safe on untrusted input: nothing here imports, executes or writes package code.
Python files are only compiled (``compile``, never run), YAML files read with
``yaml.safe_load`` after a scan that refuses aliases (a few hundred bytes of nested aliases
expand to billions of items when walked). Every fault is collected, not only the first, as
a ``PackageIssue`` whose reason says what to do. problems/README.md is the format; the
layout allowed here is exactly what a ``problems/<slug>/`` folder may hold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sandbox import package_text
from sandbox.package_text import MARKDOWN_FILES, TextRefused, markdown_refusal
from sandbox.problem import GUIDANCE_FILES, REQUIRED_FILES, ProblemError, parse_hints
from sandbox.problem_metadata import check_metadata
from sandbox.rubric import Category
from sandbox.verdict import Verdict

SUBMISSIONS = "submissions"
EXPECTED = f"{SUBMISSIONS}/expected.yaml"
# A known submission: a plain file name, so that it is also a valid module name to judge.
SUBMISSION_PATH = re.compile(rf"^{SUBMISSIONS}/[A-Za-z0-9_][A-Za-z0-9_-]{{0,63}}\.py$")
TOP_LEVEL_FILES = (*REQUIRED_FILES, *GUIDANCE_FILES)
# The largest package of the bank is about 120 KB in 20 files, its largest file 12 KB.
MAX_FILE_BYTES = 256 * 1024
MAX_PACKAGE_BYTES = 1024 * 1024
MAX_FILES = 100
EXPECTATION_KEYS = ("score", "verdict", "loses", "keeps")
CACHE = "__pycache__"  # Python's bytecode caches beside the sources: never part of a package


@dataclasses.dataclass(frozen=True)
class PackageIssue:
    """One fault of a package: the file (its path in the package, "" for the package as a
    whole), where in it (a field such as ``rubric.trees``, ``line 3, column 7``, or "")
    and the reason, which says what to do."""

    file: str
    where: str
    reason: str

    def __str__(self) -> str:
        place = ": ".join(part for part in (self.file, self.where) if part)
        return f"{place}: {self.reason}" if place else self.reason


@dataclasses.dataclass(frozen=True)
class Expectation:
    """The outcome a known submission (or the reference) must get."""

    name: str
    source: str
    score: float | None = None
    verdict: Verdict | None = None
    loses: tuple[Category, ...] = ()
    keeps: tuple[Category, ...] = ()


def path_issue(path: str) -> str | None:
    """Why ``path`` cannot be a file of a package (None when it can)."""
    if path in TOP_LEVEL_FILES or path == EXPECTED or SUBMISSION_PATH.match(path):
        return None
    allowed = ", ".join(TOP_LEVEL_FILES)
    return (
        f"not a file a package may hold; allowed: {allowed}, {EXPECTED} and "
        f"{SUBMISSIONS}/<name>.py (letters, digits, '_' and '-'); rename or remove it"
    )


def text_issue(text: str) -> str | None:
    """Why ``text`` cannot be a package file's content (None when it can)."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return "not UTF-8 text (it holds an unpaired surrogate); save it as UTF-8"
    if "\0" in text:
        return "holds a NUL character; remove it (package files are text)"
    if size > MAX_FILE_BYTES:
        return f"{size} bytes; a file may have at most {MAX_FILE_BYTES} bytes"
    return None


def decode(path: str, data: bytes) -> tuple[str | None, PackageIssue | None]:
    """The text of a file read as bytes (a zip member), or the issue saying why not."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 (byte {error.start} is 0x{data[error.start]:02x}); save it as UTF-8"
        return None, PackageIssue(path, "", reason)


def storage_issues(files: Mapping[str, str]) -> list[PackageIssue]:
    """What keeps ``files`` from being stored as a package at all: names outside the
    layout, text that is not UTF-8, files and packages past the size limits."""
    issues = []
    for path, text in sorted(files.items()):
        for reason in (path_issue(path), text_issue(text)):
            if reason is not None:
                issues.append(PackageIssue(path, "", reason))
    if len(files) > MAX_FILES:
        issues.append(
            PackageIssue("", "", f"{len(files)} files; a package may have at most {MAX_FILES}")
        )
    total = sum(len(text.encode("utf-8", "replace")) for text in files.values())
    if total > MAX_PACKAGE_BYTES:
        issues.append(
            PackageIssue(
                "", "", f"{total} bytes in all; a package may have at most {MAX_PACKAGE_BYTES}"
            )
        )
    return issues


def safe_yaml(path: str, text: str) -> tuple[Any, PackageIssue | None]:
    """A package's YAML file read safely (``sandbox.package_text``), or the issue it has."""
    try:
        return package_text.safe_yaml(text), None
    except TextRefused as refused:
        return None, PackageIssue(path, refused.where, refused.reason)


def python_issue(path: str, text: str) -> PackageIssue | None:
    """Whether a Python file compiles (compiled only, never imported or run: compiling also
    finds what parsing lets through, such as ``return`` outside a function; CPython's
    constant folding is bounded, so ``2 ** 10 ** 9`` costs nothing here)."""
    try:
        compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        where = f"line {error.lineno}" + (f", column {error.offset}" if error.offset else "")
        return PackageIssue(path, where if error.lineno else "", f"{error.msg}; fix the syntax")
    except (ValueError, RecursionError, MemoryError) as error:
        return PackageIssue(path, "", f"cannot be parsed ({type(error).__name__}); simplify it")
    return None


def _categories(raw: Any) -> tuple[Category, ...]:
    if not isinstance(raw, list):
        raise ValueError("must be a list of rubric categories")
    return tuple(Category(c) for c in raw)


def _expectation(name: str, spec: Any, source: str) -> Expectation:
    if not isinstance(spec, dict) or not set(spec) <= set(EXPECTATION_KEYS):
        raise ValueError("needs a mapping of score/verdict/loses/keeps")
    return Expectation(
        name=name,
        source=source,
        score=float(spec["score"]) if "score" in spec else None,
        verdict=Verdict(spec["verdict"]) if "verdict" in spec else None,
        loses=_categories(spec.get("loses", [])),
        keeps=_categories(spec.get("keeps", [])),
    )


def _every_category_issue(
    expectation: Expectation, weights: Mapping[Category, float]
) -> str | None:
    """A file that does not score 100 says, for every scored category, whether it loses or
    keeps it: a point lost anywhere else is a leak that validation must catch."""
    if expectation.score == 100.0:
        return None
    scored = {c for c, weight in weights.items() if weight > 0}
    both = set(expectation.loses) & set(expectation.keeps)
    missing = scored - set(expectation.loses) - set(expectation.keeps)
    if both:
        return f"both loses and keeps {sorted(both)}; keep each category in one list"
    if missing:
        names = ", ".join(sorted(c.value for c in missing))
        return f"must say whether it loses or keeps {names}"
    return None


def read_expectations(
    files: Mapping[str, str], weights: Mapping[Category, float] | None
) -> tuple[list[Expectation], list[PackageIssue]]:
    """The known submissions of ``submissions/expected.yaml`` and every fault found: a
    name that is not a file of ``submissions/``, a file it does not list, a malformed
    expectation, a category neither lost nor kept (checked when ``weights`` are known)."""
    if EXPECTED not in files:
        reason = "missing; list each known submission and the outcome it must get"
        return [], [PackageIssue(EXPECTED, "", reason)]
    raw, issue = safe_yaml(EXPECTED, files[EXPECTED])
    if issue is not None:
        return [], [issue]
    raw = raw or {}
    if not isinstance(raw, dict):
        return [], [PackageIssue(EXPECTED, "", "must map file names to expectations")]
    expectations: list[Expectation] = []
    issues: list[PackageIssue] = []
    for name, spec in raw.items():
        path = f"{SUBMISSIONS}/{name}"
        if path not in files or path == EXPECTED:
            reason = f"'{name}' is not a file of {SUBMISSIONS}/; add it or remove this entry"
            issues.append(PackageIssue(EXPECTED, str(name), reason))
            continue
        try:
            expectation = _expectation(str(name), spec, files[path])
        except (ValueError, TypeError) as error:
            issues.append(PackageIssue(EXPECTED, str(name), str(error)))
            continue
        leak = _every_category_issue(expectation, weights) if weights is not None else None
        if leak is not None:
            issues.append(PackageIssue(EXPECTED, str(name), leak))
            continue
        expectations.append(expectation)
    listed = {f"{SUBMISSIONS}/{name}" for name in raw}
    for path in sorted(p for p in files if SUBMISSION_PATH.match(p) and p not in listed):
        reason = f"no expectation in {EXPECTED}; add one for {Path(path).name}"
        issues.append(PackageIssue(path, "", reason))
    return expectations, issues


def validate_package(files: Mapping[str, str], folder: str | None = None) -> list[PackageIssue]:
    """Every static fault of the package ``files``, in file order; empty when none.

    ``folder`` is the name of the package's folder, which the slug must equal (None: not
    known, as in a draft, whose folder is named after its slug)."""
    issues = storage_issues(files)
    for name in REQUIRED_FILES:
        if name not in files:
            issues.append(PackageIssue(name, "", f"missing; a package needs {name}"))
    storable = {p: t for p, t in files.items() if path_issue(p) is None and text_issue(t) is None}
    weights = None
    if "problem.yaml" in storable:
        meta, issue = safe_yaml("problem.yaml", storable["problem.yaml"])
        if issue is not None:
            issues.append(issue)
        else:
            metadata, found = check_metadata(meta, folder)
            issues += [PackageIssue("problem.yaml", i.field, i.reason) for i in found]
            weights = metadata.weights if metadata is not None else None
    for path, text in sorted(storable.items()):
        if path.endswith(".py"):
            python = python_issue(path, text)
            issues += [python] if python is not None else []
    for name in MARKDOWN_FILES:
        refusal = markdown_refusal(storable.get(name, ""))
        issues += [PackageIssue(name, "", refusal)] if refusal is not None else []
    if "hints.md" in storable:
        try:
            parse_hints(storable["hints.md"], Path("hints.md"))
        except ProblemError as error:
            reason = str(error).removeprefix("hints.md: ")
            issues.append(PackageIssue("hints.md", "", f"{reason} (each hint: '## <title>')"))
    issues += read_expectations(storable, weights)[1]
    return sorted(issues, key=lambda issue: (issue.file, issue.where))


def write_directory(files: Mapping[str, str], directory: Path) -> None:
    """Write ``files`` (paths in the package, as ``read_directory`` gives them) under
    ``directory``. Their paths must have passed ``path_issue``: nothing here checks them."""
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def read_directory(directory: Path) -> tuple[dict[str, str], list[PackageIssue]]:
    """The files of a package folder on disk, as the validator takes them (every file, so
    that stray ones are reported; Python's caches excluded), and those that are not UTF-8."""
    files, issues = {}, []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and CACHE not in path.parts:
            name = path.relative_to(directory).as_posix()
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:  # not read at all
                reason = f"{size} bytes; a file may have at most {MAX_FILE_BYTES} bytes"
                issues.append(PackageIssue(name, "", reason))
                continue
            text, issue = decode(name, path.read_bytes())
            if text is not None:
                files[name] = text
            issues += [issue] if issue is not None else []
    return files, issues
