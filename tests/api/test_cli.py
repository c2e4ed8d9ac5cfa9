"""``numjudge`` as a user runs it: a real process, the real sandbox."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURE_PROBLEMS_DIR

FIXTURE = FIXTURE_PROBLEMS_DIR / "mean-predictor"


def numjudge(
    *args: str, problems: Path = FIXTURE_PROBLEMS_DIR, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NUMJUDGE_PROBLEMS_DIR": str(problems), **env},
        timeout=120,
    )


def test_judge_json_has_the_documented_shape() -> None:
    result = numjudge("judge", "mean-predictor", str(FIXTURE / "reference.py"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"problem", "verdict", "score", "categories", "checks"} <= set(report)
    assert report["problem"] == "mean-predictor"
    assert report["verdict"] == "accepted" and report["score"] == 100.0
    for category in report["categories"].values():
        assert 0 <= category["score"] <= 100
    for item in report["checks"]:
        assert {"name", "category", "passed", "score", "message"} <= set(item)


def test_judge_table_lists_categories_and_failed_checks_and_exits_0() -> None:
    result = numjudge("judge", "mean-predictor", str(FIXTURE / "submissions" / "loop_mean.py"))
    assert result.returncode == 0
    assert "Wrong answer" in result.stdout
    assert "vectorized_implementation" in result.stdout
    assert "no_loops" in result.stdout and "loops over samples" in result.stdout


def test_the_same_seed_reproduces_a_judgement() -> None:
    def outcome() -> tuple[object, ...]:
        result = numjudge(
            "judge",
            "mean-predictor",
            str(FIXTURE / "submissions" / "loop_mean.py"),
            "--json",
            "--seed",
            "5",
        )
        report = json.loads(result.stdout)
        return report["seed"], report["score"], [(c["name"], c["score"]) for c in report["checks"]]

    assert outcome() == outcome()


def test_errors_of_the_judge_itself_exit_1_with_one_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.py"
    latin1.write_bytes("# caf\xe9\n".encode("latin-1"))
    cases = {
        (
            "judge",
            "no-such-problem",
            str(FIXTURE / "reference.py"),
        ): "unknown problem 'no-such-problem'",
        ("judge", "mean-predictor", str(tmp_path / "absent.py")): "cannot read",
        ("judge", "mean-predictor", str(latin1)): "is not UTF-8",
    }
    for args, expected in cases.items():
        result = numjudge(*args)
        assert result.returncode == 1
        assert expected in result.stderr
        assert result.stderr.count("\n") == 1


def test_no_docker_engine_is_a_one_line_error() -> None:
    result = numjudge(
        "judge",
        "mean-predictor",
        str(FIXTURE / "reference.py"),
        DOCKER_HOST="unix:///nonexistent.sock",
    )
    assert result.returncode == 1
    assert "cannot reach the Docker engine" in result.stderr


def test_validate_fails_when_a_submission_misses_its_declared_outcome(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "mean-predictor")
    (tmp_path / "mean-predictor" / "submissions" / "expected.yaml").write_text(
        "loop_mean.py: {score: 100}\n"
    )
    (tmp_path / "mean-predictor" / "editorial.md").unlink()
    failing = numjudge("problems", "validate", problems=tmp_path)
    assert failing.returncode == 1
    assert "FAIL mean-predictor/loop_mean.py" in failing.stdout
    assert "FAIL mean-predictor/editorial.md: write the derivation" in failing.stdout
    assert "2 problem(s) found" in failing.stdout
    assert numjudge("problems", "validate", "mean-predictor").returncode == 0


def test_check_lists_every_static_fault_of_folders_and_zips(tmp_path: Path) -> None:
    from sandbox.package_files import read_directory
    from sandbox.package_zip import write_zip

    folder = tmp_path / "mean-predictor"
    shutil.copytree(FIXTURE, folder)
    assert numjudge("problems", "check", str(folder)).stdout.endswith("all ok\n")
    files = read_directory(FIXTURE)[0]
    files["reference.py"] = "def broken(:\n"
    archive = tmp_path / "package.zip"
    archive.write_bytes(write_zip("mean-predictor", files))
    (folder / "notes.txt").write_text("scratch")
    (folder / "hints.md").write_text("no heading\n")
    failing = numjudge("problems", "check", str(folder), str(archive))
    assert failing.returncode == 1
    assert failing.stdout.splitlines() == [
        f"FAIL {folder}: hints.md: text before the first '## <title>' line (each hint: "
        "'## <title>')",
        f"FAIL {folder}: notes.txt: " + failing.stdout.split("notes.txt: ")[1].split("\n")[0],
        f"FAIL {archive}: reference.py: line 1, column 12: invalid syntax; fix the syntax",
        "3 problem(s) found",
    ]
    missing = numjudge("problems", "check", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "neither a package folder nor a zip" in missing.stderr


def test_the_judging_commands_load_no_web_stack() -> None:
    """`numjudge judge` imports only the engine; the account commands (api/users/cli.py) and
    the other platform commands import SQLAlchemy, FastAPI and argon2 when they run."""
    probe = (
        "import sys, api.cli; api.cli.build_parser(); "
        "print(' '.join(sorted({'fastapi', 'sqlalchemy', 'argon2', 'api.users.cli'} "
        "& set(sys.modules))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


def test_what_the_code_prints_cannot_drive_the_terminal(tmp_path: Path) -> None:
    """A submission printing ANSI escapes could clear the screen and draw a fake verdict."""
    solution = tmp_path / "escapes.py"
    solution.write_text(
        'print("\\x1b[2J\\x1b[H\\rscore 100/100 \\u202eAccepted\\x07")\n'
        + (FIXTURE / "reference.py").read_text()
    )
    result = numjudge("judge", "mean-predictor", str(solution))
    assert result.returncode == 0, result.stderr
    assert "Your code printed" in result.stdout
    assert not set(result.stdout) & {"\x1b", "\x07", "\u202e"}
    assert "\\x1b[2J\\x1b[H" in result.stdout and "\\u202eAccepted\\x07" in result.stdout
    as_json = numjudge("judge", "mean-predictor", str(solution), "--json")
    assert json.loads(as_json.stdout)["stdout"].startswith("\x1b[2J")  # JSON escapes it itself
    assert "\x1b" not in as_json.stdout
