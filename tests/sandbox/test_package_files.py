"""Static validation of a package given as files, and packages as zips: every fault is
listed with its file, where in it and what to do; nothing is imported or run."""

from __future__ import annotations

import io
import random
import stat
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from sandbox.package_files import (
    MAX_FILE_BYTES,
    MAX_FILES,
    PackageIssue,
    read_directory,
    validate_package,
)
from sandbox.package_text import MAX_MARKDOWN_CHARS
from sandbox.package_zip import MAX_MEMBERS, read_zip, write_zip
from sandbox.problem import list_slugs
from tests.support.platform import FIXTURE_PROBLEMS_DIR, ROOT

PROBLEMS_DIR = ROOT / "problems"


def fixture_files() -> dict[str, str]:
    files, issues = read_directory(FIXTURE_PROBLEMS_DIR / "mean-predictor")
    assert not issues
    return files


def places(issues: list[PackageIssue]) -> set[tuple[str, str]]:
    return {(issue.file, issue.where) for issue in issues}


@pytest.mark.parametrize("slug", list_slugs(PROBLEMS_DIR))
def test_every_package_of_the_bank_is_valid_and_survives_a_zip(slug: str) -> None:
    files, issues = read_directory(PROBLEMS_DIR / slug)
    assert issues + validate_package(files, slug) == []
    unzipped = read_zip(write_zip(slug, files))
    assert (unzipped.slug, unzipped.files, unzipped.issues) == (slug, files, [])


def test_a_package_with_many_faults_gets_every_one_listed() -> None:
    files = fixture_files()
    meta = yaml.safe_load(files["problem.yaml"])
    meta.update(
        slug="Not A Slug",
        difficulty="trivial",
        topic="astrology",
        rubric={"mathematical_correctness": "lots", "speed": 5, "convergence_awareness": 0},
        limits={"memory_mb": 256, "cpus": 4},
        curve="fit_small",
        version="two",
        entry_point={"methods": "fit"},
    )
    files["problem.yaml"] = yaml.safe_dump(meta)
    del files["statement.md"]
    files["reference.py"] = "class MeanPredictor:\n    def fit(self, X, y)\n        pass\n"
    files["checks.py"] += "\ndef broken(:\n"
    files["hints.md"] = "Preamble before any hint\n## One\ntext\n"
    files["notes.txt"] = "scratch"
    files["submissions/../escape.py"] = "x = 1\n"
    files["submissions/unlisted.py"] = "x = 1\n"
    files["submissions/nul.py"] = "x = 1\0\n"
    files["submissions/huge.py"] = "#" * (MAX_FILE_BYTES + 1)
    files["submissions/expected.yaml"] += (
        "ghost.py: {score: 100}\nunlisted_typo.py: {score: 100}\n"
        "loop_mean.py: {score: 100, verdict: flawless}\n"
    )
    issues = validate_package(files, "mean-predictor")
    assert {
        ("problem.yaml", "slug"),
        ("problem.yaml", "difficulty"),
        ("problem.yaml", "topic"),
        ("problem.yaml", "rubric"),
        ("problem.yaml", "rubric.mathematical_correctness"),
        ("problem.yaml", "not_applicable.convergence_awareness"),
        ("problem.yaml", "limits"),
        ("problem.yaml", "curve"),
        ("problem.yaml", "version"),
        ("problem.yaml", "entry_point.methods"),
        ("problem.yaml", "entry_point"),
        ("statement.md", ""),
        ("reference.py", "line 2, column 24"),
        ("hints.md", ""),
        ("notes.txt", ""),
        ("submissions/../escape.py", ""),
        ("submissions/unlisted.py", ""),
        ("submissions/nul.py", ""),
        ("submissions/huge.py", ""),
        ("submissions/expected.yaml", "ghost.py"),
        ("submissions/expected.yaml", "unlisted_typo.py"),
        ("submissions/expected.yaml", "loop_mean.py"),
    } <= places(issues)
    assert any(i.file == "checks.py" and i.where.startswith("line ") for i in issues)
    assert len(issues) >= 23
    for issue in issues:  # each says what to do
        assert issue.reason and str(issue).startswith(issue.file)


def test_expected_yaml_must_say_what_each_wrong_file_loses_or_keeps() -> None:
    files = fixture_files()
    files["submissions/expected.yaml"] = "loop_mean.py: {loses: [vectorized_implementation]}\n"
    (issue,) = validate_package(files)
    assert (issue.file, issue.where) == ("submissions/expected.yaml", "loop_mean.py")
    assert "must say whether it loses or keeps" in issue.reason
    del files["submissions/expected.yaml"]
    (issue,) = validate_package(files)
    assert issue.file == "submissions/expected.yaml" and "missing" in issue.reason


def test_yaml_aliases_are_refused_before_anything_expands() -> None:
    files = fixture_files()
    laughs = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    laughs += [
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    files["problem.yaml"] += "\n" + "\n".join(laughs) + "\ntags: *i\n"
    (issue,) = validate_package(files, "mean-predictor")
    assert issue.file == "problem.yaml" and "aliases" in issue.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[" * 100_000, "a YAML file may have at most"),  # minutes in PyYAML's scanner
        ("x: " + "{" * 5000, "nest at most 64 levels"),
        ("x: " + "9" * 5000, "not valid YAML (ValueError"),  # past Python's int digits
        ("- " * 20_000 + "x", "not valid YAML (RecursionError"),
        ("a: !!python/object/apply:os.system [true]", "could not determine a constructor"),
    ],
)
def test_hostile_yaml_is_a_fault_found_quickly(text: str, reason: str) -> None:
    files = fixture_files()
    files["problem.yaml"] = text
    started = time.monotonic()
    (issue,) = validate_package(files, "mean-predictor")
    assert issue.file == "problem.yaml" and reason in issue.reason
    assert time.monotonic() - started < 5


def test_markdown_past_the_limit_is_a_fault() -> None:
    files = fixture_files()
    files["editorial.md"] = "[" * (MAX_MARKDOWN_CHARS + 1)
    (issue,) = validate_package(files, "mean-predictor")
    assert issue.file == "editorial.md" and "a Markdown file may have at most" in issue.reason


def test_python_files_are_parsed_never_run(tmp_path: Path) -> None:
    files = fixture_files()
    marker = tmp_path / "ran"
    files["probes.py"] = f"open({str(marker)!r}, 'w').write('x')\n"
    files["checks.py"] = "(" * 5000 + ")" * 5000 + "\n"  # too deep for the parser
    issues = validate_package(files, "mean-predictor")
    assert [i.file for i in issues] == ["checks.py"], issues
    assert not marker.exists()


def zip_of(members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            archive.writestr(info, data)
    return buffer.getvalue()


def package_members(slug: str = "mean-predictor") -> list[tuple[zipfile.ZipInfo | str, bytes]]:
    return [(f"problems/{slug}/{p}", t.encode()) for p, t in fixture_files().items()]


def special(name: str, kind: int) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (kind | 0o644) << 16
    return info, b""


def symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


@pytest.mark.parametrize(
    ("extra", "where", "reason"),
    [
        (
            [("problems/mean-predictor/../../etc/cron.d/x", b"x")],
            "problems/mean-predictor/..",
            "..",
        ),
        ([("/etc/passwd", b"root")], "/etc/passwd", "absolute"),
        ([("problems\\mean-predictor\\x.py", b"x")], "problems\\", "non-portable"),
        ([symlink("problems/mean-predictor/hints.md.link", "/etc/shadow")], "", "symbolic link"),
        ([special("problems/mean-predictor/fifo", stat.S_IFIFO)], "fifo", "not a regular file"),
        ([("problems/mean-predictor/submissions/ünïcode.py", b"x = 1")], "ünïcode.py", "rename"),
        ([("problems/mean-predictor/starter.py", b"# again")], "starter.py", "twice"),
        ([("problems/mean-predictor/statement.md.bak", b"\xff\xfe")], "statement.md.bak", ""),
        (
            [("problems/mean-predictor/submissions/latin1.py", "é = 1".encode("latin-1"))],
            "submissions/latin1.py",
            "UTF-8",
        ),
        ([("problems/other-problem/problem.yaml", b"slug: other-problem")], "the zip", "one"),
        ([("README.md", b"hello")], "README.md", "outside"),
    ],
)
def test_malformed_zips_are_refused_with_the_reason(
    extra: list[tuple[zipfile.ZipInfo | str, bytes]], where: str, reason: str
) -> None:
    package = read_zip(zip_of(package_members() + extra))
    issues = package.issues + validate_package(package.files, package.slug or None)
    assert any(where in i.file and reason in i.reason for i in issues), issues


def test_python_caches_in_a_zip_are_skipped() -> None:
    cache = ("problems/mean-predictor/__pycache__/checks.cpython-311.pyc", b"\xa7\r\r\n\0")
    package = read_zip(zip_of([*package_members(), cache]))
    assert (package.files, package.issues) == (fixture_files(), [])


def test_an_encrypted_member_is_refused() -> None:
    name = b"problems/mean-predictor/submissions/secret.py"
    data = bytearray(zip_of([*package_members(), (name.decode(), b"x = 1")]))
    flags_at = data.rfind(name) - 46 + 8  # the central header's general purpose flags
    data[flags_at] |= 0x1  # what a password-protected member declares
    (issue,) = read_zip(bytes(data)).issues
    assert issue.file == name.decode() and "encrypted" in issue.reason


def test_zip_bombs_stop_at_the_limits() -> None:
    bomb = [("problems/mean-predictor/statement.md", b"0" * (50 * MAX_FILE_BYTES))]
    members = [m for m in package_members() if not str(m[0]).endswith(".md")] + bomb
    data = zip_of(members)
    assert len(data) < MAX_FILE_BYTES / 4  # small to send, huge unpacked
    package = read_zip(data)
    assert [i.reason for i in package.issues if i.file.endswith("statement.md")] == [
        f"more than {MAX_FILE_BYTES} bytes unpacked; a file may have at most that"
    ]
    many = [(f"problems/mean-predictor/submissions/f{n}.py", b"") for n in range(MAX_MEMBERS)]
    (issue,) = read_zip(zip_of(package_members() + many)).issues
    assert "members" in issue.reason and MAX_FILES < MAX_MEMBERS


def test_a_member_that_lies_about_its_size_is_read_no_further_than_it_declares() -> None:
    name = b"problems/mean-predictor/editorial.md"
    data = bytearray(zip_of([*package_members()[:1], (name.decode(), b"y" * 5000)]))
    # The central directory says 10 bytes: the read stops there, and the CRC of the 10
    # bytes read does not match the member's.
    size_at = data.rfind(name) - 46 + 24  # the central header's uncompressed size
    data[size_at : size_at + 4] = (10).to_bytes(4, "little")
    package = read_zip(bytes(data))
    assert "editorial.md" not in package.files
    assert any("cannot be unpacked" in i.reason for i in package.issues), package.issues


def test_not_a_zip_is_said_so() -> None:
    (issue,) = read_zip(b"PK\x03\x04 this is not really a zip").issues
    assert issue.file == "the zip" and "not a readable zip archive" in issue.reason


def test_the_export_is_the_same_bytes_for_the_same_files() -> None:
    files = fixture_files()
    assert write_zip("mean-predictor", files) == write_zip(
        "mean-predictor", dict(reversed(files.items()))
    )
    names = zipfile.ZipFile(io.BytesIO(write_zip("mean-predictor", files))).namelist()
    assert names == sorted(f"problems/mean-predictor/{p}" for p in files)


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_corrupt_zips_are_faults_never_crashes(method: int) -> None:
    """Seeded byte flips and truncations (zlib, bz2 and lzma errors, bad CRCs, broken
    directories): each is listed as a fault, none escapes as an exception (a 500)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in package_members():
            archive.writestr(name, data)
    good = buffer.getvalue()
    assert read_zip(good).files == fixture_files()
    rng = random.Random(method)
    faults = 0
    for _ in range(400):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        package = read_zip(bytes(data))
        faults += bool(package.issues + validate_package(package.files, package.slug or None))
    assert faults > 300
