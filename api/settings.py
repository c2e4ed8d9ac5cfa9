"""The one settings class: every knob is an environment variable prefixed ``NUMJUDGE_``."""

from __future__ import annotations

import functools
import logging
import os
import secrets
import stat
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILE = "secret_key"
PRIVATE_DIRECTORY_MODE = 0o700
log = logging.getLogger(__name__)
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
    cookie_secure: bool = False  # set true behind HTTPS: Secure, __Host- cookies
    # Host names the site answers to (comma-separated; "*" for any). Other Host headers: 400.
    allowed_hosts: str = "127.0.0.1,localhost,::1"
    # Addresses (IPs or networks, comma-separated) of reverse proxies whose X-Forwarded-For
    # and X-Forwarded-Proto are believed. Empty: the peer's own address is the client.
    trusted_proxies: str = ""
    # The site's address in the links the API and the command line hand out (password
    # resets), and a host name it answers to; empty: the address the request came to, or
    # http://host:port on the CLI.
    public_url: str = ""
    host: str = "127.0.0.1"  # the address `make run` serves on
    # API processes `make run` and compose start (uvicorn workers); 0: one per core.
    api_processes: Annotated[int, Field(ge=0)] = 0
    password_reset_hours: int = 24

    session_days: int = 14
    # Any request body; the code of a Run or submission has its own, smaller limit.
    max_body_bytes: Annotated[int, Field(ge=1024)] = 512 * 1024
    max_code_bytes: int = 64 * 1024
    # Failed logins per (username, client address); every attempt per client address is
    # limited to 3x this; failed logins per username from all addresses together:
    login_attempts_per_minute: int = 10
    login_failures_per_username_per_minute: Annotated[int, Field(ge=1)] = 100
    submissions_per_minute: int = 10
    runs_per_minute: int = 20
    # Fair queueing: a user's submissions queued or being judged, and Runs waiting at once.
    pending_submissions_per_user: Annotated[int, Field(ge=1)] = 3
    pending_runs_per_user: Annotated[int, Field(ge=1)] = 1

    # Argon2id password hashing: memory (KiB) and passes per hash, and how many hashes an
    # API process computes at once (0: one per CPU); a login waits this long for its turn.
    password_hash_memory_kib: Annotated[int, Field(ge=8)] = 19 * 1024
    password_hash_iterations: Annotated[int, Field(ge=1)] = 2
    password_hash_concurrency: Annotated[int, Field(ge=0)] = 0
    password_hash_wait_seconds: Annotated[float, Field(ge=0)] = 5.0

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
    # Warm sandboxes each worker process keeps started (0: start one per judging, on its path)
    # and how long one may wait before it is replaced (docs/judge.md, "The warm pool").
    sandbox_pool_size: Annotated[int, Field(ge=0)] = 2
    sandbox_pool_idle_seconds: Annotated[float, Field(gt=0)] = 300.0

    @model_validator(mode="after")
    def _derive(self) -> Settings:
        make_private_directory(self.data_dir)
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
    def allowed_host_names(self) -> frozenset[str]:
        """``NUMJUDGE_ALLOWED_HOSTS``, and the host of ``NUMJUDGE_PUBLIC_URL``: the address the
        site hands out in its links is one it answers to."""
        names = split_list(self.allowed_hosts, lower=True)
        public_host = urlsplit(self.public_url).hostname if self.public_url else None
        return frozenset(names + ([public_host] if public_host else []))

    @property
    def trusted_proxy_list(self) -> list[str]:
        return split_list(self.trusted_proxies)

    @property
    def running_timeout_seconds(self) -> int:
        """How long a submission may stay ``running`` before the sweep takes it back."""
        return self.judge_time_limit_seconds + self.running_grace_seconds


def split_list(value: str, *, lower: bool = False) -> list[str]:
    """A comma-separated setting as its items (IPv6 brackets dropped: ``[::1]`` is ``::1``)."""
    items = (item.strip().removeprefix("[").removesuffix("]") for item in value.split(","))
    return [item.lower() if lower else item for item in items if item]


def make_private_directory(path: Path) -> None:
    """Create ``path`` readable by its owner only (0700), or make it so: the data directory
    holds the database (every candidate's code, the password hashes), the secret and logs."""
    path.mkdir(mode=PRIVATE_DIRECTORY_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIRECTORY_MODE:
        try:
            path.chmod(PRIVATE_DIRECTORY_MODE)
        except PermissionError:
            log.warning("%s is readable by others and not ours to change; chmod 700 it", path)


def load_or_create_secret(data_dir: Path) -> str:
    """The secret in ``data_dir/secret_key``, written (mode 0600) on first use."""
    path = data_dir / SECRET_KEY_FILE
    if path.is_file():
        return path.read_text().strip()
    make_private_directory(data_dir)
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
