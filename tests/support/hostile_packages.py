"""Packages that try every way out of their containers (tests/hostile/packages/): a copy of
the mean-predictor fixture with escape.py and one hostile piece appended, and reading what
escape.py reports. Used by tests/sandbox/test_untrusted.py and the browser's import test."""

from __future__ import annotations

import json
import secrets
import shutil
from pathlib import Path

from tests.support.platform import FIXTURE_PROBLEMS_DIR

HOSTILE_PACKAGES_DIR = Path(__file__).parents[1] / "hostile" / "packages"


def hostile_package(tmp_path: Path, additions: dict[str, str]) -> tuple[Path, Path, str]:
    """A copy of mean-predictor whose files named in ``additions`` end with escape.py and
    that piece of tests/hostile/packages/; its folder, the host's marker path (which must
    never exist) and a secret the package must never read."""
    directory = tmp_path / "mean-predictor"
    shutil.copytree(FIXTURE_PROBLEMS_DIR / "mean-predictor", directory)
    secret = secrets.token_hex(16)
    secret_path = tmp_path / "secret.txt"
    secret_path.write_text(secret)
    marker = tmp_path / "escaped-marker"
    prelude = (
        f"SECRET_PATH = {str(secret_path)!r}\nMARKER_PATH = {str(marker)!r}\n"
        + (HOSTILE_PACKAGES_DIR / "escape.py").read_text()
    )
    for target, piece in additions.items():
        original = (directory / target).read_text()
        addition = (HOSTILE_PACKAGES_DIR / piece).read_text()
        (directory / target).write_text(f"{original}\n{prelude}\n{addition}")
    return directory, marker, secret


def assert_all_failed(attempts: dict[str, str]) -> None:
    assert set(attempts) == {"read", "write", "docker", "postgres"}
    for name, outcome in attempts.items():
        assert outcome.startswith("failed: "), f"{name}: {outcome}"


def escape_reports(text: str) -> list[dict[str, str]]:
    """What escape.py found, out of a message: ``ESCAPE [at import, at run time]``."""
    assert "ESCAPE [" in text, text  # (a traceback may quote the source line first)
    found, _ = json.JSONDecoder().raw_decode("[" + text.split("ESCAPE [", 1)[1])
    assert isinstance(found, list)
    return found
