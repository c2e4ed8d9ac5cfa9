"""The one settings class: every knob is an environment variable prefixed ``NUMJUDGE_``."""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILE = "secret_key"
# Values copied from examples and tutorials; a production server must not run with them.
KNOWN_DEFAULT_SECRETS = frozenset(
    {
        "",
        "changeme",
        "change-me",
        "changethis",
        "secret",
        "secret-key",
        "dev",
        "development",
        "test",
    }
)
MIN_SECRET_LENGTH = 32


class SettingsError(Exception):
    """The settings cannot be used; the message says which variable to fix."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NUMJUDGE_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str = ""  # empty: a SQLite file under data_dir
    redis_url: str = "redis://127.0.0.1:6379/0"
    port: int = 8000
    secret_key: str = ""  # empty: generated once into data_dir/secret_key
    open_registration: bool = False
    problems_dir: Path = Path("problems")
    cookie_secure: bool = False  # set true behind HTTPS
    # The site's address in the links the API and the command line hand out (password
    # resets); empty: the address the request came to, or http://host:port on the CLI.
    public_url: str = ""
    host: str = "127.0.0.1"  # the address `make run` serves on
    password_reset_hours: int = 24

    session_days: int = 14
    max_code_bytes: int = 64 * 1024
    login_attempts_per_minute: int = 10
    submissions_per_minute: int = 10
    runs_per_minute: int = 20

    # Judging: the Celery hard time limit, how long a "Run" waits, and when the sweep steps in.
    judge_time_limit_seconds: int = 600
    run_wait_seconds: float = 120.0
    queued_timeout_seconds: int = 120
    running_grace_seconds: int = 60
    sweep_interval_seconds: float = 30.0
    sse_poll_seconds: float = 15.0  # how long an SSE stream waits before checking the database
    sse_max_streams: int = 2000  # open SSE streams per API process (one Redis connection each)
    max_attempts: int = 3
    sandbox_image: str = ""  # empty: the tag sandbox.image derives from the NumPy version

    @model_validator(mode="after")
    def _derive(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / 'numjudge.db').resolve()}"
        if not self.secret_key:
            self.secret_key = load_or_create_secret(self.data_dir)
        if self.environment == "production" and (
            self.secret_key.strip().lower() in KNOWN_DEFAULT_SECRETS
            or len(self.secret_key) < MIN_SECRET_LENGTH
        ):
            raise SettingsError(
                "NUMJUDGE_SECRET_KEY is a known default or shorter than "
                f"{MIN_SECRET_LENGTH} characters; unset it to generate one into the data "
                "directory, or set a long random value"
            )
        return self

    @property
    def running_timeout_seconds(self) -> int:
        """How long a submission may stay ``running`` before the sweep takes it back."""
        return self.judge_time_limit_seconds + self.running_grace_seconds


def load_or_create_secret(data_dir: Path) -> str:
    """The secret in ``data_dir/secret_key``, written (mode 0600) on first use."""
    path = data_dir / SECRET_KEY_FILE
    if path.is_file():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its secret
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secret + "\n")
    return secret


@functools.cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()
