"""Password hashing: the parameters come from the settings, at most ``concurrency`` hashes run
at once, and an unknown username costs what a known one does."""

from __future__ import annotations

import re
import threading
import time

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import update

from api.db import make_engine, make_session_factory, transaction
from api.settings import Settings
from api.users import service
from api.users.models import User
from api.users.passwords import PasswordHashing, hashing_for
from tests.support.platform import PASSWORD, client_as

PARAMETERS = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$")


def parameters(encoded: str) -> tuple[int, ...]:
    found = PARAMETERS.match(encoded)
    assert found, encoded
    return tuple(int(value) for value in found.groups())


def test_hashes_use_the_configured_parameters_and_unknown_users_the_same() -> None:
    hashing = PasswordHashing(memory_kib=8 * 1024, iterations=3, concurrency=1, wait_seconds=1)
    assert parameters(hashing.hash("a long password")) == (8 * 1024, 3, 1)
    assert parameters(hashing.dummy_hash) == (8 * 1024, 3, 1)
    assert hashing.check("a long password", None) == (False, None)


def test_defaults_are_sized_for_a_small_machine() -> None:
    """argon2-cffi's defaults (64 MiB, 4 lanes) took 1.4 GB for 20 parallel logins."""
    defaults = Settings.model_construct()
    hashing = hashing_for(defaults)
    assert parameters(hashing.hash("a long password")) == (19 * 1024, 2, 1)
    assert hashing.concurrency >= 1


def test_no_more_than_concurrency_hashes_run_at_once() -> None:
    hashing = PasswordHashing(memory_kib=8 * 1024, iterations=2, concurrency=2, wait_seconds=60)
    stored = hashing.hash(PASSWORD)
    threads = [
        threading.Thread(target=hashing.check, args=(PASSWORD if i % 2 else "wrong", stored))
        for i in range(8)
    ]
    with hashing.turn():  # one turn held here: the eight checks share the other one
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while hashing.peak < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    for thread in threads:
        thread.join()
    assert hashing.peak == 2


def test_a_hash_made_with_other_parameters_is_replaced_at_login(settings: Settings) -> None:
    legacy = PasswordHash((Argon2Hasher(memory_cost=65536, time_cost=3, parallelism=4),))
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        session.execute(
            update(User)
            .where(User.username == "candidate")
            .values(password_hash=legacy.hash(PASSWORD))
        )
    client = client_as(settings, None)
    login = {"username": "candidate", "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    with transaction(factory) as session:
        user = service.require_by_username(session, "candidate")
        assert parameters(user.password_hash) == (
            settings.password_hash_memory_kib,
            settings.password_hash_iterations,
            1,
        )
